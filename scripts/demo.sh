#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job on a generated demo municipality, headless through qgis_process:
# validate the extract, compute indicators with discretion, assess the state criteria,
# style them and export a map (PNG) and a one-page report (PDF); follow the criteria month by
# month over the last two years, project the next list and draw the trend charts.
# Installs what is missing first (QGIS 3.22 from Debian, ...). Leaves demo_output/:
#   boligsocial_demo.gpkg (layers indicators, criteria, projection, criteria_series, moves,
#   flows, styled), map.png, report.pdf, criteria_map.png, criteria_report.pdf,
#   monitoring_report.pdf, monitoring_charts.png, validation.csv, moves_map.png,
#   moves_report.pdf, moves_groups.csv
# Options: --persons N (default 60000), --fresh (regenerate the demo data)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
PERSONS=60000
FRESH=0
while [ $# -gt 0 ]; do
  case "$1" in
    --persons) PERSONS="$2"; shift 2 ;;
    --fresh) FRESH=1; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
. "$REPO/scripts/setup_env.sh"
DATA="$REPO/demo_data"
OUT="$REPO/demo_output"
# data generated before the moves (no housing type per area) or without the monthly series
# (no expected_trends.csv) is generated again
if [ -f "$DATA/areas.gpkg" ] && [ ! -f "$DATA/expected_trends.csv" ]; then FRESH=1; fi
if [ -f "$DATA/areas.gpkg" ] && ! /usr/bin/python3 -c "
from osgeo import ogr; import sys
ds = ogr.Open('$DATA/areas.gpkg')  # kept: a layer outlives its dataset only as a crash
sys.exit(ds.GetLayer(0).GetLayerDefn().GetFieldIndex('housing') < 0)
" 2>/dev/null; then FRESH=1; fi
if [ "$FRESH" = 1 ] || [ ! -f "$DATA/persons_dk.csv" ]; then
  # 1 January 2021-2025 in every file; persons.gpkg also has the monthly snapshots of the last
  # two years (July 2023 - June 2025, the same persons) for the monitoring
  echo "[demo] generating a synthetic municipality ($PERSONS persons per date, 2021-2025, monthly from July 2023)"
  /usr/bin/python3 scripts/generate_demo.py --out "$DATA" --persons "$PERSONS" --formats csv,gpkg,dkcsv \
    --months 24 --series-formats gpkg
fi
echo "[demo] installing the plugin into your QGIS profile 'default' (for desktop QGIS)"
scripts/install_plugin.sh default
rm -rf "$OUT"; mkdir -p "$OUT"
GPKG="$OUT/boligsocial_demo.gpkg"
export BOLIGSOCIAL_LOCALE="${BOLIGSOCIAL_LOCALE:-da_DK}"   # Danish report; set en_GB for English
# the demo's releases go to a register of their own (demo_output/release_register), so every
# run of the demo starts as a first publication; your own runs use the profile's register
export BOLIGSOCIAL_RELEASE_REGISTER="$OUT/release_register"
QP="$REPO/scripts/qgis_process.sh"
NCR=$(/usr/bin/python3 -c "import json;print(json.load(open('$DATA/reference_values.json'))['national_conviction_rate'])")
RMI=$(/usr/bin/python3 -c "import json;print(json.load(open('$DATA/reference_values.json'))['regional_mean_income'])")
DATE=$(/usr/bin/python3 -c "import json;print(json.load(open('$DATA/reference_values.json'))['assessment_date'])")
step() { echo "[demo] $1"; shift; local t0=$SECONDS; "$@"; echo "[demo]   done in $((SECONDS - t0)) s"; }
step "validating the person extract (Danish CSV: ';', decimal comma, Windows-1252)" \
  "$QP" run boligsocial:validateextract -- PERSONS="$DATA/persons_dk.csv" OUTPUT="$OUT/validation.csv"
