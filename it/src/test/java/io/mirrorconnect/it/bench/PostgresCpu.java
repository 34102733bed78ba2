package io.mirrorconnect.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * The CPU of the bench's Postgres ({@code --trace}): every process of the server, from {@code /proc}. The
 * postmaster's own time plus the time of the children it reaped ({@code cutime}, {@code cstime}: backends that
 * ended, such as the snapshot's COPY backends) plus the time of its live children, so a difference over a phase
 * counts every backend that ran in it. Also the walsenders of the moment ({@code pg_stat_replication}), whose
 * whole life is usually one phase.
 */
final class PostgresCpu {
    private final PostgresFixture pg;
    private final long postmaster;
    private final long ticksPerSecond;

    PostgresCpu(PostgresFixture pg, long ticksPerSecond) {
        this.pg = pg;
        this.ticksPerSecond = ticksPerSecond;
        // the backend's parent, read while its connection is open (the backend ends with it)
        try (java.sql.Connection c = pg.connect(); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            this.postmaster = WorkerMeter.statField(WorkerMeter.procStat(rs.getLong(1)), 4);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU-seconds of the whole server so far (see the class comment). */
    double serverSeconds() {
        String own = WorkerMeter.procStat(postmaster);
        long ticks = WorkerMeter.cpuTicks(own) + WorkerMeter.statField(own, 16) + WorkerMeter.statField(own, 17);
        for (long child : children()) {
            String s = WorkerMeter.procStat(child);
            if (s != null) {
                ticks += WorkerMeter.cpuTicks(s);
            }
        }
        return ticks / (double) ticksPerSecond;
    }

    /** CPU-seconds the live walsenders used since they started ({@code pg_stat_replication.pid}). */
    double walsenderSeconds() {
        long ticks = 0;
        for (List<String> row : pg.queryRows("SELECT pid FROM pg_stat_replication")) {
            String s = WorkerMeter.procStat(Long.parseLong(row.get(0)));
            if (s != null) {
                ticks += WorkerMeter.cpuTicks(s);
            }
        }
        return ticks / (double) ticksPerSecond;
    }

    private List<Long> children() {
        List<Long> out = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String s = WorkerMeter.procStat(Long.parseLong(name));
                if (s != null && WorkerMeter.statField(s, 4) == postmaster) {
                    out.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
