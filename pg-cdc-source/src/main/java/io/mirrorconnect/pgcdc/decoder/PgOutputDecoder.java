package io.mirrorconnect.pgcdc.decoder;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

/**
 * Decodes one pgoutput message (the payload of one XLogData message) into a {@link PgOutputMessage}. Pure: no
 * state, no I/O. The buffer's position is advanced past the message.
 *
 * <p>Protocol version 1 messages are decoded by {@link #decode(ByteBuffer)}. With protocol version 2 and
 * {@code streaming 'on'}, data messages between Stream Start and Stream Stop carry the transaction id first;
 * the caller, who sees Stream Start/Stop go by, says so with {@link #decode(ByteBuffer, boolean)}.
 */
public final class PgOutputDecoder {
    /** Microseconds from the Unix epoch to Postgres's epoch, 2000-01-01T00:00:00Z. */
    public static final long PG_EPOCH_OFFSET_MICROS = 946_684_800_000_000L;

    private PgOutputDecoder() {
    }

    /** Decodes a message outside a streamed transaction block (protocol v1, or v2 without streaming). */
    public static PgOutputMessage decode(ByteBuffer buffer) {
        return decode(buffer, false);
    }

    /**
     * Decodes one message.
     *
     * @param insideStream true between a Stream Start and its Stream Stop (protocol v2): data messages then
     *                     start with the streamed transaction's xid and come back wrapped in {@link Streamed}
     * @throws PgOutputException for an unknown message type or a truncated/malformed message
     */
    public static PgOutputMessage decode(ByteBuffer buffer, boolean insideStream) {
        if (!buffer.hasRemaining()) {
            throw new PgOutputException("empty pgoutput message");
        }
        int start = buffer.position();
        char type = (char) (buffer.get() & 0xFF);
        try {
            return switch (type) {
                case 'B' -> new Begin(lsn(buffer), timestamp(buffer), buffer.getInt());
                case 'C' -> new Commit(buffer.get(), lsn(buffer), lsn(buffer), timestamp(buffer));
                case 'O' -> new Origin(lsn(buffer), string(buffer));
                case 'S' -> new StreamStart(buffer.getInt(), buffer.get() == 1);
                case 'E' -> new StreamStop();
                case 'c' -> new StreamCommit(buffer.getInt(), buffer.get(), lsn(buffer), lsn(buffer), timestamp(buffer));
                case 'A' -> new StreamAbort(buffer.getInt(), buffer.getInt());
                case 'R', 'Y', 'I', 'U', 'D', 'T', 'M' -> {
                    if (insideStream) {
                        int xid = buffer.getInt();
                        yield new Streamed(xid, dataMessage(type, buffer));
                    }
                    yield dataMessage(type, buffer);
                }
                default -> throw new PgOutputException(String.format("unknown pgoutput message type '%s' (0x%02X)",
                        printable(type), (int) type));
            };
        } catch (BufferUnderflowException e) {
            throw new PgOutputException("truncated pgoutput message '" + type + "' (" + (buffer.limit() - start)
                    + " bytes)", e);
        }
    }

    private static PgOutputMessage dataMessage(char type, ByteBuffer b) {
        return switch (type) {
            case 'R' -> relation(b);
            case 'Y' -> new TypeMessage(b.getInt(), string(b), string(b));
            case 'I' -> insert(b);
            case 'U' -> update(b);
            case 'D' -> delete(b);
            case 'T' -> truncate(b);
            case 'M' -> message(b);
            default -> throw new IllegalStateException("not a data message: " + type);
        };
    }

