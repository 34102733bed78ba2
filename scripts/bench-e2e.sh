#!/usr/bin/env bash
# End-to-end throughput through ONE distributed Connect worker (issue 12; results in docs/performance.md).
# Starts an embedded Postgres 17 (wal_level logical), a Kafka 4.1.1 broker, one Connect worker in its own JVM
# (CPU-seconds from /proc/PID/stat, heap from its GC log) and the chdb ClickHouse server; loads ROWS rows x 16
# columns; then measures, each phase ended by a completion condition:
#   pg-cdc-source's snapshot into Kafka (configs compiled by mirror-ddl) and Debezium's (its defaults + the same
#   producer overrides), the sink of our topic into ClickHouse (compiled config), a no-op sink of the same topic
#   (the Connect + converter floor), a direct INSERT ... FORMAT RowBinary of the same rows (the ceiling), and the
#   drain of CHANGES changes made while both sources were stopped; then prints rows/s, CPU-s, heap and the ratios.
# Usage: scripts/bench-e2e.sh [ROWS] [CHANGES] [--sweep] [--no-debezium] [--converter json|avro|both]
#   [--sources-only] [--trace] [--jfr] [--no-warmup] [--repeat N] [--null-destination] [--producer NAME=VALUE]... [--source NAME=VALUE]...
#   [--sink NAME=VALUE]...
#   (defaults 500000 200000 json, --repeat 3)
#   --repeat N (odd) runs the compared pair (the no-op sink, then clickhouse-sink) N times in turn; the goals use the
#   median run of each (a single run's ratio moves by about +-0.08 between identical runs).
#   --null-destination adds to each turn of the pair a run of clickhouse-sink into a table of ClickHouse's Null engine
#   (the server parses each insert and stores nothing: the sink when its destination costs these cores little).
#   --sweep also runs the sink with each candidate set of consumer overrides (EndToEndBench.SWEEP).
#   --sources-only runs only the sources' snapshots and drains (no sinks, no direct insert): minutes, not ten.
#   --trace prints, per source and clickhouse-sink phase, the time from the REST call to the first record (row in
#   ClickHouse), the steady rate, the tail (the curve, sampled every 50 ms, in trace-*.tsv), the worker's CPU by
#   thread (the no-op sink's too), the chdb ClickHouse server's CPU (sink phases, no-op sink, direct insert) and, for a
#   source, Postgres's CPU (the server, and its walsenders); the sink's batches go to the worker log as DEBUG lines
#   (cut, encoded, inserted).
#   --no-warmup skips the unmeasured first snapshot of each source (under other names), which otherwise warms the
#   worker's JIT so that neither measured snapshot pays for compiling Connect's and the producer's code.
#   --jfr records the worker with JFR (settings=profile) per phase: NN-phase.jfr in the run's directory.
#   --producer NAME=VALUE adds producer.override.NAME=VALUE to both sources (e.g. compression.type=zstd).
#   --source / --sink NAME=VALUE set a property of pg-cdc-source's / clickhouse-sink's compiled config (experiments).
#   --converter avro runs every measure (Debezium's too; the direct insert has no converter) with mirror-ddl's
#   --avro --avro-converter apicurio: an Apicurio Registry 3.3.3 (it/pom.xml's unpack, Java 21+ from
#   /usr/lib/jvm or MIRROR_JDK_ROOT) and Apicurio's AvroConverter installed as a plugin directory on the worker's
#   plugin.path (it/bench-plugins/apicurio-converter.pom.xml). --converter both runs JSON and Avro in one run.
# Environment: BENCH_WORKER_JVM adds JVM options to the worker's command line (an experiment, e.g.
#   BENCH_WORKER_JVM=-XX:+PrintCompilation to see what the JIT compiles during a phase, in the worker log).
# Builds only target/ directories (no `mvn install`); Debezium 3.6.1.Final comes from Maven Central as a
# benchmark-only plugin directory (it/bench-plugins/debezium-postgres.pom.xml). Rerunnable.
set -euo pipefail
cd "$(dirname "$0")/.."
# Maven offline first (quicker, and the bench runs without a network once everything was fetched); anything a
# first run on this machine has not fetched yet (the worker's and the plugins' own dependencies) is then fetched
mvn_offline_first() {
  ./mvnw -B -q -o "$@" >/dev/null 2>&1 || ./mvnw -B -q "$@"
}
# the chdb ClickHouse server's Python environment, unless a real server is given
if [ -z "${CLICKHOUSE_URL:-}" ]; then bash scripts/setup-python.sh clickhouse; fi
# one reactor run, so that it/'s class path names the freshly built jars (nothing needs to be installed in ~/.m2)
mvn_offline_first -pl mirror-core,mirror-ddl,pg-cdc-source,clickhouse-sink,it package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
DBZ=it/target/bench-plugins/debezium-connector-postgres
if [ ! -f "$DBZ/debezium-connector-postgres-3.6.1.Final.jar" ]; then
  ./mvnw -B -q -f it/bench-plugins/debezium-postgres.pom.xml dependency:copy-dependencies \
    -DoutputDirectory="$PWD/$DBZ" -DexcludeGroupIds=org.apache.kafka,org.slf4j -DincludeScope=runtime
