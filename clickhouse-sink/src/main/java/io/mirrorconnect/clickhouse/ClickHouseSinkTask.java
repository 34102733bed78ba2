package io.mirrorconnect.clickhouse;

import java.util.Map;

import io.mirrorconnect.clickhouse.writer.ClickHouseClients;
import io.mirrorconnect.clickhouse.writer.ClickHouseTableWriter;
import io.mirrorconnect.sink.MirrorSinkTask;
import io.mirrorconnect.sink.SinkCoreConfig;
import io.mirrorconnect.sink.TableWriter;

/** The ClickHouse sink task: the shared sink core writing through {@link ClickHouseTableWriter}. */
public class ClickHouseSinkTask extends MirrorSinkTask {

    @Override
    public String version() {
        return ClickHouseSinkConnector.VERSION;
    }

    @Override
    protected SinkCoreConfig parseConfig(Map<String, String> props) {
        return new ClickHouseSinkConfig(props);
    }

    @Override
    protected TableWriter openWriter(SinkCoreConfig config) {
        ClickHouseSinkConfig ch = (ClickHouseSinkConfig) config;
        return new ClickHouseTableWriter(ch, ClickHouseClients.open(ch));
    }
}
