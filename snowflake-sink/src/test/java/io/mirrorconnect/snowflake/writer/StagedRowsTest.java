package io.mirrorconnect.snowflake.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.SchemaConventions;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.sink.ChangeRow;
import io.mirrorconnect.sink.CollapsedBatch;
import io.mirrorconnect.sink.CollapsedRow;
import io.mirrorconnect.sink.RecordRejectedException;
import io.mirrorconnect.sink.WriteMode;

class StagedRowsTest {
    private static final Schema KEY = SchemaBuilder.struct().name("t.Key").field("id", Schema.INT32_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("t.Value")
            .field("id", Schema.OPTIONAL_INT32_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("doc", SchemaBuilder.string().name(SchemaConventions.JSON).optional().build())
            .field("at", SchemaBuilder.int64().name(SchemaConventions.TIME_MICROS).optional().build())
            .build();
    private static final TableLayout LAYOUT = TableLayout.of(KEY, VALUE);

    private static ChangeRow source(int id) {
        Struct key = new Struct(KEY).put("id", id);
        SinkRecord r = new SinkRecord("topic", 0, KEY, key, VALUE, new Struct(VALUE).put("id", id), 7L + id, 0L,
                TimestampType.CREATE_TIME, new ConnectHeaders());
        return new ChangeRow(r, ChangeMetadata.of(ChangeOp.UPDATE, 10L + id, 0L), key, null, false);
    }

    private static CollapsedRow row(int id, boolean deleted, Map<String, Object> values, Set<String> lookup, boolean lookupAll) {
        return new CollapsedRow(List.of(id), deleted, 100L + id, 0L, values, lookup, lookupAll, source(id));
    }

    private static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static CollapsedBatch batch(WriteMode mode, CollapsedRow... rows) {
        return new CollapsedBatch(TableId.of("s", "t"), mode, KEY, VALUE, List.of(rows), rows.length, false);
    }

    @Test
    void rowsThatKeepTheSameStoredColumnsShareAGroup() {
        CollapsedBatch b = batch(WriteMode.UPSERT,
                row(1, false, values("id", 1, "note", "a", "doc", "{}", "at", 5L), Set.of(), false),
                row(2, false, values("id", 2, "note", null, "at", 6L), Set.of("doc"), false),
                row(3, true, values("id", 3), Set.of(), true),
                row(4, false, values("id", 4, "note", "d", "at", 7L), Set.of("doc"), false),
                row(5, true, values("id", 5, "note", "e", "doc", "[1]", "at", 8L), Set.of(), false));
        StagedRows staged = StagedRows.of("DB.s.t", LAYOUT, b);
        assertThat(staged.groups()).containsExactly(Set.of(), Set.of("doc"), Set.of("note", "doc", "at"));
        assertThat(staged.rows()).extracting(r -> r[r.length - 1]).containsExactly("0", "1", "2", "1", "0");
        assertThat(staged.rows().get(0)).containsExactly("1", "a", "{}", "00:00:00.000005", "101", false, "0");
        assertThat(staged.rows().get(1)).containsExactly("2", null, null, "00:00:00.000006", "102", false, "1");
        assertThat(staged.rows().get(2)[0]).isEqualTo("3");
        assertThat(staged.rows().get(4)).containsExactly("5", "e", "[1]", "00:00:00.000008", "105", true, "0");
    }

    @Test
    void appendModeKeepsNothingFromTheDestination() {
        CollapsedBatch b = batch(WriteMode.APPEND, row(1, false, values("id", 1, "note", "a"), Set.of("doc"), false));
        StagedRows staged = StagedRows.of("DB.s.t", LAYOUT, b);
        assertThat(staged.groups()).containsExactly(Set.of());
        assertThat(staged.rows().get(0)).containsExactly("1", "a", null, null, "101", false, "0");
    }

    @Test
    void aValueSnowflakeCannotHoldRejectsItsRowNamingTableKeyColumnAndValue() {
        CollapsedRow bad = row(9, false, values("id", 9, "at", 86_400_000_000L), Set.of(), false);
        assertThatThrownBy(() -> StagedRows.of("DB.s.t", LAYOUT, batch(WriteMode.UPSERT, bad)))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.row()).isSameAs(bad);
                    assertThat(e.column()).isEqualTo("at");
                })
                .hasMessageContaining("table DB.s.t").hasMessageContaining("key [9]").hasMessageContaining("86400000000")
                .hasMessageContaining("topic");
    }

    @Test
    void versionsAboveLongMaxStayUnsigned() {
        CollapsedRow r = new CollapsedRow(List.of(1), false, -1L, 0L, values("id", 1), Set.of(), false, source(1));
        StagedRows staged = StagedRows.of("DB.s.t", LAYOUT, batch(WriteMode.UPSERT, r));
        assertThat(staged.rows().get(0)[4]).isEqualTo("18446744073709551615");
    }
}
