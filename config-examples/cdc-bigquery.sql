-- A CDC mirror into BigQuery. The peer takes the service-account key's fields one by one; BigQuery targets
-- are not schema-qualified (tables go to dataset_id).
CREATE PEER IF NOT EXISTS pg FROM POSTGRES WITH (
  host = '10.0.0.5', port = 5433, user = 'replicator', password = 'pw', database = 'crm', sslmode = 'require'
);

CREATE PEER bq FROM BIGQUERY WITH (
  type = 'service_account',
  project_id = 'acme-analytics',
  private_key_id = '0123456789abcdef',
  private_key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n',
  client_email = 'mirror@acme-analytics.iam.gserviceaccount.com',
  client_id = '112233445566778899',
  auth_uri = 'https://accounts.google.com/o/oauth2/auth',
  token_uri = 'https://oauth2.googleapis.com/token',
  auth_provider_x509_cert_url = 'https://www.googleapis.com/oauth2/v1/certs',
  client_x509_cert_url = 'https://www.googleapis.com/robot/v1/metadata/x509/mirror%40acme-analytics.iam.gserviceaccount.com',
  dataset_id = 'crm_mirror'
);

CREATE MIRROR crm_bq FROM pg TO bq WITH TABLE MAPPING (public.accounts:accounts, public.contacts:contacts)
WITH (DO_INITIAL_COPY = TRUE, Soft_Delete = true, sync_interval = 60);
