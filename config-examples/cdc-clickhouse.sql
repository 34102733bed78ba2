-- The CDC mirror of PeerDB's "Creating Mirrors" page (both TABLE MAPPING syntaxes, every option), into
-- ClickHouse. ClickHouse targets are not schema-qualified: tables go to the peer's database.
CREATE PEER pg_prod FROM POSTGRES WITH (
  host = 'pg.internal',
  port = 5432,
  user = 'replicator',
  password = 'pg-secret',
  database = 'shop'
);

CREATE PEER ch_analytics FROM CLICKHOUSE WITH (
  host = 'clickhouse.internal',
  port = 8443,
  user = 'mirror',
  password = 'ch-secret',
  database = 'shop_mirror'
);

CREATE MIRROR IF NOT EXISTS shop_cdc
FROM pg_prod TO ch_analytics
WITH TABLE MAPPING
(
  public.customers:customers,
  public.orders:orders,
  {
    from: public.order_items,
    to: order_items,
    exclude: [internal_note, cost_price]
  }
)
WITH (
  do_initial_copy = true, -- required
  max_batch_size = 100000,
  sync_interval = 30,
  publication_name = 'shop_pub',
  snapshot_num_rows_per_partition = 500000,
  snapshot_max_parallel_workers = 4,
  snapshot_num_tables_in_parallel = 2,
  soft_delete = true,
  synced_at_col_name = '_PEERDB_SYNCED_AT',
  soft_delete_col_name = '_PEERDB_IS_DELETED'
);
