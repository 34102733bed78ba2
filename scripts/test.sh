#!/usr/bin/env bash
# The project's test command: sets up everything the tests need on a fresh machine (a JDK is the only
# prerequisite; Maven comes through ./mvnw, Python peers through scripts/setup-python.sh) and runs unit and
# integration tests. Extra arguments go to Maven, e.g. scripts/test.sh -pl mirror-ddl -am
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-python.sh
exec ./mvnw -B -ntp verify "$@"
