#!/usr/bin/env bash
# Snapshot throughput of pg-cdc-source next to a raw `COPY ... (FORMAT binary)` of the same table, on this machine.
# Starts an embedded Postgres 17, loads ROWS rows x 16 columns, then measures:
#   raw binary COPY (1 stream, and WORKERS CTID ranges in parallel) into /dev/null, and
#   the connector's task snapshotting the table (COPY -> TableSchema -> SourceRecords out of poll(); no Kafka), with
#   snapshot.copy.format=text and =binary; prints each task's ratio to the raw COPY with WORKERS CTID ranges.
# ROUNDS=n (default 3) interleaved rounds, medians reported; BINARY_ONLY=1 skips the text-format task.
# JFR=1 records a Java Flight Recorder profile of the run to target/snapshot-bench.jfr (COST=1: target/source-cost.jfr).
# COST=1 runs SourceCostBench instead: JVM CPU per record of the task alone and of the task plus the worker's
#   per-record converters (ExactJsonConverter key/value, SimpleHeaderConverter), for a snapshot and for a drain of
#   single-row updates; arguments then [ROWS] [CHANGES] [ROUNDS] (defaults 200000 100000 3).
# Usage: scripts/bench-snapshot.sh [ROWS] [WORKERS] [PARTITIONS]      (defaults 500000 2 4); rerunnable.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-500000}"
WORKERS="${2:-2}"
PARTITIONS="${3:-4}"
OFFLINE=""
if [ -d "$HOME/.m2/repository/org/apache/kafka/connect-api" ]; then OFFLINE="-o"; fi
# one reactor build (no install: the shared ~/.m2 SNAPSHOT jars stay untouched); mirror-core resolves to its
# target/classes and target/test-classes
./mvnw -B -q $OFFLINE -pl pg-cdc-source -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="pg-cdc-source/target/test-classes:pg-cdc-source/target/classes:$(cat pg-cdc-source/target/bench-classpath.txt)"
JFR_OPT=""
if [ "${COST:-}" = 1 ]; then
  if [ "${JFR:-}" = 1 ]; then JFR_OPT="-XX:StartFlightRecording=filename=target/source-cost.jfr,settings=profile"; fi
  exec java -Xmx2g $JFR_OPT -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
    io.mirrorconnect.pgcdc.task.SourceCostBench "${1:-200000}" "${2:-100000}" "${3:-3}"
fi
if [ "${JFR:-}" = 1 ]; then JFR_OPT="-XX:StartFlightRecording=filename=target/snapshot-bench.jfr,settings=profile"; fi
exec java -Xmx2g $JFR_OPT -Drounds="${ROUNDS:-3}" -DbinaryOnly="${BINARY_ONLY:+true}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  io.mirrorconnect.pgcdc.task.SnapshotBench "$ROWS" "$WORKERS" "$PARTITIONS"
