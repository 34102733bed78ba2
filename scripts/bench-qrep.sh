#!/usr/bin/env bash
# Query-replication copy throughput of qrep-source next to a raw `COPY (query) TO STDOUT` of the same rows.
# Starts an embedded Postgres 17, loads ROWS rows x 16 columns, then measures:
#   the raw text COPY of the query over all rows into /dev/null (1 stream, best of 2), and
#   the connector's task copying the same query (planning, hold-back check, COPY per partition, text -> Structs ->
#   SourceRecords out of poll(); no Kafka), PER_PARTITION rows per partition, PARALLELISM partitions at a time.
# Usage: scripts/bench-qrep.sh [ROWS] [PER_PARTITION] [PARALLELISM]     (defaults 500000 100000 2); rerunnable.
# Builds only target/ directories (no `mvn install`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-500000}"
PER_PARTITION="${2:-100000}"
PARALLELISM="${3:-2}"
OFFLINE=""
if [ -d "$HOME/.m2/repository/org/apache/kafka/connect-api" ]; then OFFLINE="-o"; fi
./mvnw -B -q $OFFLINE -pl qrep-source -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="qrep-source/target/test-classes:qrep-source/target/classes:$(cat qrep-source/target/bench-classpath.txt)"
exec java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  io.mirrorconnect.qrep.task.QRepBench "$ROWS" "$PER_PARTITION" "$PARALLELISM"
