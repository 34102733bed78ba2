#!/usr/bin/env bash
# The local demo mirror: no accounts, no Docker. Sets up the Python ClickHouse peer (chdb), builds the two plugin
# archives and the mirror-ddl CLI, then runs io.mirrorconnect.it.demo.LocalDemo in the same Maven run: embedded
# Postgres with a small shop, the ClickHouse test server, a Kafka broker and a Connect worker; the mirror is written
# in PeerDB's SQL and applied with `mirror-ddl apply`; the snapshot and live changes are shown as they land in
# ClickHouse. Exits 0 when every step converged. See docs/demo.md.
# `scripts/demo.sh snowflake` mirrors the same shop (smaller) into fakesnow, the Snowflake test server;
# `scripts/demo.sh bigquery` into bqemulator, the BigQuery test server.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

echo "==> Python peer: bash scripts/setup-python.sh"
bash scripts/setup-python.sh

# scripts/demo.sh snowflake|bigquery: the same shop mirrored into fakesnow (Snowflake, smaller) or bqemulator (BigQuery)
demo_main=""
case "${1:-clickhouse}" in
  clickhouse) ;;
  snowflake) demo_main=io.mirrorconnect.it.demo.SnowflakeDemo; sink=snowflake-sink ;;
  bigquery) demo_main=io.mirrorconnect.it.demo.LocalBigQueryDemo; sink=bigquery-sink ;;
  *) echo "usage: scripts/demo.sh [clickhouse|snowflake|bigquery]" >&2; exit 2 ;;
esac
if [[ -n "$demo_main" ]]; then
  echo "==> building pg-cdc-source, $sink and mirror-ddl (tests skipped), then running the $1 demo"
  echo "    ./mvnw -B -q -ntp -Pdemo -Ddemo.main=$demo_main -pl pg-cdc-source,$sink,mirror-ddl,it -am package -DskipTests"
  if ! ./mvnw -B -q -ntp -Pdemo -Ddemo.main="$demo_main" -pl "pg-cdc-source,$sink,mirror-ddl,it" -am package -DskipTests; then
    echo "==> the demo failed: see the DEMO FAILED line (or the build error) above" >&2
    exit 1
  fi
  exit 0
fi

# the demo's ClickHouse is the chdb test server unless MIRROR_CLICKHOUSE / CLICKHOUSE_URL say otherwise
if [[ -z "${MIRROR_CLICKHOUSE:-}" && -z "${CLICKHOUSE_URL:-}" ]]; then
  export MIRROR_CLICKHOUSE=chdb
fi

echo "==> building pg-cdc-source, clickhouse-sink and mirror-ddl (tests skipped), then running the demo"
echo "    ./mvnw -B -q -ntp -Pdemo -pl pg-cdc-source,clickhouse-sink,mirror-ddl,it -am package -DskipTests"
if ! ./mvnw -B -q -ntp -Pdemo -pl pg-cdc-source,clickhouse-sink,mirror-ddl,it -am package -DskipTests; then
  echo "==> the demo failed: see the DEMO FAILED line (or the build error) above" >&2
  exit 1
fi
