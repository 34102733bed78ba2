package io.mirrorconnect.ddl.analyzer;

import static io.mirrorconnect.ddl.analyzer.SqlFixture.bare;
import static io.mirrorconnect.ddl.analyzer.SqlFixture.sql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Syntax errors: message and caret, and several errors in one run. */
class SyntaxErrorTest {
    @Test
    void unknownStatement() {
        bare("^ALTER^ MIRROR m").fails("expected CREATE, DROP, PAUSE or RESUME but found 'ALTER'");
    }

    @Test
    void createWhat() {
        bare("CREATE ^TABLE^ t").fails("expected PEER or MIRROR but found 'TABLE'");
    }

    @Test
    void missingEqualsInOptions() {
        bare("CREATE PEER p FROM POSTGRES WITH (host ^'h'^)").fails("expected '=' but found string 'h'");
    }

    @Test
    void unterminatedString() {
        bare("CREATE PEER p FROM POSTGRES WITH (host = ^'^h)").fails("unterminated string literal");
    }

    @Test
    void unterminatedDollarBody() {
        sql("CREATE MIRROR q FROM pg TO ch FOR ^$$^ SELECT 1").fails(
                "unterminated dollar-quoted body (expected closing $$)");
    }

    @Test
    void missingSemicolonBetweenStatements() {
        sql("DROP MIRROR a ^PAUSE^ MIRROR b").fails("expected ';' but found 'PAUSE'");
    }

    @Test
    void unknownMappingKey() {
        sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING ({from: public.a, ^into^: a})"
                + " WITH (do_initial_copy = true)")
                .fails("unknown table mapping key 'into': expected from, to or exclude");
    }

    @Test
    void partitionKeyIsRejected() {
        sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING ({from: public.a, to: a, ^key^: id})"
                + " WITH (do_initial_copy = true)")
                .fails("'key' (a partition key) in a table mapping is not supported by Mirror Connect");
    }

    @Test
    void mappingEntryWithoutTarget() {
        sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (^{from: public.a}^) WITH (do_initial_copy = true)")
                .fails("table mapping entry has no 'to:' table");
    }

    @Test
    void mirrorWithoutMappingOrQuery() {
        sql("CREATE MIRROR m FROM pg TO ch ^WITH^ (do_initial_copy = true)")
                .fails("expected WITH TABLE MAPPING or FOR $$ query $$ but found 'WITH'");
    }

    @Test
    void errorsInSeveralStatementsAreAllReported() {
        Diagnostics d = sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.a:a) WITH (do_inital_copy"
                + " = true);\nALTER x;\nCREATE MIRROR n FROM nope TO ch WITH TABLE MAPPING (public.a:a)"
                + " WITH (do_initial_copy = 1);").analyze();
        assertThat(d.errors()).extracting(Diagnostic::message).containsExactly(
                "expected CREATE, DROP, PAUSE or RESUME but found 'ALTER'",
                "unknown option 'do_inital_copy' in CREATE MIRROR m; did you mean 'do_initial_copy'?",
                "unknown peer 'nope' in CREATE MIRROR n (define it with CREATE PEER in this or an earlier file)",
                "option 'do_initial_copy' in CREATE MIRROR n expects a boolean (true or false), got a number '1'");
    }

    @Test
    void sortedDiagnosticsFollowTheText() {
        Diagnostics d = sql("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.a:public.a)\n"
                + "WITH (do_initial_copy = 'x');\nALTER x;").analyze();
        assertThat(d.sorted()).extracting(x -> x.span().start().line()).containsExactly(1, 2, 3);
        assertThat(d.errors()).extracting(x -> x.span().start().line()).containsExactly(3, 2, 1);
    }

    @Test
    void formatsFileLineColumnAndCaret() {
        Diagnostics d = sql("-- comment\nCREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.a:a)\n"
                + "  WITH (do_inital_copy = true)").analyze();
        String first = d.errors().get(0).format();
        assertThat(first).isEqualTo(String.join(System.lineSeparator(),
                "test.sql:3:9: error: unknown option 'do_inital_copy' in CREATE MIRROR m; did you mean"
                        + " 'do_initial_copy'?",
                "  WITH (do_inital_copy = true)",
                "        ^~~~~~~~~~~~~~"));
    }
}
