package io.mirrorconnect.ddl.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrorconnect.ddl.compiler.ConverterSettings.AvroConverter;
import io.mirrorconnect.ddl.compiler.ConverterSettings.RegistryCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConverterSettingsTest {
    private static Map<String, String> props(ConverterSettings s) {
        PropertyWriter w = new PropertyWriter();
        s.writeTo(w);
        return w.build();
    }

    @Test
    void confluentByDefault() {
        assertThat(props(ConverterSettings.avro("http://sr:8081"))).containsExactly(
                Map.entry("key.converter", "io.confluent.connect.avro.AvroConverter"),
                Map.entry("key.converter.schema.registry.url", "http://sr:8081"),
                Map.entry("value.converter", "io.confluent.connect.avro.AvroConverter"),
                Map.entry("value.converter.schema.registry.url", "http://sr:8081"));
    }

    @Test
    void confluentCredentialsAreOneUserInfoValueAndReferencesPassThrough() {
        Map<String, String> p = props(ConverterSettings.avro("https://sr", AvroConverter.CONFLUENT,
                new RegistryCredentials("${file:/s.properties:user}", "${file:/s.properties:password}")));
        assertThat(p).containsEntry("value.converter.basic.auth.credentials.source", "USER_INFO")
                .containsEntry("value.converter.basic.auth.user.info",
                        "${file:/s.properties:user}:${file:/s.properties:password}")
                .containsEntry("key.converter.basic.auth.user.info",
                        "${file:/s.properties:user}:${file:/s.properties:password}");
    }

    @Test
    void apicurioWritesConfluentWireFormatWithContentIds() {
        Map<String, String> p = props(ConverterSettings.avro("http://registry:8080/", AvroConverter.APICURIO,
                new RegistryCredentials("mirror", "${env:REGISTRY_PASSWORD}")));
        for (String side : new String[] {"key", "value"}) {
            String c = side + ".converter";
            assertThat(p).containsEntry(c, "io.apicurio.registry.utils.converter.AvroConverter")
                    .containsEntry(c + ".apicurio.registry.url", "http://registry:8080/apis/registry/v2")
                    .containsEntry(c + ".apicurio.registry.auto-register", "true")
                    .containsEntry(c + ".apicurio.registry.find-latest", "true")
                    .containsEntry(c + ".apicurio.registry.as-confluent", "true")
                    .containsEntry(c + ".apicurio.registry.use-id", "contentId")
                    .containsEntry(c + ".apicurio.registry.headers.enabled", "false")
                    .containsEntry(c + ".apicurio.auth.username", "mirror")
                    .containsEntry(c + ".apicurio.auth.password", "${env:REGISTRY_PASSWORD}");
        }
        assertThat(p.keySet()).noneMatch(k -> k.contains("schema.registry.url") || k.contains("basic.auth"));
    }

    @Test
    void apicurioUrlIsTheV2Api() {
        assertThat(ConverterSettings.apicurioUrl("http://r:8080")).isEqualTo("http://r:8080/apis/registry/v2");
        assertThat(ConverterSettings.apicurioUrl("http://r:8080/apis/registry/v2/"))
                .isEqualTo("http://r:8080/apis/registry/v2");
        assertThat(ConverterSettings.apicurioUrl("https://r/base")).isEqualTo("https://r/base/apis/registry/v2");
        assertThatThrownBy(() -> ConverterSettings.apicurioUrl("http://r:8080/apis/ccompat/v7"))
                .hasMessageContaining("the Apicurio converter talks to the registry's /apis/registry/v2 API");
    }

    @Test
    void passwordsStayOutOfToString() {
        assertThat(new RegistryCredentials("u", "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void jsonHasNoRegistry() {
        assertThat(props(ConverterSettings.json())).containsEntry("value.converter.schemas.enable", "true");
        assertThatThrownBy(() -> new ConverterSettings(ConverterSettings.Format.JSON, "http://sr", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
