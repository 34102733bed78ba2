package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.ddl.lexer.SourceFile;
import io.mirrorconnect.ddl.parser.CdcMirror;
import io.mirrorconnect.ddl.parser.CreateMirror;
import io.mirrorconnect.ddl.parser.CreatePeer;
import io.mirrorconnect.ddl.parser.DropMirror;
import io.mirrorconnect.ddl.parser.DropPeer;
import io.mirrorconnect.ddl.parser.Name;
import io.mirrorconnect.ddl.parser.ParseException;
import io.mirrorconnect.ddl.parser.ParseResult;
import io.mirrorconnect.ddl.parser.Parser;
import io.mirrorconnect.ddl.parser.PauseMirror;
import io.mirrorconnect.ddl.parser.QRepMirror;
import io.mirrorconnect.ddl.parser.ResumeMirror;
import io.mirrorconnect.ddl.parser.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses and analyzes all files of a run in order, sharing one {@link Catalog}: peers defined in one file may
 * be used in the next. Reports every error it can find (syntax errors skip only their statement).
 */
public final class ScriptAnalyzer {
    private static final Pattern MIRROR_NAME = Pattern.compile("[a-z0-9_]+");

    private final Catalog catalog = new Catalog();
    private final Diagnostics diagnostics;
    private final List<MirrorAction> actions = new ArrayList<>();
    private final Map<String, Name> peerDefinitions = new HashMap<>();
    private final Map<String, Name> mirrorDefinitions = new HashMap<>();

    private ScriptAnalyzer(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public static AnalyzedScript analyze(List<SourceFile> files, Diagnostics diagnostics) {
        ScriptAnalyzer a = new ScriptAnalyzer(diagnostics);
        for (SourceFile f : files) {
            ParseResult parsed = Parser.parse(f);
            for (ParseException e : parsed.errors()) {
                diagnostics.error(e.span(), e.getMessage());
            }
            for (Statement s : parsed.statements()) {
                a.statement(s);
            }
        }
        return new AnalyzedScript(a.actions, List.copyOf(a.catalog.mirrors()));
    }

    private void statement(Statement s) {
        if (s instanceof CreatePeer p) {
            createPeer(p);
        } else if (s instanceof DropPeer p) {
            dropPeer(p);
        } else if (s instanceof CreateMirror m) {
            createMirror(m);
        } else if (s instanceof DropMirror m) {
            if (checkMirrorName(m.name(), m.title())) {
                catalog.removeMirror(m.name().value());
                mirrorDefinitions.remove(m.name().value());
                actions.add(new MirrorAction.Drop(m.name().value(), m.ifExists()));
            }
        } else if (s instanceof PauseMirror m) {
            if (checkMirrorName(m.name(), m.title())) {
                actions.add(new MirrorAction.Pause(m.name().value(), m.ifExists()));
            }
        } else if (s instanceof ResumeMirror m) {
            if (checkMirrorName(m.name(), m.title())) {
                actions.add(new MirrorAction.Resume(m.name().value(), m.ifExists()));
            }
        } else {
            throw new IllegalStateException("unhandled statement " + s);
        }
    }

    private void createPeer(CreatePeer p) {
        String name = p.name().value();
        Name earlier = peerDefinitions.get(name);
        if (earlier != null) {
            if (!p.ifNotExists()) {
                diagnostics.error(p.name().span(), "peer '" + name + "' is already defined at "
                        + earlier.span().start() + " (use CREATE PEER IF NOT EXISTS to keep the first)");
            }
            return;
        }
        Optional<Peer> peer = PeerAnalyzer.analyze(p, diagnostics);
        peer.ifPresent(catalog::addPeer);
        peerDefinitions.put(name, p.name());
    }

    private void dropPeer(DropPeer p) {
        String name = p.name().value();
        if (!peerDefinitions.containsKey(name) && !p.ifExists()) {
            diagnostics.error(p.name().span(), unknownPeer(name, p.title()));
            return;
        }
        catalog.removePeer(name);
        peerDefinitions.remove(name);
    }

    private void createMirror(CreateMirror m) {
        String name = m.name().value();
        int before = diagnostics.errors().size();
        checkMirrorName(m.name(), m.title());
        Name earlier = mirrorDefinitions.get(name);
        if (earlier != null) {
            if (!m.ifNotExists()) {
                diagnostics.error(m.name().span(), "mirror '" + name + "' is already defined at "
                        + earlier.span().start() + " (use CREATE MIRROR IF NOT EXISTS to keep the first)");
            }
            return;
        }
        mirrorDefinitions.put(name, m.name());
        Peer source = peer(m.source(), m.title());
        Peer target = peer(m.target(), m.title());
        if (source != null && !source.type().canBeSource()) {
            diagnostics.error(m.source().span(), "source peer '" + source.name() + "' of " + m.title() + " is a "
                    + source.type() + " peer; the source must be a POSTGRES peer");
        }
        if (target != null && !target.type().canBeTarget()) {
            diagnostics.error(m.target().span(), "target peer '" + target.name() + "' of " + m.title() + " is a "
                    + target.type() + " peer; the target must be a BIGQUERY, SNOWFLAKE or CLICKHOUSE peer");
        }
        if (diagnostics.errors().size() > before) {
            // Still check the options and mappings we can, so one run reports them too.
            if (target != null && target.type().canBeTarget()) {
                analyzeMirror(m, source, target);
            } else {
                analyzeOptionsOnly(m);
            }
            return;
        }
        MirrorDefinition def = analyzeMirror(m, source, target);
        if (def != null) {
            catalog.addMirror(def);
            actions.add(new MirrorAction.Create(def));
        }
    }

    private MirrorDefinition analyzeMirror(CreateMirror m, Peer source, Peer target) {
        if (m instanceof CdcMirror c) {
            return MirrorAnalyzer.cdc(c, source, target, diagnostics);
        }
        return MirrorAnalyzer.qrep((QRepMirror) m, source, target, diagnostics);
    }

    private void analyzeOptionsOnly(CreateMirror m) {
        OptionSet set = m instanceof CdcMirror ? MirrorSpec.CDC : MirrorSpec.QREP;
        set.resolve(m.options(), m.title(), m.name().span(), diagnostics);
    }

    private Peer peer(Name name, String title) {
        Optional<Peer> p = catalog.peer(name.value());
        if (p.isEmpty()) {
            if (!peerDefinitions.containsKey(name.value())) {
                diagnostics.error(name.span(), unknownPeer(name.value(), title));
            }
            return null;
        }
        return p.get();
    }

    private String unknownPeer(String name, String title) {
        return "unknown peer '" + name + "' in " + title
                + Suggestions.closest(name, catalog.peerNames()).map(s -> "; did you mean '" + s + "'?")
                        .orElse(" (define it with CREATE PEER in this or an earlier file)");
    }

    private boolean checkMirrorName(Name name, String title) {
        if (!MIRROR_NAME.matcher(name.value()).matches()) {
            diagnostics.error(name.span(), "mirror name '" + name.value() + "' in " + title + " may only contain"
                    + " lower-case letters, digits and '_' (it names connectors, topics, the slot and the"
                    + " publication)");
            return false;
        }
        return true;
    }
}
