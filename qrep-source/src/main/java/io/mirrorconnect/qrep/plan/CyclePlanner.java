package io.mirrorconnect.qrep.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.qrep.QRepException;
import io.mirrorconnect.qrep.sql.QRepSql;
import io.mirrorconnect.qrep.watermark.Watermark;

/**
 * Plans a cycle on the database (I/O adapter around the pure {@link PartitionPlanner}): counts the rows past the
 * start and takes NTILE bucket ends inside one {@code REPEATABLE READ, READ ONLY} transaction, then holds the
 * cycle back until no transaction that was running at planning time can still commit a row inside it.
 *
 * <p>The hold-back rule (late commits, the lost-row bug of watermark replication):
 * <ul>
 *   <li>column watermark: the cycle's high watermark is the highest value visible in the planning snapshot. A
 *       transaction still running then may commit a row below it later (an id it took from a sequence, a
 *       timestamp of its own start). So the cycle's partitions are read only once every transaction older than
 *       the planning snapshot's xmax has ended ({@code pg_snapshot_xmin(pg_current_snapshot()) >= xmax}); the
 *       partitions cover every value up to the high watermark, so such a row is read by this cycle.</li>
 *   <li>xmin: the cycle takes only rows whose xmin is older than the planning snapshot's xmin (every such
 *       transaction has ended), so there is nothing to wait for; newer rows belong to a later cycle.</li>
 * </ul>
 * Either way a long-running transaction delays the mirror (logged every minute, naming the session) rather than
 * losing rows.
 */
public final class CyclePlanner {
    private static final Logger LOG = LoggerFactory.getLogger(CyclePlanner.class);
    private static final long LOG_EVERY_MS = 60_000;

    private final String mirror;
    private final Watermark watermark;
    private final long rowsPerPartition;

    public CyclePlanner(String mirror, Watermark watermark, long rowsPerPartition) {
        this.mirror = mirror;
        this.watermark = watermark;
        this.rowsPerPartition = rowsPerPartition;
    }

    /**
     * Plans cycle {@code cycle} from {@code start} (the previous cycle's next start; null for the first cycle) and
     * waits out the hold-back. Returns an empty plan when there are no rows.
     *
     * @param stopped polled while waiting; true ends the wait and the method returns null (nothing was read)
     */
    public CyclePlan plan(Connection c, long cycle, String start, long previousVersion, BooleanSupplier stopped)
            throws SQLException, InterruptedException {
        boolean xmin = watermark.isXmin();
        String cycleStart = start != null ? start : xmin ? null : QRepSql.lowest(watermark.kind());
        boolean hasStart = cycleStart != null;
        String snapshotXmax;
        String snapshotXmin;
        CyclePlan plan;
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            String cut;
            long clock;
            try (ResultSet rs = s.executeQuery(QRepSql.SNAPSHOT_INFO)) {
                rs.next();
                snapshotXmin = rs.getString(1);
                snapshotXmax = rs.getString(2);
                cut = rs.getString(3);
                clock = rs.getLong(4);
            }
            long version = PartitionPlanner.nextVersion(clock, previousVersion);
            long rows;
            String countSql = QRepSql.count(watermark, hasStart);
            try (PreparedStatement ps = c.prepareStatement(countSql)) {
                int i = 1;
                if (xmin) {
                    ps.setString(i++, cut);
                }
                if (hasStart) {
                    ps.setString(i, cycleStart);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                }
            } catch (SQLException e) {
                throw QRepException.sql(mirror, "counting the new rows of " + watermark.table(), countSql, e);
            }
            int buckets = PartitionPlanner.bucketCount(rows, rowsPerPartition);
            if (buckets == 0) {
                plan = new CyclePlan(cycle, cycleStart, List.of(), start, previousVersion);
            } else {
                String endsSql = QRepSql.bucketEnds(watermark, hasStart);
                try (PreparedStatement ps = c.prepareStatement(endsSql)) {
                    int i = 1;
                    ps.setInt(i++, buckets);
                    if (xmin) {
                        ps.setString(i++, cut);
                    }
                    if (hasStart) {
                        ps.setString(i, cycleStart);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        if (xmin) {
                            List<String> ends = new ArrayList<>();
                            while (rs.next()) {
                                ends.add(rs.getString(1));
                            }
                            plan = PartitionPlanner.xminPlan(cycle, cycleStart, ends, version);
                        } else {
                            List<PartitionPlanner.BucketEnd> ends = new ArrayList<>();
                            while (rs.next()) {
                                ends.add(new PartitionPlanner.BucketEnd(rs.getString(1), rs.getString(2)));
                            }
                            plan = PartitionPlanner.columnPlan(cycle, cycleStart, ends, version);
                        }
                    }
                } catch (SQLException e) {
                    throw QRepException.sql(mirror, "partitioning the new rows of " + watermark.table(), endsSql, e);
                }
            }
            if (rows > 0 || LOG.isDebugEnabled()) {
                LOG.info("mirror {}: cycle {} planned: {} rows past {} in {} partitions (snapshot xmin {}, xmax {})",
                        mirror, cycle, rows, cycleStart == null ? "the beginning" : cycleStart,
                        plan.partitions().size(), snapshotXmin, snapshotXmax);
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        if (!xmin && !plan.isEmpty() && !snapshotXmin.equals(snapshotXmax) && !holdBack(c, snapshotXmax, stopped)) {
            return null;
        }
        return plan;
    }

    /** Waits until every transaction older than {@code xmax} has ended; false when stopped first. */
    private boolean holdBack(Connection c, String xmax, BooleanSupplier stopped) throws SQLException,
            InterruptedException {
        long started = System.currentTimeMillis();
        long lastLog = started;
        long pause = 50;
        while (!stopped.getAsBoolean()) {
            try (PreparedStatement ps = c.prepareStatement(QRepSql.OLDER_TRANSACTIONS_ENDED)) {
                ps.setString(1, xmax);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        if (System.currentTimeMillis() - started > 1000) {
                            LOG.info("mirror {}: the transactions that were running when the cycle was planned have "
                                    + "ended after {} ms; reading it now", mirror, System.currentTimeMillis() - started);
                        }
                        return true;
                    }
                }
            }
            long now = System.currentTimeMillis();
            if (now - lastLog >= LOG_EVERY_MS || (lastLog == started && now - started > 5_000)) {
                lastLog = now;
                LOG.warn("mirror {}: waiting {} s for transactions older than the cycle to end (they could still "
                        + "commit rows below its high watermark); oldest: {}", mirror, (now - started) / 1000,
                        oldestBlocker(c, xmax));
            }
            Thread.sleep(pause);
            pause = Math.min(1000, pause * 2);
        }
        return false;
    }

    private static String oldestBlocker(Connection c, String xmax) {
        try (PreparedStatement ps = c.prepareStatement(QRepSql.OLDEST_BLOCKER)) {
            ps.setString(1, xmax);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "(not visible in pg_stat_activity: another database, or a prepared transaction)";
                }
                return "pid " + rs.getInt(1) + " user " + rs.getString(2) + " state " + rs.getString(3)
                        + " open for " + rs.getString(4) + " running: " + rs.getString(5);
            }
        } catch (SQLException e) {
            return "(cannot read pg_stat_activity: " + e.getMessage() + ")";
        }
    }
}
