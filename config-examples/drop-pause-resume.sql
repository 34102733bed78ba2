-- Lifecycle statements. `compile` emits the mirrors that exist after the script (here only `kept`);
-- `apply` executes every statement in order against the Connect REST API.
CREATE PEER pg FROM POSTGRES WITH (host = 'localhost', port = 5432, user = 'postgres', password = 'pw',
  database = 'app');
CREATE PEER ch FROM CLICKHOUSE WITH (host = 'localhost', port = 8123, user = 'default', database = 'app',
  disable_tls = true);

CREATE MIRROR kept FROM pg TO ch WITH TABLE MAPPING (public.a:a) WITH (do_initial_copy = false);
CREATE MIRROR temporary FROM pg TO ch WITH TABLE MAPPING (public.b:b) WITH (do_initial_copy = true);

PAUSE MIRROR kept;
RESUME MIRROR kept;
DROP MIRROR temporary;
DROP MIRROR IF EXISTS legacy_mirror;
DROP PEER IF EXISTS old_peer;
