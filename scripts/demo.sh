#!/usr/bin/env bash
# The local demo mirror: no accounts, no Docker. Sets up the Python ClickHouse peer (chdb), builds the two plugin
# archives and the mirror-ddl CLI, then runs io.mirrorconnect.it.demo.LocalDemo in the same Maven run: embedded
# Postgres with a small shop, the ClickHouse test server, a Kafka broker and a Connect worker; the mirror is written
# in PeerDB's SQL and applied with `mirror-ddl apply`; the snapshot and live changes are shown as they land in
# ClickHouse. Exits 0 when every step converged. See docs/demo.md.
#
# --avro: records cross Kafka as Avro. The demo also starts an Apicurio Registry (Maven Central's
# io.apicurio:apicurio-registry-app, unpacked by the build; needs a JDK 21+ under /usr/lib/jvm), applies the mirror
# with `mirror-ddl apply --avro --avro-converter apicurio`, and shows the registered subjects and a record decoded
# by plain Apache Avro.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

avro_flags=()
for arg in "$@"; do
  case "$arg" in
    --avro) avro_flags=(-Ddemo.avro=true -Ddemo.skipRegistry=false) ;;
    *) echo "usage: scripts/demo.sh [--avro]" >&2; exit 2 ;;
  esac
done

echo "==> Python peer: bash scripts/setup-python.sh"
bash scripts/setup-python.sh

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
