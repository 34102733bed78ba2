package io.mirrorconnect.clickhouse.rowbinary;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * Values in the shapes Avro converters (Confluent's and Apicurio's AvroData) hand back, which differ from what
 * JsonConverter or the source put in: bytes as {@link ByteBuffer} (positioned anywhere, read-only, direct), text
 * as Avro's {@code Utf8} (a {@link CharSequence} that is not a String) where a converter passes it through,
 * decimals rebuilt from Avro's two's-complement bytes, arrays as Avro's own List implementation.
 */
class AvroConvertedValuesTest {
    private static String hex(String type, Schema schema, Object value) {
        RowBinaryOutput out = new RowBinaryOutput();
        RowBinaryEncoder.column("c", type, schema).write(out, value);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    /** Avro's Utf8 stand-in: a CharSequence that is not a String (Avro is not on this module's class path). */
    private static CharSequence utf8(String s) {
        return new StringBuilder(s);
    }

    @Test
    void byteBuffersWriteTheirRemainingBytesOnly() {
        ByteBuffer positioned = ByteBuffer.wrap(new byte[] {7, 7, 0, (byte) 0xff, 7});
        positioned.position(2).limit(4);
        assertThat(hex("String", Schema.BYTES_SCHEMA, positioned)).isEqualTo("0200ff");
        assertThat(positioned.position()).as("the value is not consumed").isEqualTo(2);
        assertThat(hex("String", Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {1, 2}).asReadOnlyBuffer()))
                .isEqualTo("020102");
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {0, 1, 2}).flip();
        assertThat(hex("Nullable(String)", Schema.OPTIONAL_BYTES_SCHEMA, direct)).isEqualTo("0003000102");
        assertThat(hex("String", Schema.BYTES_SCHEMA, ByteBuffer.allocate(0))).isEqualTo("00");
        assertThat(hex("FixedString(3)", null, ByteBuffer.wrap(new byte[] {5}).asReadOnlyBuffer())).isEqualTo("050000");
    }

    @Test
    void arraysAndMapsOfAvroValues() {
        Schema bytesArray = SchemaBuilder.array(Schema.OPTIONAL_BYTES_SCHEMA).build();
        List<Object> avroArray = new ArrayList<>(Arrays.asList(ByteBuffer.wrap(new byte[] {(byte) 0x80}), null));
        assertThat(hex("Array(Nullable(String))", bytesArray, avroArray)).isEqualTo("02" + "000180" + "01");

        Schema decimals = SchemaBuilder.array(Decimal.builder(2).optional().build()).build();
        assertThat(hex("Array(Nullable(Decimal(10, 2)))", decimals,
                Arrays.asList(new BigDecimal(new java.math.BigInteger(new byte[] {(byte) 0xff, 0x38}), 2), null)))
                .as("-2.00 decoded from Avro bytes ff38").isEqualTo("02" + "00" + "38ffffffffffffff" + "01");

        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(utf8("k"), utf8("v"));
        map.put("n", null);
        Schema mapSchema = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build();
        assertThat(hex("Map(String, Nullable(String))", mapSchema, map))
                .isEqualTo("02" + "016b" + "000176" + "016e" + "01");
    }

    @Test
    void avroTextIsAcceptedWhereStringsAre() {
        assertThat(hex("String", Schema.STRING_SCHEMA, utf8("hé")))
                .isEqualTo("03" + HexFormat.of().formatHex("hé".getBytes(StandardCharsets.UTF_8)));
        assertThat(hex("LowCardinality(String)", Schema.STRING_SCHEMA, utf8("ab"))).isEqualTo("026162");
        assertThat(hex("FixedString(2)", Schema.STRING_SCHEMA, utf8("a"))).isEqualTo("6100");
        assertThat(hex("UUID", Schema.STRING_SCHEMA, utf8("00112233-4455-6677-8899-aabbccddeeff")))
                .isEqualTo("7766554433221100ffeeddccbbaa9988");
        assertThat(hex("Decimal(9, 1)", Schema.STRING_SCHEMA, utf8("-0.5"))).isEqualTo("fbffffff");
    }
}
