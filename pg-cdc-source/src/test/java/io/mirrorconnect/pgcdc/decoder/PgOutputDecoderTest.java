package io.mirrorconnect.pgcdc.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.pgcdc.Lsn;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Begin;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Commit;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Delete;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Insert;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.LogicalMessage;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Origin;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Relation;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.StreamAbort;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.StreamCommit;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.StreamStart;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.StreamStop;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Streamed;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Truncate;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.TypeMessage;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Update;

class PgOutputDecoderTest {
    /** 2024-01-02T03:04:05.123456Z in Postgres micros (since 2000-01-01) and Unix micros. */
    private static final long UNIX_MICROS = 1_704_164_645_123_456L;
    private static final long PG_MICROS = UNIX_MICROS - 946_684_800_000_000L;
    private static final String UNCHANGED = "\u0000u";

    @Test
    void begin() {
        ByteBuffer b = PgOutputBytes.type('B').int64(0x16B374D848L).int64(PG_MICROS).int32(747).buffer();
        assertThat(PgOutputDecoder.decode(b)).isEqualTo(new Begin(Lsn.parse("16/B374D848"), UNIX_MICROS, 747));
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void commit() {
        ByteBuffer b = PgOutputBytes.type('C').int8(0).int64(0x100L).int64(0x128L).int64(PG_MICROS).buffer();
        assertThat(PgOutputDecoder.decode(b))
                .isEqualTo(new Commit((byte) 0, Lsn.valueOf(0x100), Lsn.valueOf(0x128), UNIX_MICROS));
    }

    @Test
    void origin() {
        ByteBuffer b = PgOutputBytes.type('O').int64(0x42L).string("node_a").buffer();
        assertThat(PgOutputDecoder.decode(b)).isEqualTo(new Origin(Lsn.valueOf(0x42), "node_a"));
    }

    @Test
    void relationWithKeyFlagsAndTypmods() {
        ByteBuffer b = PgOutputBytes.type('R').int32(16384).string("public").string("Order Items").int8('d')
                .int16(3)
                .int8(1).string("id").int32(20).int32(-1)
                .int8(0).string("price").int32(1700).int32((10 << 16 | 2) + 4)
                .int8(0).string("naïve").int32(25).int32(-1)
                .buffer();
        Relation r = (Relation) PgOutputDecoder.decode(b);
        assertThat(r.relationOid()).isEqualTo(16384);
        assertThat(r.namespace()).isEqualTo("public");
        assertThat(r.name()).isEqualTo("Order Items");
        assertThat(r.replicaIdentity()).isEqualTo('d');
        assertThat(r.columns()).containsExactly(
                new RelationColumn(true, "id", 20, -1),
                new RelationColumn(false, "price", 1700, (10 << 16 | 2) + 4),
                new RelationColumn(false, "naïve", 25, -1));
    }

    @Test
    void relationOidAboveSignedRangeStaysItsBitPattern() {
        ByteBuffer b = PgOutputBytes.type('R').int32(0xFFFFFFF0).string("").string("t").int8('f').int16(0).buffer();
        Relation r = (Relation) PgOutputDecoder.decode(b);
        assertThat(Integer.toUnsignedLong(r.relationOid())).isEqualTo(0xFFFFFFF0L);
        assertThat(r.namespace()).isEmpty();
        assertThat(r.columns()).isEmpty();
    }

    @Test
    void type() {
        ByteBuffer b = PgOutputBytes.type('Y').int32(90001).string("public").string("mood").buffer();
        assertThat(PgOutputDecoder.decode(b)).isEqualTo(new TypeMessage(90001, "public", "mood"));
    }

    @Test
    void insertWithNullsAndText() {
        ByteBuffer b = PgOutputBytes.type('I').int32(16384).int8('N').tuple("1", null, "héllo\tworld").buffer();
        Insert i = (Insert) PgOutputDecoder.decode(b);
        assertThat(i.relationOid()).isEqualTo(16384);
        assertThat(i.newTuple().texts()).containsExactly("1", null, "héllo\tworld");
        assertThat(i.newTuple().get(1).kind()).isEqualTo('n');
        assertThat(i.newTuple().unchangedToastIndexes()).isEmpty();
    }

    @Test
    void updateWithoutOldTupleAndUnchangedToast() {
        ByteBuffer b = PgOutputBytes.type('U').int32(7).int8('N').tuple("1", UNCHANGED, "x").buffer();
        Update u = (Update) PgOutputDecoder.decode(b);
        assertThat(u.oldKind()).isEqualTo((char) 0);
        assertThat(u.oldTuple()).isNull();
        assertThat(u.newTuple().texts()).containsExactly("1", null, "x");
        assertThat(u.newTuple().get(1).isUnchangedToast()).isTrue();
        assertThat(u.newTuple().unchangedToastIndexes()).containsExactly(1);
        assertThat(u.newTuple().hasUnchangedToast()).isTrue();
    }

    @Test
    void updateWithOldKey() {
        ByteBuffer b = PgOutputBytes.type('U').int32(7).int8('K').tuple("1", null)
                .int8('N').tuple("2", "b").buffer();
        Update u = (Update) PgOutputDecoder.decode(b);
        assertThat(u.oldKind()).isEqualTo('K');
        assertThat(u.oldTuple().texts()).containsExactly("1", null);
        assertThat(u.newTuple().texts()).containsExactly("2", "b");
    }

    @Test
    void updateWithOldRow() {
        ByteBuffer b = PgOutputBytes.type('U').int32(7).int8('O').tuple("1", "a")
                .int8('N').tuple("1", "b").buffer();
        Update u = (Update) PgOutputDecoder.decode(b);
        assertThat(u.oldKind()).isEqualTo('O');
        assertThat(u.oldTuple().texts()).containsExactly("1", "a");
    }

    @Test
    void deletes() {
        Delete k = (Delete) PgOutputDecoder.decode(PgOutputBytes.type('D').int32(9).int8('K').tuple("5", null).buffer());
        assertThat(k.oldKind()).isEqualTo('K');
        assertThat(k.oldTuple().texts()).containsExactly("5", null);
        Delete o = (Delete) PgOutputDecoder.decode(PgOutputBytes.type('D').int32(9).int8('O').tuple("5", "z").buffer());
        assertThat(o.oldKind()).isEqualTo('O');
        assertThat(o.oldTuple().texts()).containsExactly("5", "z");
    }

    @Test
    void truncate() {
        ByteBuffer b = PgOutputBytes.type('T').int32(2).int8(3).int32(100).int32(200).buffer();
        Truncate t = (Truncate) PgOutputDecoder.decode(b);
        assertThat(t.relationOids()).containsExactly(100, 200);
        assertThat(t.cascade()).isTrue();
        assertThat(t.restartIdentity()).isTrue();
        Truncate plain = (Truncate) PgOutputDecoder.decode(PgOutputBytes.type('T').int32(1).int8(0).int32(5).buffer());
        assertThat(plain.cascade()).isFalse();
        assertThat(plain.restartIdentity()).isFalse();
    }

    @Test
    void logicalMessage() {
        byte[] content = {1, 2, 0, (byte) 0xFF};
        ByteBuffer b = PgOutputBytes.type('M').int8(1).int64(0x99L).string("mirror.heartbeat")
                .int32(content.length).bytes(content).buffer();
        assertThat(PgOutputDecoder.decode(b))
                .isEqualTo(new LogicalMessage(true, Lsn.valueOf(0x99), "mirror.heartbeat", content));
        ByteBuffer nt = PgOutputBytes.type('M').int8(0).int64(0x99L).string("p").int32(0).buffer();
        assertThat(((LogicalMessage) PgOutputDecoder.decode(nt)).transactional()).isFalse();
    }

    @Test
    void streamingMessagesOfProtocolV2() {
        assertThat(PgOutputDecoder.decode(PgOutputBytes.type('S').int32(900).int8(1).buffer()))
                .isEqualTo(new StreamStart(900, true));
        assertThat(PgOutputDecoder.decode(PgOutputBytes.type('E').buffer())).isEqualTo(new StreamStop());
        assertThat(PgOutputDecoder.decode(PgOutputBytes.type('c').int32(900).int8(0).int64(0x10).int64(0x20)
                .int64(PG_MICROS).buffer()))
                .isEqualTo(new StreamCommit(900, (byte) 0, Lsn.valueOf(0x10), Lsn.valueOf(0x20), UNIX_MICROS));
        assertThat(PgOutputDecoder.decode(PgOutputBytes.type('A').int32(900).int32(901).buffer()))
                .isEqualTo(new StreamAbort(900, 901));
        Streamed s = (Streamed) PgOutputDecoder.decode(
                PgOutputBytes.type('I').int32(900).int32(16384).int8('N').tuple("1").buffer(), true);
        assertThat(s.xid()).isEqualTo(900);
        assertThat(s.type()).isEqualTo('I');
        assertThat(((Insert) s.message()).newTuple().texts()).containsExactly("1");
    }

    @Test
    void unknownTypeNamesTheByte() {
        assertThatThrownBy(() -> PgOutputDecoder.decode(PgOutputBytes.type('X').buffer()))
                .isInstanceOf(PgOutputException.class)
                .hasMessage("unknown pgoutput message type 'X' (0x58)");
        assertThatThrownBy(() -> PgOutputDecoder.decode(new PgOutputBytes().int8(0x01).buffer()))
                .hasMessage("unknown pgoutput message type '\\x01' (0x01)");
    }

    @Test
    void truncatedAndMalformedMessagesFailClearly() {
        assertThatThrownBy(() -> PgOutputDecoder.decode(PgOutputBytes.type('B').int32(1).buffer()))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("truncated pgoutput message 'B'");
        assertThatThrownBy(() -> PgOutputDecoder.decode(PgOutputBytes.type('I').int32(1).int8('N').int16(1)
                .int8('t').int32(10).bytes("abc".getBytes(StandardCharsets.UTF_8)).buffer()))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("length 10, 3 bytes left");
        assertThatThrownBy(() -> PgOutputDecoder.decode(PgOutputBytes.type('I').int32(1).int8('N').int16(1)
                .int8('q').buffer()))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("unknown kind 'q'");
        assertThatThrownBy(() -> PgOutputDecoder.decode(PgOutputBytes.type('D').int32(1).int8('N').tuple("1").buffer()))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("expected 'K' or 'O'");
        assertThatThrownBy(() -> PgOutputDecoder.decode(ByteBuffer.allocate(0)))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> PgOutputDecoder.decode(PgOutputBytes.type('Y').int32(1).int8('a').buffer()))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("unterminated string");
    }

    @Test
    void decodesFromAnOffsetInADirectBuffer() {
        ByteBuffer src = PgOutputBytes.type('Y').int32(5).string("s").string("t").buffer();
        ByteBuffer direct = ByteBuffer.allocateDirect(src.remaining() + 3);
        direct.put(new byte[] {9, 9, 9}).put(src).flip().position(3);
        assertThat(PgOutputDecoder.decode(direct)).isEqualTo(new TypeMessage(5, "s", "t"));
    }

    @Test
    void binaryValuesAreRefusedByText() {
        TupleValue v = new TupleValue('b', new byte[] {1});
        assertThatThrownBy(v::text).isInstanceOf(PgOutputException.class).hasMessageContaining("binary");
        assertThat(new TupleData(List.of(TupleValue.text("a"), TupleValue.nullValue())).texts())
                .containsExactly("a", null);
    }
}
