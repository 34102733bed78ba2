package io.mirrorconnect.bigquery;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Dataset;
import com.google.cloud.bigquery.DatasetId;

import io.mirrorconnect.bigquery.writer.BigQueryClients;
import io.mirrorconnect.bigquery.writer.BigQueryErrors;
import io.mirrorconnect.sink.MirrorSinkConnector;

/**
 * Mirror Connect's BigQuery sink: each flush goes through the Storage Write API into a staging table and one
 * replay-safe MERGE into the destination, with soft or hard deletes, a version and a synced-at column
 * (docs/bigquery-sink.md).
 */
public class BigQuerySinkConnector extends MirrorSinkConnector<BigQuerySinkConfig> {
    static final String VERSION = Optional.ofNullable(BigQuerySinkConnector.class.getPackage().getImplementationVersion())
            .orElse("0.1.0-SNAPSHOT");

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return BigQuerySinkTask.class;
    }

    @Override
    protected BigQuerySinkConfig parse(Map<String, String> props) {
        return new BigQuerySinkConfig(props);
    }

    @Override
    protected ConfigDef configDef() {
        return BigQuerySinkConfig.CONFIG_DEF;
    }

    /** Every task gets the connector's properties plus its index (which names its staging tables). */
    @Override
    protected Map<String, String> taskConfig(Map<String, String> connectorProps, int index) {
        Map<String, String> task = new HashMap<>(connectorProps);
        task.put(BigQuerySinkConfig.TASK_INDEX_CONFIG, Integer.toString(index));
        return task;
    }

    /**
     * The credentials load (attached to {@code bigquery.auth}), the dataset exists and can be read (attached to
     * {@code bigquery.dataset}; a refusal for lack of permission says so) and, when set, the staging dataset too.
     */
    @Override
    protected void checkDestination(BigQuerySinkConfig parsed, Config config) {
        BigQuery bigQuery;
        try {
            bigQuery = BigQueryClients.bigQuery(parsed);
        } catch (RuntimeException e) {
            attach(config, BigQuerySinkConfig.AUTH_CONFIG, e.getMessage());
            return;
        }
        checkDataset(config, bigQuery, parsed, parsed.dataset(), BigQuerySinkConfig.DATASET_CONFIG);
        String staging = parsed.stagingDataset(parsed.dataset());
        if (!staging.equals(parsed.dataset())) {
            checkDataset(config, bigQuery, parsed, staging, BigQuerySinkConfig.STAGING_DATASET_CONFIG);
        }
    }

    private static void checkDataset(Config config, BigQuery bigQuery, BigQuerySinkConfig parsed, String dataset, String property) {
        String where = parsed.project() + "." + dataset;
        try {
            Dataset d = bigQuery.getDataset(DatasetId.of(parsed.project(), dataset));
            if (d == null) {
                attach(config, property, "dataset " + where + " does not exist (create it, or fix project/dataset)");
            }
        } catch (BigQueryException e) {
            String problem = e.getCode() == 403 || e.getCode() == 401
                    ? "no permission to read dataset " + where + " with these credentials (the sink needs BigQuery Data "
                            + "Editor on the dataset and BigQuery Job User on the project): "
                    : "cannot check dataset " + where + ": ";
            attach(config, e.getCode() == 401 ? BigQuerySinkConfig.AUTH_CONFIG : property, problem + BigQueryErrors.describe(e));
        } catch (RuntimeException e) {
            attach(config, property, "cannot reach BigQuery to check dataset " + where + ": " + BigQueryErrors.describe(e));
        }
    }
}
