-- PeerDB's XMIN query-replication example, verbatim, with the two peers it names.
CREATE PEER pg_test_peer FROM POSTGRES WITH (host = 'localhost', port = 5432, user = 'postgres',
  password = 'postgres', database = 'postgres');
CREATE PEER sf_test_peer FROM SNOWFLAKE WITH (account_id = 'myorg-test', username = 'TEST_USER',
  password = 'test-password', database = 'TEST_DB', warehouse = 'COMPUTE_WH', role = 'SYSADMIN');

CREATE MIRROR xmin_mirror_1 FROM pg_test_peer TO sf_test_peer FOR
$$ SELECT * FROM users $$
WITH (
	destination_table_name = 'public.users',
	watermark_column = 'xmin',
	watermark_table_name = 'public.users',
	mode = 'append', -- upsert (only updates) and overwrite are also supported
	parallelism = 10,
	refresh_interval = 30,
	num_rows_per_partition = 100
);
