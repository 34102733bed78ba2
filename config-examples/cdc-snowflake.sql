/* A CDC mirror into Snowflake: targets may be schema-qualified; key-pair authentication with an
   encrypted private key whose passphrase is the peer's password. Options not given take their defaults. */
CREATE PEER pg_source FROM POSTGRES WITH (
  host = 'db.example.com',
  port = 5432,
  user = 'peerdb',
  password = 'hunter2',
  database = 'app',
  sslmode = 'verify-full',
  root_ca = '/etc/ssl/certs/rds-ca.pem'
);

CREATE PEER sf_wh FROM SNOWFLAKE WITH (
  account_id = 'myorg-account1',
  username = 'MIRROR_USER',
  private_key = '-----BEGIN ENCRYPTED PRIVATE KEY-----
MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI
-----END ENCRYPTED PRIVATE KEY-----',
  password = 'key-passphrase',
  database = 'ANALYTICS',
  warehouse = 'LOAD_WH',
  role = 'MIRROR_ROLE',
  query_timeout = 600
);

CREATE MIRROR app_to_snowflake FROM pg_source TO sf_wh
WITH TABLE MAPPING (
  public.users:raw.users,
  public."Events":raw.events,
  billing.invoices:billing.invoices
)
WITH (do_initial_copy = false, replication_slot_name = 'existing_slot', publication_name = 'app_pub');
