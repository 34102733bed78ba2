package io.mirrorconnect.pgcdc.types;

import static io.mirrorconnect.pgcdc.types.PgOid.*;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Postgres types a table's columns can have. Built-in types are known statically (their OIDs are fixed);
 * user-defined ones (enums, domains, extension types such as {@code citext}, {@code hstore}, PostGIS
 * {@code geometry}, and their array types) are {@link #register registered} by the I/O layer from
 * {@code pg_type}/{@code pg_enum} (query: {@code PgSql.USER_TYPES}). Thread-safe.
 */
public final class PgTypeRegistry {
    private static final Map<Integer, PgType> BUILT_IN = builtIns();

    private final Map<Integer, PgType> user = new ConcurrentHashMap<>();

    /** Adds or replaces a (user-defined) type, e.g. after {@code ALTER TYPE ... ADD VALUE}. */
    public void register(PgType type) {
        user.put(type.oid(), type);
    }

    public void registerAll(Collection<PgType> types) {
        types.forEach(this::register);
    }

    /** The type with this OID, or null when it is neither built in nor registered. */
    public PgType find(int oid) {
        PgType t = user.get(oid);
        return t != null ? t : BUILT_IN.get(oid);
    }

    /**
     * The type with this OID.
     *
     * @throws PgValueException naming the OID when the type is unknown
     */
    public PgType get(int oid) {
        PgType t = find(oid);
        if (t == null) {
            throw new PgValueException("unknown Postgres type OID " + Integer.toUnsignedString(oid)
                    + ": user-defined types must be registered from pg_type first");
        }
        return t;
    }

    public boolean isKnown(int oid) {
        return find(oid) != null;
    }

    /** The built-in types (for tests and docs). */
    public static Collection<PgType> builtInTypes() {
        return BUILT_IN.values();
    }

    private static Map<Integer, PgType> builtIns() {
        Map<Integer, PgType> m = new ConcurrentHashMap<>();
        // oid, format_type name, typcategory, array oid
        add(m, BOOL, "boolean", 'B', 1000);
        add(m, BYTEA, "bytea", 'U', 1001);
        add(m, CHAR, "\"char\"", 'Z', 1002);
        add(m, NAME, "name", 'S', 1003);
        add(m, INT8, "bigint", 'N', 1016);
        add(m, INT2, "smallint", 'N', 1005);
        add(m, INT2VECTOR, "int2vector", 'A', 1006);
        add(m, INT4, "integer", 'N', 1007);
        add(m, REGPROC, "regproc", 'N', 1008);
        add(m, TEXT, "text", 'S', 1009);
        add(m, OID, "oid", 'N', 1028);
        add(m, TID, "tid", 'U', 1010);
        add(m, XID, "xid", 'U', 1011);
        add(m, CID, "cid", 'U', 1012);
        add(m, OIDVECTOR, "oidvector", 'A', 1013);
        add(m, JSON, "json", 'U', 199);
        add(m, XML, "xml", 'U', 143);
        add(m, POINT, "point", 'G', 1017);
        add(m, LSEG, "lseg", 'G', 1018);
        add(m, PATH, "path", 'G', 1019);
        add(m, BOX, "box", 'G', 1020);
        add(m, POLYGON, "polygon", 'G', 1027);
        add(m, LINE, "line", 'G', 629);
        add(m, CIDR, "cidr", 'I', 651);
        add(m, FLOAT4, "real", 'N', 1021);
        add(m, FLOAT8, "double precision", 'N', 1022);
        add(m, CIRCLE, "circle", 'G', 719);
        add(m, MACADDR8, "macaddr8", 'U', 775);
        add(m, MONEY, "money", 'N', 791);
        add(m, MACADDR, "macaddr", 'U', 1040);
        add(m, INET, "inet", 'I', 1041);
        add(m, ACLITEM, "aclitem", 'U', 1034);
        add(m, BPCHAR, "character", 'S', 1014);
        add(m, VARCHAR, "character varying", 'S', 1015);
        add(m, DATE, "date", 'D', 1182);
        add(m, TIME, "time without time zone", 'D', 1183);
        add(m, TIMESTAMP, "timestamp without time zone", 'D', 1115);
        add(m, TIMESTAMPTZ, "timestamp with time zone", 'D', 1185);
        add(m, INTERVAL, "interval", 'T', 1187);
        add(m, TIMETZ, "time with time zone", 'D', 1270);
        add(m, BIT, "bit", 'V', 1561);
        add(m, VARBIT, "bit varying", 'V', 1563);
        add(m, NUMERIC, "numeric", 'N', 1231);
        add(m, REFCURSOR, "refcursor", 'U', 2201);
        add(m, REGPROCEDURE, "regprocedure", 'N', 2207);
        add(m, REGOPER, "regoper", 'N', 2208);
        add(m, REGOPERATOR, "regoperator", 'N', 2209);
        add(m, REGCLASS, "regclass", 'N', 2210);
        add(m, REGTYPE, "regtype", 'N', 2211);
        add(m, UUID, "uuid", 'U', 2951);
        add(m, TXID_SNAPSHOT, "txid_snapshot", 'U', 2949);
        add(m, PG_LSN, "pg_lsn", 'U', 3221);
        add(m, TSVECTOR, "tsvector", 'U', 3643);
        add(m, TSQUERY, "tsquery", 'U', 3645);
        add(m, JSONB, "jsonb", 'U', 3807);
        add(m, JSONPATH, "jsonpath", 'U', 4073);
        add(m, XID8, "xid8", 'U', 271);
        range(m, INT4RANGE, "int4range", 3905);
        range(m, NUMRANGE, "numrange", 3907);
        range(m, TSRANGE, "tsrange", 3909);
        range(m, TSTZRANGE, "tstzrange", 3911);
        range(m, DATERANGE, "daterange", 3913);
        range(m, INT8RANGE, "int8range", 3927);
        multirange(m, INT4MULTIRANGE, "int4multirange", 6150);
        multirange(m, NUMMULTIRANGE, "nummultirange", 6151);
        multirange(m, TSMULTIRANGE, "tsmultirange", 6152);
        multirange(m, TSTZMULTIRANGE, "tstzmultirange", 6153);
        multirange(m, DATEMULTIRANGE, "datemultirange", 6155);
        multirange(m, INT8MULTIRANGE, "int8multirange", 6157);
        return Map.copyOf(m);
    }

    private static void add(Map<Integer, PgType> m, int oid, String name, char category, int arrayOid) {
        PgType t = category == 'A'
                ? new PgType(oid, name, 'b', 'A', oid == INT2VECTOR ? INT2 : OID, 0, List.of())
                : PgType.base(oid, name, category);
        m.put(oid, t);
        m.put(arrayOid, PgType.array(arrayOid, name + "[]", oid));
    }

    private static void range(Map<Integer, PgType> m, int oid, String name, int arrayOid) {
        m.put(oid, new PgType(oid, name, 'r', 'R', 0, 0, List.of()));
        m.put(arrayOid, PgType.array(arrayOid, name + "[]", oid));
    }

    private static void multirange(Map<Integer, PgType> m, int oid, String name, int arrayOid) {
        m.put(oid, new PgType(oid, name, 'm', 'R', 0, 0, List.of()));
        m.put(arrayOid, PgType.array(arrayOid, name + "[]", oid));
    }
}
