package io.mirrorconnect.pgcdc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.AvroSchemas;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.types.PgColumn;
import io.mirrorconnect.pgcdc.types.PgOid;
import io.mirrorconnect.pgcdc.types.PgType;
import io.mirrorconnect.pgcdc.types.PgTypeMapper;
import io.mirrorconnect.pgcdc.types.PgTypeRegistry;

/** A table with every mapped type: its key and value schemas are valid Avro and a full row encodes. */
class TableSchemaAvroTest {
    private static final int MOOD = 70_001;
    private static final int MOOD_ARRAY = 70_002;
    private static final int HSTORE = 70_003;
    private static final int GEOMETRY = 70_004;
    private static final int CITEXT = 70_005;
    private static final int PRICE = 70_006;

    private static int numeric(int p, int s) {
        return (p << 16 | (s & 0x7FF)) + 4;
    }

    /** column name, type OID, typmod, format_type, text value. */
    private record Col(String name, int oid, int typmod, String typeName, String text) {
    }

    private static final List<Col> COLS = List.of(
            new Col("id", PgOid.INT8, -1, "bigint", "42"),
            new Col("Tenant Id", PgOid.INT4, -1, "integer", "7"),
            new Col("c_int2", PgOid.INT2, -1, "smallint", "-5"),
            new Col("c_oid", PgOid.OID, -1, "oid", "4294967295"),
            new Col("c_float4", PgOid.FLOAT4, -1, "real", "1.5"),
            new Col("c_float8", PgOid.FLOAT8, -1, "double precision", "NaN"),
            new Col("c_bool", PgOid.BOOL, -1, "boolean", "t"),
            new Col("c_num", PgOid.NUMERIC, numeric(12, 3), "numeric(12,3)", "-123456789.123"),
            new Col("c_num_tiny", PgOid.NUMERIC, numeric(3, 5), "numeric(3,5)", "0.00012"),
            new Col("c_numfree", PgOid.NUMERIC, -1, "numeric", "1e-30"),
            new Col("c_text", PgOid.TEXT, -1, "text", "héllo"),
            new Col("c_varchar", PgOid.VARCHAR, 14, "character varying(10)", "abc"),
            new Col("c_bpchar", PgOid.BPCHAR, 9, "character(5)", "ab   "),
            new Col("c_name", PgOid.NAME, -1, "name", "nm"),
            new Col("c_citext", CITEXT, -1, "citext", "MiXeD"),
            new Col("c_bytea", PgOid.BYTEA, -1, "bytea", "\\x00ff"),
            new Col("c_uuid", PgOid.UUID, -1, "uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            new Col("c_json", PgOid.JSON, -1, "json", "{\"a\": 1}"),
            new Col("c_jsonb", PgOid.JSONB, -1, "jsonb", "{\"a\": 1}"),
            new Col("c_xml", PgOid.XML, -1, "xml", "<a/>"),
            new Col("c_date", PgOid.DATE, -1, "date", "2024-01-02"),
            new Col("c_time", PgOid.TIME, -1, "time without time zone", "12:00:00.5"),
            new Col("c_timetz", PgOid.TIMETZ, -1, "time with time zone", "12:00:00+02"),
            new Col("c_ts", PgOid.TIMESTAMP, -1, "timestamp without time zone", "2024-01-02 03:04:05.123456"),
            new Col("c_tstz", PgOid.TIMESTAMPTZ, -1, "timestamp with time zone", "2024-01-02 03:04:05+00"),
            new Col("c_interval", PgOid.INTERVAL, -1, "interval", "1 mon 2 days 00:00:03"),
            new Col("c_mood", MOOD, -1, "mood", "ok"),
            new Col("c_int_arr", 1007, -1, "integer[]", "{1,NULL,3}"),
            new Col("c_num_arr", 1231, numeric(5, 2), "numeric(5,2)[]", "{1.50,NULL}"),
            new Col("c_date_arr", 1182, -1, "date[]", "{2024-01-01}"),
            new Col("c_mood_arr", MOOD_ARRAY, -1, "mood[]", "{sad,happy}"),
            new Col("c_inet", PgOid.INET, -1, "inet", "10.0.0.1"),
            new Col("c_cidr", PgOid.CIDR, -1, "cidr", "10.0.0.0/8"),
            new Col("c_macaddr", PgOid.MACADDR, -1, "macaddr", "08:00:2b:01:02:03"),
            new Col("c_macaddr8", PgOid.MACADDR8, -1, "macaddr8", "08:00:2b:01:02:03:04:05"),
            new Col("c_bit", PgOid.BIT, 4, "bit(4)", "1010"),
            new Col("c_varbit", PgOid.VARBIT, -1, "bit varying", "1"),
            new Col("c_money", PgOid.MONEY, -1, "money", "$1,234.56"),
            new Col("c_hstore", HSTORE, -1, "hstore", "\"a\"=>\"1\", \"b\"=>NULL"),
            new Col("c_range", PgOid.INT4RANGE, -1, "int4range", "[1,10)"),
            new Col("c_multirange", PgOid.INT4MULTIRANGE, -1, "int4multirange", "{[1,3),[5,7)}"),
            new Col("c_point", PgOid.POINT, -1, "point", "(1,2)"),
            new Col("c_geom", GEOMETRY, -1, "geometry", "0101000020E6100000000000000000F03F0000000000000040"),
            new Col("c_price", PRICE, -1, "price", "9.99"),
            new Col("c_tsvector", PgOid.TSVECTOR, -1, "tsvector", "'a':1"));

    private static PgTypeMapper mapper() {
        PgTypeRegistry r = new PgTypeRegistry();
        r.register(PgType.enumType(MOOD, "mood", List.of("sad", "ok", "happy")));
        r.register(PgType.array(MOOD_ARRAY, "mood[]", MOOD));
        r.register(PgType.base(HSTORE, "hstore", 'U'));
        r.register(PgType.base(GEOMETRY, "public.geometry", 'U'));
        r.register(PgType.base(CITEXT, "citext", 'S'));
        r.register(PgType.domain(PRICE, "price", PgOid.NUMERIC, numeric(10, 2)));
        return new PgTypeMapper(r);
    }

    private static org.apache.avro.Schema nonNull(org.apache.avro.Schema s) {
        return s.getType() == org.apache.avro.Schema.Type.UNION ? s.getTypes().get(1) : s;
    }

    private static LogicalType logicalType(org.apache.avro.Schema record, String field) {
        return nonNull(record.getField(field).schema()).getLogicalType();
    }

    @Test
    void everyTypeIsValidAvroAndAFullRowEncodes() {
        List<PgColumn> columns = new ArrayList<>();
        String[] texts = new String[COLS.size()];
        for (int i = 0; i < COLS.size(); i++) {
            Col c = COLS.get(i);
            columns.add(new PgColumn(c.name(), c.oid(), c.typmod(), c.typeName(), i > 1));
            texts[i] = c.text();
        }
        TableSchema ts = TableSchemaBuilder.build(TableId.of("public", "every type"), "mirror1.public.every type",
                columns, List.of("Tenant Id", "id"), Set.of(), mapper());

        org.apache.avro.Schema keyAvro = AvroSchemas.toAvro(ts.keySchema());
        org.apache.avro.Schema valueAvro = AvroSchemas.toAvro(ts.valueSchema());
        assertThat(keyAvro.getFullName()).isEqualTo("mirror1.public.every_type.Key");
        assertThat(valueAvro.getTypes().get(1).getFullName()).isEqualTo("mirror1.public.every_type.Value");
        assertThat(valueAvro.getTypes().get(1).getFields()).hasSize(COLS.size());
        org.apache.avro.Schema record = valueAvro.getTypes().get(1);
        assertThat(logicalType(record, "c_num")).isEqualTo(LogicalTypes.decimal(12, 3));
        assertThat(logicalType(record, "c_num_tiny")).as("s > p: precision s").isEqualTo(LogicalTypes.decimal(5, 5));
        assertThat(logicalType(record, "c_money")).isEqualTo(LogicalTypes.decimal(19, 2));
        assertThat(logicalType(record, "c_price")).as("domain over numeric(10,2)").isEqualTo(LogicalTypes.decimal(10, 2));
        assertThat(logicalType(record, "c_date")).isEqualTo(LogicalTypes.date());
        assertThat(nonNull(record.getField("c_num_arr").schema()).getElementType().getTypes().get(1).getLogicalType())
                .isEqualTo(LogicalTypes.decimal(5, 2));
        assertThat(nonNull(record.getField("c_ts").schema()).getProp("connect.name"))
                .as("µs: Connect's own Timestamp would drop them").isEqualTo("io.mirrorconnect.time.TimestampMicros");
        assertThat(nonNull(record.getField("Tenant_Id").schema()).getObjectProp("connect.parameters"))
                .isEqualTo(Map.of("mirror.source.type", "integer", "mirror.source.nullable", "false",
                        "mirror.source.column", "Tenant Id"));

        Struct value = ts.valueStruct(texts);
        value.validate();
        Struct key = ts.keyStructFromValue(value);
        GenericRecord k = (GenericRecord) AvroSchemas.decode(ts.keySchema(), AvroSchemas.encode(ts.keySchema(), key));
        assertThat(k.get("Tenant_Id")).isEqualTo(7);
        assertThat(k.get("id")).isEqualTo(42L);

        GenericRecord v = (GenericRecord) AvroSchemas.decode(ts.valueSchema(), AvroSchemas.encode(ts.valueSchema(), value));
        assertThat(AvroSchemas.decimal(v.get("c_num"), 3)).isEqualTo(new BigDecimal("-123456789.123"));
        assertThat(AvroSchemas.decimal(v.get("c_num_tiny"), 5)).isEqualTo(new BigDecimal("0.00012"));
        assertThat(AvroSchemas.decimal(v.get("c_money"), 2)).isEqualTo(new BigDecimal("1234.56"));
        assertThat(AvroSchemas.decimal(v.get("c_price"), 2)).isEqualTo(new BigDecimal("9.99"));
        assertThat(v.get("c_date")).isEqualTo(19724);
        assertThat(v.get("c_ts")).isEqualTo(1_704_164_645_123_456L);
        assertThat(v.get("c_float8")).isEqualTo(Double.NaN);
        assertThat(v.get("c_interval").toString()).isEqualTo("P1M2DT3S");
        assertThat(v.get("c_int_arr")).asList().containsExactly(1, null, 3);
        assertThat(((Map<?, ?>) v.get("c_hstore"))).hasSize(2);
        assertThat(v.get("c_int2")).isEqualTo(-5);

        // every optional field may be null (unchanged TOAST, NULL): the all-null row encodes too
        String[] nulls = new String[COLS.size()];
        nulls[0] = "1";
        nulls[1] = "2";
        GenericRecord n = (GenericRecord) AvroSchemas.decode(ts.valueSchema(),
                AvroSchemas.encode(ts.valueSchema(), ts.valueStruct(nulls)));
        assertThat(n.get("c_num")).isNull();
        assertThat(n.get("id")).isEqualTo(1L);
    }
}
