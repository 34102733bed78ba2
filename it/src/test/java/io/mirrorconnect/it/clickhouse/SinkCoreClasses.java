package io.mirrorconnect.it.clickhouse;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;

/**
 * The ClickHouse sink's pure core (type mapper, DDL/DML generators, RowBinary encoder) loaded from the built module
 * ({@code clickhouse-sink/target/classes}) in a child class loader. The connector classes stay off the test class
 * path, where they would shadow the shipped plugin archives that {@code ConnectFixture} loads through
 * {@code plugin.path}; Connect and mirror-core classes come from the test class path (parent first).
 */
final class SinkCoreClasses {
    private final ClassLoader loader;

    private SinkCoreClasses(ClassLoader loader) {
        this.loader = loader;
    }

    /** Loads the classes; fails with a hint when clickhouse-sink has not been compiled. */
    static SinkCoreClasses load() {
        String root = System.getProperty("mirror.root.dir");
        Path base = root == null ? Paths.get("..").toAbsolutePath().normalize() : Paths.get(root);
        Path classes = base.resolve("clickhouse-sink/target/classes");
        if (!Files.isDirectory(classes.resolve("io/mirrorconnect/clickhouse/rowbinary"))) {
            throw new IllegalStateException("clickhouse-sink is not compiled (" + classes + " has no rowbinary"
                    + " classes): build it first, e.g. ./mvnw -pl clickhouse-sink -am compile");
        }
        try {
            return new SinkCoreClasses(new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    SinkCoreClasses.class.getClassLoader()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    String columnType(Schema schema, boolean nullable) {
        return (String) call("io.mirrorconnect.clickhouse.schema.ClickHouseTypeMapper", "columnType",
                new Class<?>[] {Schema.class, boolean.class}, null, schema, nullable);
    }

    /** {@code ClickHouseDdl.createTable(new TableSpec(...))}; {@code columns} are name/type pairs. */
    String createTable(String database, String table, List<String[]> columns, List<String> orderBy,
                       String versionColumn, String softDeleteColumn, boolean hardDelete, String syncedAtColumn,
                       boolean appendOnly) {
        try {
            Class<?> columnSpec = loader.loadClass("io.mirrorconnect.clickhouse.sql.ColumnSpec");
            Constructor<?> newColumn = columnSpec.getConstructor(String.class, String.class);
            List<Object> specs = new ArrayList<>();
            for (String[] c : columns) {
                specs.add(newColumn.newInstance(c[0], c[1]));
            }
            Class<?> tableSpec = loader.loadClass("io.mirrorconnect.clickhouse.sql.TableSpec");
            Object spec = tableSpec.getConstructor(String.class, String.class, List.class, List.class, String.class,
                    String.class, boolean.class, String.class, boolean.class).newInstance(database, table, specs,
                    orderBy, versionColumn, softDeleteColumn, hardDelete, syncedAtColumn, appendOnly);
            return (String) call("io.mirrorconnect.clickhouse.sql.ClickHouseDdl", "createTable",
                    new Class<?>[] {tableSpec}, null, spec);
        } catch (ReflectiveOperationException e) {
            throw unwrap(e);
        }
    }

    String selectLatestByKeys(String database, String table, List<String[]> keyColumns, List<String> columns,
                              int keyCount) {
        try {
            Constructor<?> newColumn = loader.loadClass("io.mirrorconnect.clickhouse.sql.ColumnSpec")
                    .getConstructor(String.class, String.class);
            List<Object> keys = new ArrayList<>();
            for (String[] c : keyColumns) {
                keys.add(newColumn.newInstance(c[0], c[1]));
            }
            return (String) call("io.mirrorconnect.clickhouse.sql.ClickHouseDml", "selectLatestByKeys",
                    new Class<?>[] {String.class, String.class, List.class, List.class, int.class}, null,
                    database, table, keys, columns, keyCount);
        } catch (ReflectiveOperationException e) {
            throw unwrap(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> keyParameters(List<List<Object>> keys) {
        return (Map<String, Object>) call("io.mirrorconnect.clickhouse.sql.ClickHouseDml", "keyParameters",
                new Class<?>[] {List.class}, null, keys);
    }

    String selectLatestByKeyLiterals(String database, String table, List<String> keyColumns, List<String> columns,
                                     List<List<Object>> keys) {
        return (String) call("io.mirrorconnect.clickhouse.sql.ClickHouseDml", "selectLatestByKeyLiterals",
                new Class<?>[] {String.class, String.class, List.class, List.class, List.class}, null,
                database, table, keyColumns, columns, keys);
    }

    String qualified(String database, String table) {
        return (String) call("io.mirrorconnect.clickhouse.sql.ClickHouseDialect", "qualified",
                new Class<?>[] {String.class, String.class}, null, database, table);
    }

    /** The marker {@code RowBinaryEncoder.DEFAULT}. */
    Object defaultMarker() {
        try {
            return loader.loadClass("io.mirrorconnect.clickhouse.rowbinary.RowBinaryEncoder").getField("DEFAULT").get(null);
        } catch (ReflectiveOperationException e) {
            throw unwrap(e);
        }
    }

    /**
     * RowBinary bytes of {@code rows} for columns {@code names}/{@code types}/{@code schemas} (schema may be null),
     * through {@code RowBinaryEncoder.column(..)}, {@code new RowBinaryEncoder(..)}, {@code writeRow(..)}.
     */
    byte[] encode(List<String> names, List<String> types, List<Schema> schemas, List<List<Object>> rows) {
        try {
            Class<?> encoderClass = loader.loadClass("io.mirrorconnect.clickhouse.rowbinary.RowBinaryEncoder");
            Class<?> outputClass = loader.loadClass("io.mirrorconnect.clickhouse.rowbinary.RowBinaryOutput");
            Method column = encoderClass.getMethod("column", String.class, String.class, Schema.class);
            List<Object> columns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                columns.add(column.invoke(null, names.get(i), types.get(i), schemas.get(i)));
            }
            Object encoder = encoderClass.getConstructor(List.class).newInstance(columns);
            Object out = outputClass.getConstructor().newInstance();
            Method writeRow = encoderClass.getMethod("writeRow", outputClass, List.class);
            for (List<Object> row : rows) {
                writeRow.invoke(encoder, out, row);
            }
            return (byte[]) outputClass.getMethod("toByteArray").invoke(out);
        } catch (ReflectiveOperationException e) {
            throw unwrap(e);
        }
    }

    private Object call(String className, String method, Class<?>[] types, Object target, Object... args) {
        try {
            return loader.loadClass(className).getMethod(method, types).invoke(target, args);
        } catch (ReflectiveOperationException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(ReflectiveOperationException e) {
        if (e instanceof InvocationTargetException ite && ite.getCause() instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException(e);
    }
}
