package io.mirrorconnect.pgcdc.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.pgcdc.types.PgValueException;

class BinaryCopyFramingTest {
    private static byte[] header(int flags, byte[] extension, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(19 + extension.length + rest.length);
        b.put(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        b.putInt(flags).putInt(extension.length).put(extension).put(rest);
        return b.array();
    }

    @Test
    void headerExtensionAndTrailer() {
        assertThat(BinaryCopyFraming.afterHeader(header(0, new byte[0], new byte[0]))).isEqualTo(19);
        byte[] withExtAndTuple = header(0, new byte[] {9, 9, 9}, new byte[] {0, 1, 0, 0, 0, 0});
        assertThat(BinaryCopyFraming.afterHeader(withExtAndTuple)).isEqualTo(22);
        assertThat(BinaryCopyFraming.isTrailer(new byte[] {(byte) 0xFF, (byte) 0xFF}, 0, 2)).isTrue();
        assertThat(BinaryCopyFraming.isTrailer(new byte[] {0, 1, 0, 0, 0, 0}, 0, 6)).isFalse();
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> BinaryCopyFraming.afterHeader("1\t2\n".getBytes()))
                .isInstanceOf(PgValueException.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> BinaryCopyFraming.afterHeader(header(1 << 16, new byte[0], new byte[0])))
                .isInstanceOf(PgValueException.class).hasMessageContaining("flags");
        byte[] cut = header(0, new byte[0], new byte[0]);
        ByteBuffer.wrap(cut).putInt(15, 100);
        assertThatThrownBy(() -> BinaryCopyFraming.afterHeader(cut)).hasMessageContaining("cut off");
    }
}
