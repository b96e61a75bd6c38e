#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs what boligsocial needs on Debian 12 (idempotent, quick when done):
# QGIS 3.22 with Python bindings, pandas/numpy, fonts, PDF tools, and a venv with test tools.
# Source it (". scripts/setup_env.sh") to get the environment variables too.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# postgresql-15 + postgresql-15-postgis-3: the throw-away test server of the PostGIS tests
# (scripts/pgcluster.py); python3-psycopg2: the plugin's database connection (README "Databases")
DEB_PKGS=(qgis python3-qgis qgis-providers python3-pandas python3-numpy python3-gdal
          python3-scipy python3-matplotlib fonts-dejavu-core poppler-utils python3-venv
          qttools5-dev-tools pyqt5-dev-tools xvfb xauth python3-psycopg2 postgresql-15
          postgresql-15-postgis-3)
missing=()
for p in "${DEB_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
VENV="$REPO/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  echo "[setup] creating $VENV (sees Debian's PyQGIS, pandas, numpy)"
  /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
REQ="$REPO/scripts/requirements-dev.txt"
STAMP="$VENV/.req-stamp"
if [ ! -f "$STAMP" ] || ! cmp -s "$REQ" "$STAMP"; then
  echo "[setup] installing Python test tools into the venv"
  # numpy/pandas come from Debian; the constraint stops pip from pulling numpy 2 over them.
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQ" -c "$REPO/scripts/constraints.txt"
  cp "$REQ" "$STAMP"
fi
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 0700 "$XDG_RUNTIME_DIR" 2>/dev/null || true
