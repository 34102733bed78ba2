package io.mirrorconnect.bigquery;

import java.util.Map;

import io.mirrorconnect.bigquery.writer.BigQueryClients;
import io.mirrorconnect.bigquery.writer.BigQueryTableWriter;
import io.mirrorconnect.sink.MirrorSinkTask;
import io.mirrorconnect.sink.SinkCoreConfig;
import io.mirrorconnect.sink.TableWriter;

/** The BigQuery sink task: the shared sink core writing through {@link BigQueryTableWriter}. */
public class BigQuerySinkTask extends MirrorSinkTask {

    @Override
    public String version() {
        return BigQuerySinkConnector.VERSION;
    }

    @Override
    protected SinkCoreConfig parseConfig(Map<String, String> props) {
        return new BigQuerySinkConfig(props);
    }

    @Override
    protected TableWriter openWriter(SinkCoreConfig config) {
        BigQuerySinkConfig bq = (BigQuerySinkConfig) config;
        return new BigQueryTableWriter(bq, BigQueryClients.bigQuery(bq), BigQueryClients.writeClient(bq));
    }
}
