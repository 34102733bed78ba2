package io.mirrorconnect.pgcdc.types;

import java.util.List;
import java.util.Objects;

/**
 * One Postgres type, as {@code pg_type} (and {@code pg_enum}) describe it.
 *
 * @param oid               the type's OID
 * @param name              the type's name as {@code format_type(oid, NULL)} spells it ({@code integer},
 *                          {@code character varying}, {@code public.mood}, {@code integer[]})
 * @param typtype           {@code b} base, {@code e} enum, {@code d} domain, {@code r} range, {@code c} composite,
 *                          {@code m} multirange, {@code p} pseudo
 * @param category          {@code typcategory}: {@code A} array, {@code N} numeric, {@code S} string, ...
 * @param elementOid        {@code typelem} (the element type of an array type), 0 when none
 * @param baseOid           {@code typbasetype} (the base type of a domain), 0 when not a domain
 * @param enumLabels        the labels of an enum in sort order; empty otherwise
 * @param baseTypeModifier  {@code typtypmod} of a domain (e.g. the {@code (10,2)} of a domain over
 *                          {@code numeric(10,2)}), -1 when none
 */
public record PgType(int oid, String name, char typtype, char category, int elementOid, int baseOid,
                     List<String> enumLabels, int baseTypeModifier) {

    public PgType {
        Objects.requireNonNull(name, "name");
        enumLabels = enumLabels == null ? List.of() : List.copyOf(enumLabels);
    }

    public PgType(int oid, String name, char typtype, char category, int elementOid, int baseOid,
                  List<String> enumLabels) {
        this(oid, name, typtype, category, elementOid, baseOid, enumLabels, -1);
    }

    /** A built-in base type. */
    public static PgType base(int oid, String name, char category) {
        return new PgType(oid, name, 'b', category, 0, 0, List.of(), -1);
    }

    /** An array type over {@code elementOid}. */
    public static PgType array(int oid, String name, int elementOid) {
        return new PgType(oid, name, 'b', 'A', elementOid, 0, List.of(), -1);
    }

    public static PgType enumType(int oid, String name, List<String> labels) {
        return new PgType(oid, name, 'e', 'E', 0, 0, labels, -1);
    }

    public static PgType domain(int oid, String name, int baseOid, int baseTypeModifier) {
        return new PgType(oid, name, 'd', 'U', 0, baseOid, List.of(), baseTypeModifier);
    }

    public boolean isArray() {
        return category == 'A' && elementOid != 0;
    }

    public boolean isDomain() {
        return typtype == 'd';
    }

    public boolean isEnum() {
        return typtype == 'e';
    }

    public boolean isRange() {
        return typtype == 'r' || typtype == 'm';
    }

    public boolean isComposite() {
        return typtype == 'c';
    }

    /** The unqualified, unquoted type name ({@code public.citext} and {@code "public"."citext"} give {@code citext}). */
    public String simpleName() {
        String n = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
        if (n.endsWith("\"")) {
            // a quoted last part may itself contain dots
            int open = n.lastIndexOf('"', n.length() - 2);
            while (open > 0 && n.charAt(open - 1) == '"') {
                open = n.lastIndexOf('"', open - 2);
            }
            return n.substring(open + 1, n.length() - 1).replace("\"\"", "\"");
        }
        int dot = n.lastIndexOf('.');
        return dot >= 0 ? n.substring(dot + 1) : n;
    }
}
