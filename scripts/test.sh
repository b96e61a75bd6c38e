#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Install what is missing (QGIS 3.22 from Debian, test tools in .venv) and run lint, types
# (mypy over core/), the translation check and all tests headless. Extra arguments go to
# pytest, e.g. scripts/test.sh tests/core -k criteria
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
. "$REPO/scripts/setup_env.sh"
echo "[test] ruff"
"$REPO/.venv/bin/ruff" check boligsocial_plugin tests scripts
echo "[test] mypy (core/, see mypy.ini)"
"$REPO/.venv/bin/mypy" --config-file "$REPO/mypy.ini"
echo "[test] translations up to date"
/usr/bin/python3 "$REPO/scripts/update_translations.py" --check || \
  echo "[test] warning: run scripts/update_translations.py to refresh i18n/boligsocial_da.ts"
echo "[test] pytest"
exec "$REPO/.venv/bin/python" -m pytest -q -p no:randomly "$@"
