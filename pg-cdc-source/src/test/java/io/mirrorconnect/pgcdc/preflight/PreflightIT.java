package io.mirrorconnect.pgcdc.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.pgcdc.PgCdcSourceConfig;
import io.mirrorconnect.pgcdc.PgCdcSourceConnector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The preflight against real servers: each problem is reported on the property a user would change. */
class PreflightIT {
    static EmbeddedPostgres logical;
    static EmbeddedPostgres replica;

    @BeforeAll
    static void start() throws Exception {
        logical = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start();
        replica = EmbeddedPostgres.builder().setServerConfig("wal_level", "replica").start();
        try (Connection c = logical.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ok (id int PRIMARY KEY, secret text)");
            st.execute("CREATE TABLE keyless (a int)");
            st.execute("CREATE TABLE full_ident (a int)");
            st.execute("ALTER TABLE full_ident REPLICA IDENTITY FULL");
            st.execute("CREATE TABLE other (id int PRIMARY KEY)");
            st.execute("CREATE PUBLICATION user_pub FOR TABLE other");
            st.execute("CREATE ROLE plain LOGIN");
            st.execute("GRANT SELECT ON ok TO plain");
            st.execute("CREATE TABLE \"Grid Table\" (id int PRIMARY KEY, \"Flat\" int[], grid int[][], fine text[], "
                    + "skipped int[])");
            st.execute("INSERT INTO \"Grid Table\" VALUES (1, '{{1,2}}', '{}', '{a}', '{{1}}'), "
                    + "(2, '{1}', '{{1}}', NULL, NULL), (3, NULL, '{1}', '{}', NULL)");
            st.execute("CREATE DOMAIN grid2 AS int[][]");
            st.execute("CREATE TABLE domain_grid (id int PRIMARY KEY, g grid2)");
            st.execute("INSERT INTO domain_grid VALUES (1, '{{1}}'), (2, '{1}')");
            st.execute("CREATE TABLE arrays_ok (id int PRIMARY KEY, a int[], g int[][])");
            st.execute("INSERT INTO arrays_ok VALUES (1, '{1}', '{{1,2},{3,4}}'), (2, '{}', '{}'), (3, NULL, NULL)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        logical.close();
        replica.close();
    }

    static Map<String, String> config(EmbeddedPostgres pg, String tables) {
        Map<String, String> p = new HashMap<>();
        p.put("mirror.name", "pre");
        p.put("database.hostname", "localhost");
        p.put("database.port", Integer.toString(pg.getPort()));
        p.put("database.user", "postgres");
        p.put("database.dbname", "postgres");
        p.put("database.sslmode", "disable");
        p.put("table.include.list", tables);
        return p;
    }

    static Map<String, List<String>> errors(Map<String, String> props) {
        Map<String, List<String>> out = new HashMap<>();
        for (ConfigValue v : new PgCdcSourceConnector().validate(props).configValues()) {
            if (!v.errorMessages().isEmpty()) {
                out.put(v.name(), v.errorMessages());
            }
        }
        return out;
    }

    @Test
    void arrayValuesWithOtherDimensionsThanDeclaredAreRefusedBeforeTheMirrorRuns() {
        assertThat(errors(config(logical, "public.arrays_ok"))).isEmpty();
        Map<String, String> p = config(logical, "public.\"Grid Table\"");
        p.put("column.exclude.list", "public.\"Grid Table\".skipped");
        List<String> e = errors(p).get("table.include.list");
        assertThat(e).hasSize(2);
        assertThat(e.get(0)).contains("column 'Flat'").contains("declared with (the column's schema nests 1")
                .contains("array_ndims(\"Flat\") <> 1").contains("column.exclude.list");
        assertThat(e.get(1)).contains("column 'grid'").contains("nests 2");
        // a column typed by a domain over an array is checked against the domain's dimensions
        assertThat(errors(config(logical, "public.domain_grid")).get("table.include.list"))
                .singleElement().asString().contains("column 'g'").contains("nests 2");
    }

    @Test
    void aGoodSetupPasses() {
        assertThat(errors(config(logical, "public.ok,public.full_ident"))).isEmpty();
    }

    @Test
    void tablesWithoutKeyOrMissingAreNamed() {
        Map<String, List<String>> e = errors(config(logical, "public.ok,public.keyless,public.nope"));
        assertThat(e).containsOnlyKeys(PgCdcSourceConfig.TABLE_INCLUDE_LIST_CONFIG);
        assertThat(e.get(PgCdcSourceConfig.TABLE_INCLUDE_LIST_CONFIG)).containsExactly(
                "table public.keyless has no primary key and its REPLICA IDENTITY is DEFAULT; add a primary key "
                        + "or run ALTER TABLE public.keyless REPLICA IDENTITY FULL",
                "table public.nope does not exist");
    }

    @Test
    void walLevelIsReportedOnTheHost() {
        Map<String, List<String>> e = errors(config(replica, "public.x"));
        assertThat(e.get(PgCdcSourceConfig.HOSTNAME_CONFIG)).anyMatch(m -> m.contains("wal_level is 'replica'"));
    }

    @Test
    void aUserWithoutReplicationIsReportedOnTheUser() {
        Map<String, String> p = config(logical, "public.ok");
        p.put("database.user", "plain");
        Map<String, List<String>> e = errors(p);
        assertThat(e.get(PgCdcSourceConfig.USER_CONFIG)).anyMatch(m -> m.contains("lacks the REPLICATION attribute"));
        assertThat(e.get(PgCdcSourceConfig.TABLE_INCLUDE_LIST_CONFIG))
                .anyMatch(m -> m.contains("does not own table public.ok"));
    }

    @Test
    void excludedKeyColumnsAndUnknownColumnsAreReported() {
        Map<String, String> p = config(logical, "public.ok");
        p.put("column.exclude.list", "public.ok.id,public.ok.nope,public.ok.secret");
        assertThat(errors(p).get(PgCdcSourceConfig.COLUMN_EXCLUDE_LIST_CONFIG)).containsExactlyInAnyOrder(
                "column 'id' of public.ok is part of the key and cannot be excluded",
                "table public.ok has no column 'nope'");
    }

    @Test
    void aUserPublicationMustCoverTheTables() {
        Map<String, String> p = config(logical, "public.ok,public.other");
        p.put("publication.name", "user_pub");
        assertThat(errors(p).get(PgCdcSourceConfig.PUBLICATION_NAME_CONFIG))
                .containsExactly("publication 'user_pub' does not cover [public.ok] (ALTER PUBLICATION ... ADD TABLE ...)");
    }

    @Test
    void anUnreachableDatabaseIsReportedOnTheHost() {
        Map<String, String> p = config(logical, "public.ok");
        p.put("database.port", "1");
        assertThat(errors(p).get(PgCdcSourceConfig.HOSTNAME_CONFIG)).anyMatch(m -> m.contains("cannot check"));
    }
}
