package io.mirrorconnect.bigquery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkTask;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Dataset;
import com.google.cloud.bigquery.DatasetId;

import io.mirrorconnect.bigquery.writer.BigQueryClients;
import io.mirrorconnect.bigquery.writer.BigQueryErrors;
import io.mirrorconnect.sink.TableRouter;

/**
 * Mirror Connect's BigQuery sink: each flush goes through the Storage Write API into a staging table and one
 * replay-safe MERGE into the destination, with soft or hard deletes, a version and a synced-at column
 * (docs/bigquery-sink.md).
 */
public class BigQuerySinkConnector extends SinkConnector {
    static final String VERSION = Optional.ofNullable(BigQuerySinkConnector.class.getPackage().getImplementationVersion())
            .orElse("0.1.0-SNAPSHOT");

    private Map<String, String> props;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        new BigQuerySinkConfig(props); // fail fast on a bad config
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return BigQuerySinkTask.class;
    }

    /** Every task gets the connector's properties plus its index (which names its staging tables). */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(BigQuerySinkConfig.TASK_INDEX_CONFIG, Integer.toString(i));
            out.add(task);
        }
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return BigQuerySinkConfig.CONFIG_DEF;
    }

    /**
     * Checks each property, then what involves several (attached to the property named first), that every topic
     * in {@code topics} has a mapping, that the credentials load (attached to {@code bigquery.auth}), that the
     * dataset exists and can be read (attached to {@code bigquery.dataset}; a refusal for lack of permission says
     * so) and, when set, the staging dataset too.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        if (config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return config;
        }
        BigQuerySinkConfig parsed;
        try {
            parsed = new BigQuerySinkConfig(connectorConfigs);
        } catch (ConfigException e) {
            for (String problem : String.valueOf(e.getMessage()).split("; ")) {
                int colon = problem.indexOf(": ");
                String name = colon > 0 ? problem.substring(0, colon) : "";
                boolean known = BigQuerySinkConfig.CONFIG_DEF.configKeys().containsKey(name);
                attach(config, known ? name : BigQuerySinkConfig.MIRROR_NAME_CONFIG, known ? problem.substring(colon + 2) : problem);
            }
            return config;
        }
        String topics = connectorConfigs.get(SinkTask.TOPICS_CONFIG);
        if (topics != null && !topics.isBlank()) {
            List<String> unmapped = new TableRouter(parsed.tableMapping())
                    .unmapped(Arrays.stream(topics.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
            if (!unmapped.isEmpty()) {
                attach(config, BigQuerySinkConfig.TABLE_MAPPING_CONFIG, "no destination for topic(s) " + unmapped);
            }
        }
        BigQuery bigQuery;
        try {
            bigQuery = BigQueryClients.bigQuery(parsed);
        } catch (RuntimeException e) {
            attach(config, BigQuerySinkConfig.AUTH_CONFIG, e.getMessage());
            return config;
        }
        checkDataset(config, bigQuery, parsed, parsed.dataset(), BigQuerySinkConfig.DATASET_CONFIG);
        String staging = parsed.stagingDataset(parsed.dataset());
        if (!staging.equals(parsed.dataset())) {
            checkDataset(config, bigQuery, parsed, staging, BigQuerySinkConfig.STAGING_DATASET_CONFIG);
        }
        return config;
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

    private static void attach(Config config, String property, String message) {
        for (ConfigValue v : config.configValues()) {
            if (v.name().equals(property)) {
                v.addErrorMessage(message);
                return;
            }
        }
    }
}
