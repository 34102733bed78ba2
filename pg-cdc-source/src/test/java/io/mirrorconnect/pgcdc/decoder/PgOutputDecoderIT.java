package io.mirrorconnect.pgcdc.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.pgcdc.Lsn;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Begin;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Commit;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Delete;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Insert;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.LogicalMessage;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Relation;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Truncate;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.TypeMessage;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Update;
import io.mirrorconnect.pgcdc.types.PgOid;

/**
 * Decodes real pgoutput (protocol v1) bytes from an embedded Postgres, read with
 * {@code pg_logical_slot_peek_binary_changes}: every change kind, both replica identities, unchanged TOAST,
 * truncate and logical messages.
 */
class PgOutputDecoderIT {
    private static EmbeddedPg pg;

    @BeforeAll
    static void start() throws Exception {
        pg = new EmbeddedPg();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private static void slot(String name, String publication, String tables) throws Exception {
        pg.exec("CREATE PUBLICATION " + publication + " FOR TABLE " + tables,
                "SELECT pg_create_logical_replication_slot('" + name + "', 'pgoutput')");
    }

    private static <T> T only(List<PgOutputMessage> msgs, Class<T> type) {
        List<T> found = msgs.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("messages of type %s in %s", type.getSimpleName(), msgs).hasSize(1);
        return found.get(0);
    }

    @Test
    void insertUpdateDeleteWithDefaultIdentityAndAnEnumType() throws Exception {
        pg.exec("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE TABLE t_basic (id int PRIMARY KEY, name text, price numeric(10,2), tags text[], m mood)");
        slot("s_basic", "p_basic", "t_basic");
        long relOid = pg.queryLong("SELECT 't_basic'::regclass::oid");
        long moodOid = pg.queryLong("SELECT 'mood'::regtype::oid");

        long xid;
        long txStartMicros;
        try (Connection c = pg.newConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try (ResultSet rs = st.executeQuery(
                    "SELECT txid_current(), (extract(epoch from now()) * 1000000)::bigint")) {
                rs.next();
                xid = rs.getLong(1);
                txStartMicros = rs.getLong(2);
            }
            st.execute("INSERT INTO t_basic VALUES (1, 'héllo\tw\"orld', 1.50, '{x,\"y z\",NULL}', 'ok')");
            c.commit();
        }
        pg.exec("UPDATE t_basic SET name = NULL WHERE id = 1",
                "UPDATE t_basic SET id = 2 WHERE id = 1",
                "DELETE FROM t_basic WHERE id = 2");

        List<EmbeddedPg.RawMessage> raw = pg.peek("s_basic", "p_basic");
        List<PgOutputMessage> msgs = raw.stream().map(EmbeddedPg.RawMessage::decode).toList();
        assertThat(msgs).extracting(PgOutputMessage::type).containsExactly(
                'B', 'Y', 'R', 'I', 'C',
                'B', 'U', 'C',
                'B', 'U', 'C',
                'B', 'D', 'C');

        Begin begin = (Begin) msgs.get(0);
        Commit commit = (Commit) msgs.get(4);
        assertThat(Integer.toUnsignedLong(begin.xid())).isEqualTo(xid & 0xFFFFFFFFL);
        assertThat(begin.finalLsn()).isEqualTo(commit.commitLsn());
        assertThat(commit.endLsn()).isGreaterThan(commit.commitLsn());
        assertThat(begin.commitTimeMicros()).isEqualTo(commit.commitTimeMicros())
                .isGreaterThanOrEqualTo(txStartMicros);
        // the SQL interface reports the commit row at the transaction's end LSN
        assertThat(Lsn.parse(raw.get(4).lsn())).isEqualTo(commit.endLsn());

        TypeMessage type = (TypeMessage) msgs.get(1);
        assertThat(type).isEqualTo(new TypeMessage((int) moodOid, "public", "mood"));

        Relation rel = (Relation) msgs.get(2);
        assertThat(Integer.toUnsignedLong(rel.relationOid())).isEqualTo(relOid);
        assertThat(rel.namespace()).isEqualTo("public");
        assertThat(rel.name()).isEqualTo("t_basic");
        assertThat(rel.replicaIdentity()).isEqualTo('d');
        assertThat(rel.columns()).containsExactly(
                new RelationColumn(true, "id", PgOid.INT4, -1),
                new RelationColumn(false, "name", PgOid.TEXT, -1),
                new RelationColumn(false, "price", PgOid.NUMERIC, (10 << 16 | 2) + 4),
                new RelationColumn(false, "tags", 1009, -1),
                new RelationColumn(false, "m", (int) moodOid, -1));

        Insert ins = (Insert) msgs.get(3);
        assertThat(ins.relationOid()).isEqualTo(rel.relationOid());
        assertThat(ins.newTuple().texts()).containsExactly("1", "héllo\tw\"orld", "1.50", "{x,\"y z\",NULL}", "ok");

        Update setNull = (Update) msgs.get(6);
        assertThat(setNull.oldKind()).isEqualTo((char) 0);
        assertThat(setNull.oldTuple()).isNull();
        assertThat(setNull.newTuple().get(1).kind()).isEqualTo(TupleValue.NULL);
        assertThat(setNull.newTuple().texts()).containsExactly("1", null, "1.50", "{x,\"y z\",NULL}", "ok");

        Update keyChange = (Update) msgs.get(9);
        assertThat(keyChange.oldKind()).isEqualTo('K');
        assertThat(keyChange.oldTuple().texts()).containsExactly("1", null, null, null, null);
        assertThat(keyChange.newTuple().texts()[0]).isEqualTo("2");

        Delete del = (Delete) msgs.get(12);
        assertThat(del.oldKind()).isEqualTo('K');
        assertThat(del.oldTuple().texts()).containsExactly("2", null, null, null, null);

        // LSNs grow with commit order
        List<Commit> commits = msgs.stream().filter(Commit.class::isInstance).map(Commit.class::cast).toList();
        for (int i = 1; i < commits.size(); i++) {
            assertThat(commits.get(i).commitLsn()).isGreaterThan(commits.get(i - 1).endLsn());
        }
        pg.exec("SELECT pg_drop_replication_slot('s_basic')");
    }

    @Test
    void replicaIdentityFullSendsOldRows() throws Exception {
        pg.exec("CREATE TABLE t_full (id int, v text)", "ALTER TABLE t_full REPLICA IDENTITY FULL",
                "INSERT INTO t_full VALUES (1, 'a')");
        slot("s_full", "p_full", "t_full");
        pg.exec("UPDATE t_full SET v = 'b'", "DELETE FROM t_full");
        List<PgOutputMessage> msgs = pg.peekDecoded("s_full", "p_full");
        assertThat(only(msgs, Relation.class).replicaIdentity()).isEqualTo('f');
        assertThat(only(msgs, Relation.class).columns()).allMatch(RelationColumn::partOfKey);
        Update u = only(msgs, Update.class);
        assertThat(u.oldKind()).isEqualTo('O');
        assertThat(u.oldTuple().texts()).containsExactly("1", "a");
        assertThat(u.newTuple().texts()).containsExactly("1", "b");
        Delete d = only(msgs, Delete.class);
        assertThat(d.oldKind()).isEqualTo('O');
        assertThat(d.oldTuple().texts()).containsExactly("1", "b");
        pg.exec("SELECT pg_drop_replication_slot('s_full')");
    }

    @Test
    void unchangedToastValuesAreMarked() throws Exception {
        pg.exec("CREATE TABLE t_toast (id int PRIMARY KEY, big text, small int)",
                // ~32 kB of hex digits: compressed it is still far above the 2 kB TOAST threshold
                "INSERT INTO t_toast SELECT 1, string_agg(md5(i::text), ''), 0 FROM generate_series(1, 1000) i");
        slot("s_toast", "p_toast", "t_toast");
        pg.exec("UPDATE t_toast SET small = 1");
        String big = pg.queryString("SELECT big FROM t_toast");
        pg.exec("UPDATE t_toast SET big = big || 'x', small = 2");
        List<PgOutputMessage> msgs = pg.peekDecoded("s_toast", "p_toast");
        List<Update> updates = msgs.stream().filter(Update.class::isInstance).map(Update.class::cast).toList();
        assertThat(updates).hasSize(2);
        TupleData unchanged = updates.get(0).newTuple();
        assertThat(unchanged.get(1).isUnchangedToast()).isTrue();
        assertThat(unchanged.unchangedToastIndexes()).containsExactly(1);
        assertThat(unchanged.texts()).containsExactly("1", null, "1");
        TupleData changed = updates.get(1).newTuple();
        assertThat(changed.hasUnchangedToast()).isFalse();
        assertThat(changed.texts()[1]).hasSize(32_001).isEqualTo(big + "x");
        pg.exec("SELECT pg_drop_replication_slot('s_toast')");
    }

    @Test
    void truncateOfSeveralTablesWithOptions() throws Exception {
        pg.exec("CREATE TABLE t_tr1 (id serial PRIMARY KEY)", "CREATE TABLE t_tr2 (id int PRIMARY KEY)",
                "INSERT INTO t_tr1 DEFAULT VALUES");
        slot("s_tr", "p_tr", "t_tr1, t_tr2");
        pg.exec("TRUNCATE t_tr1, t_tr2 RESTART IDENTITY CASCADE", "TRUNCATE t_tr2");
        long oid1 = pg.queryLong("SELECT 't_tr1'::regclass::oid");
        long oid2 = pg.queryLong("SELECT 't_tr2'::regclass::oid");
        List<Truncate> truncates = pg.peekDecoded("s_tr", "p_tr").stream().filter(Truncate.class::isInstance)
                .map(Truncate.class::cast).toList();
        assertThat(truncates).hasSize(2);
        assertThat(truncates.get(0).relationOids()).containsExactlyInAnyOrder((int) oid1, (int) oid2);
        assertThat(truncates.get(0).cascade()).isTrue();
        assertThat(truncates.get(0).restartIdentity()).isTrue();
        assertThat(truncates.get(1).relationOids()).containsExactly((int) oid2);
        assertThat(truncates.get(1).options()).isZero();
        pg.exec("SELECT pg_drop_replication_slot('s_tr')");
    }

    @Test
    void protocolV2StreamsALargeInProgressTransaction() throws Exception {
        pg.exec("CREATE TABLE t_stream (id int PRIMARY KEY, pad text)");
        slot("s_stream", "p_stream", "t_stream");
        pg.exec("INSERT INTO t_stream SELECT i, repeat('x', 100) FROM generate_series(1, 5000) i");
        List<PgOutputMessage> msgs = new java.util.ArrayList<>();
        try (Connection c = pg.newConnection(); Statement st = c.createStatement()) {
            // a tiny decoding memory budget makes Postgres stream the transaction before it commits
            st.execute("SET logical_decoding_work_mem = '64kB'");
            boolean inside = false;
            try (ResultSet rs = st.executeQuery("SELECT data FROM pg_logical_slot_peek_binary_changes('s_stream', "
                    + "NULL, NULL, 'proto_version', '2', 'publication_names', 'p_stream', 'streaming', 'on')")) {
                while (rs.next()) {
                    PgOutputMessage m = PgOutputDecoder.decode(java.nio.ByteBuffer.wrap(rs.getBytes(1)), inside);
                    if (m instanceof PgOutputMessage.StreamStart) {
                        inside = true;
                    } else if (m instanceof PgOutputMessage.StreamStop) {
                        inside = false;
                    }
                    msgs.add(m);
                }
            }
        }
        PgOutputMessage.StreamStart first = (PgOutputMessage.StreamStart) msgs.get(0);
        assertThat(first.firstSegment()).isTrue();
        assertThat(msgs.stream().filter(PgOutputMessage.StreamStart.class::isInstance).count()).isGreaterThan(1);
        List<PgOutputMessage.Streamed> streamed = msgs.stream().filter(PgOutputMessage.Streamed.class::isInstance)
                .map(PgOutputMessage.Streamed.class::cast).toList();
        assertThat(streamed).allMatch(s -> s.xid() == first.xid());
        List<Insert> inserts = streamed.stream().map(PgOutputMessage.Streamed::message)
                .filter(Insert.class::isInstance).map(Insert.class::cast).toList();
        assertThat(inserts).hasSize(5000);
        assertThat(inserts.get(4999).newTuple().texts()[0]).isEqualTo("5000");
        PgOutputMessage.StreamCommit commit = (PgOutputMessage.StreamCommit) msgs.get(msgs.size() - 1);
        assertThat(commit.xid()).isEqualTo(first.xid());
        assertThat(commit.endLsn()).isGreaterThan(commit.commitLsn());
        pg.exec("SELECT pg_drop_replication_slot('s_stream')");
    }

    @Test
    void logicalMessages() throws Exception {
        pg.exec("CREATE TABLE t_msg (id int PRIMARY KEY)");
        slot("s_msg", "p_msg", "t_msg");
        pg.exec("SELECT pg_logical_emit_message(false, 'mirror.nt', '\\x00ff'::bytea)");
        try (Connection c = pg.newConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("INSERT INTO t_msg VALUES (1)");
            st.execute("SELECT pg_logical_emit_message(true, 'mirror.tx', 'héllo')");
            c.commit();
        }
        List<PgOutputMessage> msgs = pg.peekDecoded("s_msg", "p_msg");
        assertThat(msgs).extracting(PgOutputMessage::type).containsExactly('M', 'B', 'R', 'I', 'M', 'C');
        LogicalMessage nt = (LogicalMessage) msgs.get(0);
        assertThat(nt.transactional()).isFalse();
        assertThat(nt.prefix()).isEqualTo("mirror.nt");
        assertThat(nt.content()).containsExactly(0, 0xFF);
        assertThat(nt.lsn().isValid()).isTrue();
        LogicalMessage tx = (LogicalMessage) msgs.get(4);
        assertThat(tx.transactional()).isTrue();
        assertThat(tx.prefix()).isEqualTo("mirror.tx");
        assertThat(new String(tx.content(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(tx.lsn()).isGreaterThan(nt.lsn()).isLessThanOrEqualTo(((Commit) msgs.get(5)).commitLsn());
        pg.exec("SELECT pg_drop_replication_slot('s_msg')");
    }
}