fi
CONVERTER=json
prev=""
for a in "$@"; do
  case "$a" in --converter=*) CONVERTER="${a#--converter=}" ;; esac
  if [ "$prev" = "--converter" ]; then CONVERTER="$a"; fi
  prev="$a"
done
if [ "$CONVERTER" = avro ] || [ "$CONVERTER" = both ]; then
  APICURIO=it/target/bench-plugins/apicurio-registry-converter
  if [ ! -f "$APICURIO/apicurio-registry-utils-converter-2.6.13.Final.jar" ]; then
    ./mvnw -B -q -f it/bench-plugins/apicurio-converter.pom.xml dependency:copy-dependencies \
      -DoutputDirectory="$PWD/$APICURIO" -DexcludeGroupIds=org.apache.kafka,org.slf4j -DincludeScope=runtime
  fi
  # the registry server, unpacked as for the Avro ITs (a marker file makes it a no-op once done)
  mvn_offline_first -pl it dependency:unpack@unpack-apicurio-registry
fi
AV=$(sed -n 's:.*<apicurio.registry.version>\(.*\)</apicurio.registry.version>.*:\1:p' it/pom.xml | head -1)
# the worker's class path: Kafka 4.1.1's Connect runtime (as in Kafka's distribution) and the no-op sink
mvn_offline_first -f it/bench-plugins/connect-worker.pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$PWD/it/target/bench-worker-classpath.txt" -Dmdep.includeScope=runtime
# the reactor's own modules from their freshly built jars, not from ~/.m2
V=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
OWN="mirror-core/target/mirror-core-$V.jar:mirror-ddl/target/mirror-ddl-$V.jar"
CP="it/target/test-classes:$OWN:$(cat it/target/bench-classpath.txt)"
# mirror-core (the no-op sink's converters come from the class path, not a plugin) and its one runtime dependency
FDP=$(tr ':' '\n' < it/target/bench-classpath.txt | grep '/fastdoubleparser-[^/]*\.jar$' | head -1)
WORKER_CP="$PWD/it/target/test-classes:$PWD/mirror-core/target/mirror-core-$V.jar:$FDP:$(cat it/target/bench-worker-classpath.txt)"
exec java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dmirror.root.dir="$PWD" -Dmirror.version="$V" \
  -Dmirror.bench.worker.classpath="$WORKER_CP" -Dmirror.apicurio.dir="$PWD/it/target/apicurio-registry-$AV" \
  -cp "$CP" io.mirrorconnect.it.bench.EndToEndBench "$@"
