package io.mirrorconnect.pgcdc.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.SchemaConventions;
import io.mirrorconnect.contract.TableId;

class PgTypeMapperTest {
    private static final int MOOD = 50_001;
    private static final int MOOD_ARRAY = 50_002;
    private static final int PRICE_DOMAIN = 50_003;
    private static final int CITEXT = 50_004;
    private static final int HSTORE = 50_005;
    private static final int GEOMETRY = 50_006;
    private static final int POSINT = 50_007;

    private final PgTypeRegistry registry = registry();
    private final PgTypeMapper mapper = new PgTypeMapper(registry);
    private final PgTypeMapper lenient = new PgTypeMapper(registry, SpecialValuePolicy.NULL);

    private static PgTypeRegistry registry() {
        PgTypeRegistry r = new PgTypeRegistry();
        r.register(PgType.enumType(MOOD, "mood", List.of("sad", "ok", "happy")));
        r.register(PgType.array(MOOD_ARRAY, "mood[]", MOOD));
        r.register(PgType.domain(PRICE_DOMAIN, "price", PgOid.NUMERIC, numericTypmod(10, 2)));
        r.register(PgType.domain(POSINT, "posint", PgOid.INT4, -1));
        r.register(PgType.base(CITEXT, "citext", 'S'));
        r.register(PgType.base(HSTORE, "public.hstore", 'U'));
        r.register(PgType.base(GEOMETRY, "geometry", 'U'));
        return r;
    }

    static int numericTypmod(int p, int s) {
        return (p << 16 | (s & 0x7FF)) + 4;
    }

    private static PgColumn col(int oid, String typeName) {
        return new PgColumn("c", oid, -1, typeName, true);
    }

    private static PgColumn col(int oid, int typmod, String typeName) {
        return new PgColumn("c", oid, typmod, typeName, true);
    }

    private Object convert(PgColumn c, String text) {
        return mapper.converter(c).convert(text);
    }

