package io.mirrorconnect.ddl.analyzer;

/** The value type of an option. */
public enum OptionType {
    STRING("a string"),
    /** A string that is a secret (password, key); carried as given, shown nowhere else. */
    SECRET("a string"),
    INTEGER("an integer"),
    BOOLEAN("a boolean (true or false)"),
    /** One of {@link OptionSpec#allowed()}. */
    ENUM("one of");

    private final String description;

    OptionType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
