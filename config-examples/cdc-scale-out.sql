-- Scale-out: the source creates each topic with topic_partitions partitions (Connect's topic.creation.*; records
-- of one key stay in one partition, so their order holds), and the sink runs sink_tasks tasks, each reading its
-- share of the partitions (at most topic_partitions: Kafka gives a partition to one task). A TRUNCATE goes to every
-- partition and each task applies it version-guarded, so several tasks writing one table stay correct
-- (docs/sink-core.md, "Several tasks"). topic_replication_factor defaults to -1, the broker's default.
CREATE PEER pg FROM POSTGRES WITH (host = 'pg.internal', port = 5432, user = 'replicator', password = 'pw',
  database = 'shop');
CREATE PEER ch FROM CLICKHOUSE WITH (host = 'ch.internal', port = 8443, user = 'mirror', password = 'pw',
  database = 'shop_mirror');

CREATE MIRROR shop_scaled FROM pg TO ch WITH TABLE MAPPING (public.customers:customers, public.orders:orders)
WITH (
  do_initial_copy = true,
  topic_partitions = 4,
  topic_replication_factor = 3,
  sink_tasks = 2
);