    private static Relation relation(ByteBuffer b) {
        int oid = b.getInt();
        String namespace = string(b);
        String name = string(b);
        char identity = (char) (b.get() & 0xFF);
        int n = b.getShort() & 0xFFFF;
        List<RelationColumn> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean key = (b.get() & 1) != 0;
            columns.add(new RelationColumn(key, string(b), b.getInt(), b.getInt()));
        }
        return new Relation(oid, namespace, name, identity, columns);
    }

    private static Insert insert(ByteBuffer b) {
        int oid = b.getInt();
        expect(b, 'N', "Insert");
        return new Insert(oid, tuple(b));
    }

    private static Update update(ByteBuffer b) {
        int oid = b.getInt();
        char kind = (char) (b.get() & 0xFF);
        TupleData old = null;
        char oldKind = 0;
        if (kind == 'K' || kind == 'O') {
            oldKind = kind;
            old = tuple(b);
            kind = (char) (b.get() & 0xFF);
        }
        if (kind != 'N') {
            throw new PgOutputException("malformed pgoutput Update for relation " + Integer.toUnsignedString(oid)
                    + ": expected 'N' before the new tuple, got '" + printable(kind) + "'");
        }
        return new Update(oid, oldKind, old, tuple(b));
    }

    private static Delete delete(ByteBuffer b) {
        int oid = b.getInt();
        char kind = (char) (b.get() & 0xFF);
        if (kind != 'K' && kind != 'O') {
            throw new PgOutputException("malformed pgoutput Delete for relation " + Integer.toUnsignedString(oid)
                    + ": expected 'K' or 'O', got '" + printable(kind) + "'");
        }
        return new Delete(oid, kind, tuple(b));
    }

    private static Truncate truncate(ByteBuffer b) {
        int n = b.getInt();
        byte options = b.get();
        if (n < 0 || n > b.remaining() / 4) {
            throw new PgOutputException("malformed pgoutput Truncate: " + n + " relations announced, "
                    + b.remaining() + " bytes left");
        }
        List<Integer> oids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            oids.add(b.getInt());
        }
        return new Truncate(options, oids);
    }

    private static LogicalMessage message(ByteBuffer b) {
        boolean transactional = (b.get() & 1) != 0;
        Lsn lsn = lsn(b);
        String prefix = string(b);
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new PgOutputException("malformed pgoutput Message '" + prefix + "': content length " + len
                    + ", " + b.remaining() + " bytes left");
        }
        byte[] content = new byte[len];
        b.get(content);
        return new LogicalMessage(transactional, lsn, prefix, content);
    }

    private static TupleData tuple(ByteBuffer b) {
        int n = b.getShort() & 0xFFFF;
        TupleValue[] values = new TupleValue[n];
        for (int i = 0; i < n; i++) {
            char kind = (char) (b.get() & 0xFF);
            switch (kind) {
                case 'n' -> values[i] = TupleValue.NULL_VALUE;
                case 'u' -> values[i] = TupleValue.UNCHANGED_VALUE;
                case 't', 'b' -> {
                    int len = b.getInt();
                    if (len < 0 || len > b.remaining()) {
                        throw new PgOutputException("malformed pgoutput tuple: column " + (i + 1) + " of " + n
                                + " has length " + len + ", " + b.remaining() + " bytes left");
                    }
                    byte[] bytes = new byte[len];
                    b.get(bytes);
                    values[i] = new TupleValue(kind, bytes);
                }
                default -> throw new PgOutputException("malformed pgoutput tuple: column " + (i + 1) + " of " + n
                        + " has unknown kind '" + printable(kind) + "'");
            }
        }
        return new TupleData(List.of(values)); // one copy; TupleData keeps an immutable list as it is
    }

    private static void expect(ByteBuffer b, char expected, String what) {
        char c = (char) (b.get() & 0xFF);
        if (c != expected) {
            throw new PgOutputException("malformed pgoutput " + what + ": expected '" + expected + "', got '"
                    + printable(c) + "'");
        }
    }

    private static Lsn lsn(ByteBuffer b) {
        return Lsn.valueOf(b.getLong());
    }

    /** Postgres timestamp (microseconds since 2000-01-01 UTC) to Unix epoch microseconds. */
    private static long timestamp(ByteBuffer b) {
        return pgToUnixMicros(b.getLong());
    }

    public static long pgToUnixMicros(long pgMicros) {
        return pgMicros + PG_EPOCH_OFFSET_MICROS;
    }

    /** A null-terminated UTF-8 string. */
    private static String string(ByteBuffer b) {
        int start = b.position();
        int end = start;
        int limit = b.limit();
        while (end < limit && b.get(end) != 0) {
            end++;
        }
        if (end >= limit) {
            throw new PgOutputException("malformed pgoutput message: unterminated string at offset " + start);
        }
        String s;
        if (b.hasArray()) {
            s = new String(b.array(), b.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
        } else {
            byte[] bytes = new byte[end - start];
            b.get(start, bytes);
            s = new String(bytes, StandardCharsets.UTF_8);
        }
        b.position(end + 1);
        return s;
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : "\\x" + String.format("%02X", (int) c);
    }
}
