package io.mirrorconnect.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    @Test
    void rendersGroupsInOrderWithDefaultsAndValidators() {
        ConfigDef def = new ConfigDef()
                .define("b.second", Type.INT, 5, ConfigDef.Range.atLeast(1), Importance.LOW, "Second | with pipe.",
                        "Group A", 2, Width.SHORT, "B")
                .define("a.first", Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, "First.\nTwo lines.",
                        "Group A", 1, Width.SHORT, "A")
                .define("secret", Type.PASSWORD, "", Importance.HIGH, "A secret.", "Group B", 1, Width.SHORT, "S")
                .define("loose", Type.BOOLEAN, true, Importance.MEDIUM, "No group.");
        String md = ConfigDocs.markdown("demo configuration", "com.example.Demo", def);
        assertThat(md).isEqualTo("""
                # demo configuration

                `com.example.Demo`

                <!-- Generated from the connector's ConfigDef by io.mirrorconnect.config.ConfigDocs; do not edit. -->
                <!-- Regenerate: run the module's ConfigDocsTest with -Dgolden.update=true. -->

                ## Group A

                | property | type | default | valid values | importance | description |
                |---|---|---|---|---|---|
                | `a.first` | string | required |  | high | First. Two lines. |
                | `b.second` | int | `5` | [1,...] | low | Second \\| with pipe. |

                ## Group B

                | property | type | default | valid values | importance | description |
                |---|---|---|---|---|---|
                | `secret` | password | empty |  | high | A secret. |

                ## Other

                | property | type | default | valid values | importance | description |
                |---|---|---|---|---|---|
                | `loose` | boolean | `true` |  | medium | No group. |
                """);
    }
}
