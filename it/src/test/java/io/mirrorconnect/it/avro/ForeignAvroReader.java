package io.mirrorconnect.it.avro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * A consumer that is not ours: plain Apache Avro reading Confluent's wire format (magic byte 0, 4-byte big-endian
 * schema id, Avro binary), with the writer schema fetched by id from a registry's Confluent-compatible API. Uses
 * Avro's standard logical-type conversions (decimal to BigDecimal, date to LocalDate), as a generic consumer would;
 * nothing of Mirror Connect or of Kafka Connect is involved.
 */
public final class ForeignAvroReader {
    private final IntFunction<String> schemaById;
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private final GenericData data = new GenericData();

    public ForeignAvroReader(IntFunction<String> schemaById) {
        this.schemaById = schemaById;
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
    }

    /** The schema id in a wire-format message. */
    public static int schemaId(byte[] message) {
        if (message.length < 5 || message[0] != 0) {
            throw new IllegalArgumentException("not Confluent wire format (magic byte "
                    + (message.length == 0 ? "missing" : message[0]) + ", " + message.length + " bytes)");
        }
        return ByteBuffer.wrap(message, 1, 4).getInt();
    }

    public Schema schema(int id) {
        return schemas.computeIfAbsent(id, i -> new Schema.Parser().parse(schemaById.apply(i)));
    }

    /** Decodes a message; null for a null message (tombstone). */
    public Object read(byte[] message) {
        if (message == null) {
            return null;
        }
        Schema writer = schema(schemaId(message));
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(message, 5, message.length - 5, null);
        try {
            Object datum = new GenericDatumReader<Object>(writer, writer, data).read(null, in);
            if (!in.isEnd()) {
                throw new IllegalStateException("bytes left after the datum");
            }
            return datum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
