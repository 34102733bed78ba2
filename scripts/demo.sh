#!/usr/bin/env bash
# The main job (for now): build the mirror-ddl CLI, then compile an example mirror (PeerDB SQL, Postgres ->
# ClickHouse) into the Kafka Connect connector configs it becomes, and print them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
example="${1:-config-examples/cdc-clickhouse.sql}"

echo "==> building mirror-ddl (./mvnw -pl mirror-ddl -am package, tests skipped)" >&2
./mvnw -B -q -ntp -pl mirror-ddl -am package -DskipTests

echo "==> $example" >&2
sed 's/^/    /' "$example" >&2
echo "==> bin/mirror-ddl compile $example" >&2
bin/mirror-ddl compile "$example"