# the layers of one date read the extract with the monthly snapshots too: they are then
# protected together with the monthly series below (README, Discretion item 3)
step "computing indicators for $DATE" \
  "$QP" run boligsocial:computeindicators -- PERSONS="$DATA/persons.gpkg" \
    AREAS="$DATA/areas.gpkg" AREA_ID_FIELD=area_id AREA_NAME_FIELD=area_name REF_DATE="$DATE" \
    OUTPUT="ogr:dbname='$GPKG' table=\"indicators\" (geom)"
step "assessing the state criteria (rule set 2021)" \
  "$QP" run boligsocial:assesscriteria -- PERSONS="$DATA/persons.gpkg" \
    ASSESSMENT_DATE="$DATE" \
    AREAS="$DATA/areas.gpkg" AREA_ID_FIELD=area_id AREA_NAME_FIELD=area_name RULE_SET=2021 \
    NATIONAL_CONVICTION_RATE="$NCR" REGIONAL_MEAN_INCOME="$RMI" \
    OUTPUT="ogr:dbname='$GPKG' table=\"criteria\" (geom)"
step "following the criteria month by month and projecting the next list (1 January)" \
  "$QP" run boligsocial:monitorcriteria -- PERSONS="$DATA/persons.gpkg" \
    AREAS="$DATA/areas.gpkg" AREA_ID_FIELD=area_id AREA_NAME_FIELD=area_name RULE_SET=2021 \
    NATIONAL_CONVICTION_RATE="$NCR" REGIONAL_MEAN_INCOME="$RMI" \
    OUTPUT="ogr:dbname='$GPKG' table=\"projection\" (geom)" \
    SERIES="ogr:dbname='$GPKG' table=\"criteria_series\" (geom)"
step "drawing the trend charts and the areas-to-watch report" \
  "$QP" run boligsocial:monitoringreport -- INPUT="$GPKG|layername=projection" \
    SERIES="$GPKG|layername=criteria_series" OUTPUT_PDF="$OUT/monitoring_report.pdf" \
    OUTPUT_PNG="$OUT/monitoring_charts.png"
if "$QP" help boligsocial:exportmap >/dev/null 2>&1; then
  step "exporting the map and the report" \
    "$QP" run boligsocial:exportmap -- INPUT="$GPKG|layername=indicators" \
      FIELD=outside_labour_val TITLE="Uden for arbejdsmarked og uddannelse, 18-64 år ($DATE)" \
      OUTPUT_PNG="$OUT/map.png" OUTPUT_PDF="$OUT/report.pdf"
  step "exporting the state-criteria map and report" \
    "$QP" run boligsocial:exportmap -- INPUT="$GPKG|layername=criteria" \
      FIELD=category TITLE="Statens kriterier for almene boligområder ($DATE)" \
      OUTPUT_PNG="$OUT/criteria_map.png" OUTPUT_PDF="$OUT/criteria_report.pdf"
fi
PREV=$(/usr/bin/python3 -c "import datetime as d;t=d.date.fromisoformat('$DATE');print(t.replace(year=t.year-1))")
step "moves $PREV -> $DATE: the waterbed from the omdannelsesområder, flow map and report" \
  "$QP" run boligsocial:analysemoves -- PERSONS="$DATA/persons_dk.csv" \
    AREAS="$DATA/areas.gpkg" AREA_ID_FIELD=area_id AREA_NAME_FIELD=area_name \
    FROM_DATE="$PREV" TO_DATE="$DATE" FOCUS_EXPRESSION="\"designed\" = 'parallelsamfund'" \
    GROUP_FIELD=housing OUTPUT="ogr:dbname='$GPKG' table=\"moves\" (geom)" \
    FLOWS="ogr:dbname='$GPKG' table=\"flows\" (geom)" GROUP_FLOWS="$OUT/moves_groups.csv" \
    OUTPUT_PNG="$OUT/moves_map.png" OUTPUT_PDF="$OUT/moves_report.pdf" \
    TITLE="Flytninger mellem områder $PREV – $DATE"
echo
echo "[demo] results in $OUT:"
ls -l "$OUT"
