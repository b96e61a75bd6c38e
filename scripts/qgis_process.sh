#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run qgis_process with the boligsocial plugin loaded and enabled, headless.
#   scripts/qgis_process.sh list | grep boligsocial
#   scripts/qgis_process.sh run boligsocial:computeindicators -- PERSONS=... AREAS=... OUTPUT=...
# Debian's /usr/bin/qgis_process wrapper passes --noversioncheck, which qgis_process 3.22
# rejects, so we call qgis_process.bin. The plugin is built into build/ (QGIS_PLUGINPATH) and
# enabled in a profile of its own (BOLIGSOCIAL_QGIS_CONFIG, default .qgis-config/ in the repo),
# so your desktop profile is untouched. Set BOLIGSOCIAL_QGIS_CONFIG=default to use it instead.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -d "$REPO/build/boligsocial_plugin" ] || [ -n "$(find "$REPO/boligsocial_plugin" "$REPO/metadata.txt" "$REPO/i18n" -newer "$REPO/build/boligsocial_plugin/metadata.txt" -print -quit 2>/dev/null)" ]; then
  /usr/bin/python3 "$REPO/scripts/build.py" --no-zip >/dev/null
fi
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then export XDG_RUNTIME_DIR="$(mktemp -d)"; chmod 0700 "$XDG_RUNTIME_DIR"; fi
export QGIS_PLUGINPATH="$REPO/build${QGIS_PLUGINPATH:+:$QGIS_PLUGINPATH}"
CFG="${BOLIGSOCIAL_QGIS_CONFIG:-$REPO/.qgis-config}"
if [ "$CFG" != "default" ]; then
  export QGIS_CUSTOM_CONFIG_PATH="$CFG"
  INI="$CFG/profiles/default/QGIS/QGIS3.ini"
else
  INI="$HOME/.local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"
fi
if ! grep -qs "^boligsocial_plugin=true" "$INI"; then
  /usr/bin/qgis_process.bin plugins enable boligsocial_plugin >/dev/null 2>&1 || true
fi
# BOLIGSOCIAL_LOCALE=da_DK runs in Danish (messages, legends, reports); unset = the system's
# language. Only our own profile is changed.
if [ "$CFG" != "default" ] && { [ -n "${BOLIGSOCIAL_LOCALE:-}" ] || grep -qs "^overrideFlag=true" "$INI"; }; then
  /usr/bin/python3 - "$INI" "${BOLIGSOCIAL_LOCALE:-}" <<'PY'
import configparser, sys
path, loc = sys.argv[1], sys.argv[2]
cp = configparser.RawConfigParser()
cp.optionxform = str
cp.read(path, encoding="utf-8")
if not cp.has_section("locale"):
    cp.add_section("locale")
if loc:
    cp.set("locale", "userLocale", loc)
cp.set("locale", "overrideFlag", "true" if loc else "false")
with open(path, "w", encoding="utf-8") as f:
    cp.write(f, space_around_delimiters=False)
PY
fi
exec /usr/bin/qgis_process.bin "$@"
