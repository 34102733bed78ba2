-- dead_letter_topic on a query-replication mirror, with the default replication factor (3) of the topic.
CREATE PEER pg FROM POSTGRES WITH (host = 'pg.internal', port = 5432, user = 'replicator', password = 'pw',
  database = 'shop');
CREATE PEER ch FROM CLICKHOUSE WITH (host = 'ch.internal', port = 8443, user = 'mirror', password = 'pw',
  database = 'shop_mirror');

CREATE MIRROR events_dlq FROM pg TO ch FOR
$$ SELECT id, kind, updated_at FROM public.events WHERE updated_at BETWEEN {{.start}} AND {{.end}} $$
WITH (
  destination_table_name = 'events',
  watermark_column = 'updated_at',
  watermark_table_name = 'public.events',
  num_rows_per_partition = 100000,
  dead_letter_topic = 'events_dlq.dead-letters'
);
