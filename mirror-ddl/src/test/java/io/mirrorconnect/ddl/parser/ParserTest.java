package io.mirrorconnect.ddl.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorconnect.ddl.lexer.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
    private static List<Statement> parse(String text) {
        ParseResult r = Parser.parse(new SourceFile("t.sql", text));
        assertThat(r.errors()).extracting(Throwable::getMessage).isEmpty();
        return r.statements();
    }

    @Test
    void createPeerLowerCasesNamesAndOptionKeys() {
        CreatePeer p = (CreatePeer) parse("create peer if not exists My_PG from postgres with (HOST = 'h',"
                + " Port = 5432, password = ${env:PW}, sslmode = require, flag = TRUE,)").get(0);
        assertThat(p.name().value()).isEqualTo("my_pg");
        assertThat(p.ifNotExists()).isTrue();
        assertThat(p.type().value()).isEqualTo("POSTGRES");
        assertThat(p.options()).extracting(o -> o.key().value())
                .containsExactly("host", "port", "password", "sslmode", "flag");
        assertThat(p.options()).extracting(o -> o.value().kind()).containsExactly(OptionValue.Kind.STRING,
                OptionValue.Kind.NUMBER, OptionValue.Kind.PLACEHOLDER, OptionValue.Kind.IDENTIFIER,
                OptionValue.Kind.BOOLEAN);
        assertThat(p.options().get(4).value().text()).isEqualTo("true");
    }

    @Test
    void quotedNamesKeepTheirCase() {
        DropPeer d = (DropPeer) parse("DROP PEER IF EXISTS \"Mixed\"").get(0);
        assertThat(d.name().value()).isEqualTo("Mixed");
        assertThat(d.name().quoted()).isTrue();
        assertThat(d.ifExists()).isTrue();
    }

    @Test
    void cdcMirrorWithBothMappingForms() {
        CdcMirror m = (CdcMirror) parse("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.a:a,"
                + " {from: \"S\".\"T x\", to: t, exclude: [c1, \"C 2\"]}, s.b : x.y,) WITH (do_initial_copy = true)")
                .get(0);
        assertThat(m.mappings()).hasSize(3);
        assertThat(m.mappings().get(0).from().parts()).containsExactly("public", "a");
        assertThat(m.mappings().get(1).from().parts()).containsExactly("S", "T x");
        assertThat(m.mappings().get(1).exclude()).extracting(Name::value).containsExactly("c1", "C 2");
        assertThat(m.mappings().get(2).to().parts()).containsExactly("x", "y");
        assertThat(m.options()).hasSize(1);
    }

    @Test
    void qrepMirrorKeepsTheQueryVerbatim() {
        QRepMirror q = (QRepMirror) parse("CREATE MIRROR q IF NOT EXISTS FROM pg TO sf FOR\n$$\n  SELECT *"
                + " FROM t WHERE x BETWEEN {{.start}} AND {{.end}}\n$$ WITH (mode = 'append');").get(0);
        assertThat(q.ifNotExists()).isTrue();
        assertThat(q.query()).isEqualTo("\n  SELECT * FROM t WHERE x BETWEEN {{.start}} AND {{.end}}\n");
    }

    @Test
    void severalStatementsAndLifecycle() {
        List<Statement> s = parse("PAUSE MIRROR a; RESUME MIRROR IF EXISTS b;; DROP MIRROR c;");
        assertThat(s).hasSize(3);
        assertThat(s.get(0)).isInstanceOf(PauseMirror.class);
        assertThat(((ResumeMirror) s.get(1)).ifExists()).isTrue();
        assertThat(s.get(2).title()).isEqualTo("DROP MIRROR c");
    }

    @Test
    void parsingResumesAfterAnError() {
        ParseResult r = Parser.parse(new SourceFile("t.sql", "DROP MIRROR;\nPAUSE MIRROR ok;\nCREATE PEER"));
        assertThat(r.statements()).hasSize(1);
        assertThat(r.errors()).extracting(Throwable::getMessage).containsExactly(
                "expected a mirror name but found ';'", "expected a peer name but found end of input");
        assertThat(r.errors().get(0).span().start().line()).isEqualTo(1);
        assertThat(r.errors().get(0).span().start().column()).isEqualTo(12);
    }
}
