package io.mirrorconnect.pgcdc.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.ChangeRecordFactory;
import io.mirrorconnect.pgcdc.Lsn;
import io.mirrorconnect.pgcdc.catalog.ShapeFactory;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Begin;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Relation;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Truncate;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Update;
import io.mirrorconnect.pgcdc.decoder.RelationColumn;
import io.mirrorconnect.pgcdc.decoder.TupleData;
import io.mirrorconnect.pgcdc.decoder.TupleValue;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.StreamPosition;
import io.mirrorconnect.pgcdc.replication.LsnTracker;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.pgcdc.schema.TableSchemaBuilder;
import io.mirrorconnect.pgcdc.types.PgColumn;
import io.mirrorconnect.pgcdc.types.PgOid;
import io.mirrorconnect.pgcdc.types.PgType;
import io.mirrorconnect.pgcdc.types.PgTypeMapper;
import io.mirrorconnect.pgcdc.types.PgTypeRegistry;

/** The stream's message handling without a database: shapes from a fake factory, no replication stream. */
class ChangeStreamTest {
    static final int ENUM = 90_001;
    static final TableId T = TableId.of("public", "t");

    /** Shapes over a registry whose enum learns label 'b' only when the types are re-read. */
    static final class Shapes implements ShapeFactory {
        final PgTypeRegistry registry = new PgTypeRegistry();
        int refreshes;

        Shapes() {
            registry.register(PgType.enumType(ENUM, "e", List.of("a")));
        }

        @Override
        public TableSchema forTable(Connection catalog, long oid, TableId table) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TableSchema forRelation(Connection catalog, Relation relation, TableId table) {
            List<PgColumn> cols = new ArrayList<>();
            for (RelationColumn c : relation.columns()) {
                cols.add(new PgColumn(c.name(), c.typeOid(), c.typeModifier(), c.typeOid() == ENUM ? "e" : "integer",
                        true));
            }
            return TableSchemaBuilder.build(table, "m.public.t", cols, List.of("id"), List.of(),
                    new PgTypeMapper(registry));
        }

        @Override
        public void refreshTypes(Connection catalog) {
            refreshes++;
            registry.register(PgType.enumType(ENUM, "e", List.of("a", "b")));
        }
    }

    static TupleData tuple(String... texts) {
        List<TupleValue> v = new ArrayList<>();
        for (String t : texts) {
            v.add(t == null ? TupleValue.nullValue() : TupleValue.text(t));
        }
        return new TupleData(v);
    }

    @Test
    void aKeyChangingUpdateReadAgainAfterReReadingTheTypesEmitsItsDeleteOnce() throws Exception {
        Shapes shapes = new Shapes();
        LsnTracker tracker = new LsnTracker(Lsn.valueOf(1));
        ChangeStream cs = new ChangeStream(null, tracker, null, 0, Set.of(T), Set.of(), shapes, null,
                new ChangeRecordFactory("m"), "m");
        List<SourceRecord> out = new ArrayList<>();
        cs.handleOrRetry(new Begin(Lsn.valueOf(100), 0, 7), Lsn.valueOf(90), out);
        cs.handleOrRetry(new Relation(1, "public", "t", 'd', List.of(new RelationColumn(true, "id", PgOid.INT4, -1),
                new RelationColumn(false, "e", ENUM, -1))), Lsn.valueOf(91), out);
        // a label the cached shape does not know, in an update that moves the row to another key
        cs.handleOrRetry(new Update(1, 'K', tuple("1", null), tuple("2", "b")), Lsn.valueOf(92), out);

        assertThat(shapes.refreshes).isEqualTo(1);
        assertThat(out).extracting(r -> ChangeHeaders.read(r.headers(), r.topic()).op() + " "
                + ((Struct) r.key()).getInt32("id")).containsExactly("DELETE 1", "UPDATE 2");
        assertThat(((Struct) out.get(1).value()).getString("e")).isEqualTo("b");
    }

    @Test
    void aTruncateGoesToEveryPartitionOfEveryTruncatedTableAndOnlyTheLastCopyCarriesItsPosition() throws Exception {
        Shapes shapes = new Shapes();
        LsnTracker tracker = new LsnTracker(Lsn.valueOf(1));
        ChangeStream cs = new ChangeStream(null, tracker, null, 0, Set.of(T, TableId.of("public", "u")), Set.of(),
                shapes, null, new ChangeRecordFactory("m", false, 3), "m");
        List<SourceRecord> out = new ArrayList<>();
        cs.handleOrRetry(new Begin(Lsn.valueOf(100), 0, 7), Lsn.valueOf(90), out);
        cs.handleOrRetry(new Relation(1, "public", "t", 'd', List.of(new RelationColumn(true, "id", PgOid.INT4, -1))),
                Lsn.valueOf(91), out);
        cs.handleOrRetry(new Relation(2, "public", "u", 'd', List.of(new RelationColumn(true, "id", PgOid.INT4, -1))),
                Lsn.valueOf(92), out);
        cs.handleOrRetry(new Truncate((byte) 0, List.of(1, 2)), Lsn.valueOf(95), out);

        assertThat(out).extracting(r -> r.topic() + "/" + r.kafkaPartition())
                .containsExactly("m.public.t/0", "m.public.t/1", "m.public.t/2", "m.public.u/0", "m.public.u/1",
                        "m.public.u/2");
        assertThat(out).allSatisfy(r -> {
            assertThat(r.key()).isNull();
            assertThat(ChangeHeaders.read(r.headers(), r.topic()).op()).isEqualTo(ChangeOp.TRUNCATE);
            assertThat(ChangeHeaders.read(r.headers(), r.topic()).version()).isEqualTo(95L);
        });
        // a restart from any copy but the last re-reads the truncate, so no partition misses its copy
        for (int i = 0; i < out.size(); i++) {
            StreamPosition p = StreamPosition.fromOffset(out.get(i).sourceOffset());
            assertThat(p.changeLsn().asLong()).as("copy %d", i).isEqualTo(i == out.size() - 1 ? 95L : 94L);
        }
    }
}
