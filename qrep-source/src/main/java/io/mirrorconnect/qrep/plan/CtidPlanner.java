package io.mirrorconnect.qrep.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.mirrorconnect.pgcdc.snapshot.plan.SnapshotPlanner;
import io.mirrorconnect.pgcdc.sql.PgSql;
import io.mirrorconnect.qrep.QRepException;
import io.mirrorconnect.qrep.sql.QRepSql;
import io.mirrorconnect.qrep.watermark.Watermark;

/**
 * Plans a one-shot copy in heap block ranges (I/O adapter around pg-cdc-source's pure {@link SnapshotPlanner}):
 * opens a {@code REPEATABLE READ, READ ONLY} transaction, exports its snapshot and splits the watermark table's
 * current blocks into ranges of about {@code rowsPerPartition} rows. The transaction stays open: every partition
 * reader imports the snapshot, so the whole copy sees one consistent state of the table; the caller ends it
 * (rollback) once every partition is read.
 */
public final class CtidPlanner {
    /** The plan and the exported snapshot its readers import. */
    public record Planned(CyclePlan plan, String snapshot) {
    }

    private CtidPlanner() {
    }

    public static Planned plan(Connection c, String mirror, Watermark watermark, long rowsPerPartition)
            throws SQLException {
        c.setAutoCommit(false);
        String snapshot;
        long clock;
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (ResultSet rs = s.executeQuery(QRepSql.EXPORT_SNAPSHOT)) {
                rs.next();
                snapshot = rs.getString(1);
                clock = rs.getLong(2);
            }
        }
        long blocks;
        double reltuples;
        try (PreparedStatement ps = c.prepareStatement(QRepSql.CTID_TABLE_SIZE)) {
            ps.setString(1, QRepSql.tableName(watermark));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                reltuples = rs.getDouble(2);
                blocks = rs.getLong(3);
            }
        }
        long exact = -1;
        if (reltuples <= 0) {
            String count = PgSql.exactRowCount(watermark.table());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(count)) {
                rs.next();
                exact = rs.getLong(1);
            } catch (SQLException e) {
                throw QRepException.sql(mirror, "counting the rows of " + watermark.table(), count, e);
            }
        }
        int perPartition = (int) Math.min(rowsPerPartition, Integer.MAX_VALUE);
        CyclePlan plan = PartitionPlanner.ctidPlan(SnapshotPlanner.plan(watermark.table(), blocks, reltuples, exact,
                perPartition), PartitionPlanner.nextVersion(clock, 0));
        return new Planned(plan, snapshot);
    }
}
