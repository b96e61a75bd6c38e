<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da_DK">
  <context>
    <name>Boligsocial</name>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="282" />
      <source>The area layer must hold polygons.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="285" />
      <source>The area layer has no coordinate reference system. Set its CRS (e.g. EPSG:25832) in the layer properties.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="340" />
      <source>The area layer is empty. Choose a layer with area polygons.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="414" />
      <source>Could not write to the output.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="248" />
      <source>The address layer has no field '{f}'. Choose the address key field.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="277" />
      <source>The area layer has no field '{f}'. Choose the area id field.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="280" />
      <source>The area layer has no field '{f}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="290" />
      <source>Areas are in {a} and persons in {p}; areas are transformed for the join.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="301" />
      <source>An area (feature id {fid}) has no value in '{f}'. Every area needs an id.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="305" />
      <source>The area id '{id}' occurs more than once in '{f}'. Area ids must be unique (dissolve the areas first).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="91" />
      <source>Reading {path} with pandas (Danish CSV handled).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="407" />
      <source>Could not write to the output: {err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="318" />
      <source>The geometry of area '{id}' is invalid and could not be repaired. Fix it with 'Fix geometries'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="633" />
      <source>{n} more full-time persons were outside the labour market</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="634" />
      <source>{n} fewer full-time persons were outside the labour market</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="635" />
      <source>{n} more residents aged 18 and over were convicted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="636" />
      <source>{n} fewer residents aged 18 and over were convicted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="637" />
      <source>{n} more residents aged 30-59 had only basic schooling</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="638" />
      <source>{n} fewer residents aged 30-59 had only basic schooling</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="639" />
      <source>{n} more residents were non-western immigrants or descendants</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="641" />
      <source>{n} fewer residents were non-western immigrants or descendants</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="643" />
      <source>the mean gross income were {n} kr. higher</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="644" />
      <source>the mean gross income were {n} kr. lower</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="972" />
      <source> this year (last year unchanged)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="313" />
      <source>The person extract has no reference dates inside the areas; check that the persons lie inside the area polygons.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="587" />
      <source>outside labour market and education (18-64)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="588" />
      <source>convicted (18 and over)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="589" />
      <source>only basic schooling (30-59)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="590" />
      <source>mean gross income</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="591" />
      <source>non-western immigrants and descendants</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="595" />
      <source>No category</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="595" />
      <source>Forebyggelsesområde</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="595" />
      <source>Udsat boligområde</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="596" />
      <source>Parallelsamfund</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="596" />
      <source>Omdannelsesområde</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="600" />
      <source>Udsatte boligområder list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="601" />
      <source>Forebyggelsesområder list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="687" />
      <source>The at-risk margins must be zero or positive.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="884" />
      <source>{label}: {k} of {n} criteria met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="922" />
      <source>Values not published: fewer residents than the discretion minimum.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="979" />
      <source>Would become {category} if {change}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="404" />
      <source>not assessable: {key} is not in the extract</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="615" />
      <source>{v} times the national average</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="617" />
      <source>{v} % of the regional mean</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="815" />
      <source>history {years} computed from the extract</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="838" />
      <source>under {n} residents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="842" />
      <source>parallelsamfund conditions met in each of the last {n} years</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="910" />
      <source>No category.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="974" />
      <source>Would no longer be {category} if {change}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="284" />
      <source>The rule set '{code}' is unknown; use 2013, 2018 or 2021.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="454" />
      <source>not assessable: nobody in the population of {key}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="527" />
      <source>The history table needs the columns area_id, year and category; missing: {cols}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="825" />
      <source>previous year missing: single-year value used for {keys}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="845" />
      <source>udsat ({k} of {n} criteria met) and non-western share above {t} %</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="855" />
      <source>the conditions of no list are met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="907" />
      <source>Under {n} residents, so not on the state lists.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="928" />
      <source>Category uncertain: {reason}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="323" />
      <source>No snapshot at or before the assessment date {d}; the earliest reference date is {first}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="367" />
      <source>The reference value {name} must be a positive number, not '{v}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="419" />
      <source>not assessable: regional mean income missing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="848" />
      <source>{k} of {n} criteria met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="860" />
      <source>omdannelsesområde could not be determined: needs {n} years of history, {k} found</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="864" />
      <source>not determinable: {why}; could be {category}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="319" />
      <source>The assessment date '{d}' is not a date; write it as YYYY-MM-DD.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="449" />
      <source>not assessable: national conviction rate missing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="537" />
      <source>The history table has the unknown category '{cat}'; use omdannelsesomraade, parallelsamfund, udsat, forebyggelse, ingen (or ghetto, haardt_ghettoomraade).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="543" />
      <source>The history table has the year '{y}'; write years as four digits.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="852" />
      <source>non-western share above {t} % and {k} of {n} criteria met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="881" />
      <source>{label}: {state} (value suppressed)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="882" />
      <source>met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="882" />
      <source>not met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/datamodel.py" line="81" />
      <source>The extract has duplicate column names: {cols}. Rename them so each column name occurs once.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/datamodel.py" line="91" />
      <source>The column '{col}' chosen for '{role}' is not in the extract. Available columns: {avail}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/datamodel.py" line="102" />
      <source>Both '{a}' and '{b}' could be the column '{role}'. Keep one of them or choose the column explicitly.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="127" />
      <source>Default: &lt;5 hidden, areas ≥50</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="128" />
      <source>Aarhus: &lt;5</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="129" />
      <source>SØK: areas ≥50</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="130" />
      <source>Frederiksberg: ≥250</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="131" />
      <source>Statistics Denmark: &lt;3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="587" />
      <source>Keyed rounding needs a secret key; give a key or turn rounding off.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="849" />
      <source>Choose at least one count column to protect.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="87" />
      <source>Discretion thresholds cannot be negative.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="100" />
      <source>zeros published</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="100" />
      <source>zeros hidden</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="110" />
      <source>means: identical values hidden</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="875" />
      <source>The count columns add up to more than the total in some rows; they are treated as overlapping (no sum relation).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="96" />
      <source>frequency: counts below {n} hidden</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="103" />
      <source>means: at least {n} persons</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="83" />
      <source>The dominance rule supports n = 1 or n = 2 (the two largest contributions are kept), not {n}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="98" />
      <source>complement: hidden when total minus count is below {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="102" />
      <source>area minimum: {n} residents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="105" />
      <source>means: dominance ({n},{k})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="108" />
      <source>means: p%-rule p={p}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="140" />
      <source>Unknown discretion preset '{name}'; use one of {names}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="852" />
      <source>The table has no column '{col}'; choose an existing column.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="933" />
      <source>The parent(s) {names} have only one sub-area, whose figures would equal the parent's published totals; merge the sub-area or leave the parent field empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="520" />
      <source>Cell {cell} can be computed from the published relations whatever else is hidden (for example a sub-area that is the only child of its parent); remove that relation or merge the area.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="860" />
      <source>The column '{col}' must hold numbers (counts); fix or deselect it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="316" />
      <source>The person extract has problems that must be fixed first (run 'Validate person extract' for the full list):</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="276" />
      <source>{n} values in '{col}' are not 0 or 1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="172" />
      <source>The extract has no rows. Check the export or the layer's filter.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="182" />
      <source>The extract has no location: give a point layer, x and y columns, or an address_id column together with an address layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="279" />
      <source>{n} values in '{col}' are not whole numbers between 0 and 125.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="60" />
      <source>The file {path} is empty. Export the extract again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="77" />
      <source>Could not find the column separator in {path}: the first line has no ';', ',' or tab. Is it a CSV file?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="282" />
      <source>{n} values in '{col}' are outside 0..1 (a share of a full-time year).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="108" />
      <source>The file {path} has no rows. Export the extract again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="111" />
      <source>The file {path} is not a well-formed CSV file ({err}). Check for a truncated export or unbalanced quotes.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="187" />
      <source>Columns that look like direct identifiers ({cols}) are ignored and never written. Remove them from the extract.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="285" />
      <source>{n} values in '{col}' are implausible amounts (beyond ±1 billion kr.).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="320" />
      <source> (rows {rows})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="176" />
      <source>The required column '{col}' (Danish: '{alias}') is missing. Rename the column or choose it in the field parameters.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="257" />
      <source>{n} rows repeat a person key within the same reference date. Each person may appear once per date.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="265" />
      <source>{n} rows have no coordinates; they are counted as without location and left out of every area.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="205" />
      <source>{n} rows have no person key in '{col}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="199" />
      <source>{n} values in '{col}' look like CPR numbers. Pseudonymise the extract first (boligsocial:pseudonymise).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="214" />
      <source>{n} rows have no valid reference date in '{col}' (use YYYY-MM-DD).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="223" />
      <source>{n} values in '{col}' are not M or K; they count as unknown sex.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="230" />
      <source>{n} values in '{col}' are not numbers. Fix them in the extract.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="235" />
      <source>{n} values in '{col}' are infinite.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="244" />
      <source>{n} rows have no value in '{col}'; they are left out of the indicators that use it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="248" />
      <source>{n} rows have unknown education; by law they count as basic schooling only.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="96" />
      <source>Outside labour market and education, 18-64</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="100" />
      <source>Immigrants and descendants from non-western countries</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="102" />
      <source>Convicted, residents 18 and over</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="104" />
      <source>Only basic schooling, 30-59</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="107" />
      <source>Mean gross income, taxpayers 15-64 not in education</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="111" />
      <source>Children 0-17</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="114" />
      <source>Adults 18-64</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="117" />
      <source>Residents 65 and over</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="120" />
      <source>Residents in single-parent households</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="158" />
      <source>The indicator definition file must hold a list of indicators.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="165" />
      <source>indicator no. {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="60" />
      <source>The comparison '{op}' needs a numeric column, but '{col}' holds text.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="220" />
      <source>{where}: a condition needs 'column', 'op' and 'value'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="224" />
      <source>{where}: the operator '{op}' is not allowed; use one of {ops}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="228" />
      <source>{where}: 'in' needs a list of values.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="153" />
      <source>The indicator definition file is not valid JSON: {err}. Start from indicator_catalogue.json.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="167" />
      <source>{where}: must be an object with code, type and value or condition.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="171" />
      <source>{where}: the code '{code}' must start with a letter and hold only a-z, 0-9 and _ (at most 31 characters).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="175" />
      <source>{where}: the code '{code}' is used twice or is a built-in indicator; choose another code.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="181" />
      <source>{where}: type '{kind}' is unknown; use share, mean or count.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="186" />
      <source>{where}: give either 'value' (a column to sum) or 'condition', not both and not neither.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="201" />
      <source>Indicator '{code}' needs the column(s) {cols}, which the extract does not have.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="214" />
      <source>{where}: age limits must be whole numbers, not '{v}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="192" />
      <source>{where}: sex must be M or K.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="233" />
      <source>{where}: '{op}' needs a number, not '{v}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="111" />
      <source>Cancelled.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="38" />
      <source>Person rows read: {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="41" />
      <source>Reference dates: {d}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="42" />
      <source>Unique locations joined: {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="43" />
      <source>Persons in an area: {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="44" />
      <source>Persons outside every area (counted, not in any area): {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="46" />
      <source>Persons without location (counted, not in any area): {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="84" />
      <source>The reference date {d} is not in the extract. It holds: {h}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="40" />
      <source>Rows on the chosen reference date: {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="49" />
      <source>Persons exactly on an outer area boundary (counted in that area): {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="52" />
      <source>Persons inside overlapping areas (counted in each): {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="128" />
      <source>Some area polygons overlap, so {n} persons lie in more than one area (e.g. {pairs}). Fix the areas (e.g. with 'Dissolve' or 'Difference'), or set 'Overlapping areas' to count such persons in each area.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/regions.py" line="90" />
      <source>Residents must be known and not negative for every area.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/regions.py" line="105" />
      <source>Area ids must be unique.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" line="22" />
      <source>&amp;Boligsocial monitoring</source>
      <translation>&amp;Boligsocial monitorering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" line="24" />
      <source>Boligsocial monitoring</source>
      <translation>Boligsocial monitorering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" line="27" />
      <source>Compute indicators…</source>
      <translation>Beregn indikatorer…</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" line="28" />
      <source>Validate person extract…</source>
      <translation>Valider personudtræk…</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="46" />
      <source>Compute indicators</source>
      <translation>Beregn indikatorer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="47" />
      <source>indicators,areas,join,discretion,boligsocial,indikatorer,områder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="48" />
      <source>Joins a person extract (one row per resident per reference date) to area polygons and computes one row per area and reference date with every built-in indicator as C_num (numerator or sum), C_den (denominator), C_val (percent, or the mean) and C_flag ('' published, P primary suppression, S secondary suppression, A area below the minimum). Suppressed values are NULL, never 0.&lt;br&gt;&lt;br&gt;&lt;b&gt;Join rules&lt;/b&gt;: a person exactly on a boundary shared by two areas is counted once, in the area to the east (north for an east-west boundary); a person on an outer boundary is counted in that area. Persons outside every area and rows without location are counted and reported, never silently dropped. Overlapping areas are refused by default (the message names them); choose 'count in each area' to allow them. Invalid area geometries are repaired and reported. Areas and persons in different CRSs are transformed.&lt;br&gt;&lt;br&gt;&lt;b&gt;Reference dates&lt;/b&gt;: every date in the extract gives its own rows; give a date (YYYY-MM-DD) to compute one date only.&lt;br&gt;&lt;br&gt;&lt;b&gt;Indicators&lt;/b&gt;: outside_labour (full-time persons outside the labour market and education / residents 18-64), nonwestern (/ all), convicted (/ residents 18+), basic_edu (/ residents 30-59, unknown counts as basic), income (mean gross income of taxpayers 15-64 not in education), age_0_17, age_18_64, age_65plus, single_parent. User-defined indicators come from a JSON file; start from the shipped indicator_catalogue.json.&lt;br&gt;&lt;br&gt;The extract is checked first (see 'Validate person extract'); blocking problems stop the run with a message saying how to fix them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="75" />
      <source>Reference date (YYYY-MM-DD; empty = every date)</source>
      <translation>Opgørelsesdato (ÅÅÅÅ-MM-DD; tom = alle datoer)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="78" />
      <source>User-defined indicators (JSON)</source>
      <translation>Brugerdefinerede indikatorer (JSON)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="83" />
      <source>Overlapping areas</source>
      <translation>Overlappende områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="86" />
      <source>refuse: stop with a message naming the overlapping areas; allow: count a person in every area that contains it (reported).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="100" />
      <source>Reading the person extract</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="117" />
      <source>Joining persons to areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="90" />
      <source>Indicators</source>
      <translation>Indikatorer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="91" />
      <source>Person rows read</source>
      <translation>Læste personrækker</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="92" />
      <source>Persons in an area</source>
      <translation>Personer i et område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="93" />
      <source>Persons outside every area</source>
      <translation>Personer uden for alle områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="94" />
      <source>Persons without location</source>
      <translation>Personer uden placering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="95" />
      <source>Repaired area geometries</source>
      <translation>Reparerede områdegeometrier</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="80" />
      <source>Start from {path}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="143" />
      <source>Writing {n} rows</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="146" />
      <source>Discretion: smallest published count {c}, smallest area {r} residents.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="112" />
      <source>Indicators skipped because the extract lacks their columns: {codes}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="128" />
      <source>No person lies in any area. Check that the extract's CRS ({crs}) and x/y columns are right and that the areas cover the persons.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" line="27" />
      <source>Validate person extract</source>
      <translation>Valider personudtræk</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" line="28" />
      <source>validate,check,extract,data model,kontrol,udtræk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" line="29" />
      <source>Checks a person extract against the data model (CONTRACT.md) and reports every problem as a table with a count and example row numbers (1 = first data row): missing or duplicate columns, values of the wrong type, out-of-range values (age outside 0-125, outside_fte outside 0..1, codes other than 0/1), unknown sex codes, duplicate person keys within a reference date, CPR-shaped keys, rows without location and columns that look like direct identifiers.&lt;br&gt;Severity 'blocking' stops 'Compute indicators'; 'warning' is counted and reported. The verdict is ok, warnings or blocking. No person-level values are written: the table holds counts and row numbers only.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" line="59" />
      <source>OK: no problems found.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" line="60" />
      <source>Usable, with warnings (see the table).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" line="61" />
      <source>Blocking problems: fix them before computing indicators.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" line="44" />
      <source>Problems</source>
      <translation>Problemer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" line="45" />
      <source>Verdict</source>
      <translation>Konklusion</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" line="46" />
      <source>Blocking problems</source>
      <translation>Blokerende problemer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" line="47" />
      <source>Warnings</source>
      <translation>Advarsler</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" line="48" />
      <source>Rows read</source>
      <translation>Læste rækker</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/base.py" line="27" />
      <source>Analysis</source>
      <translation>Analyse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/base.py" line="84" />
      <source>Out of memory. Run on fewer reference dates or a smaller extract.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/base.py" line="88" />
      <source>Unexpected error in {alg}: {err}. Please report it with the log.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="42" />
      <source>Person extract (point layer or table)</source>
      <translation>Personudtræk (punktlag eller tabel)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="43" />
      <source>One row per resident per reference date: a point layer, or a table (CSV, GeoPackage) with x/y columns or an address id.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="84" />
      <source>Smallest published count</source>
      <translation>Mindste offentliggjorte antal</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="86" />
      <source>Counts below this are never published (NULL and flag P).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="69" />
      <source>Areas (polygons)</source>
      <translation>Områder (polygoner)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="71" />
      <source>Area id field</source>
      <translation>Felt med område-id</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="73" />
      <source>Area name field</source>
      <translation>Felt med områdenavn</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="89" />
      <source>Smallest area published (residents)</source>
      <translation>Mindste område der offentliggøres (beboere)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="47" />
      <source>X column (tables without geometry)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="49" />
      <source>Y column (tables without geometry)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="51" />
      <source>CRS of the x/y columns</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="53" />
      <source>Address points (when the extract has address_id instead of x/y)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="56" />
      <source>Address key field of the address layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="81" />
      <source>Discretion preset (overrides the two numbers below)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="161" />
      <source>The extract locates persons by address_id: choose the address point layer in 'Address points'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="163" />
      <source>Read {n} person rows ({how}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="190" />
      <source>{n} invalid area geometries were repaired (make valid).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="193" />
      <source>{n} areas have no geometry; they get no residents.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="156" />
      <source>{n} rows have an address id that is not in the address layer; they are counted as without location.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="60" />
      <source>Column for '{role}' (default: found by name or Danish alias)</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
