-- Failure isolation: with dead_letter_topic, a record the sink cannot write (or the converter cannot read) goes
-- to that topic, with the failure in its headers, instead of stopping the whole mirror.
-- dead_letter_topic_replication_factor defaults to 3 (Kafka's default); 1 suits a single-broker development
-- cluster only. qrep-dead-letter-queue.sql shows the same option on a query-replication mirror.
CREATE PEER pg FROM POSTGRES WITH (host = 'pg.internal', port = 5432, user = 'replicator', password = 'pw',
  database = 'shop');
CREATE PEER ch FROM CLICKHOUSE WITH (host = 'ch.internal', port = 8443, user = 'mirror', password = 'pw',
  database = 'shop_mirror');

CREATE MIRROR shop_dlq FROM pg TO ch WITH TABLE MAPPING (public.customers:customers, public.orders:orders)
WITH (
  do_initial_copy = true,
  dead_letter_topic = 'shop_dlq.dead-letters',
  dead_letter_topic_replication_factor = 1
);
