-- Excluding columns: the object form of a TABLE MAPPING entry, mixed with the short form.
CREATE PEER pg FROM POSTGRES WITH (host = 'localhost', port = 5432, user = 'postgres', password = 'postgres',
  database = 'postgres');
CREATE PEER ch FROM CLICKHOUSE WITH (host = 'localhost', port = 8123, user = 'default', database = 'default',
  disable_tls = true);

CREATE MIRROR pii_safe FROM pg TO ch WITH TABLE MAPPING (
  {from: public.users, to: users, exclude: [email, phone, "Date Of Birth"]},
  public.sessions:sessions,
  {from: "Sales"."Orders", to: orders}
) WITH (do_initial_copy = true);
