-- A query-replication mirror in the shape of PeerDB's page (IF NOT EXISTS after the name, a trailing comma in
-- WITH): upsert on a timestamp watermark into ClickHouse.
CREATE PEER pg FROM POSTGRES WITH (host = 'pg.internal', port = 5432, user = 'reader', password = 'pw',
  database = 'events');
CREATE PEER ch FROM CLICKHOUSE WITH (host = 'ch.internal', port = 8443, user = 'mirror', password = 'pw',
  database = 'events');

CREATE MIRROR events_qrep IF NOT EXISTS FROM
	pg TO ch FOR
$$
  SELECT id, kind, payload, updated_at FROM public.events WHERE
  updated_at BETWEEN {{.start}} AND {{.end}}
$$
WITH (
	destination_table_name = 'events',
	watermark_column = 'updated_at',
	watermark_table_name = 'public.events',
	mode = 'upsert',
	unique_key_columns = 'id',
	parallelism = 4,
	refresh_interval = 60,
  num_rows_per_partition = 100000,
  initial_copy_only = false,
  setup_watermark_table_on_destination = true,
);
