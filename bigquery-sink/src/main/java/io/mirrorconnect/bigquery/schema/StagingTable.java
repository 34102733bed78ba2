package io.mirrorconnect.bigquery.schema;

import java.util.ArrayList;
import java.util.List;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;

import io.mirrorconnect.bigquery.schema.BigQueryType.WireType;

/**
 * The staging table one flush appends to (pure): column {@code c<i>} for the layout's column {@code i} (positional
 * names, so no destination name needs to be a valid protobuf name), then the sink's own columns. Gives the
 * BigQuery schema to create it with and the protobuf descriptor its rows are encoded with (field number
 * {@code i + 1} for {@code c<i>}).
 */
public final class StagingTable {
    public static final String VERSION = "_mc_version";
    public static final String DELETED = "_mc_deleted";
    /** Which unchanged-TOAST group the row belongs to (BigQueryDml writes one WHEN MATCHED clause per group). */
    public static final String GROUP = "_mc_group";
    /** Position of the row in the batch (ties between equal versions go to the later row). */
    public static final String SEQ = "_mc_seq";
    /** Protobuf message name of staging rows. */
    public static final String MESSAGE_NAME = "MirrorRow";

    private final TableLayout layout;

    public StagingTable(TableLayout layout) {
        this.layout = layout;
    }

    public TableLayout layout() {
        return layout;
    }

    /** Staging column name of the layout's column {@code i}. */
    public static String column(int i) {
        return "c" + i;
    }

    public int dataColumns() {
        return layout.columns().size();
    }

    /** Field numbers of the sink's own columns, after the data columns. */
    public int versionField() {
        return dataColumns() + 1;
    }

    public int deletedField() {
        return dataColumns() + 2;
    }

    public int groupField() {
        return dataColumns() + 3;
    }

    public int seqField() {
        return dataColumns() + 4;
    }

    /** The BigQuery schema of the staging table (every column NULLABLE or REPEATED). */
    public Schema schema() {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < dataColumns(); i++) {
            BigQueryType t = layout.columns().get(i).type();
            fields.add(Field.newBuilder(column(i), StandardSQLTypeName.valueOf(t.name()))
                    .setMode(t.repeated() ? Field.Mode.REPEATED : Field.Mode.NULLABLE).build());
        }
        fields.add(Field.newBuilder(VERSION, StandardSQLTypeName.INT64).setMode(Field.Mode.NULLABLE).build());
        fields.add(Field.newBuilder(DELETED, StandardSQLTypeName.BOOL).setMode(Field.Mode.NULLABLE).build());
        fields.add(Field.newBuilder(GROUP, StandardSQLTypeName.INT64).setMode(Field.Mode.NULLABLE).build());
        fields.add(Field.newBuilder(SEQ, StandardSQLTypeName.INT64).setMode(Field.Mode.NULLABLE).build());
        return Schema.of(fields);
    }

    /** The protobuf descriptor of staging rows (proto2; Google's documented wire types per BigQuery type). */
    public DescriptorProto descriptor() {
        DescriptorProto.Builder d = DescriptorProto.newBuilder().setName(MESSAGE_NAME);
        for (int i = 0; i < dataColumns(); i++) {
            BigQueryType t = layout.columns().get(i).type();
            d.addField(field(column(i), i + 1, protoType(t.wire()), t.repeated()));
        }
        d.addField(field(VERSION, versionField(), FieldDescriptorProto.Type.TYPE_INT64, false));
        d.addField(field(DELETED, deletedField(), FieldDescriptorProto.Type.TYPE_BOOL, false));
        d.addField(field(GROUP, groupField(), FieldDescriptorProto.Type.TYPE_INT64, false));
        d.addField(field(SEQ, seqField(), FieldDescriptorProto.Type.TYPE_INT64, false));
        return d.build();
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type, boolean repeated) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(repeated ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL)
                .build();
    }

    static FieldDescriptorProto.Type protoType(WireType wire) {
        return switch (wire) {
            case INT64, TIMESTAMP_MICROS -> FieldDescriptorProto.Type.TYPE_INT64;
            case DOUBLE -> FieldDescriptorProto.Type.TYPE_DOUBLE;
            case BOOL -> FieldDescriptorProto.Type.TYPE_BOOL;
            case STRING -> FieldDescriptorProto.Type.TYPE_STRING;
            case BYTES -> FieldDescriptorProto.Type.TYPE_BYTES;
            case DATE_DAYS -> FieldDescriptorProto.Type.TYPE_INT32;
        };
    }
}
