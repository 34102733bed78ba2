package io.mirrorconnect.it.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of scripts/bench-e2e.sh: {@code [ROWS] [CHANGES] [--sweep] [--no-debezium]
 * [--converter json|avro|both]} (also {@code --converter=…}). ROWS and CHANGES may use {@code _} as a digit
 * separator. The converter defaults to json (the run of record); {@code both} runs every measure with JSON and
 * with Avro in one run.
 */
record BenchOptions(long rows, long changes, boolean sweep, boolean debezium, List<BenchConverter> converters) {
    static final long DEFAULT_ROWS = 500_000;
    static final long DEFAULT_CHANGES = 200_000;

    BenchOptions {
        if (rows <= 0 || changes <= 0) {
            throw new IllegalArgumentException("ROWS and CHANGES must be positive, got " + rows + " and " + changes);
        }
        if (converters.isEmpty()) {
            throw new IllegalArgumentException("no converter");
        }
        converters = List.copyOf(converters);
    }

    static BenchOptions parse(String... args) {
        List<String> positional = new ArrayList<>();
        boolean sweep = false;
        boolean debezium = true;
        List<BenchConverter> converters = List.of(BenchConverter.JSON);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--sweep")) {
                sweep = true;
            } else if (a.equals("--no-debezium")) {
                debezium = false;
            } else if (a.equals("--converter")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--converter needs json, avro or both");
                }
                converters = converters(args[++i]);
            } else if (a.startsWith("--converter=")) {
                converters = converters(a.substring("--converter=".length()));
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + a
                        + " (usage: [ROWS] [CHANGES] [--sweep] [--no-debezium] [--converter json|avro|both])");
            } else {
                positional.add(a);
            }
        }
        if (positional.size() > 2) {
            throw new IllegalArgumentException("at most ROWS and CHANGES, got " + positional);
        }
        long rows = positional.size() > 0 ? number("ROWS", positional.get(0)) : DEFAULT_ROWS;
        long changes = positional.size() > 1 ? number("CHANGES", positional.get(1)) : DEFAULT_CHANGES;
        return new BenchOptions(rows, changes, sweep, debezium, converters);
    }

    boolean avro() {
        return converters.contains(BenchConverter.AVRO);
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
