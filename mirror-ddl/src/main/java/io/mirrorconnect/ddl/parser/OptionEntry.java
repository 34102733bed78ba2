package io.mirrorconnect.ddl.parser;

/** One {@code key = value} entry of a {@code WITH (...)} list; the key is lower-cased. */
public record OptionEntry(Name key, OptionValue value) {
}
