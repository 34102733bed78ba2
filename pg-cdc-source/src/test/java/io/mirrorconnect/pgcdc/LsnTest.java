package io.mirrorconnect.pgcdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LsnTest {
    @Test
    void parsesAndPrintsPostgresForm() {
        Lsn lsn = Lsn.parse("16/B374D848");
        assertThat(lsn.asLong()).isEqualTo(0x16B374D848L);
        assertThat(lsn.toString()).isEqualTo("16/B374D848");
        assertThat(Lsn.valueOf(0x16B374D848L)).isEqualTo(lsn).hasSameHashCodeAs(lsn);
        assertThat(Lsn.parse("0/0")).isSameAs(Lsn.INVALID);
        assertThat(Lsn.INVALID.isValid()).isFalse();
        assertThat(Lsn.parse("0/1A").toString()).isEqualTo("0/1A");
        assertThat(Lsn.parse("ffffffff/ffffffff").asLong()).isEqualTo(-1L);
        assertThat(Lsn.valueOf(-1L).toString()).isEqualTo("FFFFFFFF/FFFFFFFF");
    }

    @Test
    void comparesUnsigned() {
        Lsn high = Lsn.valueOf(0x8000000000000000L);
        Lsn low = Lsn.valueOf(1);
        assertThat(high).isGreaterThan(low);
        assertThat(low.isBefore(high)).isTrue();
        assertThat(Lsn.INVALID).isLessThan(low);
        assertThat(Lsn.parse("1/0")).isGreaterThan(Lsn.parse("0/FFFFFFFF"));
    }

    @Test
    void rejectsGarbageNamingIt() {
        for (String bad : new String[] {"", "16", "/1", "1/", "x/1", "1/2/3", "123456789/0"}) {
            assertThatThrownBy(() -> Lsn.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
