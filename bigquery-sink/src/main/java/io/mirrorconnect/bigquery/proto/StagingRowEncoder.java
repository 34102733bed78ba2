package io.mirrorconnect.bigquery.proto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.connect.data.Schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;

import io.mirrorconnect.bigquery.schema.ArrayMapping;
import io.mirrorconnect.bigquery.schema.BigQueryType;
import io.mirrorconnect.bigquery.schema.BigQueryTypeMapper;
import io.mirrorconnect.bigquery.schema.StagingTable;
import io.mirrorconnect.bigquery.schema.TableLayout;

/**
 * Encodes one collapsed row as a serialized protobuf message of {@link StagingTable#descriptor()} (pure: bytes
 * written straight with {@link CodedOutputStream}, no reflection). Values go in the units Google documents for
 * the Storage Write API: DATE as int32 days, TIMESTAMP as int64 microseconds, NUMERIC / BIGNUMERIC / TIME /
 * DATETIME / JSON as their exact text. A column the row does not know (unchanged TOAST, a key-only delete, a
 * field its schema version lacks) is left unset; the MERGE keeps the stored value there.
 *
 * <p>A value BigQuery cannot hold throws {@link ValueRejectedException} naming the column.
 */
public final class StagingRowEncoder {
    private final StagingTable table;
    private final ArrayMapping arrays;
    private final Consumer<String> nullArrayStoredEmpty;

    /**
     * @param nullArrayStoredEmpty told the column's name each time a NULL array is stored as an empty array
     *                             ({@link ArrayMapping#REPEATED}); the writer logs it once per column
     */
    public StagingRowEncoder(StagingTable table, ArrayMapping arrays, Consumer<String> nullArrayStoredEmpty) {
        this.table = table;
        this.arrays = arrays;
        this.nullArrayStoredEmpty = nullArrayStoredEmpty;
    }

    /**
     * @param known   record field name to value, for the fields the row carries (a null value is a real NULL)
     * @param unknown true at position {@code i} when column {@code i} is not known (left unset)
     */
    public ByteString encode(Map<String, Object> known, boolean[] unknown, long version, boolean deleted, long group, long seq) {
        ByteString.Output bytes = ByteString.newOutput(256);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            TableLayout layout = table.layout();
            for (int i = 0; i < layout.columns().size(); i++) {
                TableLayout.Column c = layout.columns().get(i);
                if (unknown[i] || !known.containsKey(c.field())) {
                    continue;
                }
                try {
                    writeColumn(out, i + 1, c, known.get(c.field()));
                } catch (ValueRejectedException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new ValueRejectedException(c.name(), e.getMessage() != null ? e.getMessage() : e.toString());
                }
            }
            out.writeInt64(table.versionField(), version);
            out.writeBool(table.deletedField(), deleted);
            out.writeInt64(table.groupField(), group);
            out.writeInt64(table.seqField(), seq);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteString();
    }

    private void writeColumn(CodedOutputStream out, int number, TableLayout.Column c, Object value) throws IOException {
        Schema schema = c.schema();
        BigQueryType type = c.type();
        if (value == null) {
            if (type.repeated()) {
                if (arrays == ArrayMapping.STRICT) {
                    throw new ValueRejectedException(c.name(), "a NULL array cannot be stored in the REPEATED column "
                            + "(bigquery.arrays=strict; use bigquery.arrays=repeated to store it as an empty array, or json to keep it)");
                }
                nullArrayStoredEmpty.accept(c.name());
            }
            return; // unset: NULL
        }
        if (type.repeated()) {
            Schema element = schema.valueSchema();
            int index = 0;
            for (Object e : (List<?>) value) {
                if (e == null) {
                    throw new ValueRejectedException(c.name(), "element " + index + " of the array is NULL, which a "
                            + "REPEATED column cannot hold (set bigquery.arrays=json to keep arrays with NULL elements exactly)");
                }
                writeScalar(out, number, type, element, e);
                index++;
            }
            return;
        }
        if ("JSON".equals(type.name()) && (schema.type() == Schema.Type.ARRAY || schema.type() == Schema.Type.MAP)) {
            out.writeString(number, JsonText.of(value, schema));
            return;
        }
        writeScalar(out, number, type, schema, value);
    }

    private static void writeScalar(CodedOutputStream out, int number, BigQueryType type, Schema schema, Object value)
            throws IOException {
        switch (type.wire()) {
            case INT64 -> out.writeInt64(number, ((Number) value).longValue());
            case DOUBLE -> out.writeDouble(number, ((Number) value).doubleValue());
            case BOOL -> out.writeBool(number, (Boolean) value);
            case BYTES -> out.writeByteArray(number, JsonText.bytes(value));
            case DATE_DAYS -> out.writeInt32(number, Values.days(value));
            case TIMESTAMP_MICROS -> out.writeInt64(number, Values.micros(value, schema));
            case STRING -> out.writeString(number, text(type, schema, value));
        }
    }

    private static String text(BigQueryType type, Schema schema, Object value) {
        return switch (type.name()) {
            case "NUMERIC" -> Values.decimalText((BigDecimal) value, BigQueryTypeMapper.NUMERIC_INTEGER_DIGITS,
                    BigQueryTypeMapper.NUMERIC_SCALE, "NUMERIC");
            case "BIGNUMERIC" -> Values.decimalText((BigDecimal) value, BigQueryTypeMapper.BIGNUMERIC_INTEGER_DIGITS,
                    BigQueryTypeMapper.BIGNUMERIC_SCALE, "BIGNUMERIC");
            case "TIME" -> Values.timeText(Values.timeMicros(value));
            case "DATETIME" -> {
                long micros = Values.micros(value, schema);
                yield Values.dateTimeText(micros);
            }
            default -> value instanceof BigDecimal d ? d.toPlainString() : (String) value;
        };
    }
}
