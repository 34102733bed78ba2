-- Secrets as Kafka Connect config-provider references: written as strings or bare, they reach the connector
-- configs untouched and are resolved by the worker (config.providers=file,env ... in the worker config).
CREATE PEER pg FROM POSTGRES WITH (
  host = '${env:PG_HOST}',
  port = '${env:PG_PORT}',
  user = 'replicator',
  password = '${file:/opt/secrets/pg.properties:password}',
  database = 'orders'
);
CREATE PEER ch FROM CLICKHOUSE WITH (
  host = 'ch.internal',
  port = 8443,
  user = 'mirror',
  password = ${file:/opt/secrets/ch.properties:password},
  database = 'orders'
);
CREATE MIRROR orders_cdc FROM pg TO ch WITH TABLE MAPPING (public.orders:orders) WITH (do_initial_copy = true);
