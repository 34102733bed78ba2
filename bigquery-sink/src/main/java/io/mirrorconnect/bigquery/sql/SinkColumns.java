package io.mirrorconnect.bigquery.sql;

/**
 * The sink's own destination columns.
 *
 * @param version  version column (INT64): the source change's LSN, 0 for snapshot rows
 * @param deleted  soft-delete flag column (BOOL); null with hard deletes
 * @param syncedAt synced-at column (TIMESTAMP), set to CURRENT_TIMESTAMP() by each write
 */
public record SinkColumns(String version, String deleted, String syncedAt) {
}
