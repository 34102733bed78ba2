package io.mirrorconnect.clickhouse;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

import com.clickhouse.client.api.Client;

import io.mirrorconnect.clickhouse.writer.ClickHouseClients;
import io.mirrorconnect.sink.MirrorSinkConnector;

/**
 * Mirror Connect's ClickHouse sink: replay-safe upserts into ReplacingMergeTree tables with soft or hard
 * deletes, a version and a synced-at column (docs/clickhouse-sink.md).
 */
public class ClickHouseSinkConnector extends MirrorSinkConnector<ClickHouseSinkConfig> {
    static final String VERSION = Optional.ofNullable(ClickHouseSinkConnector.class.getPackage().getImplementationVersion())
            .orElse("0.1.0-SNAPSHOT");

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ClickHouseSinkTask.class;
    }

    @Override
    protected ClickHouseSinkConfig parse(Map<String, String> props) {
        return new ClickHouseSinkConfig(props);
    }

    @Override
    protected ConfigDef configDef() {
        return ClickHouseSinkConfig.CONFIG_DEF;
    }

    /** ClickHouse answers with these credentials and has the database (attached to {@code clickhouse.host}). */
    @Override
    protected void checkDestination(ClickHouseSinkConfig parsed, Config config) {
        try (Client client = ClickHouseClients.open(parsed)) {
            ClickHouseClients.checkConnectivity(client, parsed);
        } catch (RuntimeException e) {
            String problem = ClickHouseClients.serverError(e) != null || e instanceof IllegalStateException
                    ? "ClickHouse at " + parsed.endpoint() + " refused the check as user '" + parsed.user() + "': "
                    : "cannot reach ClickHouse at " + parsed.endpoint() + " as user '" + parsed.user() + "': ";
            attach(config, ClickHouseSinkConfig.HOST_CONFIG, problem + ClickHouseClients.describe(e));
        }
    }
}
