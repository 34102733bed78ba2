package io.mirrorconnect.pgcdc.decoder;

import java.util.Arrays;
import java.util.List;

import io.mirrorconnect.pgcdc.Lsn;

/**
 * One decoded pgoutput message (logical replication protocol, "Logical Replication Message Formats").
 * Protocol version 1 messages plus the version 2 streaming messages ({@link StreamStart}, {@link StreamStop},
 * {@link StreamCommit}, {@link StreamAbort}; data messages inside a stream arrive wrapped in {@link Streamed}).
 *
 * <p>All timestamps are microseconds since the Unix epoch (pgoutput sends microseconds since 2000-01-01;
 * the decoder converts).
 */
public sealed interface PgOutputMessage {

    /** The protocol's one-byte message type, e.g. {@code 'B'}. */
    char type();

    /** Start of a transaction. {@code finalLsn} is the LSN of the commit record. */
    record Begin(Lsn finalLsn, long commitTimeMicros, int xid) implements PgOutputMessage {
        @Override
        public char type() {
            return 'B';
        }
    }

    /** End of a transaction. {@code endLsn} is the position to confirm once the transaction is durable. */
    record Commit(byte flags, Lsn commitLsn, Lsn endLsn, long commitTimeMicros) implements PgOutputMessage {
        @Override
        public char type() {
            return 'C';
        }
    }

    /** The transaction came from another replication origin. */
    record Origin(Lsn commitLsn, String name) implements PgOutputMessage {
        @Override
        public char type() {
            return 'O';
        }
    }

    /**
     * A table's current shape; sent before the first change of the relation in a session and after it changes.
     *
     * @param namespace       the schema; pgoutput sends an empty string for {@code pg_catalog}
     * @param replicaIdentity {@code 'd'} default, {@code 'n'} nothing, {@code 'f'} full, {@code 'i'} index
     */
    record Relation(int relationOid, String namespace, String name, char replicaIdentity,
                    List<RelationColumn> columns) implements PgOutputMessage {
        public Relation {
            columns = List.copyOf(columns);
        }

        @Override
        public char type() {
            return 'R';
        }
    }

    /** A non-built-in type referenced by a following Relation. */
    record TypeMessage(int oid, String namespace, String name) implements PgOutputMessage {
        @Override
        public char type() {
            return 'Y';
        }
    }

    record Insert(int relationOid, TupleData newTuple) implements PgOutputMessage {
        @Override
        public char type() {
            return 'I';
        }
    }

    /**
     * @param oldKind  {@code 'K'} old key sent (key columns changed), {@code 'O'} old row sent (REPLICA IDENTITY
     *                 FULL), {@code 0} no old image
     * @param oldTuple null when {@code oldKind} is 0
     */
    record Update(int relationOid, char oldKind, TupleData oldTuple, TupleData newTuple) implements PgOutputMessage {
        @Override
        public char type() {
            return 'U';
        }
    }

    /** @param oldKind {@code 'K'} (old key) or {@code 'O'} (old row, REPLICA IDENTITY FULL) */
    record Delete(int relationOid, char oldKind, TupleData oldTuple) implements PgOutputMessage {
        @Override
        public char type() {
            return 'D';
        }
    }

    /** @param options bit 1 CASCADE, bit 2 RESTART IDENTITY */
    record Truncate(byte options, List<Integer> relationOids) implements PgOutputMessage {
        public static final byte CASCADE = 1;
        public static final byte RESTART_IDENTITY = 2;

        public Truncate {
            relationOids = List.copyOf(relationOids);
        }

        public boolean cascade() {
            return (options & CASCADE) != 0;
        }

        public boolean restartIdentity() {
            return (options & RESTART_IDENTITY) != 0;
        }

        @Override
        public char type() {
            return 'T';
        }
    }

    /** A {@code pg_logical_emit_message} message (sent when the {@code messages} option is on). */
    record LogicalMessage(boolean transactional, Lsn lsn, String prefix, byte[] content) implements PgOutputMessage {
        @Override
        public char type() {
            return 'M';
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LogicalMessage m && m.transactional == transactional && m.lsn.equals(lsn)
                    && m.prefix.equals(prefix) && Arrays.equals(m.content, content);
        }

        @Override
        public int hashCode() {
            return (lsn.hashCode() * 31 + prefix.hashCode()) * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "LogicalMessage[transactional=" + transactional + ", lsn=" + lsn + ", prefix=" + prefix
                    + ", content=" + content.length + " bytes]";
        }
    }

    /** Protocol v2: start of a block of a streamed (in-progress) transaction. */
    record StreamStart(int xid, boolean firstSegment) implements PgOutputMessage {
        @Override
        public char type() {
            return 'S';
        }
    }

    /** Protocol v2: end of a block of a streamed transaction. */
    record StreamStop() implements PgOutputMessage {
        @Override
        public char type() {
            return 'E';
        }
    }

    /** Protocol v2: a streamed transaction committed. */
    record StreamCommit(int xid, byte flags, Lsn commitLsn, Lsn endLsn, long commitTimeMicros)
            implements PgOutputMessage {
        @Override
        public char type() {
            return 'c';
        }
    }

    /** Protocol v2: a streamed (sub)transaction aborted; {@code subXid == xid} for the top-level one. */
    record StreamAbort(int xid, int subXid) implements PgOutputMessage {
        @Override
        public char type() {
            return 'A';
        }
    }

    /** Protocol v2: a data message inside a stream block, with the streamed transaction's xid. */
    record Streamed(int xid, PgOutputMessage message) implements PgOutputMessage {
        @Override
        public char type() {
            return message.type();
        }
    }
}
