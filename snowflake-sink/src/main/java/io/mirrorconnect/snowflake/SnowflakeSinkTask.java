package io.mirrorconnect.snowflake;

import java.util.Map;

import io.mirrorconnect.sink.MirrorSinkTask;
import io.mirrorconnect.sink.SinkCoreConfig;
import io.mirrorconnect.sink.TableWriter;
import io.mirrorconnect.snowflake.writer.SnowflakeConnections;
import io.mirrorconnect.snowflake.writer.SnowflakeTableWriter;

/** The Snowflake sink task: the shared sink core writing through {@link SnowflakeTableWriter}. */
public class SnowflakeSinkTask extends MirrorSinkTask {

    @Override
    public String version() {
        return SnowflakeSinkConnector.VERSION;
    }

    @Override
    protected SinkCoreConfig parseConfig(Map<String, String> props) {
        return new SnowflakeSinkConfig(props);
    }

    @Override
    protected TableWriter openWriter(SinkCoreConfig config) {
        SnowflakeSinkConfig sf = (SnowflakeSinkConfig) config;
        return new SnowflakeTableWriter(sf, () -> SnowflakeConnections.open(sf));
    }
}
