#!/usr/bin/env bash
# Creates the virtualenvs of the Python test peers at the repository root and installs their pinned requirements:
#   .venv           scripts/python-requirements.txt            ClickHouse (chdb) server
#   .venv-snowflake scripts/python-requirements-snowflake.txt  fakesnow (Snowflake)
#   .venv-bigquery  scripts/python-requirements-bigquery.txt   bqemulator (BigQuery)
# (separate because fakesnow and bqemulator pin different DuckDB versions). Idempotent: reinstalls a virtualenv
# only when its requirements changed. Arguments name the peers to set up (clickhouse, snowflake, bigquery); none: all.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"

setup_venv() {
  local venv="$root/$1" req="$root/scripts/$2"
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
  fi
  local stamp="$venv/.requirements.sha256" want
  want="$(sha256sum "$req" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$req"
    echo "$want" > "$stamp"
  fi
  echo "python test peer ready in $venv ($2)"
}

peers=("$@")
if [ ${#peers[@]} -eq 0 ]; then peers=(clickhouse snowflake bigquery); fi
for peer in "${peers[@]}"; do
  case "$peer" in
    clickhouse) setup_venv .venv python-requirements.txt ;;
    snowflake) setup_venv .venv-snowflake python-requirements-snowflake.txt ;;
    bigquery) setup_venv .venv-bigquery python-requirements-bigquery.txt ;;
    *) echo "unknown peer '$peer' (clickhouse, snowflake or bigquery)" >&2; exit 2 ;;
  esac
done
