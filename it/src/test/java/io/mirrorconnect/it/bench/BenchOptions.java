package io.mirrorconnect.it.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of scripts/bench-e2e.sh: {@code [ROWS] [CHANGES] [--sweep] [--no-debezium]
 * [--converter json|avro|both] [--sources-only] [--trace] [--jfr] [--no-warmup] [--producer NAME=VALUE]...
 * [--source NAME=VALUE]... [--sink NAME=VALUE]...} (also
 * {@code --converter=…}, {@code --producer=…}). ROWS and CHANGES may use {@code _} as a digit separator. The
 * converter defaults to json (the run of record); {@code both} runs every measure with JSON and with Avro in one
 * run. {@code --sources-only} skips the sinks and the direct insert (the snapshots and drains only);
 * {@code --trace} records each source phase's progress curve (the topic's end offset every 100 ms) and Postgres's
 * CPU; {@code --jfr} records the worker with JFR per phase; {@code --no-warmup} skips the unmeasured snapshot each
 * source first makes under other names (see EndToEndBench#warmUp); {@code --producer} sets a {@code producer.override.*}
 * on both sources (on top of the compiled ones), e.g. {@code --producer compression.type=zstd}; {@code --source}
 * sets a property of pg-cdc-source's compiled config only (an experiment, e.g. {@code --source max.batch.size=10000});
 * {@code --sink} one of clickhouse-sink's (e.g. {@code --sink max.batch.bytes=16777216}); {@code --repeat N} (odd) runs
 * the compared pair (the no-op sink, then clickhouse-sink) N times in turn, and the goals use the median run of each
 * (default {@link #DEFAULT_REPEAT}); {@code --null-destination} adds to each turn a run of clickhouse-sink into a table
 * of ClickHouse's {@code Null} engine (the server parses each insert and stores nothing: the sink with a destination
 * that costs these two cores almost nothing), reported beside the goals, not as one.
 */
record BenchOptions(long rows, long changes, boolean sweep, boolean debezium, List<BenchConverter> converters,
        boolean sourcesOnly, boolean trace, boolean jfr, Map<String, String> producerOverrides,
        Map<String, String> sourceOverrides, Map<String, String> sinkOverrides, boolean warmup, int repeat,
        boolean nullDestination) {
    static final long DEFAULT_ROWS = 500_000;
    /** Runs of the compared pair: a single run's sink / no-op ratio moves by about ±0.08 (docs/performance.md). */
    static final int DEFAULT_REPEAT = 3;
    static final long DEFAULT_CHANGES = 200_000;

    BenchOptions {
        if (rows <= 0 || changes <= 0) {
            throw new IllegalArgumentException("ROWS and CHANGES must be positive, got " + rows + " and " + changes);
        }
        if (converters.isEmpty()) {
            throw new IllegalArgumentException("no converter");
        }
        if (repeat < 1 || repeat % 2 == 0) {
            throw new IllegalArgumentException("--repeat must be odd and at least 1 (each median is a run), got "
                    + repeat);
        }
        converters = List.copyOf(converters);
        producerOverrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(producerOverrides));
        sourceOverrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sourceOverrides));
        sinkOverrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sinkOverrides));
    }

    BenchOptions(long rows, long changes, boolean sweep, boolean debezium, List<BenchConverter> converters) {
        this(rows, changes, sweep, debezium, converters, false, false, false, Map.of(), Map.of(), Map.of(), true,
                DEFAULT_REPEAT, false);
    }

    static BenchOptions parse(String... args) {
        List<String> positional = new ArrayList<>();
        boolean sweep = false;
        boolean debezium = true;
        boolean sourcesOnly = false;
        boolean trace = false;
        boolean jfr = false;
        boolean warmup = true;
        boolean nullDestination = false;
        int repeat = DEFAULT_REPEAT;
        Map<String, String> producer = new LinkedHashMap<>();
        Map<String, String> source = new LinkedHashMap<>();
        Map<String, String> sink = new LinkedHashMap<>();
        List<BenchConverter> converters = List.of(BenchConverter.JSON);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--sweep")) {
                sweep = true;
            } else if (a.equals("--no-debezium")) {
                debezium = false;
            } else if (a.equals("--sources-only")) {
                sourcesOnly = true;
            } else if (a.equals("--trace")) {
                trace = true;
            } else if (a.equals("--jfr")) {
                jfr = true;
            } else if (a.equals("--no-warmup")) {
                warmup = false;
            } else if (a.equals("--null-destination")) {
                nullDestination = true;
            } else if (isOption(a, "--repeat")) {
                repeat = Math.toIntExact(number("--repeat", optionValue(args, i, "--repeat", "a number")));
                i += valueArguments(a, "--repeat");
            } else if (isOption(a, "--converter")) {
                converters = converters(optionValue(args, i, "--converter", "json, avro or both"));
                i += valueArguments(a, "--converter");
            } else if (isOption(a, "--producer")) {
                i = settingArgument(args, i, "--producer", v -> producer(producer, v));
            } else if (isOption(a, "--source")) {
                i = settingArgument(args, i, "--source", v -> setting(source, "--source", v));
            } else if (isOption(a, "--sink")) {
                i = settingArgument(args, i, "--sink", v -> setting(sink, "--sink", v));
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + a + " (usage: [ROWS] [CHANGES] [--sweep]"
                        + " [--no-debezium] [--converter json|avro|both] [--sources-only] [--trace] [--jfr]"
                        + " [--no-warmup] [--repeat N] [--null-destination] [--producer NAME=VALUE]... [--source NAME=VALUE]..."
                        + " [--sink NAME=VALUE]...)");
            } else {
                positional.add(a);
            }
        }
        if (positional.size() > 2) {
            throw new IllegalArgumentException("at most ROWS and CHANGES, got " + positional);
        }
        long rows = positional.size() > 0 ? number("ROWS", positional.get(0)) : DEFAULT_ROWS;
        long changes = positional.size() > 1 ? number("CHANGES", positional.get(1)) : DEFAULT_CHANGES;
        return new BenchOptions(rows, changes, sweep, debezium, converters, sourcesOnly, trace, jfr, producer, source,
                sink, warmup, repeat, nullDestination);
    }

    boolean avro() {
        return converters.contains(BenchConverter.AVRO);
    }

    /** {@code --name VALUE} or {@code --name=VALUE}. */
    private static boolean isOption(String arg, String name) {
        return arg.equals(name) || arg.startsWith(name + "=");
    }

    /**
     * The value of the option at {@code i}: {@code --name VALUE} or {@code --name=VALUE}; {@code what} names the
     * value the option needs when it is missing (e.g. "a number").
     */
    private static String optionValue(String[] args, int i, String name, String what) {
        if (args[i].startsWith(name + "=")) {
            return args[i].substring(name.length() + 1);
        }
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(name + " needs " + what);
        }
        return args[i + 1];
    }

    /** The arguments after the option {@code arg} that its value took: 1 for {@code --name VALUE}, else 0. */
    private static int valueArguments(String arg, String name) {
        return arg.equals(name) ? 1 : 0;
    }

    /**
     * Hands the NAME=VALUE of the option at {@code i} ({@code --name NAME=VALUE} or {@code --name=NAME=VALUE}) to
     * {@code into}; returns the index of the last argument it used.
     */
    private static int settingArgument(String[] args, int i, String name, java.util.function.Consumer<String> into) {
        into.accept(optionValue(args, i, name, "NAME=VALUE"));
        return i + valueArguments(args[i], name);
    }

    private static void producer(Map<String, String> into, String setting) {
        Map<String, String> one = new LinkedHashMap<>();
        setting(one, "--producer", setting);
        one.forEach((name, value) -> into.put(name.startsWith("producer.override.")
                ? name.substring("producer.override.".length()) : name, value));
    }

    private static void setting(Map<String, String> into, String option, String setting) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " needs NAME=VALUE, got '" + setting + "'");
        }
        into.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
    }

    private static List<BenchConverter> converters(String value) {
        return switch (value) {
            case "json" -> List.of(BenchConverter.JSON);
            case "avro" -> List.of(BenchConverter.AVRO);
            case "both" -> List.of(BenchConverter.JSON, BenchConverter.AVRO);
            default -> throw new IllegalArgumentException("--converter must be json, avro or both, got '" + value + "'");
        };
    }

    private static long number(String what, String text) {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + text + "'");
        }
    }
}