    @Test
    void integersAndFloats() {
        assertThat(mapper.fieldSchema(col(PgOid.INT2, "smallint"), false).type()).isEqualTo(Schema.Type.INT16);
        assertThat(convert(col(PgOid.INT2, "smallint"), "-32768")).isEqualTo((short) -32768);
        assertThat(convert(col(PgOid.INT4, "integer"), "2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(convert(col(PgOid.INT8, "bigint"), "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(mapper.fieldSchema(col(PgOid.OID, "oid"), false).type()).isEqualTo(Schema.Type.INT64);
        assertThat(convert(col(PgOid.OID, "oid"), "4294967295")).isEqualTo(4294967295L);
        assertThat(convert(col(PgOid.FLOAT4, "real"), "1.5")).isEqualTo(1.5f);
        assertThat(convert(col(PgOid.FLOAT8, "double precision"), "NaN")).isEqualTo(Double.NaN);
        assertThat(convert(col(PgOid.FLOAT8, "double precision"), "-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(convert(col(PgOid.FLOAT8, "double precision"), "1e-300")).isEqualTo(1e-300);
        assertThat(convert(col(PgOid.FLOAT4, "real"), "Infinity")).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(convert(col(PgOid.BOOL, "boolean"), "t")).isEqualTo(true);
        assertThat(convert(col(PgOid.BOOL, "boolean"), "f")).isEqualTo(false);
        assertThat(convert(col(PgOid.INT4, "integer"), null)).isNull();
    }

    @Test
    void numericWithPrecisionIsADecimal() {
        PgColumn c = col(PgOid.NUMERIC, numericTypmod(10, 2), "numeric(10,2)");
        Schema s = mapper.fieldSchema(c, false);
        assertThat(s.name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(s.parameters()).containsEntry(Decimal.SCALE_FIELD, "2")
                .containsEntry(PgTypeMapper.DECIMAL_PRECISION, "10");
        assertThat(convert(c, "12345678.90")).isEqualTo(new BigDecimal("12345678.90"));
        assertThat(convert(c, "-0.01")).isEqualTo(new BigDecimal("-0.01"));
        assertThat(((BigDecimal) convert(c, "5")).scale()).isEqualTo(2);
    }

    @Test
    void numericNegativeScaleBecomesScaleZero() {
        PgColumn c = col(PgOid.NUMERIC, numericTypmod(5, -2), "numeric(5,-2)");
        assertThat(PgTypeMapper.numericPrecisionScale(numericTypmod(5, -2))).containsExactly(7, 0);
        assertThat(PgTypeMapper.numericPrecisionScale(numericTypmod(3, 5))).containsExactly(5, 5);
        assertThat(PgTypeMapper.numericPrecisionScale(numericTypmod(1000, 0))).containsExactly(1000, 0);
        assertThat(mapper.fieldSchema(c, false).parameters()).containsEntry(Decimal.SCALE_FIELD, "0");
        assertThat(convert(c, "1234500")).isEqualTo(new BigDecimal("1234500"));
    }

    @Test
    void numericSpecialValuesFollowThePolicy() {
        PgColumn c = new PgColumn("price", PgOid.NUMERIC, numericTypmod(10, 2), "numeric(10,2)", true);
        assertThatThrownBy(() -> mapper.converter(c, false, TableId.of("public", "items")).convert("NaN"))
                .isInstanceOf(PgValueException.class)
                .hasMessageContaining("public.items.price")
                .hasMessageContaining("'NaN'")
                .hasMessageContaining("Decimal");
        ValueConverter conv = lenient.converter(c);
        assertThat(conv.convert("NaN")).isNull();
        assertThat(conv.convert("Infinity")).isNull();
        assertThat(conv.convert("-Infinity")).isNull();
        assertThat(conv.convert("1.25")).isEqualTo(new BigDecimal("1.25"));
        // key columns always fail
        assertThatThrownBy(() -> lenient.converter(c, true, null).convert("NaN")).isInstanceOf(PgValueException.class);
    }

    @Test
    void numericWithoutPrecisionIsExactText() {
        PgColumn c = col(PgOid.NUMERIC, "numeric");
        Schema s = mapper.fieldSchema(c, false);
        assertThat(s.type()).isEqualTo(Schema.Type.STRING);
        assertThat(s.name()).isEqualTo(SchemaConventions.NUMERIC);
        String big = "123456789012345678901234567890.123456789012345678901234567890";
        assertThat(convert(c, big)).isEqualTo(big);
        assertThat(convert(c, "NaN")).isEqualTo("NaN");
    }

    @Test
    void strings() {
        for (int oid : new int[] {PgOid.TEXT, PgOid.VARCHAR, PgOid.BPCHAR, PgOid.NAME, PgOid.CHAR, CITEXT,
                PgOid.INET, PgOid.CIDR, PgOid.MACADDR, PgOid.MACADDR8, PgOid.POINT, PgOid.TSVECTOR}) {
            Schema s = mapper.fieldSchema(col(oid, "t"), false);
            assertThat(s.type()).as("oid %d", oid).isEqualTo(Schema.Type.STRING);
            assertThat(s.name()).as("oid %d", oid).isNull();
        }
        assertThat(convert(col(PgOid.BPCHAR, "character(5)"), "ab   ")).isEqualTo("ab   ");
        assertThat(convert(col(PgOid.INET, "inet"), "192.168.0.1/24")).isEqualTo("192.168.0.1/24");
    }

    @Test
    void namedStrings() {
        assertThat(mapper.fieldSchema(col(PgOid.UUID, "uuid"), false).name()).isEqualTo(SchemaConventions.UUID);
        assertThat(mapper.fieldSchema(col(PgOid.JSON, "json"), false).name()).isEqualTo(SchemaConventions.JSON);
        assertThat(mapper.fieldSchema(col(PgOid.JSONB, "jsonb"), false).name()).isEqualTo(SchemaConventions.JSON);
        assertThat(mapper.fieldSchema(col(PgOid.XML, "xml"), false).name()).isEqualTo(SchemaConventions.XML);
        assertThat(mapper.fieldSchema(col(PgOid.BIT, "bit(3)"), false).name()).isEqualTo(SchemaConventions.BITS);
        assertThat(mapper.fieldSchema(col(PgOid.VARBIT, "bit varying"), false).name()).isEqualTo(SchemaConventions.BITS);
        assertThat(mapper.fieldSchema(col(PgOid.INT4RANGE, "int4range"), false).name()).isEqualTo(SchemaConventions.RANGE);
        assertThat(mapper.fieldSchema(col(PgOid.TSTZMULTIRANGE, "tstzmultirange"), false).name())
                .isEqualTo(SchemaConventions.RANGE);
        assertThat(mapper.fieldSchema(col(GEOMETRY, "geometry"), false).name()).isEqualTo(SchemaConventions.GEOMETRY);
        assertThat(convert(col(PgOid.UUID, "uuid"), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
                .isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(convert(col(PgOid.JSONB, "jsonb"), "{\"a\": [1, 2]}")).isEqualTo("{\"a\": [1, 2]}");
        assertThat(convert(col(PgOid.BIT, "bit(3)"), "101")).isEqualTo("101");
        assertThat(convert(col(PgOid.NUMRANGE, "numrange"), "[1.5,2.5)")).isEqualTo("[1.5,2.5)");
    }

    @Test
    void bytea() {
        PgColumn c = col(PgOid.BYTEA, "bytea");
        assertThat(mapper.fieldSchema(c, false).type()).isEqualTo(Schema.Type.BYTES);
        assertThat((byte[]) convert(c, "\\x00ff10")).containsExactly(0, -1, 16);
        assertThat((byte[]) convert(c, "\\x")).isEmpty();
        assertThat((byte[]) convert(c, "a\\\\b\\001")).containsExactly('a', '\\', 'b', 1);
        assertThatThrownBy(() -> convert(c, "\\x0g")).isInstanceOf(PgValueException.class).hasMessageContaining("\\x0g");
    }

    @Test
    void temporal() {
        PgColumn date = col(PgOid.DATE, "date");
        assertThat(mapper.fieldSchema(date, false).name()).isEqualTo(Date.LOGICAL_NAME);
        assertThat(convert(date, "2024-01-02")).isEqualTo(new java.util.Date(19724L * 86_400_000L));
        assertThat(mapper.fieldSchema(col(PgOid.TIME, "time without time zone"), false).name())
                .isEqualTo(SchemaConventions.TIME_MICROS);
        assertThat(convert(col(PgOid.TIME, "time"), "00:00:01.5")).isEqualTo(1_500_000L);
        assertThat(mapper.fieldSchema(col(PgOid.TIMETZ, "time with time zone"), false).name())
                .isEqualTo(SchemaConventions.TIMETZ);
        assertThat(convert(col(PgOid.TIMETZ, "timetz"), "10:00:00+02")).isEqualTo("10:00:00+02:00");
        assertThat(mapper.fieldSchema(col(PgOid.TIMESTAMP, "timestamp"), false).name())
                .isEqualTo(SchemaConventions.TIMESTAMP_MICROS);
        assertThat(convert(col(PgOid.TIMESTAMP, "timestamp"), "1970-01-01 00:00:01")).isEqualTo(1_000_000L);
        assertThat(mapper.fieldSchema(col(PgOid.TIMESTAMPTZ, "timestamptz"), false).name())
                .isEqualTo(SchemaConventions.TIMESTAMPTZ_MICROS);
        assertThat(convert(col(PgOid.TIMESTAMPTZ, "timestamptz"), "1970-01-01 01:00:01+01")).isEqualTo(1_000_000L);
        assertThat(mapper.fieldSchema(col(PgOid.INTERVAL, "interval"), false).name())
                .isEqualTo(SchemaConventions.INTERVAL);
        assertThat(convert(col(PgOid.INTERVAL, "interval"), "1 mon 00:00:01")).isEqualTo("P1MT1S");
    }

    @Test
    void infiniteDatesAndTimestampsFollowThePolicy() {
        for (PgColumn c : List.of(col(PgOid.DATE, "date"), col(PgOid.TIMESTAMP, "timestamp"),
                col(PgOid.TIMESTAMPTZ, "timestamptz"))) {
            assertThatThrownBy(() -> convert(c, "infinity")).isInstanceOf(PgValueException.class)
                    .hasMessageContaining("'infinity'");
            assertThat(lenient.converter(c).convert("-infinity")).isNull();
        }
    }

    @Test
    void enums() {
        PgColumn c = col(MOOD, "mood");
        Schema s = mapper.fieldSchema(c, false);
        assertThat(s.name()).isEqualTo(SchemaConventions.ENUM);
        assertThat(s.parameters()).containsEntry(PgTypeMapper.ENUM_ALLOWED, "sad,ok,happy");
        assertThat(convert(c, "ok")).isEqualTo("ok");
        assertThatThrownBy(() -> convert(c, "angry")).isInstanceOf(PgValueException.class).hasMessageContaining("angry");
    }

    @Test
    void arrays() {
        PgColumn ints = col(1007, "integer[]");
        Schema s = mapper.fieldSchema(ints, false);
        assertThat(s.type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(s.valueSchema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(s.valueSchema().isOptional()).isTrue();
        assertThat(convert(ints, "{1,NULL,3}")).isEqualTo(Arrays.asList(1, null, 3));
        PgColumn texts = col(1009, "text[]");
        assertThat(convert(texts, "{\"a,b\",NULL,\"NULL\"}")).isEqualTo(Arrays.asList("a,b", null, "NULL"));
        PgColumn nums = col(1231, numericTypmod(6, 3), "numeric(6,3)[]");
        assertThat(mapper.fieldSchema(nums, false).valueSchema().parameters()).containsEntry(Decimal.SCALE_FIELD, "3");
        assertThat(convert(nums, "{1.500,-2.000}")).isEqualTo(List.of(new BigDecimal("1.500"), new BigDecimal("-2.000")));
        PgColumn moods = col(MOOD_ARRAY, "mood[]");
        assertThat(mapper.fieldSchema(moods, false).valueSchema().name()).isEqualTo(SchemaConventions.ENUM);
        assertThat(convert(moods, "{sad,happy}")).isEqualTo(List.of("sad", "happy"));
        PgColumn dates = col(1182, "date[]");
        assertThat(convert(dates, "{1970-01-02}")).isEqualTo(List.of(new java.util.Date(86_400_000L)));
        PgColumn boxes = col(1020, "box[]");
        assertThat(convert(boxes, "{(1,1),(0,0);(2,2),(1,1)}")).isEqualTo(List.of("(1,1),(0,0)", "(2,2),(1,1)"));
        assertThatThrownBy(() -> convert(ints, "{{1,2},{3,4}}")).isInstanceOf(PgValueException.class)
                .hasMessageContaining("has 2 dimension(s) but the column is declared with 1")
                .hasMessageContaining("TYPE <element type>[][]").hasMessageContaining("special.values");
        assertThat(lenient.converter(ints).convert("{{1,2},{3,4}}")).isNull();
    }

    @Test
    void timestampsAfterTheLastInt64MicrosecondFollowThePolicy() {
        PgColumn ts = col(PgOid.TIMESTAMP, "timestamp without time zone");
        PgColumn tz = col(PgOid.TIMESTAMPTZ, "timestamp with time zone");
        assertThat(convert(ts, "294247-01-10 04:00:54.775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(convert(tz, "294247-01-10 04:00:54.775807+00")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> convert(ts, "294276-12-31 23:59:59.999999")).isInstanceOf(PgValueException.class)
                .hasMessageContaining("294247-01-10 04:00:54.775807 UTC").hasMessageContaining("special.values");
        assertThat(lenient.converter(ts).convert("294276-12-31 23:59:59.999999")).isNull();
        assertThat(lenient.converter(tz).convert("294247-01-10 04:00:54.775808+00")).isNull();
        assertThat(lenient.converter(col(1185, "timestamp with time zone[]"))
                .convert("{\"294276-12-31 00:00:00+00\",\"1970-01-01 00:00:00+00\"}"))
                .isEqualTo(Arrays.asList(null, 0L));
    }

    @Test
    void declaredDimensionsNestTheArraySchema() {
        PgColumn grid = new PgColumn("c", 1007, -1, "integer[]", true, 2);
        Schema s = mapper.fieldSchema(grid, false);
        assertThat(s.type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(s.isOptional()).isTrue();
        assertThat(s.valueSchema().type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(s.valueSchema().isOptional()).isFalse();
        assertThat(s.valueSchema().valueSchema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(s.valueSchema().valueSchema().isOptional()).isTrue();
        assertThat(convert(grid, "{{1,2},{3,NULL}}")).isEqualTo(List.of(List.of(1, 2), Arrays.asList(3, null)));
        assertThat(convert(grid, "[0:1][-1:0]={{1,2},{3,4}}")).isEqualTo(List.of(List.of(1, 2), List.of(3, 4)));
        assertThat(convert(grid, "{}")).isEqualTo(List.of());
        assertThatThrownBy(() -> convert(grid, "{1,2}")).isInstanceOf(PgValueException.class)
                .hasMessageContaining("has 1 dimension(s) but the column is declared with 2");
        assertThat(lenient.converter(grid).convert("{1,2}")).isNull();

        PgColumn cube = new PgColumn("c", MOOD_ARRAY, -1, "mood[]", true, 3);
        assertThat(mapper.fieldSchema(cube, false).valueSchema().valueSchema().valueSchema().name())
                .isEqualTo(SchemaConventions.ENUM);
        assertThat(convert(cube, "{{{sad},{ok}}}")).isEqualTo(List.of(List.of(List.of("sad"), List.of("ok"))));
        // a declared dimension on a non-array column changes nothing
        assertThat(mapper.fieldSchema(new PgColumn("c", PgOid.INT4, -1, "integer", true, 2), false).type())
                .isEqualTo(Schema.Type.INT32);
        // special values inside a multi-dimensional array follow the policy element by element
        PgColumn days = new PgColumn("c", 1182, -1, "date[]", true, 2);
        assertThat(lenient.converter(days).convert("{{1970-01-02,infinity}}"))
                .isEqualTo(List.of(Arrays.asList(new java.util.Date(86_400_000L), null)));
    }

    @Test
    void moneyIsADecimalWithScaleTwo() {
        PgColumn c = col(PgOid.MONEY, "money");
        Schema s = mapper.fieldSchema(c, false);
        assertThat(s.name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(s.parameters()).containsEntry(Decimal.SCALE_FIELD, "2");
        assertThat(convert(c, "$1,234.56")).isEqualTo(new BigDecimal("1234.56"));
        assertThat(convert(c, "-$0.01")).isEqualTo(new BigDecimal("-0.01"));
        assertThat(convert(c, "($5.00)")).isEqualTo(new BigDecimal("-5.00"));
        assertThat(convert(c, "1.234,56 €")).isEqualTo(new BigDecimal("1234.56"));
        assertThat(convert(c, "-$92,233,720,368,547,758.08")).isEqualTo(new BigDecimal("-92233720368547758.08"));
        assertThatThrownBy(() -> convert(c, "￥1,235")).isInstanceOf(PgValueException.class)
                .hasMessageContaining("lc_monetary");
    }

    @Test
    void hstoreIsAMap() {
        PgColumn c = col(HSTORE, "hstore");
        Schema s = mapper.fieldSchema(c, false);
        assertThat(s.type()).isEqualTo(Schema.Type.MAP);
        assertThat(s.keySchema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(s.valueSchema().isOptional()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, String> m = (Map<String, String>) convert(c, "\"a\"=>\"1\", \"b\"=>NULL");
        assertThat(m).containsEntry("a", "1").containsKey("b");
    }

    @Test
    void domainsMapAsTheirBaseTypeWithTheDomainsModifier() {
        PgColumn price = col(PRICE_DOMAIN, "price");
        Schema s = mapper.fieldSchema(price, false);
        assertThat(s.name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(s.parameters()).containsEntry(Decimal.SCALE_FIELD, "2").containsEntry(PgTypeMapper.DECIMAL_PRECISION, "10")
                .containsEntry(SchemaConventions.SOURCE_TYPE, "price");
        assertThat(convert(price, "3.10")).isEqualTo(new BigDecimal("3.10"));
        assertThat(mapper.fieldSchema(col(POSINT, "posint"), false).type()).isEqualTo(Schema.Type.INT32);
    }

    @Test
    void unknownTypesKeepTheirText() {
        PgColumn c = col(99_999, "mystery");
        assertThat(mapper.fieldSchema(c, false).type()).isEqualTo(Schema.Type.STRING);
        assertThat(convert(c, "(1,x)")).isEqualTo("(1,x)");
    }

    @Test
    void fieldParametersAndOptionality() {
        PgColumn c = new PgColumn("Order Date", PgOid.DATE, -1, "date", false);
        Schema value = mapper.fieldSchema(c, false);
        assertThat(value.isOptional()).isTrue();
        assertThat(value.parameters()).containsEntry(SchemaConventions.SOURCE_TYPE, "date")
                .containsEntry(SchemaConventions.SOURCE_NULLABLE, "false")
                .containsEntry(SchemaConventions.SOURCE_COLUMN, "Order Date");
        Schema key = mapper.fieldSchema(new PgColumn("id", PgOid.INT8, -1, "bigint", false), true);
        assertThat(key.isOptional()).isFalse();
        assertThat(key.parameters()).doesNotContainKey(SchemaConventions.SOURCE_COLUMN);
    }

    @Test
    void badValuesNameTableColumnAndValue() {
        PgColumn c = new PgColumn("qty", PgOid.INT4, -1, "integer", false);
        assertThatThrownBy(() -> mapper.converter(c, false, TableId.of("s", "t")).convert("12x"))
                .isInstanceOf(PgValueException.class)
                .hasMessageContaining("s.t.qty")
                .hasMessageContaining("'12x'");
    }

    @Test
    void registryKnowsBuiltInsAndRegisteredTypes() {
        assertThat(registry.get(PgOid.INT4).name()).isEqualTo("integer");
        assertThat(registry.get(1007).isArray()).isTrue();
        assertThat(registry.get(1007).elementOid()).isEqualTo(PgOid.INT4);
        assertThat(registry.get(HSTORE).simpleName()).isEqualTo("hstore");
        assertThatThrownBy(() -> registry.get(123_456)).isInstanceOf(PgValueException.class)
                .hasMessageContaining("123456");
        assertThat(new PgType(1, "\"my schema\".\"odd.name\"", 'b', 'U', 0, 0, null).simpleName()).isEqualTo("odd.name");
        assertThat(new PgType(1, "ext.\"a\"\"b\"[]", 'b', 'A', 2, 0, null).simpleName()).isEqualTo("a\"b");
        assertThat(new PgType(1, "ext.hstore", 'b', 'U', 0, 0, null).simpleName()).isEqualTo("hstore");
    }
}
