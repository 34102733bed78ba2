#!/usr/bin/env bash
# Creates .venv at the repository root and installs the pinned Python test peers into it
# (scripts/python-requirements.txt). Idempotent: reinstalls only when the requirements changed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
req="$root/scripts/python-requirements.txt"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$req"
  echo "$want" > "$stamp"
fi
echo "python test peers ready in $venv"
