#!/usr/bin/env bash
# The local demo mirror: no accounts, no Docker. Sets up the Python ClickHouse peer (chdb), builds the two plugin
# archives and the mirror-ddl CLI, then runs io.mirrorconnect.it.demo.LocalDemo in the same Maven run: embedded
# Postgres with a small shop, the ClickHouse test server, a Kafka broker and a Connect worker; the mirror is written
# in PeerDB's SQL and applied with `mirror-ddl apply`; the snapshot and live changes are shown as they land in
# ClickHouse. Exits 0 when every step converged. See docs/demo.md.
# `scripts/demo.sh snowflake` mirrors the same shop (smaller) into fakesnow, the Snowflake test server;
# `scripts/demo.sh bigquery` into bqemulator, the BigQuery test server.
#
# --avro: records cross Kafka as Avro. The demo also starts an Apicurio Registry (Maven Central's
# io.apicurio:apicurio-registry-app, unpacked by the build; needs a JDK 21+ under /usr/lib/jvm), applies the mirror
# with `mirror-ddl apply --avro --avro-converter apicurio`, and shows the registered subjects and a record decoded
# by plain Apache Avro.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

usage="usage: scripts/demo.sh [clickhouse|snowflake|bigquery] [--avro]   (--avro: ClickHouse only)"
destination=clickhouse
avro_flags=()
for arg in "$@"; do
  case "$arg" in
    clickhouse|snowflake|bigquery) destination="$arg" ;;
    --avro) avro_flags=(-Ddemo.avro=true -Ddemo.skipRegistry=false) ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
if [[ "$destination" != clickhouse && ${#avro_flags[@]} -gt 0 ]]; then
  echo "$usage" >&2
  exit 2
fi

echo "==> Python peer: bash scripts/setup-python.sh"
bash scripts/setup-python.sh

# scripts/demo.sh snowflake|bigquery: the same shop mirrored into fakesnow (Snowflake, smaller) or bqemulator (BigQuery)
if [[ "$destination" != clickhouse ]]; then
  if [[ "$destination" == snowflake ]]; then
    demo_main=io.mirrorconnect.it.demo.SnowflakeDemo; sink=snowflake-sink
  else
    demo_main=io.mirrorconnect.it.demo.LocalBigQueryDemo; sink=bigquery-sink
  fi
  echo "==> building pg-cdc-source, $sink and mirror-ddl (tests skipped), then running the $destination demo"
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
echo "    ./mvnw -B -q -ntp -Pdemo ${avro_flags[*]:+${avro_flags[*]} }-pl pg-cdc-source,clickhouse-sink,mirror-ddl,it -am package -DskipTests"
if ! ./mvnw -B -q -ntp -Pdemo "${avro_flags[@]}" -pl pg-cdc-source,clickhouse-sink,mirror-ddl,it -am package -DskipTests; then
  echo "==> the demo failed: see the DEMO FAILED line (or the build error) above" >&2
  exit 1
fi
