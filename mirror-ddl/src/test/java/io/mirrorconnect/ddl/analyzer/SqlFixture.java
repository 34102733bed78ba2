package io.mirrorconnect.ddl.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorconnect.ddl.lexer.SourceFile;
import java.util.List;

/**
 * Calcite-style checks: {@code sql("... ^bad^ ...").fails("message")} strips the carets, analyzes the text (after
 * a file of standard peers {@code pg}, {@code ch}, {@code sf}, {@code bq}, {@code pg2}) and asserts exactly one
 * error with that message whose span starts and ends where the carets were.
 */
final class SqlFixture {
    static final String PEERS = String.join("\n",
            "CREATE PEER pg FROM POSTGRES WITH (host = 'h', port = 5432, user = 'u', password = 'p', database = 'd');",
            "CREATE PEER pg2 FROM POSTGRES WITH (host = 'h', port = 5432, user = 'u', password = 'p', database = 'd');",
            "CREATE PEER ch FROM CLICKHOUSE WITH (host = 'h', port = 8123, user = 'u', database = 'd');",
            "CREATE PEER sf FROM SNOWFLAKE WITH (account_id = 'a', username = 'u', password = 'p', database = 'd',"
                    + " warehouse = 'w', role = 'r');",
            "CREATE PEER bq FROM BIGQUERY WITH (type = 'service_account', project_id = 'p', private_key_id = 'k',"
                    + " private_key = 'pk', client_email = 'e', client_id = 'c', auth_uri = 'a', token_uri = 't',"
                    + " auth_provider_x509_cert_url = 'x', client_x509_cert_url = 'y', dataset_id = 'ds');");

    private final String text;
    private final int start;
    private final int end;
    private final boolean withPeers;

    private SqlFixture(String marked, boolean withPeers) {
        this.withPeers = withPeers;
        int a = marked.indexOf('^');
        int b = a < 0 ? -1 : marked.indexOf('^', a + 1);
        if (a >= 0 && b < 0) {
            throw new IllegalArgumentException("need two carets: " + marked);
        }
        this.text = a < 0 ? marked : marked.substring(0, a) + marked.substring(a + 1, b) + marked.substring(b + 1);
        this.start = a;
        this.end = a < 0 ? -1 : b - 1;
    }

    static SqlFixture sql(String marked) {
        return new SqlFixture(marked, true);
    }

    /** Without the standard peers. */
    static SqlFixture bare(String marked) {
        return new SqlFixture(marked, false);
    }

    Diagnostics analyze() {
        Diagnostics d = new Diagnostics();
        List<SourceFile> files = withPeers
                ? List.of(new SourceFile("peers.sql", PEERS), new SourceFile("test.sql", text))
                : List.of(new SourceFile("test.sql", text));
        ScriptAnalyzer.analyze(files, d);
        return d;
    }

    void ok() {
        Diagnostics d = analyze();
        assertThat(d.errors()).as(d.format()).isEmpty();
    }

    void fails(String message) {
        expectOne(analyze().errors(), message);
    }

    /** The first error reported has this message and position (others may follow). */
    void failsFirst(String message) {
        List<Diagnostic> errors = analyze().errors();
        assertThat(errors).isNotEmpty();
        expectOne(errors.subList(0, 1), message);
    }

    void warns(String message) {
        Diagnostics d = analyze();
        assertThat(d.errors()).as(d.format()).isEmpty();
        expectOne(d.warnings(), message);
    }

    private void expectOne(List<Diagnostic> found, String message) {
        String all = found.stream().map(Diagnostic::format).reduce("", (x, y) -> x + y + "\n");
        assertThat(found).as(all).hasSize(1);
        Diagnostic d = found.get(0);
        assertThat(d.message()).isEqualTo(message);
        if (start >= 0) {
            assertThat(d.span().start().file().name()).isEqualTo("test.sql");
            SourceFile f = d.span().start().file();
            var expectedStart = f.position(start);
            assertThat(d.span().start().line() + ":" + d.span().start().column())
                    .as("error start (line:col)").isEqualTo(expectedStart.line() + ":" + expectedStart.column());
            assertThat(d.span().length()).as("error length").isEqualTo(end - start);
        }
    }
}
