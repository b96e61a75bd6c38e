<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da_DK">
  <context>
    <name>Boligsocial</name>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="303" />
      <source>The area layer must hold polygons.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="306" />
      <source>The area layer has no coordinate reference system. Set its CRS (e.g. EPSG:25832) in the layer properties.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="361" />
      <source>The area layer is empty. Choose a layer with area polygons.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="435" />
      <source>Could not write to the output.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="269" />
      <source>The address layer has no field '{f}'. Choose the address key field.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="298" />
      <source>The area layer has no field '{f}'. Choose the area id field.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="301" />
      <source>The area layer has no field '{f}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="311" />
      <source>Areas are in {a} and persons in {p}; areas are transformed for the join.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="322" />
      <source>An area (feature id {fid}) has no value in '{f}'. Every area needs an id.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="326" />
      <source>The area id '{id}' occurs more than once in '{f}'. Area ids must be unique (dissolve the areas first).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="101" />
      <source>Reading {path} with pandas (Danish CSV handled).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="428" />
      <source>Could not write to the output: {err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io.py" line="339" />
      <source>The geometry of area '{id}' is invalid and could not be repaired. Fix it with 'Fix geometries'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/report.py" line="201" />
      <source>suppressed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/report.py" line="200" />
      <source>not assessed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/report.py" line="216" />
      <source>The layer has no features with geometry to draw.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/report.py" line="517" />
      <source>Source: {source}. Reference date: {dates}. Made {today} with the Boligsocial plugin for QGIS.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/report.py" line="464" />
      <source>… {n} more areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/report.py" line="114" />
      <source>The layer '{layer}' has no rows with ref_date {date}; it has {dates}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/report.py" line="253" />
      <source>Could not write the picture '{path}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/report.py" line="509" />
      <source>Could not write the PDF '{path}' (error {code}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/report.py" line="242" />
      <source>Rendering the map failed: {err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/styling.py" line="279" />
      <source>Boligsocial choropleth</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/styling.py" line="78" />
      <source>The layer '{layer}' has no field '{field}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/styling.py" line="114" />
      <source>QGIS lacks the classification method '{m}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/styling.py" line="237" />
      <source>The field '{field}' is not numeric; choose an indicator value field (*_val) or 'category'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/styling.py" line="281" />
      <source>Could not save the style into '{src}': {err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/styling.py" line="288" />
      <source>Could not write the style file '{path}': {err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/styling.py" line="339" />
      <source>Could not open '{dest}' to style it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/styling.py" line="349" />
      <source>The output was written but not styled: {err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/styling.py" line="92" />
      <source>The field '{field}' holds '{v}', which is not a number; choose a numeric field.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/styling.py" line="345" />
      <source>Style saved to {where}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="337" />
      <source>Suppressed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="342" />
      <source>Not assessed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="148" />
      <source>Category (state lists)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="347" />
      <source>Values based on fewer than {n} persons are suppressed (grey hatching); areas are never shown with a count below that.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="328" />
      <source>Omdannelsesområde</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="329" />
      <source>Parallelsamfund</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="330" />
      <source>Udsat boligområde</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="331" />
      <source>Forebyggelsesområde</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="332" />
      <source>No category</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="353" />
      <source>natural breaks (Jenks)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="353" />
      <source>quantiles (equal count)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="354" />
      <source>equal intervals</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="354" />
      <source>pretty breaks</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="355" />
      <source>the law's thresholds</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="155" />
      <source>Convicted, times the national rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="157" />
      <source>Mean gross income, percent of the regional mean</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="254" />
      <source>The law has no threshold for the field '{field}'. Law classes exist for outside_labour_val, basic_edu_val and nonwestern_val of the indicator layer and for every *_val of the criteria layer (convicted and income are relative to the national rate and the regional mean). Choose another classification method.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="292" />
      <source>Unknown classification method '{m}'; use one of {all}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="295" />
      <source>The number of classes must be between {lo} and {hi}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/classes.py" line="304" />
      <source>Unknown colour ramp '{r}'; use one of {all}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="635" />
      <source>{n} more full-time persons were outside the labour market</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="636" />
      <source>{n} fewer full-time persons were outside the labour market</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="637" />
      <source>{n} more residents aged 18 and over were convicted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="638" />
      <source>{n} fewer residents aged 18 and over were convicted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="639" />
      <source>{n} more residents aged 30-59 had only basic schooling</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="640" />
      <source>{n} fewer residents aged 30-59 had only basic schooling</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="641" />
      <source>{n} more residents were non-western immigrants or descendants</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="643" />
      <source>{n} fewer residents were non-western immigrants or descendants</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="645" />
      <source>the mean gross income were {n} kr. higher</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="646" />
      <source>the mean gross income were {n} kr. lower</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="986" />
      <source> this year (last year unchanged)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="320" />
      <source>The person extract has no reference dates inside the areas; check that the persons lie inside the area polygons.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="589" />
      <source>outside labour market and education (18-64)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="590" />
      <source>convicted (18 and over)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="591" />
      <source>only basic schooling (30-59)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="592" />
      <source>mean gross income</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="593" />
      <source>non-western immigrants and descendants</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="602" />
      <source>Udsatte boligområder list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="603" />
      <source>Forebyggelsesområder list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="689" />
      <source>The at-risk margins must be zero or positive.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="878" />
      <source>could be {category} ({why})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="898" />
      <source>{label}: {k} of {n} criteria met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="936" />
      <source>Values not published: fewer residents than the discretion minimum.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="993" />
      <source>Would become {category} if {change}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="411" />
      <source>not assessable: {key} is not in the extract</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="617" />
      <source>{v} times the national average</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="619" />
      <source>{v} % of the regional mean</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="823" />
      <source>history {years} computed from the extract</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="851" />
      <source>parallelsamfund conditions met in each of the last {n} years</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="875" />
      <source>omdannelsesområde could not be determined: needs {n} years of history, {k} found</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="924" />
      <source>No category.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="988" />
      <source>Would no longer be {category} if {change}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="291" />
      <source>The rule set '{code}' is unknown; use 2013, 2018 or 2021.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="461" />
      <source>not assessable: nobody in the population of {key}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="534" />
      <source>The history table needs the columns area_id, year and category; missing: {cols}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="833" />
      <source>previous year missing: single-year value used for {keys}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="847" />
      <source>under {n} residents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="854" />
      <source>udsat ({k} of {n} criteria met) and non-western share above {t} %</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="864" />
      <source>the conditions of no list are met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="921" />
      <source>Under {n} residents, so not on the state lists.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="942" />
      <source>Category uncertain: {why}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="330" />
      <source>No snapshot at or before the assessment date {d}; the earliest reference date is {first}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="374" />
      <source>The reference value {name} must be a positive number, not '{v}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="426" />
      <source>not assessable: regional mean income missing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="857" />
      <source>{k} of {n} criteria met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="326" />
      <source>The assessment date '{d}' is not a date; write it as YYYY-MM-DD.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="456" />
      <source>not assessable: national conviction rate missing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="544" />
      <source>The history table has the unknown category '{cat}'; use omdannelsesomraade, parallelsamfund, udsat, forebyggelse, ingen (or ghetto, haardt_ghettoomraade).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="550" />
      <source>The history table has the year '{y}'; write years as four digits.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="861" />
      <source>non-western share above {t} % and {k} of {n} criteria met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="895" />
      <source>{label}: {state} (value suppressed)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="896" />
      <source>met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria.py" line="896" />
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
      <location filename="../boligsocial_plugin/core/discretion.py" line="129" />
      <source>Default: &lt;5 hidden, areas ≥50</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="130" />
      <source>Aarhus: &lt;5</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="131" />
      <source>SØK: areas ≥50</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="132" />
      <source>Frederiksberg: ≥250</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="133" />
      <source>Statistics Denmark: &lt;3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="636" />
      <source>Keyed rounding needs a secret key; give a key or turn rounding off.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="898" />
      <source>Choose at least one count column to protect.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="89" />
      <source>Discretion thresholds cannot be negative.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="102" />
      <source>zeros published</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="102" />
      <source>zeros hidden</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="112" />
      <source>means: identical values hidden</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="924" />
      <source>The count columns add up to more than the total in some rows; they are treated as overlapping (no sum relation).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="98" />
      <source>frequency: counts below {n} hidden</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="105" />
      <source>means: at least {n} persons</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="85" />
      <source>The dominance rule supports n = 1 or n = 2 (the two largest contributions are kept), not {n}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="100" />
      <source>complement: hidden when total minus count is below {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="104" />
      <source>area minimum: {n} residents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="107" />
      <source>means: dominance ({n},{k})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="110" />
      <source>means: p%-rule p={p}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="142" />
      <source>Unknown discretion preset '{name}'; use one of {names}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="559" />
      <source>Cell {cell} can be computed from the published relations whatever else is hidden (for example a sub-area that is the only child of its parent); remove that relation or merge the area.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="901" />
      <source>The table has no column '{col}'; choose an existing column.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="982" />
      <source>The parent(s) {names} have only one sub-area, whose figures would equal the parent's published totals; merge the sub-area or leave the parent field empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion.py" line="909" />
      <source>The column '{col}' must hold numbers (counts); fix or deselect it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="494" />
      <source>The person extract has problems that must be fixed first (run 'Validate person extract' for the full list):</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="454" />
      <source>{n} values in '{col}' are not 0 or 1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="319" />
      <source>The extract has no rows. Check the export or the layer's filter.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="329" />
      <source>The extract has no location: give a point layer, x and y columns, or an address_id column together with an address layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="457" />
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
      <location filename="../boligsocial_plugin/core/extract.py" line="460" />
      <source>{n} values in '{col}' are outside 0..1 (a share of a full-time year).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="113" />
      <source>The file {path} has no rows. Export the extract again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="116" />
      <source>The file {path} is not a well-formed CSV file ({err}). Check for a truncated export or unbalanced quotes.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="334" />
      <source>Columns that look like direct identifiers ({cols}) are ignored and never written. Remove them from the extract.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="463" />
      <source>{n} values in '{col}' are implausible amounts (beyond ±1 billion kr.).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="498" />
      <source> (rows {rows})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="323" />
      <source>The required column '{col}' (Danish: '{alias}') is missing. Rename the column or choose it in the field parameters.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="435" />
      <source>{n} rows repeat a person key within the same reference date. Each person may appear once per date.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="443" />
      <source>{n} rows have no coordinates; they are counted as without location and left out of every area.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="346" />
      <source>{n} values in '{col}' look like CPR numbers. Pseudonymise the extract first (boligsocial:pseudonymise).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="352" />
      <source>{n} rows have no person key in '{col}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="382" />
      <source>{n} rows have no valid reference date in '{col}' (use YYYY-MM-DD).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="393" />
      <source>{n} values in '{col}' are not M or K; they count as unknown sex.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="400" />
      <source>{n} values in '{col}' are not numbers. Fix them in the extract.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="405" />
      <source>{n} values in '{col}' are infinite.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="414" />
      <source>{n} rows have no value in '{col}'; they are left out of the indicators that use it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" line="418" />
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
      <location filename="../boligsocial_plugin/core/indicators.py" line="222" />
      <source>{where}: a condition needs 'column', 'op' and 'value'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="226" />
      <source>{where}: the operator '{op}' is not allowed; use one of {ops}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="230" />
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
      <location filename="../boligsocial_plugin/core/indicators.py" line="203" />
      <source>Indicator '{code}' uses the column(s) {cols}, which are neither in the extract nor in the data model. Check the spelling.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="216" />
      <source>{where}: age limits must be whole numbers, not '{v}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="192" />
      <source>{where}: sex must be M or K.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators.py" line="235" />
      <source>{where}: '{op}' needs a number, not '{v}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" line="123" />
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
      <location filename="../boligsocial_plugin/core/pipeline.py" line="140" />
      <source>Some area polygons overlap, so {n} persons lie in more than one area (e.g. {pairs}). Fix the areas (e.g. with 'Dissolve' or 'Difference'), or set 'Overlapping areas' to count such persons in each area.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" line="273" />
      <source>empty</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" line="273" />
      <source>not 10 digits (ddmmyy-xxxx)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" line="274" />
      <source>not a valid birth date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" line="81" />
      <source>No key was given. Choose the key file (or an authentication configuration holding the key).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" line="135" />
      <source>Two different person keys got the same pseudonym. Use another key and report this (it should never happen).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" line="279" />
      <source>{n} rows have a missing or malformed CPR number in '{col}' ({kinds}); for example {examples}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" line="287" />
      <source>{n} rows repeat a person key in '{col}' within the same reference date (rows {rows}). Each person may appear once per date; 'Compute indicators' will refuse the extract until they are removed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" line="70" />
      <source>The pseudonymisation key is too short ({n} bytes; at least {m} are needed). Use a long random secret, e.g. 64 hex characters from a password manager or 'python3 -c "import secrets; print(secrets.token_hex(32))"'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" line="84" />
      <source>The key file {path} does not exist or is not a file. Choose the file holding the municipality's secret key.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" line="278" />
      <source>row {row}: {value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" line="91" />
      <source>The key file {path} cannot be read ({err}). Check that you have access to it.</source>
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
      <location filename="../boligsocial_plugin/gui/dock.py" line="101" />
      <source>count below the minimum</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="102" />
      <source>protects another figure</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="103" />
      <source>area below the minimum size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="304" />
      <source>Boligsocial monitorering</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="341" />
      <source>Input</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="346" />
      <source>One row per resident per reference date: a point layer or a table with x/y columns.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="348" />
      <source>Person extract</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="351" />
      <source>Areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="353" />
      <source>Area id field</source>
      <translation>Felt med område-id</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="356" />
      <source>Area name field</source>
      <translation>Felt med områdenavn</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="359" />
      <source>every date (YYYY-MM-DD)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="360" />
      <source>Reference date to compute; empty computes every date and shows the latest.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="362" />
      <source>Reference date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="364" />
      <source>Indicator definitions (*.json)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="365" />
      <source>Optional user-defined indicators; the built-in indicators are always computed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="367" />
      <source>Extra indicators</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="370" />
      <source>Discretion</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="373" />
      <source>Custom (numbers below)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="377" />
      <source>Preset</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="382" />
      <source>Smallest published count</source>
      <translation>Mindste offentliggjorte antal</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="386" />
      <source>Smallest area (residents)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="392" />
      <source>Assess state criteria (needs two yearly snapshots)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="401" />
      <source>Rule set</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="406" />
      <source>algorithm default</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="407" />
      <source>National conviction rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="414" />
      <source>Regional mean income</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="417" />
      <source>Setup</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="428" />
      <source>Inspect area</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="430" />
      <source>Click an area on the map to see its profile.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="443" />
      <source>Select an area in the table or on the map.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="449" />
      <source>Results</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="452" />
      <source>Run</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="453" />
      <source>Runs the same algorithms as the Processing toolbox in the background.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="455" />
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="803" />
      <source>Boligsocial indicators</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="804" />
      <source>Boligsocial criteria</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="958" />
      <source>Area</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="958" />
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="958" />
      <source>Residents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="423" />
      <source>Show</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="698" />
      <source>Choose a person extract layer (add it to the project first).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="701" />
      <source>Choose an area layer with polygons.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="704" />
      <source>Choose the field holding the area id.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="758" />
      <source>Cancelling…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="782" />
      <source>Cancelled; nothing was loaded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="786" />
      <source>The algorithm failed; see the Processing log.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="827" />
      <source>{n} areas on {date}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="895" />
      <source>State criteria: category</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="960" />
      <source>Value</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="962" />
      <source>Category</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="730" />
      <source>The algorithm {alg} is not available; reinstall the plugin.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="733" />
      <source>{alg} must run on the main thread; run it from the Processing toolbox.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="746" />
      <source>Boligsocial: {alg}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1052" />
      <source>Residents: {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1068" />
      <source>Indicator</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1069" />
      <source>Count / base</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1088" />
      <source>The area has fewer residents than the smallest area published, so only the number of residents is shown.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1103" />
      <source>Per list: met or not, with the margin to the threshold in brackets (positive when met).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1117" />
      <source>not assessable</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1125" />
      <source>n/a</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1138" />
      <source>Criteria met</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="807" />
      <source>Could not open the result {path}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="830" />
      <source>{n} persons lie outside every area.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="833" />
      <source>{n} areas in a category, {r} at risk.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1054" />
      <source>Reference date: {d}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1125" />
      <source>yes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1125" />
      <source>no</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1143" />
      <source>At risk: within the margin of a criterion threshold.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="927" />
      <source>Could not style {field}: {err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1046" />
      <source>No result for area {id}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1078" />
      <source>none</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1097" />
      <source>State criteria ({rules})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/dock.py" line="1101" />
      <source>Category: {c}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" line="25" />
      <source>&amp;Boligsocial monitoring</source>
      <translation>&amp;Boligsocial monitorering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" line="27" />
      <source>Boligsocial monitoring</source>
      <translation>Boligsocial monitorering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" line="50" />
      <source>Monitoring panel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" line="53" />
      <source>Show or hide the Boligsocial monitoring panel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" line="30" />
      <source>Compute indicators…</source>
      <translation>Beregn indikatorer…</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" line="31" />
      <source>Validate person extract…</source>
      <translation>Valider personudtræk…</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="172" />
      <source>Apply discretion to a table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="175" />
      <source>discretion,suppression,confidentiality,disclosure,audit,rounding,diskretion,fortrolighed,diskretionering,Danmarks Statistik</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="177" />
      <source>Applies statistical discretion to any aggregated table or layer with count columns (one of ours, or one from Statistics Denmark or Landsbyggefonden) and checks the result. Publishing is allowed only for aggregates from which no person can be inferred (persondataloven § 10 and the security order § 19; today the GDPR).&lt;br&gt;&lt;br&gt;&lt;b&gt;Rules&lt;/b&gt; (flags in &amp;lt;column&amp;gt;_flag: '' published, P primary, S secondary, A area minimum; hidden values are NULL, never 0):&lt;br&gt;&amp;bull; &lt;i&gt;Frequency&lt;/i&gt;: counts below the smallest published count are hidden (Aarhus: fewer than 5; Statistics Denmark: at least 3 per cell; the health-data research service: at least 5).&lt;br&gt;&amp;bull; &lt;i&gt;Complement&lt;/i&gt;: a count is hidden when the total minus the count is below the threshold too ("N &amp;minus; k small": it tells about almost everybody).&lt;br&gt;&amp;bull; &lt;i&gt;Zeros&lt;/i&gt;: a 0 in a non-empty row is hidden (a 0 % or 100 % group tells every member's attribute); an empty row (total 0) is published.&lt;br&gt;&amp;bull; &lt;i&gt;Area minimum&lt;/i&gt;: a row whose total is below the smallest area shows its total only (flag A; Copenhagen SØK 50 residents, Frederiksberg 250).&lt;br&gt;&amp;bull; &lt;i&gt;Secondary suppression&lt;/i&gt;: a hidden cell must not be recoverable by subtraction from the total, from the other categories or from a parent area; more cells (smallest first, the total last) are hidden until an exact linear-algebra audit proves that no hidden cell can be computed. The tool never writes a table its audit rejects.&lt;br&gt;&amp;bull; &lt;i&gt;Keyed rounding&lt;/i&gt; (advanced): published counts rounded to multiples of a base with a secret key, so repeated or overlapping releases cannot be averaged or differenced (the same cell always rounds the same way).&lt;br&gt;&lt;br&gt;&lt;b&gt;Presets&lt;/b&gt;: default (&amp;lt;5 hidden, areas &amp;ge;50), aarhus (&amp;lt;5), sok (areas &amp;ge;50), frederiksberg (areas &amp;ge;250), dst (&amp;lt;3). A preset overrides the two numbers.&lt;br&gt;&lt;br&gt;&lt;b&gt;Columns&lt;/b&gt;: count fields are the categories; the total field (optional) is the row total (e.g. residents). If the categories do not add up to the total, the unpublished rest is protected too ('Categories add up to the total': auto detects it). A parent field groups rows (e.g. areas in a district): the group's sums count as published; with the id field, a row whose id equals a parent value is that parent's own row. Count values must be whole numbers of 0 or more; empty cells and '..' are taken as already suppressed by the source (flag P). The audit report (JSON or HTML) lists the rules, the hidden cells and the audit result; the key is never written.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="132" />
      <source>Rules applied:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="139" />
      <source>Audit: FAILED</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="216" />
      <source>Aggregated table or layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="218" />
      <source>Any table with count columns, with or without geometry.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="220" />
      <source>Count fields (categories)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="223" />
      <source>Whole numbers of persons. Text columns of numbers (CSV) are accepted.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="232" />
      <source>Row id field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="234" />
      <source>The row id; lets a parent's own row be found (its id equals the parent value) and keys the rounding.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="237" />
      <source>Categories add up to the total</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="240" />
      <source>auto: yes when every row's counts add up to its total; no: there is an unpublished rest, which is protected too.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="244" />
      <source>Keyed rounding base (0 = off)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="249" />
      <source>Rounding key file (secret)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="252" />
      <source>A file holding a secret of at least 16 bytes. Keep it: the same key gives the same rounding in every release.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="304" />
      <source>Reading the table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="133" />
      <source>Cells hidden: {p} primary (P), {s} secondary (S), {a} area minimum (A); {n} published.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="144" />
      <source>Seconds: {s}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="227" />
      <source>Total field (row total, e.g. residents)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="230" />
      <source>Parent field (e.g. district)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="256" />
      <source>Protected table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="258" />
      <source>Audit report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="258" />
      <source>JSON (*.json);;HTML (*.html)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="260" />
      <source>Cells hidden by a primary rule</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="261" />
      <source>Cells hidden by secondary suppression</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="262" />
      <source>Cells hidden by the area minimum</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="264" />
      <source>Audit result</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="272" />
      <source>Choose at least one count field.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="281" />
      <source>A count field is chosen twice.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="314" />
      <source>The input table is empty; there is nothing to protect.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="335" />
      <source>The discretion audit failed: some hidden cells could still be computed. Nothing was written; please report this with the log.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="89" />
      <source>Keyed rounding needs a key file with a secret; the file '{path}' does not exist. Choose a key file or set the rounding base to 0.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="99" />
      <source>The rounding key is too short ({n} bytes; at least {m} are needed). Use a long random secret, e.g. 64 hex characters.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="136" />
      <source>Audit: {r} ({k} of {m} relations involve hidden cells; no hidden cell can be computed from the published ones).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="142" />
      <source>Keyed rounding of published counts to multiples of {b}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="155" />
      <source>Discretion audit report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="158" />
      <source>Details</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="327" />
      <source>Applying discretion to {n} rows</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="74" />
      <source>The count field '{f}' holds a negative or infinite value ({v}) in row {row}. Counts cannot be negative; fix the table.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="78" />
      <source>The count field '{f}' holds {v} in row {row}, which is not a whole number. Discretion applies to counts of persons; choose count fields (not shares, means or sums of fractions).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="96" />
      <source>The key file {path} cannot be read ({err}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="125" />
      <source>Internal check failed for '{f}': the protected table would publish a value the rules hide. Nothing was written; please report this.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="278" />
      <source>The total field '{f}' is also chosen as a count field; choose it only as the total.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="66" />
      <source>The count field '{f}' must hold numbers (counts), not '{v}'; deselect it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="157" />
      <source>Warnings</source>
      <translation>Advarsler</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="275" />
      <source>The input has no field '{f}'; choose an existing field.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="285" />
      <source>The count field '{f}' is of type {t}, not a number. Choose numeric fields.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" line="61" />
      <source>The count field '{f}' holds '{v}' in row {row}, which is not a number. Count fields must hold whole numbers; fix the value or deselect the field.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="43" />
      <source>Assess state criteria</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="44" />
      <source>criteria,udsat,parallelsamfund,forebyggelse,ghetto,almenboligloven,kriterier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="45" />
      <source>Assesses every area against the state's criteria for udsatte boligområder, parallelsamfund, omdannelsesområder and forebyggelsesområder (almenboligloven § 61 a and § 61 b). Needs a person extract with at least two yearly snapshots (e.g. 1 January this year and last year) because outside the labour market and convictions are two-year averages; a missing previous year is reported and the single-year value used.&lt;br&gt;&lt;br&gt;One row per area with, for every criterion K: K_val as the law measures it (percent; convicted in times the national rate; income in percent of the regional mean), K_met_L (1/0, NULL when not assessable), K_gap_L (distance to the threshold, positive when met) and how many persons would have to change status for the criterion to flip; criteria_met_L, the category (omdannelsesomraade, parallelsamfund, udsat, forebyggelse, ingen — 2021 vocabulary for every rule set), at_risk when within the margin of a threshold, and a plain-language explanation.&lt;br&gt;&lt;b&gt;Rule sets&lt;/b&gt;: 2013 (3 of 5 criteria), 2018 (udsat, ghetto, hard ghetto) and 2021 (udsat, parallelsamfund, omdannelsesområde, forebyggelsesområde).&lt;br&gt;&lt;b&gt;Reference values&lt;/b&gt;: the national conviction rate (percent of residents 18+ convicted, two-year average) and the regional mean gross income of taxpayers 15-64 not in education are published by Social- og Boligstyrelsen with the yearly list (1 December) and can be computed from Statistics Denmark's tables. Without them the relative criteria are NULL (not assessable) with the reason, never guessed.&lt;br&gt;&lt;b&gt;History&lt;/b&gt;: omdannelsesområde needs parallelsamfund status in each of the last five years: give a table (area_id, year, category) of earlier official lists, or include older yearly snapshots in the extract. Otherwise the reason says it could not be determined.&lt;br&gt;Areas under 1,000 residents get category 'ingen' with the reason. Values resting on fewer persons than the smallest published count are suppressed (NULL, flag P).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="79" />
      <source>2013: 3 of 5 criteria (2013-2017); 2018: 2018-2020 lists; 2021: the lists from 2021 on.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="83" />
      <source>National conviction rate (% of residents 18+)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="85" />
      <source>Two-year national average share of residents 18 and over convicted under the criminal code, the weapons act or the drugs act (Social- og Boligstyrelsen's yearly calculation).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="90" />
      <source>Regional mean gross income (kr.)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="92" />
      <source>Mean gross income of taxpayers 15-64 not in education in the region (Social- og Boligstyrelsen's yearly calculation).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="99" />
      <source>Earlier categories (table: area_id, year, category)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="96" />
      <source>Assessment date (YYYY-MM-DD; empty = latest snapshot)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="114" />
      <source>Criteria</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="116" />
      <source>Areas in a category</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="117" />
      <source>Areas at risk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="103" />
      <source>At-risk margin (percentage points)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="106" />
      <source>At-risk margin for relative criteria (share of the threshold)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="111" />
      <source>Overlapping areas</source>
      <translation>Overlappende områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="166" />
      <source>Categories: {c}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="129" />
      <source>The extract lacks the columns for {codes}; those criteria are not assessable.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" line="186" />
      <source>The history table needs the fields area_id, year and category; it has {have}.</source>
      <translation type="unfinished" />
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
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="86" />
      <source>refuse: stop with a message naming the overlapping areas; allow: count a person in every area that contains it (reported).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="108" />
      <source>Reading the person extract</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="121" />
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
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="147" />
      <source>Writing {n} rows</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="155" />
      <source>Discretion: smallest published count {c}, smallest area {r} residents.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="116" />
      <source>Indicators skipped because the extract lacks their columns: {codes}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" line="132" />
      <source>No person lies in any area. Check that the extract's CRS ({crs}) and x/y columns are right and that the areas cover the persons.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="40" />
      <source>Export map and report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="42" />
      <source>Maps and reports</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="43" />
      <source>map,report,pdf,png,choropleth,layout,print,kort,rapport,dobbeltkort</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="44" />
      <source>Draws a field of an indicator or criteria layer as a choropleth (suppressed values grey hatched) and writes a PNG of the map and a one-page PDF report: title, map, legend, scale bar, north arrow, source and date, a note on discretion and a table of the areas sorted by the value (suppressed values last).&lt;br&gt;&lt;br&gt;&lt;b&gt;Double map&lt;/b&gt;: give a second field (another indicator of the same layer), a second reference date (the same indicator another year) or a second layer; the two maps are drawn side by side. The same field on both maps shares one set of classes, so colours compare.&lt;br&gt;&lt;br&gt;&lt;b&gt;Reference date&lt;/b&gt;: when the layer holds several dates and none is given, the latest is drawn.&lt;br&gt;&lt;br&gt;The user's layers are not changed: the maps are drawn from copies.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="65" />
      <source>Field to map</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="67" />
      <source>An indicator value (e.g. outside_labour_val) or 'category'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="71" />
      <source>Second map: field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="73" />
      <source>Another field for a second map beside the first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="75" />
      <source>Second map: reference date (e.g. a year earlier)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="78" />
      <source>Second map: layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="80" />
      <source>Another layer (e.g. last year's output) for the second map; its field is the second field, or the first field when empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="90" />
      <source>Named in the discretion note; residents below it are not shown.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="64" />
      <source>Indicator or criteria layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="69" />
      <source>Reference date (YYYY-MM-DD; empty = the latest)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="83" />
      <source>Title (empty = the field's name)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="85" />
      <source>Source text (empty = the layer's name)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="98" />
      <source>Map picture</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="98" />
      <source>PNG files (*.png)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="101" />
      <source>Report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="101" />
      <source>PDF files (*.pdf)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="103" />
      <source>Areas drawn</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="144" />
      <source>Choose a map picture (PNG) or a report (PDF) to write.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="196" />
      <source>Drawing the map picture</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="201" />
      <source>Writing the report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="93" />
      <source>Areas in the table (at most)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="96" />
      <source>North arrow</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="158" />
      <source>The second map would repeat the first: give another field, another reference date or another layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="250" />
      <source>Reference date {date}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="116" />
      <source>The layer holds {n} reference dates; drawing the latest, {date}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="234" />
      <source>Criteria layer: classes and units follow rule set {rs}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" line="210" />
      <source>Classes: {method}, computed from published values only.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="52" />
      <source>Merge small areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="55" />
      <source>merge,regions,regionalisation,max-p,minimum,discretion,contiguity,sammenlægning,diskretion,områder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="57" />
      <source>Merges areas into contiguous regions that each have at least a minimum number of residents, so that figures can be published for every region (DOMAIN: an area below the minimum is hidden or merged; Frederiksberg merges blocks to reach 250 persons, Copenhagen's SØK publishes roder with at least 50, Statistics Denmark commonly asks for sub-areas of about 200 residents &amp;mdash; check the current terms of your own data agreement).&lt;br&gt;&lt;br&gt;&lt;b&gt;Residents&lt;/b&gt; come from a numeric field of the areas or are counted from a person extract (on one reference date: the given one, else the latest in the extract). Give one of the two.&lt;br&gt;&lt;b&gt;Contiguity&lt;/b&gt;: two areas are neighbours when their boundaries share a line; areas that touch only at a corner are not neighbours. The shared boundary length decides between candidates (longer first). A tolerance (advanced) bridges small gaps between areas digitised apart.&lt;br&gt;&lt;b&gt;Method&lt;/b&gt; (greedy, deterministic, max-p style): the smallest region below the minimum joins a neighbour, preferring neighbours still below the minimum, then the longest shared boundary, then the smallest population, then the smallest area id; repeated until no region is below the minimum. With a parent field (e.g. the district) no region crosses a parent boundary.&lt;br&gt;&lt;b&gt;Infeasible&lt;/b&gt;: a group of areas that cannot reach the minimum (an island without neighbours, or a parent with too few residents) becomes one region with feasible = 0 and population NULL, and is reported in the log. Islands are listed too.&lt;br&gt;&lt;br&gt;Outputs: the merged regions (dissolved geometry; region_id, members, population, feasible, parent) and a table area_id &amp;rarr; region_id, feasible. Populations below the smallest published count are NULL.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="86" />
      <source>Areas (polygons)</source>
      <translation>Områder (polygoner)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="92" />
      <source>Residents field of the areas (or give a person extract)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="94" />
      <source>Number of residents of each area. Leave empty to count them from the person extract.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="100" />
      <source>Person extract (to count residents; optional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="103" />
      <source>Minimum residents per region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="105" />
      <source>Frederiksberg 250, SØK 50, Statistics Denmark about 200 (check your data agreement).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="108" />
      <source>Parent field (regions never cross it, e.g. the district)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="116" />
      <source>Gap tolerance for neighbours (layer units; 0 = boundaries must coincide)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="120" />
      <source>Areas closer than this count as neighbours when they run alongside each other for more than twice the tolerance. Slower.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="221" />
      <source>Merging areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="101" />
      <source>Reference date of the extract (YYYY-MM-DD; empty = the latest)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="124" />
      <source>Merged regions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="126" />
      <source>Area to region table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="128" />
      <source>Regions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="129" />
      <source>Regions below the minimum (infeasible)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="130" />
      <source>Areas without neighbours</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="142" />
      <source>Give either a residents field or a person extract, not both.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="145" />
      <source>Give a residents field of the areas or a person extract to count residents from.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="177" />
      <source>The person extract has no reference date.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="200" />
      <source>Finding neighbours of {n} areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="211" />
      <source>{m} neighbour pairs found.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="232" />
      <source>Dissolving {k} regions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="276" />
      <source>{n} areas merged into {k} regions ({f} reach {m} residents, {i} do not).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="215" />
      <source>{n} areas have no neighbour (islands): {ids}{more}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="226" />
      <source>Areas {ids} cannot reach {m} residents together (no more neighbours{par}); they form one region marked infeasible, population not published.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="180" />
      <source>Residents counted on the latest reference date, {d}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="230" />
      <source> within the parent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" line="163" />
      <source>The area '{id}' has no valid number of residents in '{f}' ({v}). Every area needs a count of 0 or more.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="70" />
      <source>Pseudonymise person extract</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="72" />
      <source>Data preparation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="73" />
      <source>pseudonymise,pseudonym,cpr,hmac,privacy,gdpr,pseudonymisering,databeskyttelse</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="74" />
      <source>Replaces the CPR number (or another direct person key) in ID_FIELD by a keyed pseudonym in the new column &lt;b&gt;person_id&lt;/b&gt;: the first 32 hex characters of HMAC-SHA-256(key, CPR number). The same key always gives the same pseudonym, so a person can be followed over reference dates and extracts; without the key nobody can compute the pseudonym of a CPR number.&lt;br&gt;&lt;br&gt;&lt;b&gt;Key&lt;/b&gt;: a file holding a long random secret (at least 16 bytes; e.g. 64 hex characters), or a QGIS authentication configuration whose password is the secret ('Basic' method). Only the path or the configuration id is stored in the project and the audit log, never the key. Keep the key away from the extract and the outputs; whoever holds the key and a CPR number can recompute a pseudonym.&lt;br&gt;&lt;br&gt;&lt;b&gt;Checks&lt;/b&gt;: CPR numbers must be 10 digits (ddmmyy-xxxx, the dash optional) with a real birth date; the modulus-11 check is not applied (numbers issued since 2007 need not pass it). Malformed or empty values stop the run with a count, row numbers and masked examples (12xxxx-xxxx) unless 'Drop rows with malformed keys' is ticked. A numeric column that lost the leading zero is repaired and reported. The same CPR number twice within a reference date is counted and reported.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: the same rows and geometry with person_id first, then every other column except the key column and columns that look like direct identifiers (cpr, navn, name, adresse, address, vejnavn, husnr...) or hold CPR-shaped values; dropped columns are listed in the log.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="99" />
      <source>Person extract (point layer or table)</source>
      <translation>Personudtræk (punktlag eller tabel)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="101" />
      <source>Column holding the CPR number (or other direct key)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="104" />
      <source>The key is a CPR number (check it and accept ddmmyy-xxxx and ddmmyyxxxx alike)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="109" />
      <source>Key file (the secret)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="111" />
      <source>A text file holding the secret key only. Store it where only the people allowed to pseudonymise can read it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="114" />
      <source>Or: authentication configuration holding the key as its password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="163" />
      <source>Checking the keys</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="215" />
      <source>Computing pseudonyms</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="118" />
      <source>Drop rows with malformed keys (else the run stops)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="120" />
      <source>Pseudonymised extract</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="121" />
      <source>Rows read</source>
      <translation>Læste rækker</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="121" />
      <source>Rows written</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="122" />
      <source>Rows with a malformed key</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="123" />
      <source>Repeated keys within a reference date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="125" />
      <source>Dropped columns</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="131" />
      <source>Give the key either as a file or as an authentication configuration, not both.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="54" />
      <source>The authentication configuration '{id}' could not be read. Check the id and that the QGIS master password is set (Settings &gt; Options &gt; Authentication).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="60" />
      <source>The authentication configuration '{id}' holds no password. Store the key as the password of a 'Basic' authentication configuration.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="201" />
      <source>These rows are left out.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="223" />
      <source>Columns dropped (key and direct identifiers): {cols}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="254" />
      <source>{w} of {n} rows written with a pseudonym.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="147" />
      <source>The column '{col}' is not in the extract. Choose the column holding the CPR number.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="193" />
      <source>{n} rows have no value in '{col}' (rows {rows}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="198" />
      <source>Fix them in the source, or tick 'Drop rows with malformed keys' to leave those rows out (they are counted).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="203" />
      <source>{n} CPR numbers in the numeric column '{col}' had lost their leading zero; it was restored. Store CPR numbers as text.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" line="211" />
      <source>The column '{col}' holds {n} values shaped like CPR numbers; it was dropped. Pseudonymise it separately if it is needed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="62" />
      <source>Style choropleth map</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="65" />
      <source>choropleth,style,map,classes,jenks,legend,kort,tematisk,signatur</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="66" />
      <source>Styles a numeric field of a polygon layer as a choropleth map (or the 'category' field of a criteria layer with the categories' fixed colours). Classes come from QGIS's own classification methods applied to the published values only, or from the law's thresholds. Suppressed values (NULL, or a non-empty *_flag column) are drawn grey hatched with their own legend entry 'Suppressed', never as a data class.&lt;br&gt;&lt;br&gt;The layer itself is restyled. When its provider supports it (GeoPackage), the style is saved into the file as the layer's default style, so it opens styled anywhere; give a .qml file to save the style there as well.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="27" />
      <source>Classification method</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="30" />
      <source>jenks (natural breaks), quantile (equal count), equal (equal intervals), pretty (round numbers; may give more or fewer classes), law (the law's thresholds: outside 30/40 %, basic schooling 60 %, non-western 30/50 %; on a criteria layer also convicted 2/3 times the national rate and income 55/65 % of the regional mean).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="36" />
      <source>Number of classes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="40" />
      <source>Ignored by the law method.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="42" />
      <source>Colour ramp</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="45" />
      <source>Sequential ramps that colour-blind readers can tell apart and that keep their order in a greyscale print.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="89" />
      <source>Save as the layer's default style (GeoPackage)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="83" />
      <source>Polygon layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="93" />
      <source>Style file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="93" />
      <source>QGIS style files (*.qml)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="95" />
      <source>Styled layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="96" />
      <source>Style saved to</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" line="116" />
      <source>The layer's data source cannot store styles (it is not a GeoPackage or database); give a style file to keep the style.</source>
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
      <location filename="../boligsocial_plugin/processing/audit.py" line="118" />
      <source>Could not write the audit log ({err}). The run itself is not affected; check the setting {key} or the environment variable BOLIGSOCIAL_AUDIT_LOG.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/base.py" line="28" />
      <source>Analysis</source>
      <translation>Analyse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/base.py" line="89" />
      <source>Out of memory. Run on fewer reference dates or a smaller extract.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/base.py" line="93" />
      <source>Unexpected error in {alg}: {err}. Please report it with the log.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="43" />
      <source>One row per resident per reference date: a point layer, or a table (CSV, GeoPackage) with x/y columns or an address id.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="86" />
      <source>Counts below this are never published (NULL and flag P).</source>
      <translation type="unfinished" />
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
      <location filename="../boligsocial_plugin/processing/common.py" line="168" />
      <source>The extract locates persons by address_id: choose the address point layer in 'Address points'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="170" />
      <source>Read {n} person rows ({how}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="197" />
      <source>{n} invalid area geometries were repaired (make valid).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="200" />
      <source>{n} areas have no geometry; they get no residents.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" line="163" />
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
