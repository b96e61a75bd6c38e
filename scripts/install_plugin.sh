#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the plugin and install + enable it in a desktop QGIS profile (default: "default").
#   scripts/install_plugin.sh [PROFILE_NAME]
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROFILE="${1:-default}"
BASE="${QGIS_CUSTOM_CONFIG_PATH:-$HOME/.local/share/QGIS/QGIS3}"
DEST="$BASE/profiles/$PROFILE/python/plugins"
/usr/bin/python3 "$REPO/scripts/build.py" >/dev/null
mkdir -p "$DEST"
rm -rf "$DEST/boligsocial_plugin"
cp -r "$REPO/build/boligsocial_plugin" "$DEST/"
INI="$BASE/profiles/$PROFILE/QGIS/QGIS3.ini"
mkdir -p "$(dirname "$INI")"
/usr/bin/python3 - "$INI" <<'PY'
import configparser, sys
path = sys.argv[1]
cp = configparser.RawConfigParser()
cp.optionxform = str
cp.read(path, encoding="utf-8")
if not cp.has_section("PythonPlugins"):
    cp.add_section("PythonPlugins")
cp.set("PythonPlugins", "boligsocial_plugin", "true")
with open(path, "w", encoding="utf-8") as f:
    cp.write(f, space_around_delimiters=False)
PY
echo "Installed and enabled in $DEST (profile '$PROFILE'). Restart QGIS to load it."
