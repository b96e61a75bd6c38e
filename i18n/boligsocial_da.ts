<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da_DK">
  <context>
    <name>Boligsocial</name>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>  … and {n} more (see the report file).</source>
      <translation>  … og {n} flere (se rapportfilen).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" />
      <source> (rows {rows})</source>
      <translation> (rækker {rows})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source> this year (last year unchanged)</source>
      <translation> i år (sidste år uændret)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source> within the parent</source>
      <translation> inden for det overordnede område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" />
      <source>&amp;Boligsocial monitoring</source>
      <translation>&amp;Boligsocial monitorering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>'{layer}' is not an output of 'Monitor state criteria over time' (it lacks {fields}).</source>
      <translation>'{layer}' er ikke et resultat af 'Følg statens kriterier over tid' (feltene {fields} mangler).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>'{layer}' is not the SERIES output of 'Monitor state criteria over time' (it needs area_id and ref_date).</source>
      <translation>'{layer}' er ikke SERIES-resultatet af 'Følg statens kriterier over tid' (det skal have area_id og ref_date).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/history.py" />
      <source>({years} by the {code} rules, as those lists were made)</source>
      <translation>({years} efter reglerne fra {code}, som listerne dengang blev lavet)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>2013-2017: ghetto list, 3 of 5 criteria</source>
      <translation>2013-2017: ghettolisten, 3 af 5 kriterier</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>2013: 3 of 5 criteria (2013-2017); 2018: 2018-2020 lists; 2021: the lists from 2021 on.</source>
      <translation>2013: 3 af 5 kriterier (2013-2017); 2018: listerne 2018-2020; 2021: listerne fra 2021 og frem.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>2018-2020: udsat, ghetto, hard ghetto</source>
      <translation>2018-2020: udsat, ghetto, hård ghetto</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>2021 on: udsat, parallelsamfund, omdannelse, forebyggelse</source>
      <translation>2021 og frem: udsat, parallelsamfund, omdannelse, forebyggelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/sqlgen.py" />
      <source>A column or table name holds a NUL character.</source>
      <translation>Et kolonne- eller tabelnavn indeholder et NUL-tegn.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>A count field is chosen twice.</source>
      <translation>Et antalsfelt er valgt to gange.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/postgis.py" />
      <source>A feature limit cannot be applied to a database person layer; use a filter on the layer instead.</source>
      <translation>En grænse for antal objekter kan ikke bruges på et personlag i en database; brug i stedet et filter på laget.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>A field that identifies each area (text or number); it is copied to area_id.</source>
      <translation>Et felt, der identificerer hvert område (tekst eller tal); det kopieres til area_id.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>A field that identifies each area; the table area to region uses it.</source>
      <translation>Et felt, der identificerer hvert område; tabellen fra område til sammenlagt område bruger det.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>A file holding a secret of at least 16 bytes. Keep it: the same key gives the same rounding in every release.</source>
      <translation>En fil med en hemmelighed på mindst 16 bytes. Gem den: samme nøgle giver samme afrunding i alle udgivelser.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>A folder holding what earlier releases published (persons' keys per area and date; for tables, keyed hashes of their totals and rows; no figures). Share one folder between colleagues who publish from the same data; keep it as protected as the person extract.</source>
      <translation>En mappe med det, tidligere udgivelser har offentliggjort (personernes nøgler pr. område og dato; for tabeller nøglebaserede hashværdier af deres totaler og rækker; ingen tal). Del én mappe mellem kolleger, der udgiver fra de samme data, og beskyt den lige så godt som personudtrækket.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>A hidden small count must stay uncertain by at least this much for an attacker who knows the published figures, that counts are never negative and never above their totals.</source>
      <translation>Et skjult lille antal skal forblive usikkert med mindst så meget for en angriber, der kender de offentliggjorte tal og ved, at antal aldrig er negative og aldrig større end deres totaler.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/regions/merge.py" />
      <source>A neighbour pair refers to an area that does not exist.</source>
      <translation>Et nabopar henviser til et område, der ikke findes.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>A one-page PDF report: title, map, legend, scale bar, source, discretion note and a table of the areas.</source>
      <translation>En PDF-rapport på én side: titel, kort, signaturforklaring, målestok, kilde, note om diskretion og en tabel over områderne.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>A point layer of addresses (e.g. DAR address points); each person is placed at the point whose key equals the extract's address_id.</source>
      <translation>Et punktlag med adresser (fx DAR-adressepunkter); hver person placeres i det punkt, hvis nøgle er lig med udtrækkets address_id.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>A published criteria layer: its values go to bs_criterion and bs_category.</source>
      <translation>Et offentliggjort kriterielag: værdierne skrives i bs_criterion og bs_category.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>A published indicator layer: its values go to bs_observation, its areas to bs_area, its indicators to bs_indicator.</source>
      <translation>Et offentliggjort indikatorlag: værdierne skrives i bs_observation, områderne i bs_area og indikatorerne i bs_indicator.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>A region's population below this is not published (NULL).</source>
      <translation>Et sammenlagt områdes beboertal under denne grænse offentliggøres ikke (NULL).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/table_register.py" />
      <source>A table with a column '{col}' was published before with exact values and other figures ({names}; release register {folder}). With exact values a table of part of a grouping (one district alone) or of the same counts at another date, minus the earlier one, gives hidden figures exactly, and a table without persons is known to the register only by its totals and column names. Nothing was written. Publish all groupings of these counts in one table with a parent field (the audit then protects them together), or publish with the perturbation on, or check with REGISTER_MODE=check (nothing recorded), or delete the earlier release from the register if it was never published.</source>
      <translation>En tabel med en kolonne '{col}' er tidligere offentliggjort med nøjagtige værdier og andre tal ({names}; udgivelsesregister {folder}). Med nøjagtige værdier giver en tabel med en del af en inddeling (ét distrikt alene) eller med de samme antal på en anden dato, minus den tidligere, skjulte tal nøjagtigt, og en tabel uden personer kender registret kun på dens totaler og kolonnenavne. Intet blev skrevet. Offentliggør alle inddelinger af disse antal i én tabel med et felt for overordnet område (kontrollen beskytter dem så sammen), eller offentliggør med støj, eller kontrollér med REGISTER_MODE=check (intet registreres), eller slet den tidligere udgivelse fra registret, hvis den aldrig blev offentliggjort.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" />
      <source>A table with one row per problem: severity, problem, column, count, example row numbers and a message. No person-level values.</source>
      <translation>En tabel med én række pr. problem: alvor, problem, kolonne, antal, eksempler på rækkenumre og en meddelelse. Ingen værdier på personniveau.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>A text file holding the secret key only. Store it where only the people allowed to pseudonymise can read it.</source>
      <translation>En tekstfil, der kun indeholder den hemmelige nøgle. Opbevar den, hvor kun de personer, der må pseudonymisere, kan læse den.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>Aarhus: &lt;5</source>
      <translation>Aarhus: &lt;5</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Address key field of the address layer</source>
      <translation>Adressenøglefelt i adresselaget</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Address points (when the extract has address_id instead of x/y)</source>
      <translation>Adressepunkter (når udtrækket har address_id i stedet for x/y)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/definitions.py" />
      <source>Adults 18-64</source>
      <translation>Voksne 18-64 år</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/base.py" />
      <source>Advanced parameters</source>
      <translation>Avancerede parametre</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Aggregated table or layer</source>
      <translation>Aggregeret tabel eller lag</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Algorithm id</source>
      <translation>Algoritme-id</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>All algorithms</source>
      <translation>Alle algoritmer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Allow (count a person in each area)</source>
      <translation>Tillad (tæl personen med i hvert område)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Also assess every snapshot, fit the trends and project the next list (Monitor state criteria over time); the profile shows the trend chart. Needs several snapshots in the extract.</source>
      <translation>Vurdér også hvert opgørelsestidspunkt, beregn udviklingen og fremskriv den næste liste (Følg statens kriterier over tid); profilen viser udviklingsgrafen. Kræver flere opgørelsestidspunkter i udtrækket.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/layers.py" />
      <source>An area (feature id {fid}) has no value in '{f}'. Every area needs an id.</source>
      <translation>Et område (objekt-id {fid}) har ingen værdi i '{f}'. Alle områder skal have et id.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>An area is at risk when a percentage criterion is within this many points of its threshold (met or not).</source>
      <translation>Et område er i risiko, når et procentkriterium ligger inden for så mange procentpoint af sin grænseværdi (opfyldt eller ej).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>An area with fewer residents shows no figures at all (flag A); 0 publishes every area.</source>
      <translation>Et område med færre beboere viser slet ingen tal (flag A); 0 offentliggør alle områder.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>An indicator or criteria layer (or any polygon layer); it is restyled in place.</source>
      <translation>Et indikator- eller kriterielag (eller et andet polygonlag); laget får ny stil, hvor det er.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>An indicator value (e.g. outside_labour_val) or 'category'.</source>
      <translation>En indikatorværdi (fx outside_labour_val) eller 'category'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Analyse moves between areas</source>
      <translation>Analysér flytninger mellem områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/base.py" />
      <source>Analysis</source>
      <translation>Analyse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Another field for a second map beside the first.</source>
      <translation>Et andet felt til et ekstra kort ved siden af det første.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Another layer (e.g. last year's output) for the second map; its field is the second field, or the first field when empty.</source>
      <translation>Et andet lag (fx sidste års resultat) til det andet kort; feltet er det andet felt eller det første felt, hvis det andet er tomt.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Any table with count columns, with or without geometry.</source>
      <translation>En vilkårlig tabel med antalskolonner, med eller uden geometri.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Applies statistical discretion to any aggregated table or layer with count columns (one of ours, or one from Statistics Denmark or Landsbyggefonden) and checks the result. Publishing is allowed only for aggregates from which no person can be inferred (persondataloven § 10 and the security order § 19; today the GDPR).&lt;br&gt;&lt;br&gt;&lt;b&gt;Rules&lt;/b&gt; (flags in &amp;lt;column&amp;gt;_flag: '' published, P primary, S secondary, A area minimum; hidden values are NULL, never 0):&lt;br&gt;&amp;bull; &lt;i&gt;Frequency&lt;/i&gt;: counts below the smallest published count are hidden (Aarhus: fewer than 5; Statistics Denmark: at least 3 per cell; the health-data research service: at least 5).&lt;br&gt;&amp;bull; &lt;i&gt;Complement&lt;/i&gt;: a count is hidden when the total minus the count is below the threshold too ("N &amp;minus; k small": it tells about almost everybody).&lt;br&gt;&amp;bull; &lt;i&gt;Zeros&lt;/i&gt;: a 0 in a non-empty row is hidden (a 0 % or 100 % group tells every member's attribute); an empty row (total 0) is published.&lt;br&gt;&amp;bull; &lt;i&gt;Area minimum&lt;/i&gt;: a row whose total is below the smallest area shows its total only (flag A; Copenhagen SØK 50 residents, Frederiksberg 250).&lt;br&gt;&amp;bull; &lt;i&gt;Secondary suppression&lt;/i&gt;: a hidden cell must not be recoverable by subtraction from the total, from the other categories or from a parent area; more cells (smallest first, the total last) are hidden until an exact linear-algebra audit proves that no hidden cell can be computed. The tool never writes a table its audit rejects.&lt;br&gt;&amp;bull; &lt;i&gt;The attacker's audit&lt;/i&gt;: each hidden cell's interval is computed by linear programming from the published cells, the relations and what an attacker knows anyway (counts are never negative and never above their total). The table passes only if no hidden cell is pinned to one value and every primary cell stays at least the protection width (default: the smallest published count) uncertain; the report lists the intervals. A row whose counts do not fit its total, or a parent whose sub-areas do not add up to its row, is reported and refused.&lt;br&gt;&amp;bull; &lt;i&gt;Perturbation&lt;/i&gt; (default on): every published count moves by at most &amp;plusmn;2 with cell-key noise keyed on the row id and the column with a secret (noise_secret.key, created once in the release register folder: keep it with the data), the same way in every release, so a table published again cannot be averaged and nobody without the secret can remove the noise; off gives exact counts (every suppression rule still applies).&lt;br&gt;&amp;bull; &lt;i&gt;Earlier releases&lt;/i&gt;: a district minus its published blocks is the small block. A table has no persons, but tables whose columns add up to the same totals count the same population; the release register keeps keyed hashes of each table's totals and rows (never a figure) and refuses a table that would be a population's ninth grouping (the overlap budget; the same table again is a repeat), and with exact values a second grouping (publish both in one table with a parent field instead). The message names the earlier releases. Publish whole groupings: a table of one district alone is not recognised.&lt;br&gt;&amp;bull; &lt;i&gt;Keyed rounding&lt;/i&gt; (advanced, instead of the perturbation): published counts rounded to multiples of a base with a secret key (the same cell always rounds the same way).&lt;br&gt;&lt;br&gt;&lt;b&gt;Presets&lt;/b&gt;: default (&amp;lt;5 hidden, areas &amp;ge;50), aarhus (&amp;lt;5), sok (areas &amp;ge;50), frederiksberg (areas &amp;ge;250), dst (&amp;lt;3). A preset overrides the two numbers.&lt;br&gt;&lt;br&gt;&lt;b&gt;Columns&lt;/b&gt;: count fields are the categories; the total field (optional) is the row total (e.g. residents). If the categories do not add up to the total, the unpublished rest is protected too ('Categories add up to the total': auto detects it). A parent field groups rows (e.g. areas in a district): the group's sums count as published; with the id field, a row whose id equals a parent value is that parent's own row. Count values must be whole numbers of 0 or more; empty cells and '..' are taken as already suppressed by the source (flag P). The audit report (JSON or HTML) lists the rules, the hidden cells and the audit result; the key is never written.</source>
      <translation>Anvender statistisk diskretionering på en vilkårlig aggregeret tabel eller et lag med antalskolonner (en af pluginets egne eller en fra Danmarks Statistik eller Landsbyggefonden) og kontrollerer resultatet. Der må kun offentliggøres aggregerede resultater, som ingen person kan udledes af (persondataloven § 10 og sikkerhedsbekendtgørelsen § 19; i dag databeskyttelsesforordningen).&lt;br&gt;&lt;br&gt;&lt;b&gt;Regler&lt;/b&gt; (flag i &amp;lt;kolonne&amp;gt;_flag: '' offentliggjort, P primær, S sekundær, A områdeminimum; skjulte værdier er NULL, aldrig 0):&lt;br&gt;&amp;bull; &lt;i&gt;Hyppighed&lt;/i&gt;: antal under det mindste offentliggjorte antal skjules (Aarhus: færre end 5; Danmarks Statistik: mindst 3 pr. celle; Sundhedsdatastyrelsens forskerservice: mindst 5).&lt;br&gt;&amp;bull; &lt;i&gt;Komplement&lt;/i&gt;: et antal skjules også, når totalen minus antallet er under grænsen ("N &amp;minus; k lille": det fortæller noget om næsten alle).&lt;br&gt;&amp;bull; &lt;i&gt;Nuller&lt;/i&gt;: et 0 i en ikke-tom række skjules (en gruppe med 0 % eller 100 % afslører alle medlemmers egenskab); en tom række (total 0) offentliggøres.&lt;br&gt;&amp;bull; &lt;i&gt;Områdeminimum&lt;/i&gt;: en række, hvis total er under det mindste område, viser kun totalen (flag A; Københavns SØK 50 beboere, Frederiksberg 250).&lt;br&gt;&amp;bull; &lt;i&gt;Sekundær diskretionering&lt;/i&gt;: en skjult celle må ikke kunne genskabes ved at trække fra totalen, fra de øvrige kategorier eller fra et overordnet område; flere celler (de mindste først, totalen sidst) skjules, indtil en eksakt lineær-algebraisk kontrol beviser, at ingen skjult celle kan beregnes. Værktøjet skriver aldrig en tabel, som kontrollen afviser.&lt;br&gt;&amp;bull; &lt;i&gt;Angriberens kontrol&lt;/i&gt;: hver skjult celles interval beregnes med lineær programmering ud fra de offentliggjorte celler, relationerne og det, en angriber alligevel ved (antal er aldrig negative og aldrig større end deres total). Tabellen godkendes kun, hvis ingen skjult celle er låst fast på én værdi, og hver primær celle forbliver mindst beskyttelsesbredden (standard: det mindste offentliggjorte antal) usikker; rapporten viser intervallerne. En række, hvis antal ikke passer med totalen, eller et overordnet område, hvis delområder ikke summerer til dets række, rapporteres og afvises.&lt;br&gt;&amp;bull; &lt;i&gt;Støj&lt;/i&gt; (standard til): hvert offentliggjort antal flyttes højst &amp;plusmn;2 med cellenøglebaseret støj ud fra rækkens id og kolonnen med en hemmelig nøgle (noise_secret.key, oprettet én gang i udgivelsesregistrets mappe: opbevar den sammen med data), på samme måde i hver udgivelse, så en tabel, der offentliggøres igen, ikke kan midles, og ingen uden nøglen kan fjerne støjen; fra giver eksakte antal (alle diskretionsregler gælder stadig).&lt;br&gt;&amp;bull; &lt;i&gt;Tidligere udgivelser&lt;/i&gt;: et distrikt minus dets offentliggjorte boligblokke er den lille blok. En tabel har ingen personer, men tabeller, hvis kolonner summerer til de samme totaler, tæller den samme befolkning; udgivelsesregistret gemmer nøglebaserede hashværdier af hver tabels totaler og rækker (aldrig et tal) og afviser en tabel, der ville være en befolknings niende inddeling (overlapsbudgettet; den samme tabel igen er en gentagelse), og med eksakte værdier en anden inddeling (offentliggør i stedet begge i én tabel med et felt for overordnet område). Meddelelsen nævner de tidligere udgivelser. Offentliggør hele inddelinger: en tabel med ét distrikt alene genkendes ikke.&lt;br&gt;&amp;bull; &lt;i&gt;Nøglebaseret afrunding&lt;/i&gt; (avanceret, i stedet for støjen): offentliggjorte antal afrundes til multipla af et grundtal ved hjælp af en hemmelig nøgle (samme celle afrundes altid på samme måde).&lt;br&gt;&lt;br&gt;&lt;b&gt;Forudindstillinger&lt;/b&gt;: default (&amp;lt;5 skjules, områder &amp;ge;50), aarhus (&amp;lt;5), sok (områder &amp;ge;50), frederiksberg (områder &amp;ge;250), dst (&amp;lt;3). En forudindstilling tilsidesætter de to tal.&lt;br&gt;&lt;br&gt;&lt;b&gt;Kolonner&lt;/b&gt;: antalsfelterne er kategorierne; totalfeltet (valgfrit) er rækkens total (fx beboere). Hvis kategorierne ikke summerer til totalen, beskyttes den ikke-offentliggjorte rest også ('Kategorierne summerer til totalen': auto finder selv ud af det). Et felt for overordnet område grupperer rækkerne (fx områder i et distrikt): gruppens summer regnes som offentliggjorte; sammen med id-feltet gælder, at en række, hvis id er lig med en værdi i feltet for overordnet område, er det overordnede områdes egen række. Antal skal være hele tal på 0 eller derover; tomme celler og '..' betragtes som allerede diskretioneret af kilden (flag P). Kontrolrapporten (JSON eller HTML) viser reglerne, de skjulte celler og kontrolresultatet; nøglen skrives aldrig.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Apply discretion to a table</source>
      <translation>Anvend diskretionering på en tabel</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Applying discretion to {n} rows</source>
      <translation>Anvender diskretionering på {n} rækker</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/map_report.py" />
      <source>Area</source>
      <translation>Område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/layers.py" />
      <source>Area '{id}' cannot be placed in the persons' coordinate reference system ({to}); the area layer says {frm}. Set the right CRS on the area layer (layer properties) or on the extract (PERSONS_CRS).</source>
      <translation>Området '{id}' kan ikke placeres i personernes koordinatsystem ({to}); områdelaget angiver {frm}. Angiv det rigtige koordinatsystem på områdelaget (lagegenskaber) eller på udtrækket (PERSONS_CRS).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Area id</source>
      <translation>Område-id</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Area id field</source>
      <translation>Felt med område-id</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/regions/merge.py" />
      <source>Area ids must be unique.</source>
      <translation>Område-id'er skal være entydige.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Area name</source>
      <translation>Områdenavn</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Area name field</source>
      <translation>Felt med områdenavn</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Area to region table</source>
      <translation>Tabel fra område til sammenlagt område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Areas</source>
      <translation>Områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Areas (polygons)</source>
      <translation>Områder (polygoner)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/layers.py" />
      <source>Areas are in {a} and persons in {p}; areas are transformed for the join.</source>
      <translation>Områderne er i {a} og personerne i {p}; områderne transformeres ved sammenkoblingen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Areas at risk</source>
      <translation>Områder i risiko</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Areas charted</source>
      <translation>Områder med graf</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Areas charted (at most)</source>
      <translation>Områder med graf (højst)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Areas closer than this count as neighbours when they run alongside each other for more than twice the tolerance (queen: when they come this close anywhere). Slower.</source>
      <translation>Områder, der ligger tættere på hinanden end dette, regnes som naboer, når de løber langs hinanden over mere end to gange tolerancen (queen: når de et eller andet sted kommer så tæt på hinanden). Langsommere.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Areas drawn</source>
      <translation>Tegnede områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Areas entering a list or a more severe category</source>
      <translation>Områder der kommer på en liste eller i en mere alvorlig kategori</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Areas for which the expression is true are focus areas too, e.g. "designed" = 'parallelsamfund'.</source>
      <translation>Områder hvor udtrykket er sandt, er også fokusområder, fx "designed" = 'parallelsamfund'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Areas in a category</source>
      <translation>Områder i en kategori</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Areas in the region</source>
      <translation>Områder i det sammenlagte område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Areas in the table (at most)</source>
      <translation>Områder i tabellen (højst)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Areas leaving a list or going to a less severe category</source>
      <translation>Områder der forlader en liste eller går til en mindre alvorlig kategori</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Areas to chart first (ids, comma separated)</source>
      <translation>Områder der vises først (id'er, kommasepareret)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Areas to watch</source>
      <translation>Områder at holde øje med</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Areas with different values here never share a region; a parent with too few residents becomes one region marked infeasible.</source>
      <translation>Områder med forskellige værdier her kommer aldrig i samme sammenlagte område; et overordnet område med for få beboere bliver ét sammenlagt område markeret som ikke muligt.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Areas without neighbours</source>
      <translation>Områder uden naboer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Areas {ids} cannot reach {m} residents together (no more neighbours{par}); they form one region marked infeasible, population not published.</source>
      <translation>Områderne {ids} kan ikke tilsammen nå {m} beboere (ikke flere naboer{par}); de danner ét sammenlagt område, der er markeret som ikke muligt, og befolkningstallet offentliggøres ikke.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Areas: turnover per 100 residents; arrows: the published flows between areas.</source>
      <translation>Områder: til- og fraflytning pr. 100 beboere; pile: de offentliggjorte flytninger mellem områder.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Assess state criteria</source>
      <translation>Vurder statens kriterier</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Assess state criteria (needs two yearly snapshots)</source>
      <translation>Vurder statens kriterier (kræver to årlige opgørelser)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Assesses every area against the state's criteria for udsatte boligområder, parallelsamfund, omdannelsesområder and forebyggelsesområder (almenboligloven § 61 a and § 61 b). Needs a person extract with at least two yearly snapshots (e.g. 1 January this year and last year) because outside the labour market and convictions are two-year averages; a missing previous year is reported and the single-year value used.&lt;br&gt;&lt;br&gt;One row per area with, for every criterion K: K_val as the law measures it (percent; convicted in times the national rate; income in percent of the regional mean), K_met_L (1/0, NULL when not assessable), K_gap_L (distance to the threshold, positive when met) and how many persons would have to change status for the criterion to flip; criteria_met_L, the category (omdannelsesomraade, parallelsamfund, udsat, forebyggelse, ingen — 2021 vocabulary for every rule set), at_risk when within the margin of a threshold, and a plain-language explanation.&lt;br&gt;&lt;b&gt;Rule sets&lt;/b&gt;: 2013 (3 of 5 criteria), 2018 (udsat, ghetto, hard ghetto) and 2021 (udsat, parallelsamfund, omdannelsesområde, forebyggelsesområde).&lt;br&gt;&lt;b&gt;Reference values&lt;/b&gt;: the national conviction rate (percent of residents 18+ convicted, two-year average) and the regional mean gross income of taxpayers 15-64 not in education are published by Social- og Boligstyrelsen with the yearly list (1 December) and can be computed from Statistics Denmark's tables. Without them the relative criteria are NULL (not assessable) with the reason, never guessed.&lt;br&gt;&lt;b&gt;History&lt;/b&gt;: omdannelsesområde needs parallelsamfund status in each of the last five years: give a table (area_id, year, category) of earlier official lists, or include older yearly snapshots in the extract. Otherwise the reason says it could not be determined.&lt;br&gt;Areas under 1,000 residents get category 'ingen' with the reason.&lt;br&gt;&lt;b&gt;Discretion&lt;/b&gt;: the figures rest on the cells of the indicator layer and are protected with them as one release (the same hidden cells as 'Compute indicators' for the same persons, the same perturbation, the release register): a value, gap or number of persons resting on a hidden cell is NULL with that cell's flag (P primary, S secondary, A area below the minimum), and every published figure is computed from published (perturbed) cells only. Met or not, the category and at-risk are decided on the exact values, as the state's lists are.</source>
      <translation>Vurderer alle områder i forhold til statens kriterier for udsatte boligområder, parallelsamfund, omdannelsesområder og forebyggelsesområder (almenboligloven § 61 a og § 61 b). Kræver et personudtræk med mindst to årlige opgørelser (fx 1. januar i år og sidste år), fordi andelen uden for arbejdsmarkedet og uddannelse og andelen af dømte opgøres som gennemsnit over to år; mangler det forrige år, rapporteres det, og etårsværdien bruges.&lt;br&gt;&lt;br&gt;Én række pr. område med følgende for hvert kriterium K: K_val, som loven måler det (procent; dømte i antal gange landsgennemsnittet; indkomst i procent af gennemsnitsindkomsten i regionen), K_met_L (1/0, NULL hvis det ikke kan vurderes), K_gap_L (afstanden til grænseværdien, positiv når kriteriet er opfyldt) og hvor mange personer der skal skifte status, før kriteriet skifter; desuden criteria_met_L, kategorien (omdannelsesomraade, parallelsamfund, udsat, forebyggelse, ingen — begreberne fra 2021 for alle regelsæt), at_risk når området er inden for risikomarginen til en grænseværdi, og en forklaring i almindeligt sprog.&lt;br&gt;&lt;b&gt;Regelsæt&lt;/b&gt;: 2013 (3 af 5 kriterier), 2018 (udsat boligområde, ghettoområde, hårdt ghettoområde) og 2021 (udsat boligområde, parallelsamfund, omdannelsesområde, forebyggelsesområde).&lt;br&gt;&lt;b&gt;Referenceværdier&lt;/b&gt;: landsgennemsnittet for dømte (andelen af beboere på 18 år og derover, der er dømt, i procent, gennemsnit over to år) og gennemsnitsindkomsten i regionen (gennemsnitlig bruttoindkomst for skattepligtige 15-64-årige, der ikke er under uddannelse) offentliggøres af Social- og Boligstyrelsen sammen med den årlige liste (1. december) og kan beregnes ud fra Danmarks Statistiks tabeller. Uden dem er de relative kriterier NULL (kan ikke vurderes) med angivelse af årsagen – de gættes aldrig.&lt;br&gt;&lt;b&gt;Historik&lt;/b&gt;: et omdannelsesområde kræver status som parallelsamfund i hvert af de seneste fem år: angiv en tabel (area_id, year, category) med tidligere officielle lister, eller medtag ældre årlige opgørelser i udtrækket. Ellers oplyser begrundelsen, at det ikke kunne afgøres.&lt;br&gt;Områder med under 1.000 beboere får kategorien 'ingen' med begrundelse.&lt;br&gt;&lt;b&gt;Diskretion&lt;/b&gt;: tallene bygger på cellerne i indikatorlaget og beskyttes sammen med dem som én udgivelse (de samme skjulte celler som 'Beregn indikatorer' for de samme personer, den samme støj, udgivelsesregistret): en værdi, en afstand eller et antal personer, der bygger på en skjult celle, er NULL med cellens flag (P primær, S sekundær, A område under minimum), og hvert offentliggjort tal beregnes kun ud fra offentliggjorte celler (med støj). Opfyldt eller ej, kategorien og risikomarkeringen afgøres på de eksakte værdier, sådan som statens lister gør.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Assessing every snapshot</source>
      <translation>Vurderer hvert opgørelsestidspunkt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Assessment date (empty = latest snapshot)</source>
      <translation>Vurderingsdato (tom = seneste opgørelse)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>At risk (1 = yes)</source>
      <translation>I risiko (1 = ja)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>At risk: within the margin of a criterion threshold.</source>
      <translation>I risiko: inden for risikomarginen til en af kriteriernes grænseværdier.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel.py" />
      <source>At the next list: {e} areas entering, {l} leaving.</source>
      <translation>Ved næste liste: {e} områder kommer på, {l} går af.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>At-risk margin (percentage points)</source>
      <translation>Risikomargin (procentpoint)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>At-risk margin for relative criteria (share of the threshold)</source>
      <translation>Risikomargin for relative kriterier (andel af grænseværdien)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Attacker's audit passed: no hidden figure can be computed, none is narrowed below {w} ({n} checked).</source>
      <translation>Angriberkontrollen bestået: intet skjult tal kan beregnes, og intet indsnævres til under {w} ({n} kontrolleret).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Attacker's audit passed: no hidden figure can be computed, none is narrowed below {w} ({n} counts and flows, {m} profile figures checked; {lp} solved one by one).</source>
      <translation>Angriberens kontrol bestået: intet skjult tal kan beregnes, intet indsnævres under {w} ({n} antal og flytninger, {m} profiltal kontrolleret; {lp} løst enkeltvis).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Attacker's audit: {n} hidden cells checked; none is pinned and every primary cell stays at least {w} uncertain (published cells, relations, 0 &lt;= count &lt;= total).</source>
      <translation>Angriberens kontrol: {n} skjulte celler kontrolleret; ingen er låst fast, og hver primær celle forbliver mindst {w} usikker (offentliggjorte celler, relationer, 0 &lt;= antal &lt;= total).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Audit report</source>
      <translation>Kontrolrapport</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Audit result</source>
      <translation>Kontrolresultat</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Audit: FAILED</source>
      <translation>Kontrol: FEJLET</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Audit: {r} ({k} of {m} relations involve hidden cells; no hidden cell can be computed from the published ones).</source>
      <translation>Kontrol: {r} ({k} af {m} relationer omfatter skjulte celler; ingen skjult celle kan beregnes ud fra de offentliggjorte).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/charts.py" />
      <source>Basic schooling only</source>
      <translation>Kun grundskole</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" />
      <source>Blocking problems</source>
      <translation>Blokerende problemer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" />
      <source>Blocking problems: fix them before computing indicators.</source>
      <translation>Blokerende problemer: ret dem, før indikatorerne beregnes.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Blues</source>
      <translation>Blå nuancer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/styling.py" />
      <source>Boligsocial choropleth</source>
      <translation>Boligsocialt koropletkort</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/runner.py" />
      <source>Boligsocial criteria</source>
      <translation>Boligsociale kriterier</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/runner.py" />
      <source>Boligsocial criteria over time</source>
      <translation>Boligsocial kriterier over tid</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/runner.py" />
      <source>Boligsocial indicators</source>
      <translation>Boligsociale indikatorer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel.py" />
      <source>Boligsocial monitorering</source>
      <translation>Boligsocial monitorering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Boligsocial monitoring</source>
      <translation>Boligsocial monitorering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/dependencies.py" />
      <source>Boligsocial monitoring needs the Python package {names}, which this QGIS cannot import. Install it and restart QGIS. Debian or Ubuntu: sudo apt install {deb}. Windows (OSGeo4W): run the OSGeo4W setup and add {osgeo}. Other systems: python3 -m pip install {pip} for the Python that QGIS uses.</source>
      <translation>Boligsocial monitorering kræver Python-pakken {names}, som denne QGIS ikke kan importere. Installér den, og genstart QGIS. Debian eller Ubuntu: sudo apt install {deb}. Windows (OSGeo4W): kør OSGeo4W-installationsprogrammet, og tilføj {osgeo}. Andre systemer: python3 -m pip install {pip} i den Python, som QGIS bruger.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/dependencies.py" />
      <source>Boligsocial monitoring needs the Python packages {names}, which this QGIS cannot import. Install them and restart QGIS. Debian or Ubuntu: sudo apt install {deb}. Windows (OSGeo4W): run the OSGeo4W setup and add {osgeo}. Other systems: python3 -m pip install {pip} for the Python that QGIS uses.</source>
      <translation>Boligsocial monitorering kræver Python-pakkerne {names}, som denne QGIS ikke kan importere. Installér dem, og genstart QGIS. Debian eller Ubuntu: sudo apt install {deb}. Windows (OSGeo4W): kør OSGeo4W-installationsprogrammet, og tilføj {osgeo}. Andre systemer: python3 -m pip install {pip} i den Python, som QGIS bruger.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/runner.py" />
      <source>Boligsocial projection</source>
      <translation>Boligsocial fremskrivning</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/runner.py" />
      <source>Boligsocial: {alg}</source>
      <translation>Boligsocial: {alg}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/datamodel.py" />
      <source>Both '{a}' and '{b}' could be the column '{role}'. Keep one of them or choose the column explicitly.</source>
      <translation>Både '{a}' og '{b}' kan være kolonnen '{role}'. Behold kun den ene, eller vælg kolonnen eksplicit.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>CRS of the area geometries</source>
      <translation>Koordinatsystem for områdernes geometri</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>CRS of the x/y columns</source>
      <translation>Koordinatsystem for x/y-kolonnerne</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Came</source>
      <translation>Kom</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Came from outside the areas</source>
      <translation>Kom udefra</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Came or left</source>
      <translation>Kom eller flyttede</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Came or left per 100 residents</source>
      <translation>Kom eller flyttede pr. 100 beboere</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Cancel</source>
      <translation>Annuller</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" />
      <source>Cancelled.</source>
      <translation>Annulleret.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Cancelled: no output was written.</source>
      <translation>Annulleret: der blev ikke skrevet noget resultat.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/errors.py" />
      <source>Cancelled: the run was stopped before it finished; any output it left is incomplete and must not be used.</source>
      <translation>Afbrudt: kørslen blev stoppet før den var færdig; uddata den har efterladt, er ufuldstændige og må ikke bruges.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/runner.py" />
      <source>Cancelled; nothing was loaded.</source>
      <translation>Annulleret; intet blev indlæst.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel.py" />
      <source>Cancelling…</source>
      <translation>Annullerer…</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/pgsession.py" />
      <source>Cannot connect to the database of the person layer: {err}</source>
      <translation>Kan ikke forbinde til personlagets database: {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel.py" />
      <source>Cannot save results in {path}: the folder does not exist or is not writable. Choose another file under 'Save results in'.</source>
      <translation>Resultaterne kan ikke gemmes i {path}: mappen findes ikke, eller der kan ikke skrives i den. Vælg en anden fil under 'Gem resultater i'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Carry rule: {c} of {n} figures repeat an earlier snapshot's value because fewer than {m} of their persons changed since; {h} kept hidden for the same reason; {r} as earlier releases showed them (field figures_as_of); the carry rule took {s} s.</source>
      <translation>Fremføringsreglen: {c} af {n} tal gentager værdien fra et tidligere øjebliksbillede, fordi færre end {m} af deres personer har ændret sig siden; {h} holdes skjult af samme grund; {r} som tidligere udgivelser viste dem (feltet figures_as_of); fremføringsreglen tog {s} s.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Categories add up to the total</source>
      <translation>Kategorierne summerer til totalen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Categories: {c}</source>
      <translation>Kategorier: {c}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Category</source>
      <translation>Kategori</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>Category (state lists)</source>
      <translation>Kategori (statens lister)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Category certain (1 = yes)</source>
      <translation>Kategorien er sikker (1 = ja)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>Category uncertain: {why}.</source>
      <translation>Kategorien er usikker: {why}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>Category: {c}</source>
      <translation>Kategori: {c}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/engine.py" />
      <source>Cell {cell} can be computed from the published relations whatever else is hidden (for example a sub-area that is the only child of its parent); remove that relation or merge the area.</source>
      <translation>Celle {cell} kan beregnes ud fra de offentliggjorte relationer, uanset hvad der ellers skjules (fx et delområde, der er det eneste i sit overordnede område); fjern relationen, eller sammenlæg området.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Cells hidden by a primary rule</source>
      <translation>Celler skjult af en primær regel</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Cells hidden by secondary suppression</source>
      <translation>Celler skjult ved sekundær diskretionering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Cells hidden by the area minimum</source>
      <translation>Celler skjult af områdeminimum</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Cells hidden: {p} primary (P), {s} secondary (S), {a} area minimum (A); {n} published.</source>
      <translation>Skjulte celler: {p} primær (P), {s} sekundær (S), {a} områdeminimum (A); {n} offentliggjort.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>Change from {first} to {last} over {n} snapshots; projected to {p}.</source>
      <translation>Udvikling fra {first} til {last} over {n} opgørelsestidspunkter; fremskrevet til {p}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/change.py" />
      <source>Change over time needs at least two reference dates in the period; the extract has {n} ({dates}).</source>
      <translation>Udvikling over tid kræver mindst to opgørelsesdatoer i perioden; udtrækket har {n} ({dates}).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>Change per area</source>
      <translation>Udvikling pr. område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Charted before the areas to watch, e.g. the areas a committee follows.</source>
      <translation>Vises før områderne at holde øje med, fx de områder et udvalg følger.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Checking the keys</source>
      <translation>Kontrollerer nøglerne</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" />
      <source>Checks a person extract against the data model (README, 'Data model') and reports every problem as a table with a count and example row numbers (1 = first data row): missing or duplicate columns, values of the wrong type, out-of-range values (age outside 0-125, outside_fte outside 0..1, codes other than 0/1), unknown sex codes, duplicate person keys within a reference date, CPR-shaped keys, rows without location and columns that look like direct identifiers.&lt;br&gt;Severity 'blocking' stops 'Compute indicators'; 'warning' is counted and reported. The verdict is ok, warnings or blocking. No person-level values are written: the table holds counts and row numbers only. A PostGIS table is checked in the database (the same problems and counts, without example rows).</source>
      <translation>Kontrollerer et personudtræk i forhold til datamodellen (README, afsnittet 'Data model') og rapporterer hvert problem i en tabel med antal og eksempler på rækkenumre (1 = første datarække): manglende eller dublerede kolonner, værdier af forkert type, værdier uden for det gyldige interval (alder uden for 0-125, outside_fte uden for 0..1, andre koder end 0/1), ukendte kønskoder, dublerede personnøgler inden for en opgørelsesdato, nøgler formet som CPR-numre, rækker uden placering og kolonner, der ligner direkte identifikatorer.&lt;br&gt;Alvorligheden 'blocking' stopper 'Beregn indikatorer'; 'warning' tælles og rapporteres. Konklusionen er ok, warnings eller blocking. Der skrives ingen værdier på personniveau: tabellen indeholder kun antal og rækkenumre. En PostGIS-tabel kontrolleres i databasen (de samme problemer og antal, uden eksempelrækker).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/definitions.py" />
      <source>Children 0-17</source>
      <translation>Børn 0-17 år</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Choose a map picture (PNG) or a report (PDF) to write.</source>
      <translation>Vælg et kortbillede (PNG) eller en rapport (PDF), der skal skrives.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel.py" />
      <source>Choose a person extract layer (add it to the project first).</source>
      <translation>Vælg et lag med personudtrækket (føj det til projektet først).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Choose a report (PDF) or a picture of the charts (PNG) to write.</source>
      <translation>Vælg en rapport (PDF) eller et billede af graferne (PNG) der skal skrives.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel.py" />
      <source>Choose an area layer with polygons.</source>
      <translation>Vælg et områdelag med polygoner.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/tables.py" />
      <source>Choose at least one count column to protect.</source>
      <translation>Vælg mindst én antalskolonne, der skal beskyttes.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Choose at least one count field.</source>
      <translation>Vælg mindst ét antalsfelt.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel.py" />
      <source>Choose the field holding the area id.</source>
      <translation>Vælg feltet med område-id.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Cividis (yellow to blue)</source>
      <translation>Cividis (gul til blå)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/map_report.py" />
      <source>Classes: {method}, computed from published values only.</source>
      <translation>Klasser: {method}, beregnet alene ud fra offentliggjorte værdier.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Classification method</source>
      <translation>Klassifikationsmetode</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Click an area on the map to see its profile.</source>
      <translation>Klik på et område på kortet for at se dets profil.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Colour ramp</source>
      <translation>Farveforløb</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Column</source>
      <translation>Kolonne</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Column holding the CPR number (or other direct key)</source>
      <translation>Kolonne med CPR-nummeret (eller en anden direkte nøgle)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with convicted (0/1)</source>
      <translation>Kolonne med dømt (0/1)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with in education (0/1)</source>
      <translation>Kolonne med under uddannelse (0/1)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with non-western origin (0/1)</source>
      <translation>Kolonne med ikke-vestlig oprindelse (0/1)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with only basic schooling (0/1)</source>
      <translation>Kolonne med kun grundskole (0/1)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with single-parent household (0/1)</source>
      <translation>Kolonne med enlig forsørger-husstand (0/1)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with taxpayer (0/1)</source>
      <translation>Kolonne med skattepligtig (0/1)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with the address id</source>
      <translation>Kolonne med adresse-id</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with the age</source>
      <translation>Kolonne med alder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with the gross income</source>
      <translation>Kolonne med bruttoindkomst</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with the household id</source>
      <translation>Kolonne med husstands-id</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with the person key</source>
      <translation>Kolonne med personnøgle</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with the reference date</source>
      <translation>Kolonne med opgørelsesdato</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with the sex</source>
      <translation>Kolonne med køn</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Column with the share outside the labour market (0-1)</source>
      <translation>Kolonne med andel uden for arbejdsmarkedet (0-1)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Columns dropped (key and direct identifiers): {cols}</source>
      <translation>Udeladte kolonner (nøgle og direkte identifikatorer): {cols}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>Columns that look like direct identifiers ({cols}) are ignored and never written. Remove them from the extract.</source>
      <translation>Kolonner, der ligner direkte identifikatorer ({cols}), ignoreres og skrives aldrig. Fjern dem fra udtrækket.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Compute indicators</source>
      <translation>Beregn indikatorer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" />
      <source>Compute indicators…</source>
      <translation>Beregn indikatorer…</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Compute this reference date of the extract only. Empty computes every date in the extract. On the command line: REF_DATE=2025-01-01.</source>
      <translation>Beregn kun denne opgørelsesdato i udtrækket. Tom beregner alle datoer i udtrækket. På kommandolinjen: REF_DATE=2025-01-01.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>Computes every indicator at every snapshot (as 'Compute indicators' does for all dates, with the same discretion over all snapshots together) and, per area and indicator C: C_first and C_last (the values at the area's first and last published snapshot of the period), C_change (last minus first), C_trend (least-squares change per year over every published snapshot) and C_projected (the trend line at the projection date, default the next 1 January).&lt;br&gt;&lt;br&gt;&lt;b&gt;SERIES&lt;/b&gt; is the indicator layer at every snapshot (the fields of 'Compute indicators'); it opens in QGIS with temporal properties on ref_date, so the Temporal Controller animates it.&lt;br&gt;Everything is computed from published values only: a snapshot hidden because too few persons changed since the next one does not count, and a suppressed value is never used.&lt;br&gt;&lt;br&gt;&lt;b&gt;Carry rule&lt;/b&gt; (with perturbation): a figure shows a new value only when at least the smallest published count of its persons changed since its last shown value; otherwise it repeats that value, so an unchanged group is never published as many noisy copies. The SERIES field figures_as_of gives the date of the oldest repeated value of the row.</source>
      <translation>Beregner alle indikatorer på hvert opgørelsestidspunkt (som 'Beregn indikatorer' gør for alle datoer, med samme diskretion for alle tidspunkter samlet) og pr. område og indikator C: C_first og C_last (værdierne på områdets første og sidste offentliggjorte tidspunkt i perioden), C_change (sidste minus første), C_trend (ændring pr. år efter mindste kvadraters metode over alle offentliggjorte tidspunkter) og C_projected (trendlinjen på fremskrivningsdatoen, som standard næste 1. januar).&lt;br&gt;&lt;br&gt;&lt;b&gt;SERIES&lt;/b&gt; er indikatorlaget på hvert tidspunkt (felterne fra 'Beregn indikatorer'); det åbner i QGIS med tidsegenskaber på ref_date, så Temporal Controller kan animere det.&lt;br&gt;Alt beregnes kun ud fra offentliggjorte værdier: et tidspunkt der er skjult fordi for få personer har ændret sig til det næste, tæller ikke med, og en diskretioneret værdi bruges aldrig.&lt;br&gt;&lt;br&gt;&lt;b&gt;Fremføringsregel&lt;/b&gt; (med perturbation): et tal viser kun en ny værdi, når mindst det mindste publicerede antal af dets personer har ændret sig siden den sidst viste værdi; ellers gentager det den værdi, så en uændret gruppe aldrig udgives som mange støjede kopier. SERIES-feltet figures_as_of angiver datoen for rækkens ældste gentagne værdi.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Computing pseudonyms</source>
      <translation>Beregner pseudonymer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>Convicted</source>
      <translation>Dømte</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/charts.py" />
      <source>Convicted (× national rate)</source>
      <translation>Dømte (× landsgennemsnit)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/definitions.py" />
      <source>Convicted, residents 18 and over</source>
      <translation>Dømte, beboere på 18 år og derover</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>Convicted, times the national rate</source>
      <translation>Dømte, antal gange landsgennemsnittet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Coordinate reference system of the x/y columns; default EPSG:25832 (ETRS89 / UTM zone 32N), the Danish standard.</source>
      <translation>Koordinatsystemet for x/y-kolonnerne; standard er EPSG:25832 (ETRS89 / UTM zone 32N), den danske standard.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/text.py" />
      <source>Could be {category}: not every criterion can be projected.</source>
      <translation>Kan blive {category}: ikke alle kriterier kan fremskrives.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/csvread.py" />
      <source>Could not find the column separator in {path}: the first line has no ';', ',' or tab. Is it a CSV file?</source>
      <translation>Kunne ikke finde kolonneseparatoren i {path}: første linje indeholder hverken ';', ',' eller tabulator. Er det en CSV-fil?</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>Could not open '{dest}' to style it.</source>
      <translation>Kunne ikke åbne '{dest}' for at give det en stil.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Could not open the outputs to draw the report.</source>
      <translation>Kunne ikke åbne uddata for at tegne rapporten.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/runner.py" />
      <source>Could not open the result {path}.</source>
      <translation>Kunne ikke åbne resultatet {path}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/styling.py" />
      <source>Could not save the style into '{src}': {err}</source>
      <translation>Kunne ikke gemme stilen i '{src}': {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/results.py" />
      <source>Could not style {field}: {err}</source>
      <translation>Kunne ikke give {field} en stil: {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/report.py" />
      <source>Could not write the PDF '{path}' (error {code}).</source>
      <translation>Kunne ikke skrive PDF-filen '{path}' (fejl {code}).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/audit.py" />
      <source>Could not write the audit log ({err}). The run itself is not affected; check the setting {key} or the environment variable BOLIGSOCIAL_AUDIT_LOG.</source>
      <translation>Kunne ikke skrive brugsloggen ({err}). Selve kørslen påvirkes ikke; kontroller indstillingen {key} eller miljøvariablen BOLIGSOCIAL_AUDIT_LOG.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>Could not write the picture '{path}'.</source>
      <translation>Kunne ikke skrive billedet '{path}'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/styling.py" />
      <source>Could not write the style file '{path}': {err}</source>
      <translation>Kunne ikke skrive stilfilen '{path}': {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/writer.py" />
      <source>Could not write to the output: {err}</source>
      <translation>Resultatet kunne ikke skrives: {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>Count / base</source>
      <translation>Antal / grundlag</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Count fields (categories)</source>
      <translation>Antalsfelter (kategorier)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Counts below this are never published (NULL and flag P).</source>
      <translation>Antal under denne grænse offentliggøres aldrig (NULL og flag P).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Criteria</source>
      <translation>Kriterier</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Criteria at every snapshot</source>
      <translation>Kriterier på hvert opgørelsestidspunkt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Criteria at every snapshot (SERIES of monitorcriteria)</source>
      <translation>Kriterier på hvert opgørelsestidspunkt (SERIES fra monitorcriteria)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Criteria layer (from Assess state criteria)</source>
      <translation>Kriterielag (fra Vurder statens kriterier)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Criteria layer: classes and units follow rule set {rs}.</source>
      <translation>Kriterielag: klasser og enheder følger regelsæt {rs}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>Criteria met</source>
      <translation>Opfyldte kriterier</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Criteria met, {list}</source>
      <translation>Opfyldte kriterier, {list}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Criteria near the threshold</source>
      <translation>Kriterier tæt på grænseværdien</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Criteria trend and projection</source>
      <translation>Kriteriernes udvikling og fremskrivning</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Criteria trend and projection (OUTPUT of monitorcriteria)</source>
      <translation>Kriteriernes udvikling og fremskrivning (OUTPUT fra monitorcriteria)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Custom (numbers below)</source>
      <translation>Tilpasset (tallene nedenfor)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/csvformat.py" />
      <source>Danish (Excel): ; and decimal comma</source>
      <translation>Dansk (Excel): ; og decimalkomma</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Data preparation</source>
      <translation>Dataforberedelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Database schema</source>
      <translation>Databaseskema</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Default</source>
      <translation>Standard</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>Default: &lt;5 hidden, areas ≥50</source>
      <translation>Standard: &lt;5 skjules, områder ≥50</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Description</source>
      <translation>Beskrivelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Destination</source>
      <translation>Til område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Details</source>
      <translation>Detaljer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Discretion</source>
      <translation>Diskretionering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Discretion audit report</source>
      <translation>Kontrolrapport for diskretionering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Discretion flag</source>
      <translation>Diskretionsflag</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Discretion preset (overrides the two numbers below)</source>
      <translation>Forudindstilling for diskretionering (tilsidesætter de to tal nedenfor)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>Discretion thresholds cannot be negative.</source>
      <translation>Diskretionsgrænser kan ikke være negative.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Discretion: smallest published count {c}, smallest area {r} residents; {p} primary, {s} secondary, {a} area suppressions.</source>
      <translation>Diskretion: mindste offentliggjorte antal {c}, mindste område {r} beboere; {p} primære, {s} sekundære og {a} områdediskretioneringer.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Discretion: smallest published count {c}, smallest area {r} residents; {p} primary, {s} secondary, {a} area suppressions; {fh} of {f} flows suppressed.</source>
      <translation>Diskretion: mindste offentliggjorte antal {c}, mindste område {r} beboere; {p} primære, {s} sekundære, {a} område-undertrykkelser; {fh} af {f} flytningsstrømme skjult.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Dissolving {k} regions</source>
      <translation>Samler geometrien for {k} sammenlagte områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Draw a north arrow on the report's map.</source>
      <translation>Tegn en nordpil på rapportens kort.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Drawing the flow map and the report</source>
      <translation>Tegner flytningskortet og rapporten</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Drawing the map picture</source>
      <translation>Tegner kortbilledet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Drawing the trend charts</source>
      <translation>Tegner udviklingsgraferne</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Draws a field of an indicator or criteria layer as a choropleth (suppressed values grey hatched) and writes a PNG of the map and a one-page PDF report: title, map, legend, scale bar, north arrow, source and date, a note on discretion and a table of the areas sorted by the value (suppressed values last).&lt;br&gt;&lt;br&gt;&lt;b&gt;Double map&lt;/b&gt;: give a second field (another indicator of the same layer), a second reference date (the same indicator another year) or a second layer; the two maps are drawn side by side. The same field on both maps shares one set of classes, so colours compare.&lt;br&gt;&lt;br&gt;&lt;b&gt;Reference date&lt;/b&gt;: when the layer holds several dates and none is given, the latest is drawn.&lt;br&gt;&lt;br&gt;The user's layers are not changed: the maps are drawn from copies.</source>
      <translation>Tegner et felt fra et indikator- eller kriterielag som koropletkort (diskretionerede værdier med grå skravering) og skriver et PNG-billede af kortet og en PDF-rapport på én side: titel, kort, signaturforklaring, målestok, nordpil, kilde og dato, en note om diskretionering og en tabel over områderne sorteret efter værdi (diskretionerede værdier sidst).&lt;br&gt;&lt;br&gt;&lt;b&gt;Dobbeltkort&lt;/b&gt;: angiv et andet felt (en anden indikator fra samme lag), en anden opgørelsesdato (samme indikator et andet år) eller et andet lag; de to kort tegnes side om side. Samme felt på begge kort deler ét sæt klasser, så farverne kan sammenlignes.&lt;br&gt;&lt;br&gt;&lt;b&gt;Opgørelsesdato&lt;/b&gt;: når laget indeholder flere datoer, og ingen er angivet, tegnes den seneste.&lt;br&gt;&lt;br&gt;Brugerens lag ændres ikke: kortene tegnes ud fra kopier.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Draws the same field on another date beside the first map.</source>
      <translation>Tegner det samme felt på en anden dato ved siden af det første kort.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Drop rows with malformed keys (else the run stops)</source>
      <translation>Udelad rækker med fejlformaterede nøgler (ellers stopper kørslen)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Dropped columns</source>
      <translation>Udeladte kolonner</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>E.g. housing type or urban/rural: adds the moves between groups.</source>
      <translation>Fx boligtype eller by/land: tilføjer flytningerne mellem grupperne.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>E.g. the omdannelsesområder: where did their movers go?</source>
      <translation>Fx omdannelsesområderne: hvor flyttede deres fraflyttere hen?</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Earlier categories (table: area_id, year, category)</source>
      <translation>Tidligere kategorier (tabel: area_id, year, category)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Earlier releases</source>
      <translation>Tidligere udgivelser</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>East coordinate of each person in the CRS below; only for tables without geometry.</source>
      <translation>Hver persons østkoordinat i koordinatsystemet nedenfor; kun for tabeller uden geometri.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/watch.py" />
      <source>Enters a list or a more severe category</source>
      <translation>Kommer på en liste eller i en mere alvorlig kategori</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Equal intervals</source>
      <translation>Lige store intervaller</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Every row with person_id instead of the key, without direct identifiers. Personal data: keep it internal.</source>
      <translation>Alle rækker med person_id i stedet for nøglen og uden direkte identifikatorer. Personoplysninger: hold dem internt.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Example rows</source>
      <translation>Eksempler på rækker</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Explanation</source>
      <translation>Forklaring</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Export map and report</source>
      <translation>Eksportér kort og rapport</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Export monitoring report</source>
      <translation>Eksportér monitoreringsrapport</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Export results to the shared model</source>
      <translation>Eksportér resultater til den fælles model</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Extra indicators</source>
      <translation>Ekstra indikatorer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Extra indicators computed besides the built-in ones: a JSON list of numerator, population and type. Start from {path}.</source>
      <translation>Ekstra indikatorer, der beregnes ud over de indbyggede: en JSON-liste med tæller, population og type. Tag udgangspunkt i {path}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>FROM_DATE ({a}) must be before TO_DATE ({b}).</source>
      <translation>FROM_DATE ({a}) skal ligge før TO_DATE ({b}).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Field to map</source>
      <translation>Felt, der skal vises på kortet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>File</source>
      <translation>Fil</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Find out from the data</source>
      <translation>Find ud af det ud fra data</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Finding neighbours of {n} areas</source>
      <translation>Finder naboer til {n} områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>First snapshot</source>
      <translation>Første opgørelsestidspunkt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>First snapshot (empty = the earliest)</source>
      <translation>Første opgørelsestidspunkt (tom = det tidligste)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>Fix them in the source, or tick 'Drop rows with malformed keys' to leave those rows out (they are counted).</source>
      <translation>Ret dem i kilden, eller markér 'Udelad rækker med fejlformaterede nøgler' for at udelade rækkerne (de tælles med).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Flow map (PNG)</source>
      <translation>Flytningskort (PNG)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>Flows</source>
      <translation>Flytninger</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Flows between areas</source>
      <translation>Flytninger mellem områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Flows published</source>
      <translation>Offentliggjorte flytningsstrømme</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Flows suppressed</source>
      <translation>Skjulte flytningsstrømme</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>Flows with fewer than {n} persons, and flows hidden to protect them, are not drawn; counts below {n} are never shown.</source>
      <translation>Flytninger med færre end {n} personer, og flytninger skjult for at beskytte dem, er ikke tegnet; antal under {n} vises aldrig.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>Focus areas</source>
      <translation>Fokusområder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Focus areas (area ids, comma-separated)</source>
      <translation>Fokusområder (område-id'er, kommasepareret)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Focus areas (expression on the areas)</source>
      <translation>Fokusområder (udtryk på områderne)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>Focus areas ({areas}): {res} residents at the first date; {stay} stayed, {moved} moved to other areas and {left} left the areas (moved away, died or without location).</source>
      <translation>Fokusområder ({areas}): {res} beboere på første dato; {stay} blev boende, {moved} flyttede til andre områder og {left} forlod områderne (fraflyttet, død eller uden adresse).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Folder</source>
      <translation>Mappe</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/csvformat.py" />
      <source>Follow QGIS's language</source>
      <translation>Følg QGIS' sprog</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Follow change over time</source>
      <translation>Følg udviklingen over tid</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/postgis.py" />
      <source>Following every person between the two dates in the database</source>
      <translation>Følger hver person mellem de to datoer i databasen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Follows every person by the pseudonymised person key from FROM_DATE to TO_DATE (default: the two latest dates of the extract) and counts per area: residents_from, residents_to, stayers (in the area on both dates), in_movers (in another area at FROM_DATE), out_movers (in another area at TO_DATE), in_from_outside (in no area at FROM_DATE: new in the extract, outside every area or without location), out_to_outside, net (residents_to − residents_from) and turnover (all who came or left), each with a _flag ('' published, P primary, S secondary suppression, A area below the minimum). turnover_pct is turnover per 100 residents (mean of the two dates).&lt;br&gt;&lt;br&gt;&lt;b&gt;Elevator effect&lt;/b&gt;: for each profile indicator C, C_in (everyone who came, at TO_DATE), C_out (everyone who left, at FROM_DATE) and C_stay (the stayers, at TO_DATE), in the indicator's unit (percent, or kroner for income).&lt;br&gt;&lt;br&gt;&lt;b&gt;Flows&lt;/b&gt; (FLOWS): one line per pair of areas with a published flow, from the origin to the destination, with persons and flag; suppressed flows are not listed (a listed flow would tell that somebody moved). The layer is styled as a flow map (width by persons, arrows).&lt;br&gt;&lt;br&gt;&lt;b&gt;Waterbed effect&lt;/b&gt;: give focus areas (FOCUS_AREAS: area ids, or an expression on the areas, e.g. "designed" = 'parallelsamfund'); OUTPUT then gets from_focus (persons who moved from a focus area into the area) and from_focus_pct (their share of its in_movers), flows from the focus areas are drawn orange, and the report lists where the focus areas' movers went.&lt;br&gt;&lt;br&gt;&lt;b&gt;Groups&lt;/b&gt;: GROUP_FIELD (an area attribute such as housing type or urban/rural) adds GROUP_FLOWS: moves between groups, e.g. from public housing into private rental in the countryside on one line.&lt;br&gt;&lt;br&gt;&lt;b&gt;Discretion&lt;/b&gt;: flows form a two-way table with the in/out totals: flows below the smallest published count are hidden, and further cells are hidden until the attacker's audit (every relation between the counts, the flows, the profiles and the indicator layer of both dates; counts never negative) shows no hidden figure can be computed or narrowed below the protection width. Published counts carry the same cell-key noise as computeindicators (PERTURBATION=off for exact values). Every published count and profile figure is recorded with its persons in the release register (REGISTER_MODE, RELEASE_REGISTER; also from a database), and protected against what earlier releases published there.&lt;br&gt;&lt;br&gt;A person key twice on one of the two dates stops the run (with the rows); probably changed keys (someone vanishing while a person of the same sex, origin and age appears at the same address) are reported.</source>
      <translation>Følger hver person via den pseudonymiserede personnøgle fra FROM_DATE til TO_DATE (standard: udtrækkets to seneste datoer) og tæller pr. område: residents_from, residents_to, stayers (i området på begge datoer), in_movers (i et andet område på FROM_DATE), out_movers (i et andet område på TO_DATE), in_from_outside (i intet område på FROM_DATE: ny i udtrækket, uden for alle områder eller uden placering), out_to_outside, net (residents_to − residents_from) og turnover (alle der kom eller flyttede), hver med et _flag ('' offentliggjort, P primær, S sekundær undertrykkelse, A område under minimum). turnover_pct er til- og fraflytning pr. 100 beboere (gennemsnit af de to datoer).&lt;br&gt;&lt;br&gt;&lt;b&gt;Elevatoreffekt&lt;/b&gt;: for hver profilindikator C: C_in (alle der kom, på TO_DATE), C_out (alle der flyttede, på FROM_DATE) og C_stay (de der blev boende, på TO_DATE) i indikatorens enhed (procent, eller kroner for indkomst).&lt;br&gt;&lt;br&gt;&lt;b&gt;Flytninger&lt;/b&gt; (FLOWS): én linje pr. par af områder med en offentliggjort flytning, fra fra-område til til-område, med personer og flag; skjulte flytninger står ikke i tabellen (en linje ville fortælle, at nogen er flyttet). Laget får en flytningskort-stil (bredde efter personer, pile).&lt;br&gt;&lt;br&gt;&lt;b&gt;Vandsengseffekt&lt;/b&gt;: angiv fokusområder (FOCUS_AREAS: område-id'er, eller et udtryk på områderne, fx "designed" = 'parallelsamfund'); OUTPUT får så from_focus (personer der flyttede fra et fokusområde ind i området) og from_focus_pct (deres andel af områdets in_movers), flytninger fra fokusområderne tegnes orange, og rapporten viser hvor fokusområdernes fraflyttere flyttede hen.&lt;br&gt;&lt;br&gt;&lt;b&gt;Grupper&lt;/b&gt;: GROUP_FIELD (en områdeattribut som boligtype eller by/land) tilføjer GROUP_FLOWS: flytninger mellem grupper, fx fra almene boliger til privat udlejning på landet på én linje.&lt;br&gt;&lt;br&gt;&lt;b&gt;Diskretion&lt;/b&gt;: flytningerne er en krydstabel med til- og fraflytningstotalerne: flytninger under mindste offentliggjorte antal skjules, og flere celler skjules, indtil angriberens kontrol (alle sammenhænge mellem antallene, flytningerne, profilerne og indikatorlaget på begge datoer; antal aldrig negative) viser at intet skjult tal kan beregnes eller indsnævres under beskyttelsesbredden. Offentliggjorte antal har samme cellenøgle-støj som computeindicators (PERTURBATION=off giver eksakte værdier). Hvert offentliggjort antal og profiltal registreres med sine personer i udgivelsesregistret (REGISTER_MODE, RELEASE_REGISTER; også fra en database) og beskyttes mod det, tidligere udgivelser har offentliggjort dér.&lt;br&gt;&lt;br&gt;En personnøgle to gange på en af de to datoer stopper kørslen (med rækkerne); sandsynligt ændrede nøgler (én forsvinder, mens en person med samme køn, herkomst og alder dukker op på samme adresse) rapporteres.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Follows the state criteria for udsatte boligområder, parallelsamfund, omdannelsesområder and forebyggelsesområder (almenboligloven § 61 a and § 61 b) through many snapshots (monthly, quarterly or yearly) and shows where each area is heading: what the list computed at the projection date (default the next 1 January, the date the next list is computed from) would say if the trends continue.&lt;br&gt;&lt;br&gt;&lt;b&gt;At every snapshot&lt;/b&gt; the criteria are computed as the list would compute them from that date, with the same code as 'Assess state criteria': two-year means over that date and the snapshot a year earlier, history as the lists were made.&lt;br&gt;&lt;b&gt;Trend&lt;/b&gt;: the least-squares change per year of each criterion's value at each snapshot alone, over the published snapshots of the trend window (default the last 12 months). &lt;b&gt;Projection&lt;/b&gt;: the trend line at the projection date; two-year criteria are then averaged with the snapshot a year before it, as the list does.&lt;br&gt;&lt;br&gt;&lt;b&gt;OUTPUT&lt;/b&gt;, one row per area: category now, projected_category, a plain-language warning (e.g. 'Will become udsat boligområde at the next computation if the trend continues: outside labour market … reaches 41.0 % (threshold 40 %)'), and per criterion K: K_val (latest), K_trend (per year, in K's unit) and K_projected.&lt;br&gt;&lt;b&gt;SERIES&lt;/b&gt;, one row per area and snapshot with the criteria and the category; it opens in QGIS with temporal properties on ref_date, so the Temporal Controller animates it.&lt;br&gt;&lt;br&gt;Missing months, irregular snapshots and areas appearing or vanishing are handled and reported in the log. Every value is published under the same discretion as 'Compute indicators' for all snapshots together (primary and secondary suppression, snapshots that differ by too few persons hidden, perturbation); trends and projections use published values only. With perturbation a figure shows a new value only when at least the smallest published count of its persons changed since its last shown value (the carry rule); the SERIES field figures_as_of gives the date of the oldest repeated value of the row.</source>
      <translation>Følger statens kriterier for udsatte boligområder, parallelsamfund, omdannelsesområder og forebyggelsesområder (almenboligloven § 61 a og § 61 b) gennem mange opgørelsestidspunkter (månedlige, kvartalsvise eller årlige) og viser hvor hvert område er på vej hen: hvad listen opgjort på fremskrivningsdatoen (som standard næste 1. januar, datoen den næste liste opgøres fra) vil sige, hvis udviklingen fortsætter.&lt;br&gt;&lt;br&gt;&lt;b&gt;På hvert tidspunkt&lt;/b&gt; beregnes kriterierne som listen ville beregne dem fra den dato, med samme kode som 'Vurdér statens kriterier': toårsgennemsnit over datoen og tidspunktet et år før, historik som listerne blev lavet.&lt;br&gt;&lt;b&gt;Udvikling&lt;/b&gt;: ændringen pr. år efter mindste kvadraters metode af hvert kriteries værdi på hvert tidspunkt for sig, over de offentliggjorte tidspunkter i udviklingsvinduet (som standard de seneste 12 måneder). &lt;b&gt;Fremskrivning&lt;/b&gt;: trendlinjen på fremskrivningsdatoen; toårskriterier midles derefter med tidspunktet et år før, som listen gør.&lt;br&gt;&lt;br&gt;&lt;b&gt;OUTPUT&lt;/b&gt;, én række pr. område: kategori nu, projected_category, en advarsel i almindeligt sprog (fx 'Vil blive udsat boligområde ved næste opgørelse, hvis udviklingen fortsætter: uden for arbejdsmarkedet … når 41,0 % (grænse 40 %)'), og pr. kriterium K: K_val (seneste), K_trend (pr. år, i K's enhed) og K_projected.&lt;br&gt;&lt;b&gt;SERIES&lt;/b&gt;, én række pr. område og tidspunkt med kriterierne og kategorien; det åbner i QGIS med tidsegenskaber på ref_date, så Temporal Controller kan animere det.&lt;br&gt;&lt;br&gt;Manglende måneder, uregelmæssige tidspunkter og områder der opstår eller forsvinder håndteres og står i loggen. Alle værdier offentliggøres med samme diskretion som 'Beregn indikatorer' for alle tidspunkter samlet (primær og sekundær diskretion, tidspunkter der adskiller sig med for få personer skjules, støj); udvikling og fremskrivning bruger kun offentliggjorte værdier. Med perturbation viser et tal kun en ny værdi, når mindst det mindste publicerede antal af dets personer har ændret sig siden den sidst viste værdi (fremføringsreglen); SERIES-feltet figures_as_of angiver datoen for rækkens ældste gentagne værdi.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>Forebyggelsesområde</source>
      <translation>Forebyggelsesområde</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>Forebyggelsesområder list</source>
      <translation>Listen over forebyggelsesområder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/params.py" />
      <source>Form of CSV outputs</source>
      <translation>Form på CSV-uddata</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Frederiksberg 250, SØK 50, Statistics Denmark about 200 (check your data agreement).</source>
      <translation>Frederiksberg 250, SØK 50, Danmarks Statistik omkring 200 (kontroller jeres dataaftale).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>Frederiksberg: ≥250</source>
      <translation>Frederiksberg: ≥250</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Free text written with the run (bs_run.note), e.g. what the run was for.</source>
      <translation>Fritekst, der skrives med kørslen (bs_run.note), fx hvad kørslen var til.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>From a focus area (1 = yes)</source>
      <translation>Fra et fokusområde (1 = ja)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>From area</source>
      <translation>Fra område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>From area (name)</source>
      <translation>Fra område (navn)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>From date</source>
      <translation>Fra dato</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>From date (empty = the second latest date)</source>
      <translation>Fra dato (tom = den næstseneste dato)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>From group</source>
      <translation>Fra gruppe</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Gap tolerance for neighbours (layer units; 0 = boundaries must coincide)</source>
      <translation>Tolerance for huller mellem naboer (lagets enheder; 0 = grænserne skal falde sammen)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>GeoPackage (*.gpkg)</source>
      <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>GeoPackage (the model's tables are added or appended)</source>
      <translation>GeoPackage (modellens tabeller oprettes eller udvides)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>GeoPackage the results are saved in; every run adds its layers (with their styles), so earlier results stay. Default: boligsocial.gpkg in the project folder. Empty: temporary files.</source>
      <translation>GeoPackage, som resultaterne gemmes i; hver kørsel tilføjer sine lag (med deres stil), så tidligere resultater bevares. Standard: boligsocial.gpkg i projektmappen. Tom: midlertidige filer.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Geographies per date that may show a person's income (0 = no limit)</source>
      <translation>Geografier pr. dato, der må vise en persons indkomst (0 = ingen grænse)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Give a residents field of the areas or a person extract to count residents from.</source>
      <translation>Angiv et beboerfelt i områdelaget eller et personudtræk, som beboerne kan tælles ud fra.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Give an indicator layer, a criteria layer or both.</source>
      <translation>Angiv et indikatorlag, et kriterielag eller begge.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Give either a GeoPackage or a PostgreSQL connection to write to.</source>
      <translation>Angiv enten en GeoPackage eller en PostgreSQL-forbindelse at skrive til.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Give either a residents field or a person extract, not both.</source>
      <translation>Angiv enten et beboerfelt eller et personudtræk, ikke begge.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Give the key either as a file or as an authentication configuration, not both.</source>
      <translation>Angiv nøglen enten som fil eller som godkendelseskonfiguration, ikke begge.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Group</source>
      <translation>Gruppe</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Group destinations by (area attribute)</source>
      <translation>Gruppér til-områder efter (områdeattribut)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Groups rows (e.g. areas in a district): the group's sums count as published, so a hidden cell is also protected against them.</source>
      <translation>Grupperer rækker (fx områder i et distrikt): gruppens summer regnes som offentliggjorte, så en skjult celle også beskyttes mod dem.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>HTML file</source>
      <translation>HTML-fil</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Homogeneity fields (regions alike inside; optional)</source>
      <translation>Felter for ensartethed (ensartede sammenlagte områder; valgfrit)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>How many areas get a row of charts (three rows a page).</source>
      <translation>Hvor mange områder der får en række grafer (tre rækker pr. side).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>How many areas the report's table lists, sorted by the value; 0 leaves the table out.</source>
      <translation>Hvor mange områder rapportens tabel viser, sorteret efter værdien; 0 udelader tabellen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>If the column holds another direct key than CPR numbers, untick 'The key is a CPR number' (ID_IS_CPR=false).</source>
      <translation>Hvis kolonnen indeholder en anden direkte nøgle end CPR-numre, så fjern krydset ved 'Nøglen er et CPR-nummer' (ID_IS_CPR=false).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Ignore earlier releases</source>
      <translation>Se bort fra tidligere udgivelser</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Ignored by the law method.</source>
      <translation>Ignoreres af metoden law.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/definitions.py" />
      <source>Immigrants and descendants from non-western countries</source>
      <translation>Indvandrere og efterkommere fra ikke-vestlige lande</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/tables.py" />
      <source>In {n} rows (e.g. rows {rows}) a count is larger than the total. Fix the table; the protection needs counts that fit their total.</source>
      <translation>I {n} rækker (fx række {rows}) er et antal større end totalen. Ret tabellen; beskyttelsen kræver antal, der passer med deres total.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/tables.py" />
      <source>In {n} rows (e.g. rows {rows}) the count columns add up to more than the total. Fix the table, or, if the count columns overlap (e.g. men, women and children), say so in 'Categories' (overlapping).</source>
      <translation>I {n} rækker (fx række {rows}) summerer antalskolonnerne til mere end totalen. Ret tabellen, eller angiv under 'Kategorier' (overlappende), hvis antalskolonnerne overlapper (fx mænd, kvinder og børn).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/charts.py" />
      <source>Income (% of region)</source>
      <translation>Indkomst (% af regionen)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>Indicator</source>
      <translation>Indikator</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>Indicator '{code}' uses the column(s) {cols}, which are neither in the extract nor in the data model. Check the spelling.</source>
      <translation>Indikatoren '{code}' bruger kolonnen/kolonnerne {cols}, som hverken findes i udtrækket eller i datamodellen. Kontroller stavningen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Indicator definitions (*.json)</source>
      <translation>Indikatordefinitioner (*.json)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Indicator layer (from Compute indicators)</source>
      <translation>Indikatorlag (fra Beregn indikatorer)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Indicator or criteria layer</source>
      <translation>Indikator- eller kriterielag</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Indicators</source>
      <translation>Indikatorer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>Indicators at every snapshot</source>
      <translation>Indikatorer på hvert opgørelsestidspunkt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Indicators compared between who came, stayed and left: codes of built-in indicators ({codes}) or of user-defined ones.</source>
      <translation>Indikatorer der sammenlignes mellem dem der kom, blev og flyttede: koder for indbyggede indikatorer ({codes}) eller brugerdefinerede.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Indicators of your own to use as profile indicators; start from {path}.</source>
      <translation>Egne indikatorer der kan bruges som profilindikatorer; tag udgangspunkt i {path}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Indicators skipped because the extract lacks their columns: {codes}</source>
      <translation>Indikatorer, der er sprunget over, fordi udtrækket mangler deres kolonner: {codes}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Input</source>
      <translation>Inddata</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Inspect area</source>
      <translation>Undersøg område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Instead of a key file: a QGIS authentication configuration ('Basic') whose password is the secret key.</source>
      <translation>I stedet for en nøglefil: en godkendelseskonfiguration i QGIS ('Basic'), hvis adgangskode er den hemmelige nøgle.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Internal check failed for '{f}': the protected table would publish a value the rules hide. Nothing was written; please report this.</source>
      <translation>Den interne kontrol fejlede for '{f}': den beskyttede tabel ville offentliggøre en værdi, som reglerne skjuler. Intet blev skrevet; rapportér venligst fejlen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/exact_groups.py" />
      <source>Internal error: a small group without a figure of this run.</source>
      <translation>Intern fejl: en lille gruppe uden et tal fra denne kørsel.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/csvformat.py" />
      <source>International: , and decimal point</source>
      <translation>International: , og decimalpunktum</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Intervals an attacker can narrow the hidden cells to (row, column, flag: lowest - highest):</source>
      <translation>Intervaller, som en angriber kan indsnævre de skjulte celler til (række, kolonne, flag: laveste - højeste):</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/text.py" />
      <source>It would be {category}.</source>
      <translation>Det vil blive {category}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>JSON (*.json)</source>
      <translation>JSON (*.json)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/postgis.py" />
      <source>Joining and aggregating in the database</source>
      <translation>Sammenkobler og summerer i databasen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Joining both dates to the areas</source>
      <translation>Kobler begge datoer til områderne</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Joining persons to areas</source>
      <translation>Kobler personer til områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Joins a person extract (one row per resident per reference date) to area polygons and computes one row per area and reference date with every built-in indicator as C_num (numerator or sum), C_den (denominator), C_val (percent, or the mean) and C_flag ('' published, P primary suppression, S secondary suppression, A area below the minimum). Suppressed values are NULL, never 0.&lt;br&gt;&lt;br&gt;&lt;b&gt;Join rules&lt;/b&gt;: a person exactly on a boundary shared by two areas is counted once, in the area to the east (north for an east-west boundary); a person on an outer boundary is counted in that area. Persons outside every area and rows without location are counted and reported, never silently dropped. Overlapping areas are refused by default (the message names them); set 'Overlapping areas' to 'allow' to count such persons in each area. Invalid area geometries are repaired and reported. Areas and persons in different CRSs are transformed.&lt;br&gt;&lt;br&gt;&lt;b&gt;Reference dates&lt;/b&gt;: every date in the extract gives its own rows; give a date to compute one date only. With perturbation a figure shows a new value only when at least the smallest published count of its persons changed since its last shown value (the carry rule, walked over every snapshot of the extract, also for one date: a date shows the value the series shows there); the field figures_as_of gives the date of the oldest repeated value of the row.&lt;br&gt;&lt;br&gt;&lt;b&gt;Indicators&lt;/b&gt;: outside_labour (full-time persons outside the labour market and education / residents 18-64), nonwestern (/ all), convicted (/ residents 18+), basic_edu (/ residents 30-59, unknown counts as basic), income (mean gross income of taxpayers 15-64 not in education), age_0_17, age_18_64, age_65plus, single_parent. User-defined indicators come from a JSON file; start from the shipped indicator_catalogue.json.&lt;br&gt;&lt;br&gt;The extract is checked first (see 'Validate person extract'); blocking problems stop the run with a message saying how to fix them.</source>
      <translation>Kobler et personudtræk (én række pr. beboer pr. opgørelsesdato) til områdepolygoner og beregner én række pr. område og opgørelsesdato med alle indbyggede indikatorer som C_num (tæller eller sum), C_den (nævner), C_val (procent eller gennemsnit) og C_flag ('' offentliggjort, P primær diskretionering, S sekundær diskretionering, A område under mindstegrænsen). Diskretionerede værdier er NULL, aldrig 0.&lt;br&gt;&lt;br&gt;&lt;b&gt;Regler for sammenkobling&lt;/b&gt;: en person, der ligger præcis på en grænse mellem to områder, tælles én gang, i det østlige område (det nordlige ved en øst-vest-gående grænse); en person på en ydre grænse tælles i det pågældende område. Personer uden for alle områder og rækker uden placering tælles og rapporteres – de forsvinder aldrig i stilhed. Overlappende områder afvises som standard (meddelelsen nævner dem); sæt 'Overlappende områder' til 'Tillad' (allow) for at tælle sådanne personer med i hvert område. Ugyldige områdegeometrier repareres og rapporteres. Områder og personer i forskellige koordinatsystemer transformeres.&lt;br&gt;&lt;br&gt;&lt;b&gt;Opgørelsesdatoer&lt;/b&gt;: hver dato i udtrækket giver sine egne rækker; angiv en dato for kun at beregne én dato. Med perturbation viser et tal kun en ny værdi, når mindst det mindste offentliggjorte antal af dets personer har ændret sig siden den sidst viste værdi (fremføringsreglen, gennemløbet over alle udtrækkets øjebliksbilleder, også for én dato: en dato viser den værdi, tidsserien viser der); feltet figures_as_of angiver datoen for rækkens ældste gentagne værdi.&lt;br&gt;&lt;br&gt;&lt;b&gt;Indikatorer&lt;/b&gt;: outside_labour (fuldtidspersoner uden for arbejdsmarkedet og uddannelse / beboere 18-64 år), nonwestern (/ alle), convicted (/ beboere 18+), basic_edu (/ beboere 30-59 år; ukendt uddannelse tæller som grundskole), income (gennemsnitlig bruttoindkomst for skattepligtige 15-64-årige, der ikke er under uddannelse), age_0_17, age_18_64, age_65plus, single_parent. Brugerdefinerede indikatorer hentes fra en JSON-fil; tag udgangspunkt i den medfølgende indicator_catalogue.json.&lt;br&gt;&lt;br&gt;Udtrækket kontrolleres først (se 'Valider personudtræk'); blokerende problemer stopper kørslen med en meddelelse om, hvordan de rettes.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Key file (the secret)</source>
      <translation>Nøglefil (hemmeligheden)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Keyed rounding base (0 = off)</source>
      <translation>Grundtal for nøglebaseret afrunding (0 = fra)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Keyed rounding needs a key file with a secret. Choose a key file or set the rounding base to 0.</source>
      <translation>Nøglebaseret afrunding kræver en nøglefil med en hemmelighed. Vælg en nøglefil, eller sæt grundtallet for afrunding til 0.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rounding.py" />
      <source>Keyed rounding needs a secret key; give a key or turn rounding off.</source>
      <translation>Nøglebaseret afrunding kræver en hemmelig nøgle; angiv en nøgle, eller slå afrunding fra.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Keyed rounding of published counts to multiples of {b}.</source>
      <translation>Nøglebaseret afrunding af offentliggjorte antal til multipla af {b}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Label</source>
      <translation>Betegnelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Last snapshot</source>
      <translation>Sidste opgørelsestidspunkt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>Last snapshot (empty = the latest)</source>
      <translation>Sidste opgørelsestidspunkt (tom = det seneste)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Latest snapshot {d}, projected to {p} with the trends of the last {m} months. Entering a list or a more severe category: {e}; leaving one or going to a less severe one: {l}.</source>
      <translation>Seneste opgørelsestidspunkt {d}, fremskrevet til {p} med udviklingen i de seneste {m} måneder. Kommer på en liste eller i en mere alvorlig kategori: {e}; forlader en liste eller går til en mindre alvorlig: {l}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Layer</source>
      <translation>Lag</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Leave empty to use the column named {name} or {alias} (any case). Choose a column here when the extract calls it something else.</source>
      <translation>Lad feltet være tomt for at bruge kolonnen med navnet {name} eller {alias} (store eller små bogstaver). Vælg en kolonne her, når udtrækket kalder den noget andet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/watch.py" />
      <source>Leaves a list or goes to a less severe category</source>
      <translation>Forlader en liste eller går til en mindre alvorlig kategori</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Left</source>
      <translation>Flyttede</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Left the areas</source>
      <translation>Forlod områderne</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Linked to earlier releases: {e} equal, {n} nearly equal, {s} nested populations (of {p} loaded from the register).</source>
      <translation>Koblet til tidligere udgivelser: {e} ens, {n} næsten ens, {s} indlejrede populationer (af {p} hentet fra registret).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Linked to other dates and earlier releases: {e} equal, {n} nearly equal, {s} nested populations; {d} dates hidden because too few persons changed.</source>
      <translation>Koblet til andre datoer og tidligere udgivelser: {e} ens, {n} næsten ens og {s} indlejrede populationer; {d} datoer skjult, fordi for få personer har ændret sig.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Magma (light yellow to black)</source>
      <translation>Magma (lysegul til sort)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Makes the report of 'Monitor state criteria over time' from its two outputs: a first page with the areas to watch — a map of what the projection says for every area (enters a list or a more severe category, leaves one, stays but a criterion crosses its threshold, on a list, none) and a table with the category now, the projected one and why — then trend charts of those areas: per criterion the value as the list computes it at every snapshot, the thresholds of the rule set's lists and the projection to the next computation (dashed). The PNG holds the same charts on one sheet.&lt;br&gt;&lt;br&gt;Only published values are drawn (the layers hold nothing else). Areas are charted in the order: entering, leaving, the others to watch, then the areas on a list now (most severe first); give area ids to chart those first.</source>
      <translation>Laver rapporten fra 'Følg statens kriterier over tid' ud fra dens to resultater: en første side med områderne at holde øje med — et kort over hvad fremskrivningen siger for hvert område (kommer på en liste eller i en mere alvorlig kategori, forlader en, bliver men et kriterium krydser sin grænse, på en liste, ingen) og en tabel med kategorien nu, den fremskrevne og hvorfor — derefter udviklingsgrafer for de områder: pr. kriterium værdien som listen beregner den på hvert tidspunkt, grænserne for regelsættets lister og fremskrivningen til næste opgørelse (stiplet). PNG-filen har de samme grafer på ét ark.&lt;br&gt;&lt;br&gt;Kun offentliggjorte værdier tegnes (lagene indeholder intet andet). Områderne vises i rækkefølgen: kommer på, går af, de øvrige at holde øje med, derefter områderne på en liste nu (mest alvorlige først); angiv område-id'er for at vise dem først.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Map picture</source>
      <translation>Kortbillede</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Maps and reports</source>
      <translation>Kort og rapporter</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Mean absolute difference from the exact values without and with the carry rule: counts {c0} and {c1}, shares {s0} and {s1} percentage points, means {m0} % and {m1} %.</source>
      <translation>Gennemsnitlig absolut afvigelse fra de eksakte værdier uden og med fremføringsreglen: antal {c0} og {c1}, andele {s0} og {s1} procentpoint, gennemsnit {m0} % og {m1} %.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>Mean gross income</source>
      <translation>Gns. bruttoindkomst</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Mean gross income of taxpayers 15-64 not in education in the region (Social- og Boligstyrelsen's yearly calculation).</source>
      <translation>Gennemsnitlig bruttoindkomst i regionen for skattepligtige 15-64-årige, der ikke er under uddannelse (Social- og Boligstyrelsens årlige opgørelse).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>Mean gross income, percent of the regional mean</source>
      <translation>Gennemsnitlig bruttoindkomst i procent af gennemsnitsindkomsten i regionen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/definitions.py" />
      <source>Mean gross income, taxpayers 15-64 not in education</source>
      <translation>Gennemsnitlig bruttoindkomst, skattepligtige 15-64 år, der ikke er under uddannelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Merge small areas</source>
      <translation>Sammenlæg små områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Merged regions</source>
      <translation>Sammenlagte områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Merges areas into contiguous regions that each have at least a minimum number of residents, so that figures can be published for every region (practice: an area below the minimum is hidden or merged; Frederiksberg merges blocks with comparable neighbours to reach 250 persons, Copenhagen's SØK publishes roder with at least 50, Statistics Denmark commonly asks for sub-areas of about 200 residents &amp;mdash; check the current terms of your own data agreement).&lt;br&gt;&lt;br&gt;&lt;b&gt;Residents&lt;/b&gt; come from a numeric field of the areas or are counted from a person extract (on one reference date: the given one, else the latest in the extract). Give one of the two. Counted from persons, the merge decides on the residents the indicator layer of the same areas publishes (perturbed and protected, through the release register), never on exact counts: each area's published residents minus 2, the most the perturbation changes a count (where the carry rule repeats an earlier snapshot's value, minus the smallest published count less one more), so a region's exact residents always reach the minimum; an area whose residents are hidden counts as 0 (it is always merged). Regions drawn for many minimums then tell nothing the indicator layer does not; there may be slightly fewer regions. A residents field is taken as it is: give published figures (e.g. the residents of the indicator layer) when the regions are to be published.&lt;br&gt;&lt;b&gt;Contiguity&lt;/b&gt;: rook (default): two areas are neighbours when their boundaries share a line; areas that touch only at a corner are not. Queen: a shared corner is enough. The shared boundary length decides between candidates (longer first). A tolerance (advanced) bridges small gaps between areas digitised apart.&lt;br&gt;&lt;b&gt;Method&lt;/b&gt; (deterministic, max-p style): the smallest region below the minimum joins a neighbour, preferring neighbours still below the minimum, then the longest shared boundary (with homogeneity fields: the most similar neighbour), then the smallest population, then the smallest area id, until no region is below the minimum. A split pass then cuts every region that falls into two connected parts that both reach the minimum, and re-cuts two neighbouring regions into three where they hold enough residents. With a parent field (e.g. the district) no region crosses a parent boundary.&lt;br&gt;&lt;b&gt;Homogeneity fields&lt;/b&gt; (optional; one or more indicator fields of the areas): regions are made alike inside. After the merging, areas on the edge of a region move to (or swap with) a neighbouring region when that lowers the mixing, never losing a region, never breaking contiguity, the minimum or a parent boundary. The number of regions comes first: it is never lower than without the fields.&lt;br&gt;&lt;b&gt;Mixing&lt;/b&gt; (log and output MIXING): the share of the variation of the fields between areas that lies within regions (within-region sum of squares / total sum of squares, every area counting once, each field standardised; a missing value counts as the field's mean): 0 = every region uniform, 1 = no more alike than the whole layer.&lt;br&gt;&lt;b&gt;Upper bound&lt;/b&gt; (log and output UPPER_BOUND): no partition can have more regions reaching the minimum (per group of connected areas: the total over the minimum, and the areas reaching it alone plus the rest over the minimum).&lt;br&gt;&lt;b&gt;Infeasible&lt;/b&gt;: a group of areas that cannot reach the minimum (an island without neighbours, or a parent with too few residents) becomes one region with feasible = 0 and population NULL, and is reported in the log. Islands are listed too.&lt;br&gt;&lt;br&gt;Outputs: the merged regions (dissolved geometry; region_id, members, population, population_flag, feasible, parent) and a table area_id &amp;rarr; region_id, feasible.&lt;br&gt;&lt;br&gt;&lt;b&gt;Discretion&lt;/b&gt;: a region's population is a published count like any other. It is NULL (population_flag P) below the smallest published count, NULL (A) for a region below the minimum, and NULL (S) when, with what is published elsewhere, it would give a hidden count: a region minus its published member areas must not give a small area's residents. Counted from a person extract, the areas' residents the merge decided on are recorded in the release register, then the regions go through it (linked by their persons to every earlier release, e.g. the indicator layer of the same areas) and the perturbation like every other output. From a residents field there are no persons: the member areas' counts are taken as published, except those below the smallest published count, and the perturbation is keyed on the region's member areas with a secret (noise_secret.key in the release register folder, created once: keep it with the data).</source>
      <translation>Lægger områder sammen til sammenhængende områder, der hver har mindst et minimumsantal beboere, så der kan offentliggøres tal for hvert sammenlagt område (praksis: et område under minimum skjules eller lægges sammen med andre; Frederiksberg lægger karréer sammen med sammenlignelige naboer for at nå 250 personer, Københavns SØK offentliggør roder med mindst 50, og Danmarks Statistik kræver typisk delområder med omkring 200 beboere &amp;mdash; kontroller de gældende vilkår i jeres egen dataaftale).&lt;br&gt;&lt;br&gt;&lt;b&gt;Beboere&lt;/b&gt; hentes fra et numerisk felt i områdelaget eller tælles fra et personudtræk (på én opgørelsesdato: den angivne, ellers den seneste i udtrækket). Angiv en af de to. Tælles beboerne fra personer, træffer sammenlægningen sine valg på de beboertal, som indikatorlaget for de samme områder offentliggør (med støj og beskyttet, gennem udgivelsesregistret), aldrig på eksakte antal: hvert områdes offentliggjorte beboertal minus 2, det mest støjen ændrer et antal (hvor fremføringsreglen gentager værdien fra et tidligere øjebliksbillede, yderligere minus det mindste offentliggjorte antal minus én), så et sammenlagt områdes eksakte beboertal altid når minimum; et område, hvis beboertal er skjult, tæller som 0 (det lægges altid sammen). Sammenlagte områder for mange minimumsværdier fortæller da intet, som indikatorlaget ikke fortæller; der kan blive lidt færre sammenlagte områder. Et beboerfelt bruges, som det er: angiv offentliggjorte tal (fx indikatorlagets beboertal), når de sammenlagte områder skal offentliggøres.&lt;br&gt;&lt;b&gt;Naboskab&lt;/b&gt;: rook (standard): to områder er naboer, når deres grænser deler en linje; områder, der kun rører hinanden i et hjørne, er ikke naboer. Queen: et fælles hjørne er nok. Længden af den fælles grænse afgør valget mellem kandidater (længst først). En tolerance (avanceret) bygger bro over små huller mellem områder, der er digitaliseret hver for sig.&lt;br&gt;&lt;b&gt;Metode&lt;/b&gt; (deterministisk, i stil med max-p): det mindste sammenlagte område under minimum lægges sammen med en nabo – helst en nabo, der også er under minimum, dernæst den med den længste fælles grænse (med felter til ensartethed: den nabo, der ligner mest), dernæst den med den mindste befolkning og til sidst den med det mindste område-id – indtil intet sammenlagt område er under minimum. En opdeling skærer derefter hvert sammenlagt område over, der kan deles i to sammenhængende dele, som begge når minimum, og deler to nabo-områder i tre, hvor de har beboere nok. Med et felt for overordnet område (fx distriktet) krydser intet sammenlagt område en grænse mellem overordnede områder.&lt;br&gt;&lt;b&gt;Felter til ensartethed&lt;/b&gt; (valgfrit; et eller flere indikatorfelter i områdelaget): de sammenlagte områder gøres ensartede. Efter sammenlægningen flyttes områder i kanten af et sammenlagt område til (eller byttes med) et nabo-område, når det mindsker blandingen, uden at et sammenlagt område går tabt, og uden at sammenhæng, minimum eller en grænse mellem overordnede områder brydes. Antallet af sammenlagte områder kommer først: det bliver aldrig lavere end uden felterne.&lt;br&gt;&lt;b&gt;Blanding&lt;/b&gt; (log og resultatet MIXING): den andel af felternes variation mellem områderne, der ligger inden for de sammenlagte områder (kvadratsum inden for de sammenlagte områder / samlet kvadratsum, hvert område tæller én gang, hvert felt standardiseret; en manglende værdi tæller som feltets gennemsnit): 0 = hvert sammenlagt område er helt ensartet, 1 = ikke mere ensartet end hele laget.&lt;br&gt;&lt;b&gt;Øvre grænse&lt;/b&gt; (log og resultatet UPPER_BOUND): ingen opdeling kan have flere sammenlagte områder, der når minimum (pr. gruppe af sammenhængende områder: summen divideret med minimum, og de områder, der selv når minimum, plus resten divideret med minimum).&lt;br&gt;&lt;b&gt;Ikke muligt&lt;/b&gt;: en gruppe områder, der ikke kan nå minimum (en ø uden naboer eller et overordnet område med for få beboere), bliver ét sammenlagt område med feasible = 0 og population NULL og rapporteres i loggen. Øer listes også.&lt;br&gt;&lt;br&gt;Resultater: de sammenlagte områder (samlet geometri; region_id, members, population, population_flag, feasible, parent) og en tabel area_id &amp;rarr; region_id, feasible.&lt;br&gt;&lt;br&gt;&lt;b&gt;Diskretion&lt;/b&gt;: et sammenlagt områdes befolkningstal er et offentliggjort antal som alle andre. Det er NULL (population_flag P) under det mindste offentliggjorte antal, NULL (A) for et sammenlagt område under minimum og NULL (S), når det sammen med det, der er offentliggjort andre steder, ville afsløre et skjult antal: et sammenlagt område minus dets offentliggjorte delområder må ikke give et lille områdes beboertal. Tælles beboerne fra et personudtræk, registreres de beboertal for områderne, som sammenlægningen valgte ud fra, i udgivelsesregistret, og derefter går de sammenlagte områder gennem det (koblet via personerne til alle tidligere udgivelser, fx indikatorlaget for de samme områder) og støjen som alle andre resultater. Fra et beboerfelt er der ingen personer: delområdernes antal regnes som offentliggjorte, undtagen dem under det mindste offentliggjorte antal, og støjen bygger på det sammenlagte områdes delområder og en hemmelig nøgle (noise_secret.key i udgivelsesregistrets mappe, oprettet én gang: opbevar den sammen med data).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Merging areas</source>
      <translation>Sammenlægger områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Message</source>
      <translation>Meddelelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Minimum residents per region</source>
      <translation>Mindste antal beboere pr. sammenlagt område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/calendar.py" />
      <source>Missing snapshots (no rows at these dates; trends and two-year means use the snapshots there are): {dates}.</source>
      <translation>Manglende opgørelsestidspunkter (ingen rækker på disse datoer; udvikling og toårsgennemsnit bruger de tidspunkter der er): {dates}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Mixing within regions (0 = alike inside)</source>
      <translation>Blanding inden for sammenlagte områder (0 = ensartede)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Mixing within regions: {x} of the variation of {fields} between areas lies within regions (0 = alike inside, 1 = no more alike than the whole layer); {moves} local-search moves.</source>
      <translation>Blanding inden for sammenlagte områder: {x} af variationen i {fields} mellem områderne ligger inden for de sammenlagte områder (0 = ensartede, 1 = ikke mere ensartede end hele laget); {moves} flytninger i den lokale søgning.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Monitor state criteria over time</source>
      <translation>Følg statens kriterier over tid</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" />
      <source>Monitoring panel</source>
      <translation>Monitoreringspanel</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>More in README.md in the plugin folder: the data model, discretion, the state criteria and data protection.</source>
      <translation>Mere i README.md i plugin-mappen: datamodellen, diskretion, de statslige kriterier og databeskyttelse.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Most regions that can reach the minimum</source>
      <translation>Højst antal sammenlagte områder, der kan nå minimum</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>Moved in from
the focus areas</source>
      <translation>Tilflyttere fra
fokusområderne</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Moved in from other areas</source>
      <translation>Tilflyttet fra andre områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Moved in from the focus areas</source>
      <translation>Tilflyttet fra fokusområderne</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Moved out to other areas</source>
      <translation>Fraflyttet til andre områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Moves between areas {a} – {b}</source>
      <translation>Flytninger mellem områder {a} – {b}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Moves between groups</source>
      <translation>Flytninger mellem grupper</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Moves between groups need a group field (GROUP_FIELD).</source>
      <translation>Flytninger mellem grupper kræver et gruppefelt (GROUP_FIELD).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>Moves from {a} to {b}.</source>
      <translation>Flytninger fra {a} til {b}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>Moves need two reference dates, but the extract holds nothing before {d}. Add an earlier snapshot.</source>
      <translation>Flytninger kræver to opgørelsesdatoer, men udtrækket har intet før {d}. Tilføj et tidligere udtræk.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>Moves need two reference dates, but the extract holds only {h}. Add a later snapshot or choose FROM_DATE.</source>
      <translation>Flytninger kræver to opgørelsesdatoer, men udtrækket har kun {h}. Tilføj et senere udtræk eller vælg FROM_DATE.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Moves per area</source>
      <translation>Flytninger pr. område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Municipality (e.g. the municipality code)</source>
      <translation>Kommune (fx kommunekoden)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/results.py" />
      <source>Name</source>
      <translation>Navn</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Name (command line)</source>
      <translation>Navn (kommandolinje)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Named in the discretion note; residents below it are not shown.</source>
      <translation>Nævnes i noten om diskretionering; områder med færre beboere vises ikke.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>National conviction rate</source>
      <translation>Landsgennemsnittet for dømte</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>National conviction rate (% of residents 18+)</source>
      <translation>Landsgennemsnittet for dømte (% af beboere på 18 år og derover)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Natural breaks (Jenks)</source>
      <translation>Naturlige brud (Jenks)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Neighbours</source>
      <translation>Naboer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Net change of residents</source>
      <translation>Nettoændring i beboere</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/results.py" />
      <source>Next list</source>
      <translation>Næste liste</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>No area enters or leaves a list, or changes category, at the projection date if the trends continue. The following pages chart the areas on a list now.</source>
      <translation>Intet område kommer på eller forlader en liste eller skifter kategori på fremskrivningsdatoen, hvis udviklingen fortsætter. De følgende sider viser graferne for områderne på en liste nu.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>No area to watch: nothing to chart.</source>
      <translation>Intet område at holde øje med: ingen grafer.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>No category</source>
      <translation>Ingen kategori</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>No category.</source>
      <translation>Ingen kategori.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/trend.py" />
      <source>No change of category projected to {date}.</source>
      <translation>Ingen ændring af kategori fremskrevet til {date}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>No change of category projected.</source>
      <translation>Ingen ændring af kategori fremskrevet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>No key was given. Choose the key file (or an authentication configuration holding the key).</source>
      <translation>Der er ikke angivet nogen nøgle. Vælg nøglefilen (eller en godkendelseskonfiguration, der indeholder nøglen).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/watch.py" />
      <source>No list, no change projected</source>
      <translation>Ingen liste, ingen ændring fremskrevet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>No person lies in any area at {d}. Check the extract's CRS and x/y columns and that the areas cover the persons.</source>
      <translation>Ingen personer ligger i et område på {d}. Kontrollér udtrækkets koordinatsystem og x/y-kolonner, og at områderne dækker personerne.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>No person lies in any area. Check that the extract's CRS ({crs}; parameter PERSONS_CRS for x/y columns) and x/y columns are right and that the areas cover the persons.</source>
      <translation>Ingen personer ligger i et område. Kontrollér, at udtrækkets koordinatsystem ({crs}; parameteren PERSONS_CRS for x/y-kolonner) og x/y-kolonnerne er rigtige, og at områderne dækker personerne.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>No result for area {id}.</source>
      <translation>Intet resultat for område {id}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/dates.py" />
      <source>No snapshot at or before the assessment date {d}; the earliest reference date is {first}.</source>
      <translation>Ingen opgørelse på eller før vurderingsdatoen {d}; den tidligste opgørelsesdato er {first}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/results.py" />
      <source>No trend chart: {err}</source>
      <translation>Ingen udviklingsgraf: {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>No: there is an unpublished rest</source>
      <translation>Nej: der er en rest, som ikke offentliggøres</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>Non-western origin</source>
      <translation>Ikke-vestlig herkomst</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>North arrow</source>
      <translation>Nordpil</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>North coordinate of each person in the CRS below; only for tables without geometry.</source>
      <translation>Hver persons nordkoordinat i koordinatsystemet nedenfor; kun for tabeller uden geometri.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>Not assessed</source>
      <translation>Ikke vurderet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Not published as outputs (with the areas' residents they would reveal a hidden small count): {names}.</source>
      <translation>Ikke offentliggjort som uddata (sammen med områdernes beboertal ville de afsløre et skjult lille antal): {names}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Note on the data</source>
      <translation>Note om data</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>Now</source>
      <translation>Nu</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Number</source>
      <translation>Tal</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Number of classes</source>
      <translation>Antal klasser</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Number of residents of each area, taken as published (give published figures). Leave empty to count them from the person extract (the merge then decides on the published residents).</source>
      <translation>Antal beboere i hvert område, regnet som offentliggjorte (angiv offentliggjorte tal). Lad feltet stå tomt for at tælle dem fra personudtrækket (sammenlægningen vælger da ud fra de offentliggjorte beboertal).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" />
      <source>OK: no problems found.</source>
      <translation>OK: ingen problemer fundet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Observations</source>
      <translation>Observationer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Off: exact values (for checks)</source>
      <translation>Fra: nøjagtige værdier (til kontrol)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Oldest figure carried from</source>
      <translation>Ældste tal fremført fra</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>Omdannelsesområde</source>
      <translation>Omdannelsesområde</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/watch.py" />
      <source>On a list, no change projected</source>
      <translation>På en liste, ingen ændring fremskrevet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>On the command line: {command}</source>
      <translation>På kommandolinjen: {command}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/params.py" />
      <source>On the command line: {name}={value} (one of {values}).</source>
      <translation>På kommandolinjen: {name}={value} (en af {values}).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>On: small keyed changes (for publishing)</source>
      <translation>Til: små nøglebaserede ændringer (til offentliggørelse)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>One line per pair of areas with a published flow, styled as a flow map; suppressed flows are not listed.</source>
      <translation>Én linje pr. par af områder med en offentliggjort flytning, med flytningskort-stil; skjulte flytninger står ikke i tabellen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>One or more indicator fields of the areas (e.g. nonwestern_val). Areas join and stay with similar neighbours, so regions are alike inside; the number of regions is never lower than without. Each field is standardised; a missing value counts as the field's mean.</source>
      <translation>Et eller flere indikatorfelter i områdelaget (fx nonwestern_val). Områder lægges sammen med og bliver hos naboer, der ligner dem, så de sammenlagte områder bliver ensartede; antallet af sammenlagte områder bliver aldrig lavere end uden felterne. Hvert felt standardiseres; en manglende værdi tæller som feltets gennemsnit.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>One page: the flow map, where the focus areas' movers went and who came, stayed and left in the focus areas.</source>
      <translation>Én side: flytningskortet, hvor fokusområdernes fraflyttere flyttede hen, og hvem der kom, blev og flyttede i fokusområderne.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>One row per area and reference date with every indicator (C_num, C_den, C_val, C_flag); styled. A GeoPackage keeps the style, field names and rounding; a .csv file is written for spreadsheets.</source>
      <translation>Én række pr. område og opgørelsesdato med alle indikatorer (C_num, C_den, C_val, C_flag), med stil. En GeoPackage gemmer stil, feltnavne og afrunding; en .csv-fil skrives til regneark.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>One row per area and snapshot with the criteria and the category, with temporal properties on ref_date for the Temporal Controller.</source>
      <translation>Én række pr. område og opgørelsestidspunkt med kriterierne og kategorien, med tidsegenskaber på ref_date til Temporal Controller.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>One row per area with, per indicator, the first and last published value, the change, the trend per year and the projected value.</source>
      <translation>Én række pr. område med, pr. indikator, den første og sidste offentliggjorte værdi, ændringen, udviklingen pr. år og den fremskrevne værdi.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>One row per area: each criterion's value, met or not, gap and persons to change, the category and the explanation; styled by category.</source>
      <translation>Én række pr. område: hvert kriteriums værdi, om det er opfyldt, afstanden til grænseværdien og hvor mange personer der skal ændre sig, kategorien og forklaringen; med stil efter kategori.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>One row per area: residents on both dates, stayers, movers in and out, from and to outside, net, turnover, the profiles of who came, stayed and left, and (with focus areas) the persons from the focus areas.</source>
      <translation>Én række pr. område: beboere på begge datoer, de der blev boende, til- og fraflyttere, fra og til udenfor, netto, til- og fraflytning i alt, profilerne af dem der kom, blev og flyttede, og (med fokusområder) personerne fra fokusområderne.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>One row per area: the category now and projected, the warning, and per criterion the latest value, the trend per year and the projected value; styled by the projected category.</source>
      <translation>Én række pr. område: kategorien nu og fremskrevet, advarslen, og pr. kriterium seneste værdi, udviklingen pr. år og den fremskrevne værdi; vist efter den fremskrevne kategori.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>One row per resident per reference date: a point layer or a table with x/y columns.</source>
      <translation>Én række pr. beboer pr. opgørelsesdato: et punktlag eller en tabel med x/y-kolonner.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>One row per resident per reference date: a point layer, or a table (CSV, GeoPackage) with x/y columns or an address id. A PostGIS layer is computed in the database: only per-area figures come back, and for the release register the persons' keys (never pseudonyms or values).</source>
      <translation>Én række pr. beboer pr. opgørelsesdato: et punktlag eller en tabel (CSV, GeoPackage) med x/y-kolonner eller et adresse-id. Et PostGIS-lag beregnes i databasen: kun tal pr. område kommer tilbage, og til udgivelsesregistret personernes nøgler (aldrig pseudonymer eller værdier).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>Only basic schooling</source>
      <translation>Kun grundskole</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/definitions.py" />
      <source>Only basic schooling, 30-59</source>
      <translation>Kun grundskoleuddannelse, 30-59 år</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/params.py" />
      <source>Only for outputs saved as .csv. Danish: ';' between fields, decimal comma, UTF-8 with byte-order mark, so Excel shows æ, ø, å and numbers right; international: ',' and decimal point. Both write dates as YYYY-MM-DD and never quote numbers. auto: Danish when QGIS runs in Danish.</source>
      <translation>Kun for uddata, der gemmes som .csv. Dansk: ';' mellem felterne, decimalkomma og UTF-8 med byte-order mark, så Excel viser æ, ø, å og tal korrekt; international: ',' og decimalpunktum. Begge skriver datoer som ÅÅÅÅ-MM-DD og sætter aldrig tal i anførselstegn. auto: dansk, når QGIS kører på dansk.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" />
      <source>Only the rows on the chosen reference date are used.</source>
      <translation>Kun rækkerne på den valgte opgørelsesdato bruges.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>Only {p} % of the persons at {a} are found again at {b}. Were the two dates pseudonymised with different keys? Then every person counts as moved away and in again.</source>
      <translation>Kun {p} % af personerne på {a} findes igen på {b}. Er de to datoer pseudonymiseret med forskellige nøgler? Så tælles alle som fraflyttet og tilflyttet igen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Optional .qml file to save the style to as well (to apply it to other layers).</source>
      <translation>Valgfri .qml-fil, som stilen også gemmes i (så den kan bruges på andre lag).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Optional field with the areas' names; copied to area_name.</source>
      <translation>Valgfrit felt med områdernes navne; kopieres til area_name.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Optional user-defined indicators; the built-in indicators are always computed.</source>
      <translation>Valgfrie brugerdefinerede indikatorer; de indbyggede indikatorer beregnes altid.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Or: PostgreSQL connection</source>
      <translation>Eller: PostgreSQL-forbindelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Or: authentication configuration holding the key as its password</source>
      <translation>Eller: godkendelseskonfiguration med nøglen som adgangskode</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/base.py" />
      <source>Out of memory. Run on fewer reference dates or a smaller extract.</source>
      <translation>Hukommelsen slap op. Kør med færre opgørelsesdatoer eller et mindre udtræk.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Outputs</source>
      <translation>Uddata</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>Outside labour market</source>
      <translation>Uden for arbejdsmarkedet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/definitions.py" />
      <source>Outside labour market and education, 18-64</source>
      <translation>Uden for arbejdsmarkedet og uddannelse, 18-64 år</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Overlapping areas</source>
      <translation>Overlappende områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/postgis.py" />
      <source>Overlapping areas (OVERLAPS=allow) are not yet computed in the database; fix the overlaps or export the persons to a file.</source>
      <translation>Overlappende områder (OVERLAPS=allow) beregnes endnu ikke i databasen; ret overlappene, eller eksportér personerne til en fil.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>PNG files (*.png)</source>
      <translation>PNG-filer (*.png)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>Parallelsamfund</source>
      <translation>Parallelsamfund</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Parameters</source>
      <translation>Parametre</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Parent area</source>
      <translation>Overordnet område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Parent field (e.g. district)</source>
      <translation>Felt for overordnet område (fx distrikt)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Parent field (regions never cross it, e.g. the district)</source>
      <translation>Felt for overordnet område, fx distriktet (sammenlagte områder krydser aldrig dets grænser)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>Per list: met or not, with the margin to the threshold in brackets (positive when met).</source>
      <translation>Pr. liste: opfyldt eller ej, med afstanden til grænseværdien i parentes (positiv, når kriteriet er opfyldt).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Person extract</source>
      <translation>Personudtræk</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Person extract (point layer or table)</source>
      <translation>Personudtræk (punktlag eller tabel)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Person extract (to count residents; optional)</source>
      <translation>Personudtræk (til optælling af beboere; valgfrit)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Person key (pseudonym)</source>
      <translation>Personnøgle (pseudonym)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Person rows read</source>
      <translation>Læste personrækker</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" />
      <source>Person rows read: {n}</source>
      <translation>Læste personrækker: {n}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>Person rows: {f} at {a}, {t} at {b}.</source>
      <translation>Personrækker: {f} på {a}, {t} på {b}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Persons</source>
      <translation>Personer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" />
      <source>Persons exactly on an outer area boundary (counted in that area): {n}</source>
      <translation>Personer præcis på en ydre områdegrænse (talt med i det pågældende område): {n}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Persons in an area</source>
      <translation>Personer i et område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>Persons in an area, outside every area and without location (both counted as outside): the output layer gives the protected counts per area (residents_from, residents_to, in_from_outside, out_to_outside).</source>
      <translation>Personer i et område, uden for alle områder og uden placering (begge tælles som udenfor): uddatalaget giver de beskyttede antal pr. område (residents_from, residents_to, in_from_outside, out_to_outside).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" />
      <source>Persons in an area: {n}</source>
      <translation>Personer i et område: {n}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" />
      <source>Persons inside overlapping areas (counted in each): {n}</source>
      <translation>Personer i overlappende områder (talt med i hvert af dem): {n}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>Persons on both dates: {n}; only at {a}: {f} (moved away or died); only at {b}: {t} (moved here or born).</source>
      <translation>Personer på begge datoer: {n}; kun på {a}: {f} (fraflyttet eller død); kun på {b}: {t} (tilflyttet eller født).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Persons outside every area</source>
      <translation>Personer uden for alle områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" />
      <source>Persons outside every area (counted, not in any area): {n}</source>
      <translation>Personer uden for alle områder (talt med, men ikke i noget område): {n}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Persons without location</source>
      <translation>Personer uden placering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" />
      <source>Persons without location (counted, not in any area): {n}</source>
      <translation>Personer uden placering (talt med, men ikke i noget område): {n}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Perturbation of published figures</source>
      <translation>Støj på offentliggjorte tal</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Perturbation: {how}.</source>
      <translation>Støj: {how}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Polygon layer</source>
      <translation>Polygonlag</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Preset</source>
      <translation>Forudindstilling</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Pretty breaks (round numbers)</source>
      <translation>Pæne brud (runde tal)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Previous reference date</source>
      <translation>Forrige opgørelsesdato</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Printed under the map, e.g. the data supplier and the extract's date.</source>
      <translation>Skrives under kortet, fx dataleverandøren og udtrækkets dato.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Problem</source>
      <translation>Problem</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" />
      <source>Problems</source>
      <translation>Problemer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Profile indicators (comma-separated codes)</source>
      <translation>Profilindikatorer (kommaseparerede koder)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Profiles through the release register: {c} figures repeat what an earlier release published for nearly the same persons, {h} stay hidden (P) as an earlier release hid them.</source>
      <translation>Profiler gennem udgivelsesregistret: {c} tal gentager, hvad en tidligere udgivelse offentliggjorde for næsten de samme personer, {h} forbliver skjult (P), fordi en tidligere udgivelse skjulte dem.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>Project to (empty = the next 1 January after the last snapshot)</source>
      <translation>Fremskriv til (tom = næste 1. januar efter sidste opgørelsestidspunkt)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Project to (empty = the next 1 January after the latest snapshot)</source>
      <translation>Fremskriv til (tom = næste 1. januar efter seneste opgørelsestidspunkt)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>Projected</source>
      <translation>Fremskrevet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Projected category</source>
      <translation>Fremskrevet kategori</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Projected category certain (1 = yes)</source>
      <translation>Fremskrevet kategori sikker (1 = ja)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Projected to</source>
      <translation>Fremskrevet til</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>Projection</source>
      <translation>Fremskrivning</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Protect against them and record this release</source>
      <translation>Beskyt mod dem, og registrér denne udgivelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Protect against them, do not record (draft)</source>
      <translation>Beskyt mod dem uden at registrere (udkast)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Protected table</source>
      <translation>Beskyttet tabel</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Protecting the areas' residents</source>
      <translation>Beskytter områdernes beboertal</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Protecting the moves (secondary suppression and the attacker's audit)</source>
      <translation>Beskytter flytningerne (sekundær undertrykkelse og angriberens kontrol)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Protecting the published figures</source>
      <translation>Beskytter de offentliggjorte tal</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Protection width (empty = smallest published count)</source>
      <translation>Beskyttelsesbredde (tom = mindste offentliggjorte antal)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Pseudonymise person extract</source>
      <translation>Pseudonymisér personudtræk</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Pseudonymised extract (internal, person level)</source>
      <translation>Pseudonymiseret udtræk (internt, personniveau)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Published counts are rounded to multiples of this base (e.g. 3 or 5), the same way in every release with the same key.</source>
      <translation>Offentliggjorte antal afrundes til multipla af dette grundtal (fx 3 eller 5), på samme måde i hver udgivelse med samme nøgle.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>Published counts: {how}.</source>
      <translation>Offentliggjorte antal: {how}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Purples</source>
      <translation>Lilla nuancer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/dependencies.py" />
      <source>Python reports: {details}</source>
      <translation>Python melder: {details}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/styling.py" />
      <source>QGIS lacks the classification method '{m}'.</source>
      <translation>QGIS mangler klassifikationsmetoden '{m}'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>QGIS style files (*.qml)</source>
      <translation>QGIS-stilfiler (*.qml)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Quantiles (equal count)</source>
      <translation>Kvantiler (lige mange i hver)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Raster layer</source>
      <translation>Rasterlag</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Reaches the minimum (1 = yes)</source>
      <translation>Når mindstegrænsen (1 = ja)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" />
      <source>Read {n} person rows ({how}).</source>
      <translation>Læste {n} personrækker ({how}).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Reading the person extract</source>
      <translation>Læser personudtrækket</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Reading the table</source>
      <translation>Læser tabellen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/layers.py" />
      <source>Reading {path} with {engine} (Danish CSV handled).</source>
      <translation>Læser {path} med {engine} (dansk CSV-format håndteres).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Reason for the category</source>
      <translation>Begrundelse for kategorien</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Recorded in the release register {path} as {id}.</source>
      <translation>Registreret i udgivelsesregistret {path} som {id}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Reference date</source>
      <translation>Opgørelsesdato</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Reference date (empty = every date)</source>
      <translation>Opgørelsesdato (tom = alle datoer)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Reference date (empty = the latest)</source>
      <translation>Opgørelsesdato (tom = den seneste)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Reference date of the extract (empty = the latest)</source>
      <translation>Udtrækkets opgørelsesdato (tom = den seneste)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Reference date to compute; empty computes every date and shows the latest.</source>
      <translation>Opgørelsesdato, der skal beregnes; tom beregner alle datoer og viser den seneste.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/map_report.py" />
      <source>Reference date {date}</source>
      <translation>Opgørelsesdato {date}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>Reference date: {d}</source>
      <translation>Opgørelsesdato: {d}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" />
      <source>Reference dates: {d}</source>
      <translation>Opgørelsesdatoer: {d}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Refuse (stop and name them)</source>
      <translation>Afvis (stop og nævn dem)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Region</source>
      <translation>Sammenlagt område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/mergeprotect.py" />
      <source>Region populations: {p} below the smallest published count, {s} hidden because with the member areas' counts they would give a hidden count, {a} regions below the minimum; perturbation: {how}.</source>
      <translation>Befolkningstal for sammenlagte områder: {p} under det mindste offentliggjorte antal, {s} skjult, fordi de sammen med delområdernes antal ville give et skjult antal, {a} sammenlagte områder under minimum; støj: {how}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Regional mean gross income (kr.)</source>
      <translation>Gennemsnitlig bruttoindkomst i regionen (kr.)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Regional mean income</source>
      <translation>Gennemsnitsindkomsten i regionen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Regions</source>
      <translation>Antal sammenlagte områder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Regions below the minimum (infeasible)</source>
      <translation>Sammenlagte områder under minimum (ikke mulige)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Regions reaching the minimum: {f} of at most {b} ({pct} % of the upper bound); the merging alone gave {c}, the split pass and local search {d:+d}.</source>
      <translation>Sammenlagte områder, der når minimum: {f} af højst {b} ({pct} % af den øvre grænse); sammenlægningen alene gav {c}, opdelingen og den lokale søgning {d:+d}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Release register (folder; empty = the QGIS profile's)</source>
      <translation>Udgivelsesregister (mappe; tom = QGIS-profilens)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/report.py" />
      <source>Rendering the map failed: {err}</source>
      <translation>Kortet kunne ikke tegnes: {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Repaired area geometries</source>
      <translation>Reparerede områdegeometrier</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Repeated keys within a reference date</source>
      <translation>Gentagne nøgler inden for en opgørelsesdato</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Replaces the CPR number (or another direct person key) in ID_FIELD by a keyed pseudonym in the new column &lt;b&gt;person_id&lt;/b&gt;: the first 32 hex characters of HMAC-SHA-256(key, CPR number). The same key always gives the same pseudonym, so a person can be followed over reference dates and extracts; without the key nobody can compute the pseudonym of a CPR number.&lt;br&gt;&lt;br&gt;&lt;b&gt;Key&lt;/b&gt;: a file holding a long random secret (at least 16 bytes; e.g. 64 hex characters), or a QGIS authentication configuration whose password is the secret ('Basic' method). Only the path or the configuration id is stored in the project and the audit log, never the key. Keep the key away from the extract and the outputs; whoever holds the key and a CPR number can recompute a pseudonym.&lt;br&gt;&lt;br&gt;&lt;b&gt;Checks&lt;/b&gt;: CPR numbers must be 10 digits (ddmmyy-xxxx; also read with an en dash, underscore, dots, slash or blank between the pairs, in full-width digits or after a 'cpr' prefix, and normalised to the ten digits) with a real birth date; the modulus-11 check is not applied (numbers issued since 2007 need not pass it). Malformed or empty values stop the run with a count, row numbers and masked examples (12xxxx-xxxx) unless 'Drop rows with malformed keys' is ticked. A numeric column that lost the leading zero is repaired and reported. The same CPR number twice within a reference date is counted and reported.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: the same rows and geometry with person_id first, then every other column except the key column and columns that look like direct identifiers (cpr, navn, name, adresse, address, vejnavn, husnr...) or hold CPR numbers: text columns with any CPR-shaped value (in any of those spellings, e.g. '01.01.85-1234' or 'cpr0101851234'), numeric columns whose values are mostly CPR numbers that lost their leading zero (a partner's or mother's CPR number); dropped columns are listed in the log. Pseudonymise such a column separately if it is needed.&lt;br&gt;&lt;br&gt;&lt;b&gt;Internal, person level&lt;/b&gt;: the output still holds one row per person and is personal data. Keep it where only the analysts may read it; never publish or share it. Publish only the aggregated, discretion-checked layers of the other algorithms.</source>
      <translation>Erstatter CPR-nummeret (eller en anden direkte personnøgle) i ID_FIELD med et nøglebaseret pseudonym i den nye kolonne &lt;b&gt;person_id&lt;/b&gt;: de første 32 hex-tegn af HMAC-SHA-256(nøgle, CPR-nummer). Samme nøgle giver altid samme pseudonym, så en person kan følges på tværs af opgørelsesdatoer og udtræk; uden nøglen kan ingen beregne pseudonymet for et CPR-nummer.&lt;br&gt;&lt;br&gt;&lt;b&gt;Nøgle&lt;/b&gt;: en fil med en lang, tilfældig hemmelighed (mindst 16 bytes; fx 64 hex-tegn) eller en QGIS-godkendelseskonfiguration, hvis adgangskode er hemmeligheden (metoden 'Basic'). Kun stien eller konfigurationens id gemmes i projektet og i brugsloggen – aldrig nøglen. Opbevar nøglen adskilt fra udtrækket og resultaterne; den, der har nøglen og et CPR-nummer, kan genberegne et pseudonym.&lt;br&gt;&lt;br&gt;&lt;b&gt;Kontroller&lt;/b&gt;: CPR-numre skal have 10 cifre (ddmmåå-xxxx; læses også med tankestreg, understregning, punktummer, skråstreg eller mellemrum mellem parrene, med cifre i fuld bredde eller efter et 'cpr'-præfiks, og normaliseres til de ti cifre) og en gyldig fødselsdato; modulus 11-kontrollen anvendes ikke (numre udstedt siden 2007 behøver ikke at opfylde den). Fejlformaterede eller tomme værdier stopper kørslen med antal, rækkenumre og maskerede eksempler (12xxxx-xxxx), medmindre 'Udelad rækker med fejlformaterede nøgler' er markeret. En numerisk kolonne, der har mistet det foranstillede nul, repareres og rapporteres. Samme CPR-nummer to gange inden for en opgørelsesdato tælles og rapporteres.&lt;br&gt;&lt;br&gt;&lt;b&gt;Resultat&lt;/b&gt;: de samme rækker og den samme geometri med person_id først og derefter alle øvrige kolonner undtagen nøglekolonnen og kolonner, der ligner direkte identifikatorer (cpr, navn, name, adresse, address, vejnavn, husnr...) eller indeholder CPR-numre: tekstkolonner med en værdi formet som et CPR-nummer (i en hvilken som helst af de stavemåder, fx '01.01.85-1234' eller 'cpr0101851234') og numeriske kolonner, hvis værdier for størstedelens vedkommende er CPR-numre, der har mistet det foranstillede nul (en partners eller mors CPR-nummer); udeladte kolonner vises i loggen. Pseudonymisér en sådan kolonne for sig, hvis den skal bruges.&lt;br&gt;&lt;br&gt;&lt;b&gt;Internt, personniveau&lt;/b&gt;: resultatet har stadig én række pr. person og er personoplysninger. Opbevar det, hvor kun analytikerne kan læse det; offentliggør eller del det aldrig. Offentliggør kun de aggregerede, diskretionskontrollerede lag fra de andre algoritmer.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Report</source>
      <translation>Rapport</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Report (PDF)</source>
      <translation>Rapport (PDF)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Report title</source>
      <translation>Rapportens titel</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Residents</source>
      <translation>Beboere</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/definitions.py" />
      <source>Residents 65 and over</source>
      <translation>Beboere på 65 år og derover</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Residents counted on the latest reference date, {d}.</source>
      <translation>Beboere talt på den seneste opgørelsesdato, {d}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Residents field of the areas (or give a person extract)</source>
      <translation>Beboerfelt i områdelaget (eller angiv et personudtræk)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/definitions.py" />
      <source>Residents in single-parent households</source>
      <translation>Beboere i husstande med enlig forsørger</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/regions/merge.py" />
      <source>Residents must be known and not negative for every area.</source>
      <translation>Antallet af beboere skal være kendt og må ikke være negativt for noget område.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Residents of the region</source>
      <translation>Beboere i det sammenlagte område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Residents on the from date</source>
      <translation>Beboere på fra-datoen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Residents on the to date</source>
      <translation>Beboere på til-datoen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>Residents: {n}</source>
      <translation>Beboere: {n}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Results</source>
      <translation>Resultater</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Rounding key file (secret)</source>
      <translation>Nøglefil til afrunding (hemmelig)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Row id field</source>
      <translation>Felt med række-id</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Rows</source>
      <translation>Rækker</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Rows read</source>
      <translation>Læste rækker</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Rows with a malformed key</source>
      <translation>Rækker med en fejlformateret nøgle</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Rows with an empty or malformed key are left out and counted; otherwise the run stops and names them (masked).</source>
      <translation>Rækker med en tom eller fejlformateret nøgle udelades og tælles; ellers stopper kørslen og nævner dem (maskeret).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Rows written</source>
      <translation>Skrevne rækker</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Rule set</source>
      <translation>Regelsæt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>Rule set {rs} · latest snapshot {latest} · projected to {to} if the trends of the snapshots since {since} continue · published values only</source>
      <translation>Regelsæt {rs} · seneste opgørelsestidspunkt {latest} · fremskrevet til {to} hvis udviklingen siden {since} fortsætter · kun offentliggjorte værdier</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Rules applied:</source>
      <translation>Anvendte regler:</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Rules used in practice: default (counts below 5 hidden, areas below 50 residents hidden), aarhus (below 5), sok (areas below 50), frederiksberg (areas below 250), dst (below 3, Statistics Denmark). Empty: the two numbers below.</source>
      <translation>Regler fra praksis: default (antal under 5 skjules, områder under 50 beboere skjules), aarhus (under 5), sok (områder under 50), frederiksberg (områder under 250), dst (under 3, Danmarks Statistik). Tom: de to tal nedenfor.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Run</source>
      <translation>Kør</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Run id</source>
      <translation>Kørsels-id</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Run {id}: {a} areas, {o} observations, {c} criteria rows written to {where}.</source>
      <translation>Kørsel {id}: {a} områder, {o} observationer og {c} kriterierækker skrevet til {where}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Runs the same algorithms as the Processing toolbox in the background.</source>
      <translation>Kører de samme algoritmer som Processing-værktøjskassen, i baggrunden.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Save as the layer's default style (GeoPackage)</source>
      <translation>Gem som lagets standardstil (GeoPackage)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Save results in</source>
      <translation>Gem resultater i</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Second map: field</source>
      <translation>Andet kort: felt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Second map: layer</source>
      <translation>Andet kort: lag</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Second map: reference date (e.g. a year earlier)</source>
      <translation>Andet kort: opgørelsesdato (fx et år tidligere)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Seconds: reading and joining {a}, protection {b}, assessing {n} snapshots and projecting {c}, writing and styling {d}; {e} in all.</source>
      <translation>Sekunder: indlæsning og kobling {a}, beskyttelse {b}, vurdering af {n} tidspunkter og fremskrivning {c}, skrivning og stil {d}; {e} i alt.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Seconds: {s}</source>
      <translation>Sekunder: {s}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Select an area in the table or on the map.</source>
      <translation>Vælg et område i tabellen eller på kortet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Sequential ramps that colour-blind readers can tell apart and that keep their order in a greyscale print.</source>
      <translation>Sekventielle farveforløb, som farveblinde læsere kan skelne, og som bevarer rækkefølgen ved udskrift i gråtoner.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Setup</source>
      <translation>Opsætning</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Severity</source>
      <translation>Alvor</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Share of in-movers</source>
      <translation>Andel af tilflyttere</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Share of in-movers from the focus areas (%)</source>
      <translation>Andel af tilflyttere fra fokusområderne (%)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Shared boundary (rook)</source>
      <translation>Fælles grænse (rook)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Shared boundary or corner (queen)</source>
      <translation>Fælles grænse eller hjørne (queen)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Show</source>
      <translation>Vis</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" />
      <source>Show or hide the Boligsocial monitoring panel</source>
      <translation>Vis eller skjul panelet Boligsocial monitorering</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Smallest area (residents)</source>
      <translation>Mindste område (beboere)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Smallest area published (residents)</source>
      <translation>Mindste område der offentliggøres (beboere)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>Smallest published count</source>
      <translation>Mindste offentliggjorte antal</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>Snapshots after this date are left out. On the command line: TO_DATE=2025-06-01.</source>
      <translation>Opgørelsestidspunkter efter denne dato udelades. På kommandolinjen: TO_DATE=2025-06-01.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>Snapshots before this date are left out (the extract's other snapshots are protected with the ones shown, not shown, as in every other output from that extract; with exact values the snapshot a year before each). On the command line: FROM_DATE=2024-01-01.</source>
      <translation>Opgørelsestidspunkter før denne dato udelades (udtrækkets øvrige opgørelser beskyttes sammen med de viste uden at blive vist, som i alle andre resultater fra det udtræk; med eksakte værdier opgørelsen et år før hvert). På kommandolinjen: FROM_DATE=2024-01-01.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Snapshots in the trend</source>
      <translation>Opgørelsestidspunkter i udviklingen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/calendar.py" />
      <source>Snapshots off the cadence (used at their own dates): {dates}.</source>
      <translation>Opgørelsestidspunkter uden for takten (brugt på deres egne datoer): {dates}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" />
      <source>Some area polygons overlap, so {n} persons lie in more than one area (e.g. {pairs}). Fix the areas (e.g. with 'Dissolve' or 'Difference'), or set 'Overlapping areas' to 'allow' (OVERLAPS=allow) to count such persons in each area.</source>
      <translation>Nogle områdepolygoner overlapper, så {n} personer ligger i mere end ét område (fx {pairs}). Ret områderne (fx med 'Dissolve' eller 'Difference'), eller sæt 'Overlappende områder' til 'Tillad' (allow) (OVERLAPS=allow), så sådanne personer tælles med i hvert område.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/map_report.py" />
      <source>Some figures are shown as they were at an earlier date (from {date}; field figures_as_of): a figure changes only when at least {n} of the persons behind it have changed.</source>
      <translation>Nogle tal vises, som de var på en tidligere dato (fra {date}; feltet figures_as_of): et tal ændres først, når mindst {n} af personerne bag det er skiftet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Source text (empty = the layer's name)</source>
      <translation>Kildetekst (tom = lagets navn)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>Source: {source}. Moves from {a} to {b}: a person's area on each date, followed by the pseudonymised person key.</source>
      <translation>Kilde: {source}. Flytninger fra {a} til {b}: en persons område på hver dato, fulgt via den pseudonymiserede personnøgle.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/map_report.py" />
      <source>Source: {source}. Reference date: {dates}. Made {today} with the Boligsocial plugin for QGIS.</source>
      <translation>Kilde: {source}. Opgørelsesdato: {dates}. Udarbejdet {today} med Boligsocial-pluginet til QGIS.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>State criteria ({rules})</source>
      <translation>Statens kriterier ({rules})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/trend.py" />
      <source>State criteria over time</source>
      <translation>Statens kriterier over tid</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/results.py" />
      <source>State criteria: category</source>
      <translation>Statens kriterier: kategori</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/results.py" />
      <source>State criteria: projected category (next list)</source>
      <translation>Statens kriterier: fremskrevet kategori (næste liste)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>Statistics Denmark: &lt;3</source>
      <translation>Danmarks Statistik: &lt;3</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Stayed</source>
      <translation>Blev</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Stayers</source>
      <translation>Blev boende</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/text.py" />
      <source>Stays {category} at the computation on {date} if the trend continues, but {changes}.</source>
      <translation>Forbliver {category} ved opgørelsen {date}, hvis udviklingen fortsætter, men {changes}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/text.py" />
      <source>Stays {category} at the next computation if the trend continues, but {changes}.</source>
      <translation>Forbliver {category} ved næste opgørelse, hvis udviklingen fortsætter, men {changes}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/watch.py" />
      <source>Stays, but a criterion crosses its threshold</source>
      <translation>Bliver, men et kriterium krydser sin grænse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Style choropleth map</source>
      <translation>Opsæt koropletkort</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Style file</source>
      <translation>Stilfil</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Style saved to</source>
      <translation>Stil gemt i</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>Style saved to {where}.</source>
      <translation>Stilen er gemt i {where}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Styled layer</source>
      <translation>Lag med stil</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Styles a numeric field of a polygon layer as a choropleth map (or the 'category' field of a criteria layer with the categories' fixed colours). Classes come from QGIS's own classification methods applied to the published values only, or from the law's thresholds. Suppressed values (NULL, or a non-empty *_flag column) are drawn grey hatched with their own legend entry 'Suppressed', never as a data class.&lt;br&gt;&lt;br&gt;The layer itself is restyled. When its provider supports it (GeoPackage), the style is saved into the file as the layer's default style, so it opens styled anywhere; give a .qml file to save the style there as well.</source>
      <translation>Giver et numerisk felt i et polygonlag en stil som koropletkort (eller feltet 'category' i et kriterielag med kategoriernes faste farver). Klasserne beregnes med QGIS' egne klassifikationsmetoder alene ud fra de offentliggjorte værdier eller følger lovens grænseværdier. Diskretionerede værdier (NULL eller en ikke-tom *_flag-kolonne) tegnes med grå skravering og har deres egen post i signaturforklaringen, 'Diskretioneret', og indgår aldrig i en dataklasse.&lt;br&gt;&lt;br&gt;Selve laget får den nye stil. Når datakilden understøtter det (GeoPackage), gemmes stilen i filen som lagets standardstil, så laget åbner med stilen overalt; angiv en .qml-fil for også at gemme stilen dér.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/budget.py" />
      <source>Sums of amounts ({codes}) are hidden in {n} rows: their persons' amounts are already shown by {k} published population(s) of the date (the amount budget), and each more would give one more noisy copy of a top earner's income. Publish amounts for one geography of a date, raise the amount budget (its help gives the risk per copy), or forget from the release register the drafts that were never published.</source>
      <translation>Beløbssummer ({codes}) er skjult i {n} rækker: deres personers beløb vises allerede af {k} udgivne populationer på datoen (beløbsbudgettet), og hver ekstra ville give endnu en støjbehæftet kopi af en topindkomstmodtagers indkomst. Udgiv beløb for én geografi pr. dato, hæv beløbsbudgettet (dets hjælp angiver risikoen pr. kopi), eller glem de kladder i udgivelsesregistret, der aldrig blev udgivet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>Suppressed</source>
      <translation>Diskretioneret</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>SØK: areas ≥50</source>
      <translation>SØK: områder ≥50</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/styling.py" />
      <source>Temporal properties set on ref_date: the Temporal Controller animates the layer.</source>
      <translation>Tidsegenskaber sat på ref_date: Temporal Controller kan animere laget.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Text</source>
      <translation>Tekst</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>The OUTPUT layer of 'Monitor state criteria over time'.</source>
      <translation>OUTPUT-laget fra 'Følg statens kriterier over tid'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>The SERIES layer of the same run.</source>
      <translation>SERIES-laget fra samme kørsel.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/layers.py" />
      <source>The address layer has no field '{f}'. Choose the address key field.</source>
      <translation>Adresselaget har intet felt '{f}'. Vælg feltet med adressenøglen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/runner.py" />
      <source>The algorithm failed; see the Processing log.</source>
      <translation>Algoritmen fejlede; se Processing-loggen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/runner.py" />
      <source>The algorithm {alg} is not available; reinstall the plugin.</source>
      <translation>Algoritmen {alg} er ikke tilgængelig; geninstaller pluginet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>The area '{id}' has no valid number of residents in '{f}' ({v}). Every area needs a count of 0 or more.</source>
      <translation>Området '{id}' har intet gyldigt antal beboere i '{f}' ({v}). Alle områder skal have et antal på 0 eller derover.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>The area has fewer residents than the smallest area published, so only the number of residents is shown.</source>
      <translation>Området har færre beboere end det mindste område, der offentliggøres, så kun antallet af beboere vises.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/layers.py" />
      <source>The area id '{id}' occurs more than once in '{f}'. Area ids must be unique (dissolve the areas first).</source>
      <translation>Område-id'et '{id}' forekommer mere end én gang i '{f}'. Område-id'er skal være entydige (saml områderne først, fx med 'Dissolve').</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/layers.py" />
      <source>The area layer has no coordinate reference system. Set its CRS (e.g. EPSG:25832) in the layer properties.</source>
      <translation>Områdelaget har intet koordinatsystem. Angiv lagets koordinatsystem (fx EPSG:25832) i lagegenskaberne.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>The area layer has no field '{f}'.</source>
      <translation>Områdelaget har intet felt '{f}'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/layers.py" />
      <source>The area layer has no field '{f}'. Choose the area id field.</source>
      <translation>Områdelaget har intet felt '{f}'. Vælg feltet med område-id.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/layers.py" />
      <source>The area layer is empty. Choose a layer with area polygons.</source>
      <translation>Områdelaget er tomt. Vælg et lag med områdepolygoner.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/layers.py" />
      <source>The area layer must hold polygons.</source>
      <translation>Områdelaget skal indeholde polygoner.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>The areas are written in this coordinate reference system, the same for every municipality loading into one database (default ETRS89 / UTM 32N).</source>
      <translation>Områderne skrives i dette koordinatsystem, det samme for alle kommuner, der indlæser i én database (standard ETRS89 / UTM 32N).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>The areas to compute for: housing areas, blocks, school districts, grid cells. Persons are counted in the area that contains them.</source>
      <translation>De områder, der skal beregnes for: boligområder, karréer, skoledistrikter, kvadratnetsceller. Personer tælles i det område, der indeholder dem.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>The areas to merge: blocks, karréer, roder, grid cells.</source>
      <translation>De områder, der skal lægges sammen: blokke, karréer, roder, kvadratnetsceller.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/mergeprotect.py" />
      <source>The areas' residents the merge decided on are recorded in the release register {path} as {id}.</source>
      <translation>Områdernes beboertal, som sammenlægningen valgte ud fra, er registreret i udgivelsesregistret {path} som {id}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/dates.py" />
      <source>The assessment date '{d}' is not a date; write it as YYYY-MM-DD.</source>
      <translation>Vurderingsdatoen '{d}' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/assess.py" />
      <source>The at-risk margins must be zero or positive.</source>
      <translation>Risikomarginerne skal være nul eller positive.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>The authentication configuration '{id}' could not be read. Check the id and that the QGIS master password is set (Settings &gt; Options &gt; Authentication).</source>
      <translation>Godkendelseskonfigurationen '{id}' kunne ikke læses. Kontroller id'et, og at QGIS' hovedadgangskode er angivet (Settings &gt; Options &gt; Authentication).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>The authentication configuration '{id}' holds no password. Store the key as the password of a 'Basic' authentication configuration.</source>
      <translation>Godkendelseskonfigurationen '{id}' indeholder ingen adgangskode. Gem nøglen som adgangskode i en godkendelseskonfiguration af typen 'Basic'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/pgsession.py" />
      <source>The authentication configuration '{id}' of the person layer cannot be read. Check that it exists and that the QGIS master password is set (Settings &gt; Options &gt; Authentication).</source>
      <translation>Personlagets autentificeringskonfiguration '{id}' kan ikke læses. Kontrollér, at den findes, og at QGIS' masteradgangskode er angivet (Indstillinger &gt; Indstillinger &gt; Autentificering).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/table_register.py" />
      <source>The column '{col}' adds up to the same totals as a table published before with exact values ({names}; release register {folder}): this table groups the same population another way, and with exact values one grouping minus the other gives hidden figures (a district minus its published blocks is the small block). Nothing was written. Publish both groupings in one table with a parent field (the audit then protects them together), or publish with the perturbation on, or delete the earlier release from the register if it was never published.</source>
      <translation>Kolonnen '{col}' summerer til de samme totaler som en tabel, der før er offentliggjort med eksakte værdier ({names}; udgivelsesregister {folder}): denne tabel inddeler den samme befolkning på en anden måde, og med eksakte værdier giver den ene inddeling minus den anden skjulte tal (et distrikt minus dets offentliggjorte boligblokke er den lille blok). Intet blev skrevet. Offentliggør begge inddelinger i én tabel med et felt for overordnet område (så beskytter kontrollen dem sammen), offentliggør med støj slået til, eller slet den tidligere udgivelse fra registret, hvis den aldrig blev offentliggjort.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/table_register.py" />
      <source>The column '{col}' adds up to the same totals as {n} tables published before in other groupings ({names}; release register {folder}): this would be grouping {m} of the same population, more than the overlap budget of {k}. Each grouping gives one more noisy copy of the figures the groupings share, and enough copies average the noise away. Nothing was written. Publish one of the groupings already released, compute the figures from the person extract (computeindicators protects them across geographies), or delete an earlier release from the register if it was never published.</source>
      <translation>Kolonnen '{col}' summerer til de samme totaler som {n} tabeller, der før er offentliggjort i andre inddelinger ({names}; udgivelsesregister {folder}): dette ville være inddeling nr. {m} af den samme befolkning, mere end overlapsbudgettet på {k}. Hver inddeling giver endnu en støjfyldt kopi af de tal, inddelingerne har til fælles, og nok kopier midler støjen væk. Intet blev skrevet. Offentliggør en af de allerede udgivne inddelinger, beregn tallene fra personudtrækket (computeindicators beskytter dem på tværs af geografier), eller slet en tidligere udgivelse fra registret, hvis den aldrig blev offentliggjort.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/datamodel.py" />
      <source>The column '{col}' chosen for '{role}' is not in the extract. Available columns: {avail}.</source>
      <translation>Kolonnen '{col}', der er valgt som '{role}', findes ikke i udtrækket. Tilgængelige kolonner: {avail}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>The column '{col}' holds {n} values shaped like CPR numbers: this looks like person-level data, and the output would copy them. Remove the column (or aggregate the data first); this tool protects aggregated tables.</source>
      <translation>Kolonnen '{col}' indeholder {n} værdier formet som CPR-numre: det ligner data på personniveau, og resultatet ville kopiere dem. Fjern kolonnen (eller aggreger data først); værktøjet beskytter aggregerede tabeller.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>The column '{col}' holds {n} values shaped like CPR numbers; it was dropped. Pseudonymise it separately if it is needed.</source>
      <translation>Kolonnen '{col}' indeholder {n} værdier, der ligner CPR-numre; den er udeladt. Pseudonymisér den separat, hvis der er brug for den.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>The column '{col}' is not in the extract. Choose the column holding the CPR number.</source>
      <translation>Kolonnen '{col}' findes ikke i udtrækket. Vælg kolonnen med CPR-nummeret.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/tables.py" />
      <source>The column '{col}' must hold numbers (counts); fix or deselect it.</source>
      <translation>Kolonnen '{col}' skal indeholde tal (antal); ret eller fravælg den.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/sqlgen.py" />
      <source>The comparison '{op}' needs a numeric column, but '{col}' holds text.</source>
      <translation>Sammenligningen '{op}' kræver en numerisk kolonne, men '{col}' indeholder tekst.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>The count field '{f}' holds '{v}' in row {row}, which is not a number. Count fields must hold whole numbers; fix the value or deselect the field.</source>
      <translation>Antalsfeltet '{f}' indeholder '{v}' i række {row}, hvilket ikke er et tal. Antalsfelter skal indeholde hele tal; ret værdien, eller fravælg feltet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>The count field '{f}' holds a negative or infinite value ({v}) in row {row}. Counts cannot be negative; fix the table.</source>
      <translation>Antalsfeltet '{f}' indeholder en negativ eller uendelig værdi ({v}) i række {row}. Antal kan ikke være negative; ret tabellen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>The count field '{f}' holds a value shaped like a CPR number in row {row} (not shown). A CPR number is never read as a count: remove it from the table, or deselect the field.</source>
      <translation>Tællefeltet '{f}' indeholder en værdi formet som et CPR-nummer i række {row} (vises ikke). Et CPR-nummer læses aldrig som et antal: fjern det fra tabellen, eller fravælg feltet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>The count field '{f}' holds {v} in row {row}, which is not a whole number. Discretion applies to counts of persons; choose count fields (not shares, means or sums of fractions).</source>
      <translation>Antalsfeltet '{f}' indeholder {v} i række {row}, hvilket ikke er et helt tal. Diskretionering gælder antal personer; vælg antalsfelter (ikke andele, gennemsnit eller summer af brøkdele).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>The count field '{f}' is of type {t}, not a number. Choose numeric fields.</source>
      <translation>Antalsfeltet '{f}' er af typen {t}, ikke et tal. Vælg numeriske felter.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>The count field '{f}' must hold numbers (counts), not '{v}'; deselect it.</source>
      <translation>Antalsfeltet '{f}' skal indeholde tal (antal), ikke '{v}'; fravælg det.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/resultmodel.py" />
      <source>The criteria layer lacks the fields area_id, rule_set and category; give a layer made by 'Assess state criteria'.</source>
      <translation>Kriterielaget mangler felterne area_id, rule_set og category; angiv et lag lavet med 'Vurder statens kriterier'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/pgsession.py" />
      <source>The database refused the computation: {err}</source>
      <translation>Databasen afviste beregningen: {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>The date at which C_projected reads the trend line. On the command line: PROJECT_TO=2026-01-01.</source>
      <translation>Datoen hvor C_projected aflæses på trendlinjen. På kommandolinjen: PROJECT_TO=2026-01-01.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>The date drawn when the layer holds several; empty: the latest. On the command line: REF_DATE=2025-01-01.</source>
      <translation>Den dato, der tegnes, når laget har flere; tom: den seneste. På kommandolinjen: REF_DATE=2025-01-01.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>The date of the list to project: the list of year Y is computed from data at 1 January Y. On the command line: PROJECT_TO=2026-01-01.</source>
      <translation>Datoen for listen der fremskrives: listen for år Å opgøres ud fra data pr. 1. januar Å. På kommandolinjen: PROJECT_TO=2026-01-01.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>The discretion audit failed: some hidden cells could still be computed. Nothing was written; please report this with the log.</source>
      <translation>Kontrollen af diskretioneringen fejlede: nogle skjulte celler kunne stadig beregnes. Intet blev skrevet; rapportér venligst fejlen sammen med loggen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>The dominance rule supports n = 1 or n = 2 (the two largest contributions are kept), not {n}.</source>
      <translation>Dominansreglen understøtter n = 1 eller n = 2 (de to største bidrag gemmes), ikke {n}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>The earlier of the two reference dates compared. Empty: the latest date before the to date. On the command line: FROM_DATE=2024-01-01.</source>
      <translation>Den tidligste af de to opgørelsesdatoer der sammenlignes. Tom: den seneste dato før til-datoen. På kommandolinjen: FROM_DATE=2024-01-01.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/engine.py" />
      <source>The exact audit could not decompose a block of {r} relations over {c} hidden cells ({err}); nothing was written. Publish with the perturbation (PERTURBATION=on), or beside fewer overlapping geographies of earlier releases (another release register).</source>
      <translation>Den eksakte kontrol kunne ikke dekomponere en blok med {r} relationer over {c} skjulte celler ({err}); intet blev skrevet. Udgiv med støj (PERTURBATION=on), eller ved siden af færre overlappende geografier fra tidligere udgivelser (et andet udgivelsesregister).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/datamodel.py" />
      <source>The extract has duplicate column names: {cols}. Rename them so each column name occurs once.</source>
      <translation>Udtrækket har dublerede kolonnenavne: {cols}. Omdøb dem, så hvert kolonnenavn kun forekommer én gang.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>The extract has no location: give a point layer, x and y columns, or an address_id column together with an address layer.</source>
      <translation>Udtrækket har ingen placering: angiv et punktlag, x- og y-kolonner eller en address_id-kolonne sammen med et adresselag.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>The extract has no person key column (person_id).</source>
      <translation>Udtrækket har ingen personnøgle-kolonne (person_id).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>The extract has no rows. Check the export or the layer's filter.</source>
      <translation>Udtrækket har ingen rækker. Kontroller eksporten eller lagets filter.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>The extract lacks the columns for {codes}; those criteria are not assessable.</source>
      <translation>Udtrækket mangler kolonnerne til {codes}; disse kriterier kan ikke vurderes.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>The extract lacks the columns of the profile indicator(s) {codes}; remove them from the list or add the columns.</source>
      <translation>Udtrækket mangler kolonnerne til profilindikator(erne) {codes}; fjern dem fra listen eller tilføj kolonnerne.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>The extract locates persons by address_id: choose the address point layer in 'Address points'.</source>
      <translation>Udtrækket placerer personer via address_id: vælg adressepunktlaget i 'Adressepunkter'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>The extract with the direct person key (CPR number or another key), one row per person and reference date.</source>
      <translation>Udtrækket med den direkte personnøgle (CPR-nummer eller en anden nøgle), én række pr. person og opgørelsesdato.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/styling.py" />
      <source>The field '{field}' holds '{v}', which is not a number; choose a numeric field.</source>
      <translation>Feltet '{field}' indeholder '{v}', som ikke er et tal; vælg et numerisk felt.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/styling.py" />
      <source>The field '{field}' is not numeric; choose an indicator value field (*_val) or 'category'.</source>
      <translation>Feltet '{field}' er ikke numerisk; vælg et felt med indikatorværdier (*_val) eller 'category'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>The field of the address layer that holds the same key as the extract's address_id.</source>
      <translation>Det felt i adresselaget, der indeholder samme nøgle som udtrækkets address_id.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/csvread.py" />
      <source>The file {path} has no rows. Export the extract again.</source>
      <translation>Filen {path} har ingen rækker. Eksportér udtrækket igen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/csvread.py" />
      <source>The file {path} is empty. Export the extract again.</source>
      <translation>Filen {path} er tom. Eksportér udtrækket igen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/csvread.py" />
      <source>The file {path} is not a well-formed CSV file ({err}). Check for a truncated export or unbalanced quotes.</source>
      <translation>Filen {path} er ikke en gyldig CSV-fil ({err}). Kontroller, om eksporten er afkortet, eller om der er anførselstegn, som ikke er lukket.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>The flow map with its legend as a picture.</source>
      <translation>Flytningskortet med signaturforklaring som billede.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>The focus area(s) {ids} are not in the area layer; give area ids from the area id field.</source>
      <translation>Fokusområde(rne) {ids} findes ikke i områdelaget; angiv id'er fra område-id-feltet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>The focus expression failed: {err}</source>
      <translation>Fokusudtrykket fejlede: {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>The focus expression is not valid: {err}</source>
      <translation>Fokusudtrykket er ikke gyldigt: {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/layers.py" />
      <source>The geometry of area '{id}' is invalid and could not be repaired. Fix it with 'Fix geometries'.</source>
      <translation>Geometrien for området '{id}' er ugyldig og kunne ikke repareres. Ret den med 'Fix geometries'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/history.py" />
      <source>The history table has the unknown category '{cat}'; use omdannelsesomraade, parallelsamfund, udsat, forebyggelse, ingen (or ghetto, haardt_ghettoomraade).</source>
      <translation>Historiktabellen har den ukendte kategori '{cat}'; brug omdannelsesomraade, parallelsamfund, udsat, forebyggelse, ingen (eller ghetto, haardt_ghettoomraade).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/history.py" />
      <source>The history table has the year '{y}'; write years as four digits.</source>
      <translation>Historiktabellen har årstallet '{y}'; skriv årstal med fire cifre.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/history.py" />
      <source>The history table needs the columns area_id, year and category; missing: {cols}.</source>
      <translation>Historiktabellen skal have kolonnerne area_id, year og category; mangler: {cols}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>The history table needs the fields area_id, year and category; it has {have}.</source>
      <translation>Historiktabellen skal have felterne area_id, year og category; den har {have}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/regions/measures.py" />
      <source>The homogeneity attribute must be numeric.</source>
      <translation>Ensartethedsattributten skal være numerisk.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/regions/measures.py" />
      <source>The homogeneity attribute needs one value per area.</source>
      <translation>Ensartethedsattributten skal have én værdi pr. område.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>The homogeneity field '{f}' is not numeric. Choose indicator fields with numbers (e.g. the _val fields of computeindicators).</source>
      <translation>Feltet '{f}' til ensartethed er ikke numerisk. Vælg indikatorfelter med tal (fx _val-felterne fra computeindicators).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>The homogeneity fields have the same value in every area; they cannot make regions more alike.</source>
      <translation>Felterne til ensartethed har samme værdi i alle områder; de kan ikke gøre de sammenlagte områder mere ensartede.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>The indicator definition file is not valid JSON: {err}. Start from indicator_catalogue.json.</source>
      <translation>Filen med indikatordefinitioner er ikke gyldig JSON: {err}. Tag udgangspunkt i indicator_catalogue.json.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>The indicator definition file must hold a list of indicators.</source>
      <translation>Filen med indikatordefinitioner skal indeholde en liste af indikatorer.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>The indicator layer at every snapshot (the fields of 'Compute indicators'), with temporal properties on ref_date for the Temporal Controller.</source>
      <translation>Indikatorlaget på hvert opgørelsestidspunkt (felterne fra 'Beregn indikatorer'), med tidsegenskaber på ref_date til Temporal Controller.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/resultmodel.py" />
      <source>The indicator layer has no indicator fields (C_num, C_den, C_val, C_flag); give a layer made by 'Compute indicators'.</source>
      <translation>Indikatorlaget har ingen indikatorfelter (C_num, C_den, C_val, C_flag); angiv et lag lavet med 'Beregn indikatorer'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/resultmodel.py" />
      <source>The indicator layer lacks the fields area_id and ref_date; give a layer made by 'Compute indicators'.</source>
      <translation>Indikatorlaget mangler felterne area_id og ref_date; angiv et lag lavet med 'Beregn indikatorer'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>The input has no field '{f}'; choose an existing field.</source>
      <translation>Inputtet har intet felt '{f}'; vælg et eksisterende felt.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>The input rows with protected counts (hidden ones NULL) and a _flag column per count; polygons are styled by the first count.</source>
      <translation>Inddataens rækker med beskyttede antal (skjulte er NULL) og en _flag-kolonne pr. antal; polygoner får stil efter det første antal.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>The input table is empty; there is nothing to protect.</source>
      <translation>Inputtabellen er tom; der er intet at beskytte.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>The key file {path} cannot be read ({err}). Check that you have access to it.</source>
      <translation>Nøglefilen {path} kan ikke læses ({err}). Kontroller, at du har adgang til den.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>The key file {path} does not exist or is not a file. Choose the file holding the municipality's secret key.</source>
      <translation>Nøglefilen {path} findes ikke eller er ikke en fil. Vælg filen med kommunens hemmelige nøgle.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>The key is a CPR number (check it and accept ddmmyy-xxxx and ddmmyyxxxx alike)</source>
      <translation>Nøglen er et CPR-nummer (kontroller det, og acceptér både ddmmåå-xxxx og ddmmååxxxx)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>The later of the two reference dates compared. Empty: the latest date of the extract. On the command line: TO_DATE=2025-01-01.</source>
      <translation>Den seneste af de to opgørelsesdatoer der sammenlignes. Tom: udtrækkets seneste dato. På kommandolinjen: TO_DATE=2025-01-01.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>The law has no threshold for the field '{field}'. Law classes exist for outside_labour_val, basic_edu_val and nonwestern_val of the indicator layer and for every *_val of the criteria layer (convicted and income are relative to the national rate and the regional mean). Choose another classification method.</source>
      <translation>Loven har ingen grænseværdi for feltet '{field}'. Lovens klasser findes for outside_labour_val, basic_edu_val og nonwestern_val i indikatorlaget og for alle *_val i kriterielaget (dømte og indkomst er relative til landsgennemsnittet og gennemsnitsindkomsten i regionen). Vælg en anden klassifikationsmetode.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>The law's thresholds</source>
      <translation>Lovens grænseværdier</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>The layer '{layer}' has no field 'persons'.</source>
      <translation>Laget '{layer}' har intet felt 'persons'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/styling.py" />
      <source>The layer '{layer}' has no field '{field}'.</source>
      <translation>Laget '{layer}' har intet felt '{field}'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/report.py" />
      <source>The layer '{layer}' has no rows with ref_date {date}; it has {dates}.</source>
      <translation>Laget '{layer}' har ingen rækker med ref_date {date}; det har {dates}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/report.py" />
      <source>The layer has no features with geometry to draw.</source>
      <translation>Laget har ingen objekter med geometri, der kan tegnes.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>The layer holds {n} reference dates; drawing the latest, {date}.</source>
      <translation>Laget indeholder {n} opgørelsesdatoer; den seneste, {date}, tegnes.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>The layer then opens with this style in any QGIS.</source>
      <translation>Laget åbner så med denne stil i enhver QGIS.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>The layer to draw (not changed: the maps are drawn from copies).</source>
      <translation>Det lag, der skal tegnes (ændres ikke: kortene tegnes ud fra kopier).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>The layer's data source cannot store styles (it is not a GeoPackage or database); give a style file to keep the style.</source>
      <translation>Lagets datakilde kan ikke gemme stilarter (det er hverken en GeoPackage eller en database); angiv en stilfil for at beholde stilen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>The layers carry no record of the run that made them (only GeoPackage outputs do); bs_run says less.</source>
      <translation>Lagene har ingen oplysninger om den kørsel, der lavede dem (det har kun GeoPackage-uddata); bs_run siger derfor mindre.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>The map as a PNG picture (for slides, web).</source>
      <translation>Kortet som PNG-billede (til præsentationer og web).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/mergeprotect.py" />
      <source>The merge compares the minimum with the areas' published residents (as the indicator layer of these areas shows them) minus {m}, the most the perturbation changes a count ({c} repeated from an earlier snapshot: minus {k}), never with exact counts.</source>
      <translation>Sammenlægningen sammenligner minimum med områdernes offentliggjorte beboertal (som indikatorlaget for disse områder viser dem) minus {m}, det mest støjen ændrer et antal ({c} gentaget fra et tidligere øjebliksbillede: minus {k}), aldrig med eksakte antal.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/regions/merge.py" />
      <source>The minimum number of residents must be above 0.</source>
      <translation>Minimumsantallet af beboere skal være over 0.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>The narrowest interval an attacker can give a hidden small count is {x} wide (required: {w}).</source>
      <translation>Det smalleste interval, en angriber kan give et skjult lille antal, er {x} bredt (krav: {w}).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>The number of classes must be between {lo} and {hi}.</source>
      <translation>Antallet af klasser skal være mellem {lo} og {hi}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>The official lists of earlier years (fields area_id, year, category), needed for omdannelsesområde (five years as parallelsamfund) when the extract lacks those years.</source>
      <translation>De officielle lister fra tidligere år (felterne area_id, year, category), som er nødvendige for omdannelsesområde (fem år som parallelsamfund), når udtrækket mangler de år.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/styling.py" />
      <source>The output was written but its field names could not be set: {err}</source>
      <translation>Uddata er skrevet, men feltnavnene kunne ikke sættes: {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>The output was written but not styled: {err}</source>
      <translation>Resultatet blev skrevet, men stilen kunne ikke anvendes: {err}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/tables.py" />
      <source>The parent(s) {names} have only one sub-area, whose figures would equal the parent's published totals; merge the sub-area or leave the parent field empty.</source>
      <translation>De overordnede områder {names} har kun ét delområde hver, og delområdets tal ville være lig med det overordnede områdes offentliggjorte totaler; sammenlæg delområdet, eller lad feltet for overordnet område være tomt.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>The person extract has no reference date.</source>
      <translation>Personudtrækket har ingen opgørelsesdato.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/dates.py" />
      <source>The person extract has no reference dates inside the areas; check that the persons lie inside the area polygons.</source>
      <translation>Personudtrækket har ingen opgørelsesdatoer inden for områderne; kontroller, at personerne ligger inden for områdepolygonerne.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/extract.py" />
      <source>The person extract has problems that must be fixed first (run 'Validate person extract' for the full list):</source>
      <translation>Personudtrækket har problemer, der skal rettes først (kør 'Valider personudtræk' for at se hele listen):</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>The person extract is a database table ({where}): the join and the aggregation run in the database; only per-area figures come back, and for the release register the persons' keys (never pseudonyms or values).</source>
      <translation>Personudtrækket er en databasetabel ({where}): sammenkobling og summering sker i databasen; kun tal pr. område kommer tilbage, og til udgivelsesregistret personernes nøgler (aldrig pseudonymer eller værdier).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/postgis.py" />
      <source>The person layer has no primary key, so its selection cannot be used in the database; use a filter instead.</source>
      <translation>Personlaget har ingen primærnøgle, så dets markering kan ikke bruges i databasen; brug i stedet et filter.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/pgkeys.py" />
      <source>The person table changed while the run read it: the persons recorded for the release register are not the ones counted. Run again when the table is not being written, or run without the register (REGISTER_MODE=off).</source>
      <translation>Persontabellen blev ændret, mens kørslen læste den: de personer, der registreres i udgivelsesregistret, er ikke dem, der blev talt. Kør igen, når der ikke skrives i tabellen, eller kør uden registret (REGISTER_MODE=off).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/perturbation.py" />
      <source>The perturbation of a table without persons needs its secret key; none was given.</source>
      <translation>Støjen på en tabel uden personer kræver dens hemmelige nøgle; der blev ikke angivet nogen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/perturbation.py" />
      <source>The perturbation secret cannot be created in {path} ({err}). Choose another release register folder.</source>
      <translation>Den hemmelige nøgle til støjen kan ikke oprettes i {path} ({err}). Vælg en anden mappe til udgivelsesregistret.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/perturbation.py" />
      <source>The perturbation secret {path} cannot be read ({err}). Restore it from a backup: the same secret keeps tables consistent with earlier releases.</source>
      <translation>Den hemmelige nøgle til støjen {path} kan ikke læses ({err}). Gendan den fra en sikkerhedskopi: den samme nøgle holder tabellerne i overensstemmelse med tidligere udgivelser.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/projection.py" />
      <source>The projection date {d} must lie after the latest snapshot {latest}.</source>
      <translation>Fremskrivningsdatoen {d} skal ligge efter seneste opgørelsestidspunkt {latest}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/intervals.py" />
      <source>The protection did not converge; please report this with the log.</source>
      <translation>Beskyttelsen konvergerede ikke; rapportér det venligst sammen med loggen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>The pseudonymisation key is too short ({n} bytes; at least {m} are needed). Use a long random secret, e.g. 64 hex characters from a password manager or 'python3 -c "import secrets; print(secrets.token_hex(32))"'.</source>
      <translation>Pseudonymiseringsnøglen er for kort ({n} bytes; der kræves mindst {m}). Brug en lang, tilfældig hemmelighed, fx 64 hex-tegn fra en adgangskodeadministrator eller 'python3 -c "import secrets; print(secrets.token_hex(32))"'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>The reference date {d} is not in the extract. It holds: {h}.</source>
      <translation>Opgørelsesdatoen {d} findes ikke i udtrækket. Det indeholder: {h}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/evaluation.py" />
      <source>The reference value {name} must be a positive number, not '{v}'.</source>
      <translation>Referenceværdien {name} skal være et positivt tal, ikke '{v}'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>The regions (dissolved areas) with region_id, members, population, feasible and parent; styled by population, infeasible regions hatched.</source>
      <translation>De sammenlagte områder (opløste geometrier) med region_id, members, population, feasible og parent; med stil efter beboertal, og områder under mindstegrænsen skraveret.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/register.py" />
      <source>The release could not be written to the register {path} ({err}); nothing was recorded.</source>
      <translation>Udgivelsen kunne ikke skrives til registret {path} ({err}); intet er registreret.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/register.py" />
      <source>The release register folder {path} cannot be created ({err}). Choose another folder in 'Release register'.</source>
      <translation>Mappen til udgivelsesregistret {path} kan ikke oprettes ({err}). Vælg en anden mappe under 'Udgivelsesregister'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>The report's heading.</source>
      <translation>Rapportens overskrift.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>The report: the areas to watch, then their trend charts (A4 landscape).</source>
      <translation>Rapporten: områderne at holde øje med, derefter deres udviklingsgrafer (A4 på tværs).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>The required column '{col}' (Danish: '{alias}') is missing. Rename the column or choose it in the field parameters.</source>
      <translation>Den påkrævede kolonne '{col}' (på dansk: '{alias}') mangler. Omdøb kolonnen, eller vælg den i feltparametrene.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>The row id; lets a parent's own row be found (its id equals the parent value) and keys the rounding.</source>
      <translation>Rækkens id; gør det muligt at finde et overordnet områdes egen række (dens id er lig med værdien i feltet for overordnet område) og bruges som nøgle ved afrundingen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>The row's total; a hidden category must not be recoverable from it. Rows whose total is below the smallest area show the total only.</source>
      <translation>Rækkens total; en skjult kategori må ikke kunne regnes ud fra den. Rækker, hvis total er under det mindste område, viser kun totalen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/rules.py" />
      <source>The rule set '{code}' is unknown; use 2013, 2018 or 2021.</source>
      <translation>Regelsættet '{code}' er ukendt; brug 2013, 2018 eller 2021.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>The rules, the hidden cells and the audit result as JSON; a file ending in .html gets the same as a web page. The key is never written.</source>
      <translation>Reglerne, de skjulte celler og kontrollens resultat som JSON; en fil, der ender på .html, får det samme som en webside. Nøglen skrives aldrig.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/resultstore.py" />
      <source>The run {id} is already in the schema {schema}.</source>
      <translation>Kørslen {id} findes allerede i skemaet {schema}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/resultstore.py" />
      <source>The run {id} is already in {path}.</source>
      <translation>Kørslen {id} findes allerede i {path}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>The same for the relative criteria (convictions, income): 0.1 means within 10 % of the threshold.</source>
      <translation>Det samme for de relative kriterier (dømte, indkomst): 0,1 betyder inden for 10 % af grænseværdien.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>The schema of the model's tables in the database (created when missing).</source>
      <translation>Skemaet for modellens tabeller i databasen (oprettes, når det mangler).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>The second map would repeat the first: give another field, another reference date or another layer.</source>
      <translation>Det andet kort ville gentage det første: angiv et andet felt, en anden opgørelsesdato eller et andet lag.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>The snapshot to assess; the one a year earlier gives the two-year averages. Empty: the latest date in the extract. On the command line: ASSESSMENT_DATE=2025-01-01.</source>
      <translation>Den opgørelse, der skal vurderes; opgørelsen et år før giver toårsgennemsnittene. Tom: den seneste dato i udtrækket. På kommandolinjen: ASSESSMENT_DATE=2025-01-01.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>The snapshot whose residents are counted; empty: the latest date in the extract. On the command line: REF_DATE=2025-01-01.</source>
      <translation>Den opgørelse, hvis beboere tælles; tom: den seneste dato i udtrækket. På kommandolinjen: REF_DATE=2025-01-01.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/tables.py" />
      <source>The sub-areas of '{parent}' add up to {sum} in '{col}', but its own row says {value}. Fix the table (or leave the id field empty if the parent's row is not the sum of its sub-areas).</source>
      <translation>Delområderne i '{parent}' summerer til {sum} i '{col}', men områdets egen række siger {value}. Ret tabellen (eller lad id-feltet være tomt, hvis det overordnede områdes række ikke er summen af delområderne).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/tables.py" />
      <source>The table has no column '{col}'; choose an existing column.</source>
      <translation>Tabellen har ingen kolonne '{col}'; vælg en eksisterende kolonne.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>The title of the first page.</source>
      <translation>Titlen på første side.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>The total field '{f}' is also chosen as a count field; choose it only as the total.</source>
      <translation>Totalfeltet '{f}' er også valgt som antalsfelt; vælg det kun som total.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>The trend charts of the charted areas on one picture.</source>
      <translation>Udviklingsgraferne for de viste områder på ét billede.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>The trend is fitted over the snapshots of this many months up to the latest one.</source>
      <translation>Udviklingen beregnes over opgørelsestidspunkterne i så mange måneder frem til det seneste.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/projection.py" />
      <source>The trend window must be at least one month.</source>
      <translation>Udviklingsvinduet skal være mindst én måned.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>These rows are left out.</source>
      <translation>Disse rækker udelades.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>This column is replaced by person_id and dropped from the output.</source>
      <translation>Kolonnen erstattes af person_id og udelades i uddata.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/carry.py" />
      <source>This series is published without the carry rule (the person table has no person id): a figure whose persons did not change gets a new noisy value whenever its area changes, and many such copies can be averaged. Do not publish a series of many snapshots from it; give the person id column, or publish single dates.</source>
      <translation>Denne tidsserie udgives uden fremføringsreglen (persontabellen har intet person-id): et tal, hvis personer ikke har ændret sig, får en ny støjet værdi, hver gang dets område ændrer sig, og mange sådanne kopier kan midles. Udgiv ikke en tidsserie med mange øjebliksbilleder herfra; angiv kolonnen med person-id, eller udgiv enkelte datoer.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>Ticked: every key must be a CPR number with a real birth date. Untick it for another direct key (e.g. a case number or a warehouse's person number): then only empty and repeated keys are checked.</source>
      <translation>Afkrydset: hver nøgle skal være et CPR-nummer med en gyldig fødselsdato. Fjern krydset for en anden direkte nøgle (fx et sagsnummer eller datavarehusets personnummer): så kontrolleres kun tomme og gentagne nøgler.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Title (empty = 'Areas to watch')</source>
      <translation>Titel (tom = 'Områder at holde øje med')</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Title (empty = the field's name)</source>
      <translation>Titel (tom = feltets navn)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Title of the report and the picture (default: the dates).</source>
      <translation>Titel på rapporten og billedet (standard: datoerne).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>To area</source>
      <translation>Til område</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>To area (name)</source>
      <translation>Til område (navn)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>To date</source>
      <translation>Til dato</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>To date (empty = the latest date)</source>
      <translation>Til dato (tom = den seneste dato)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>To group</source>
      <translation>Til gruppe</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Total field (row total, e.g. residents)</source>
      <translation>Totalfelt (rækkens total, fx beboere)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>Track change of indicators</source>
      <translation>Følg indikatorernes udvikling</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>Trend charts</source>
      <translation>Udviklingsgrafer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Trend from</source>
      <translation>Udvikling fra</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Trend window (months)</source>
      <translation>Udviklingsvindue (måneder)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>Turnover per
100 residents</source>
      <translation>Udskiftning pr.
100 beboere</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>Two different person keys got the same pseudonym. Use another key and report this (it should never happen).</source>
      <translation>To forskellige personnøgler fik samme pseudonym. Brug en anden nøgle, og rapportér fejlen (det bør aldrig ske).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Two-year averages (1 = yes)</source>
      <translation>Toårsgennemsnit (1 = ja)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>Two-year national average share of residents 18 and over convicted under the criminal code, the weapons act or the drugs act (Social- og Boligstyrelsen's yearly calculation).</source>
      <translation>Landsgennemsnittet over to år for andelen af beboere på 18 år og derover, der er dømt for overtrædelse af straffeloven, våbenloven eller lov om euforiserende stoffer (Social- og Boligstyrelsens årlige opgørelse).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Type</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>Udsat boligområde</source>
      <translation>Udsat boligområde</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>Udsatte boligområder list</source>
      <translation>Listen over udsatte boligområder</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>Under {n} residents, so not on the state lists.</source>
      <translation>Under {n} beboere og derfor ikke omfattet af statens lister.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/base.py" />
      <source>Unexpected error in {alg}: {err}. Please report it with the log.</source>
      <translation>Uventet fejl i {alg}: {err}. Rapportér den venligst sammen med loggen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pipeline.py" />
      <source>Unique locations joined: {n}</source>
      <translation>Unikke placeringer i sammenkoblingen: {n}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>Unknown area ids: {ids}.</source>
      <translation>Ukendte område-id'er: {ids}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>Unknown classification method '{m}'; use one of {all}.</source>
      <translation>Ukendt klassifikationsmetode '{m}'; brug en af {all}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>Unknown colour ramp '{r}'; use one of {all}.</source>
      <translation>Ukendt farveforløb '{r}'; brug et af {all}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>Unknown discretion preset '{name}'; use one of {names}.</source>
      <translation>Ukendt forudindstilling for diskretionering '{name}'; brug en af {names}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>Unknown profile indicator(s) {codes}; use codes of built-in indicators ({all}) or of the user-defined file.</source>
      <translation>Ukendt(e) profilindikator(er) {codes}; brug koder for indbyggede indikatorer ({all}) eller fra den brugerdefinerede fil.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" />
      <source>Usable, with warnings (see the table).</source>
      <translation>Kan bruges, men med advarsler (se tabellen).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>User-defined indicators (JSON)</source>
      <translation>Brugerdefinerede indikatorer (JSON)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" />
      <source>Validate person extract</source>
      <translation>Valider personudtræk</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/wiring.py" />
      <source>Validate person extract…</source>
      <translation>Valider personudtræk…</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/map_report.py" />
      <source>Value</source>
      <translation>Værdi</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>Values based on fewer than {n} persons are suppressed (grey hatching); areas are never shown with a count below that.</source>
      <translation>Værdier, der bygger på færre end {n} personer, er diskretioneret (grå skravering); områder vises aldrig med et antal under denne grænse.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>Values not published: fewer residents than the discretion minimum.</source>
      <translation>Værdierne offentliggøres ikke: færre beboere end mindstegrænsen for diskretionering.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Values: {values}</source>
      <translation>Værdier: {values}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Vector layer</source>
      <translation>Vektorlag</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" />
      <source>Verdict</source>
      <translation>Konklusion</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Viridis (yellow to purple)</source>
      <translation>Viridis (gul til lilla)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>Warning</source>
      <translation>Advarsel</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>Warnings</source>
      <translation>Advarsler</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>Where the focus areas' movers went</source>
      <translation>Hvor fokusområdernes fraflyttere flyttede hen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>Which region each area went to (area_id, region_id, feasible), to join to other tables of the areas.</source>
      <translation>Hvilket sammenlagt område hvert område kom i (area_id, region_id, feasible), til at koble til andre tabeller over områderne.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>Who came, stayed and left (elevator effect)</source>
      <translation>Hvem kom, blev og flyttede (elevatoreffekt)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Whole numbers of persons. Text columns of numbers (CSV) are accepted.</source>
      <translation>Hele antal personer. Tekstkolonner med tal (CSV) accepteres.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>Why</source>
      <translation>Hvorfor</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/text.py" />
      <source>Will become {category} at the computation on {date} if the trend continues: {changes}.</source>
      <translation>Vil blive {category} ved opgørelsen {date}, hvis udviklingen fortsætter: {changes}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/text.py" />
      <source>Will become {category} at the next computation if the trend continues: {changes}.</source>
      <translation>Vil blive {category} ved næste opgørelse, hvis udviklingen fortsætter: {changes}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/text.py" />
      <source>Will no longer be {category} at the computation on {date} if the trend continues: {changes}.</source>
      <translation>Vil ikke længere være {category} ved opgørelsen {date}, hvis udviklingen fortsætter: {changes}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/text.py" />
      <source>Will no longer be {category} at the next computation if the trend continues: {changes}.</source>
      <translation>Vil ikke længere være {category} ved næste opgørelse, hvis udviklingen fortsætter: {changes}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/exact_groups.py" />
      <source>With PERTURBATION=off more than {n} figures of this run would have to be kept back so that no small group follows from them and earlier releases; nothing was written. Publish with PERTURBATION=on (the default), or use another release register for checks.</source>
      <translation>Med PERTURBATION=off skulle mere end {n} tal fra denne kørsel holdes tilbage, for at ingen lille gruppe kan udledes af dem og tidligere udgivelser; intet blev skrevet. Udgiv med PERTURBATION=on (standard), eller brug et andet udgivelsesregister til kontroller.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/exact_groups.py" />
      <source>With PERTURBATION=off the figures published here and by earlier releases overlap in {n} pieces; exact values are checked for at most {max}. Publish with PERTURBATION=on (the default), or use another release register for checks.</source>
      <translation>Med PERTURBATION=off overlapper de tal, der offentliggøres her og af tidligere udgivelser, i {n} stykker; nøjagtige værdier kontrolleres for højst {max}. Udgiv med PERTURBATION=on (standard), eller brug et andet udgivelsesregister til kontroller.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/atoms.py" />
      <source>With PERTURBATION=off the populations of {date} overlap partially with earlier releases (or with each other) in {n} pieces; exact values are checked against every combination of at most {max} pieces. Publish overlapping geographies with PERTURBATION=on (the default), or fewer overlapping geographies of one date, or forget from the release register the drafts that were never published.</source>
      <translation>Med PERTURBATION=off overlapper populationerne pr. {date} delvist med tidligere udgivelser (eller med hinanden) i {n} stykker; nøjagtige værdier kontrolleres mod alle kombinationer af højst {max} stykker. Udgiv overlappende geografier med PERTURBATION=on (standard), eller færre overlappende geografier pr. dato, eller glem de kladder i udgivelsesregistret, der aldrig blev udgivet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>With a group field: one row per pair of groups (e.g. housing types).</source>
      <translation>Med et gruppefelt: én række pr. par af grupper (fx boligtyper).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/exact_groups.py" />
      <source>With exact values (PERTURBATION=off) rows kept back (flag A): {rows}; totals withheld: {tot} ({names}). With earlier releases in the register they would give exactly the residents of a group of fewer than {min} persons, a figure of a group of fewer than {area}, or a count below {min}. PERTURBATION=on (the default) publishes them.</source>
      <translation>Med nøjagtige værdier (PERTURBATION=off) holdes rækker tilbage (flag A): {rows}; totaler offentliggøres ikke: {tot} ({names}). Sammen med tidligere udgivelser i registret ville de give det nøjagtige antal beboere i en gruppe på færre end {min} personer, et tal for en gruppe på færre end {area} eller et antal under {min}. PERTURBATION=on (standard) offentliggør dem.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/register.py" />
      <source>With exact values (PERTURBATION=off) this release would hide {n} figures that an earlier release published for the same persons: {releases}. Their differences with the figures published now could give a group too small to publish. Publish both with PERTURBATION=on (the default), or compute the single dates and the series together from one extract before publishing either, or forget the earlier release in the register if it was never published.</source>
      <translation>Med nøjagtige værdier (PERTURBATION=off) ville denne udgivelse skjule {n} tal, som en tidligere udgivelse har offentliggjort for de samme personer: {releases}. Forskellen til de tal, der offentliggøres nu, kunne give en gruppe, der er for lille til at blive offentliggjort. Offentliggør begge med PERTURBATION=on (standard), eller beregn enkeltdatoerne og serien sammen fra ét udtræk, før nogen af dem offentliggøres, eller glem den tidligere udgivelse i registret, hvis den aldrig blev offentliggjort.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>With the perturbation the noise of an income sum is proportional to its largest income, so each more geography of one date showing a top earner's income (the areas, then their districts) is one more noisy copy of it. An attacker who subtracts last year's figures gets his income within ±10 % in 8 % of cases from one geography, 15 % from two, 19 % from three, 33 % from eight. Rows that would show a person's income in more geographies of the date hide their income sums (flag S).</source>
      <translation>Med støj er støjen på en indkomstsum proportional med den største indkomst, så hver ekstra geografi på én dato, der viser en topindkomstmodtagers indkomst (områderne, derefter deres distrikter), er endnu en støjbehæftet kopi af den. En angriber, der trækker sidste års tal fra, får hans indkomst inden for ±10 % i 8 % af tilfældene fra én geografi, 15 % fra to, 19 % fra tre og 33 % fra otte. Rækker, der ville vise en persons indkomst i flere geografier på datoen, skjuler deres indkomstsummer (flag S).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>Would become {category} if {change}.</source>
      <translation>Ville blive {category}, hvis {change}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>Would no longer be {category} if {change}.</source>
      <translation>Ville ikke længere være {category}, hvis {change}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Write to this GeoPackage: the tables are created when missing, the run is appended.</source>
      <translation>Skriv til denne GeoPackage: tabellerne oprettes, når de mangler, og kørslen tilføjes.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Write to this PostgreSQL/PostGIS connection of QGIS (its password from the authentication database); the role needs the right to create the tables in the schema, or to insert into them.</source>
      <translation>Skriv til denne PostgreSQL/PostGIS-forbindelse i QGIS (adgangskoden fra autentificeringsdatabasen); rollen skal have ret til at oprette tabellerne i skemaet eller til at indsætte i dem.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Writes published results (an indicator layer from 'Compute indicators' and/or a criteria layer from 'Assess state criteria') into the shared relational result model, so several municipalities can load comparable results into one database (e.g. GeoFA) and analyse across borders. Tables: bs_run (one row per export: plugin version, algorithm, source, rule set, discretion rules, perturbation), bs_area (areas with geometry), bs_indicator (indicator definitions), bs_observation (area, date, indicator, num, den, val, flag), bs_criterion and bs_category (the state criteria). README, 'Shared result model', documents every table, key and code in Danish and English.&lt;br&gt;&lt;br&gt;Only what the published layers show is written: suppressed values stay NULL with their flag. Each export is a new run (run_id); tables are created when missing and nothing already there is changed. Give a GeoPackage file or a PostgreSQL connection (with a schema).</source>
      <translation>Skriver offentliggjorte resultater (et indikatorlag fra 'Beregn indikatorer' og/eller et kriterielag fra 'Vurder statens kriterier') ind i den fælles relationelle resultatmodel, så flere kommuner kan samle sammenlignelige resultater i én database (fx GeoFA) og analysere på tværs af kommunegrænser. Tabeller: bs_run (én række pr. eksport: plugin-version, algoritme, datakilde, regelsæt, diskretionsregler, perturbation), bs_area (områder med geometri), bs_indicator (indikatordefinitioner), bs_observation (område, dato, indikator, num, den, val, flag), bs_criterion og bs_category (statens kriterier). README, 'Shared result model', beskriver alle tabeller, nøgler og koder på dansk og engelsk.&lt;br&gt;&lt;br&gt;Kun det, de offentliggjorte lag viser, skrives: diskretionerede værdier forbliver NULL med deres flag. Hver eksport er en ny kørsel (run_id); tabeller oprettes, når de mangler, og intet eksisterende ændres. Angiv en GeoPackage-fil eller en PostgreSQL-forbindelse (med et skema).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>Writing</source>
      <translation>Skriver</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>Writing the report</source>
      <translation>Skriver rapporten</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>Writing {n} rows</source>
      <translation>Skriver {n} rækker</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>Written with the run, so results of several municipalities can be told apart in one database.</source>
      <translation>Skrives med kørslen, så resultater fra flere kommuner kan skelnes i én database.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>X column (tables without geometry)</source>
      <translation>X-kolonne (tabeller uden geometri)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>Y column (tables without geometry)</source>
      <translation>Y-kolonne (tabeller uden geometri)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>Yellow, orange, red</source>
      <translation>Gul, orange, rød</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>Yes/no</source>
      <translation>Ja/nej</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>Yes: the counts add up to the total</source>
      <translation>Ja: antallene summerer til totalen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/calendar.py" />
      <source>a single snapshot</source>
      <translation>ét opgørelsestidspunkt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/logfigures.py" />
      <source>about {n}</source>
      <translation>ca. {n}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>advanced</source>
      <translation>avanceret</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>algorithm default</source>
      <translation>algoritmens standardværdi</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>area below the minimum size</source>
      <translation>område under minimumsstørrelsen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>area minimum: {n} residents</source>
      <translation>områdeminimum: {n} beboere</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/count_tables.py" />
      <source>at least {w} wide</source>
      <translation>mindst {w} bredt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>auto: yes when every row's counts add up to its total; no: there is an unpublished rest, which is protected too.</source>
      <translation>auto: behandles som yes, når hver rækkes antal summerer til rækkens total; no: der er en ikke-offentliggjort rest, som også beskyttes.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/perturbation.py" />
      <source>cell-key perturbation: counts ±{c} at most, full-time persons ±{f}, amounts by {s} × the largest contribution × a Student t draw ({df} degrees of freedom, cut at ±{cut})</source>
      <translation>cellenøglebaseret støj: antal højst ±{c}, fuldtidspersoner ±{f}, beløb med {s} × det største bidrag × en trækning fra Students t-fordeling ({df} frihedsgrader, afskåret ved ±{cut})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_trackchange.py" />
      <source>change,trend,time,series,temporal,monitoring,indicators,udvikling,tidsserie</source>
      <translation>udvikling,trend,tid,tidsserie,monitorering,indikatorer,change,trend,time,series,temporal</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>choropleth,style,map,classes,jenks,legend,kort,tematisk,signatur</source>
      <translation>koropletkort,kort,tematisk,signatur,signaturforklaring,klasser,stil,jenks,choropleth,style,map,classes,legend</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>complement: hidden when total minus count is below {n}</source>
      <translation>komplement: skjules, når total minus antal er under {n}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>convicted (18 and over)</source>
      <translation>dømte (18 år og derover)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>could be {category} ({why})</source>
      <translation>kunne være {category} ({why})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>count below the minimum</source>
      <translation>antal under mindstegrænsen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_assesscriteria.py" />
      <source>criteria,udsat,parallelsamfund,forebyggelse,ghetto,almenboligloven,kriterier</source>
      <translation>kriterier,udsat,parallelsamfund,omdannelse,forebyggelse,ghetto,almenboligloven,criteria</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_applydiscretion.py" />
      <source>discretion,suppression,confidentiality,disclosure,audit,rounding,diskretion,fortrolighed,diskretionering,Danmarks Statistik</source>
      <translation>diskretionering,diskretion,fortrolighed,afrunding,kontrol,Danmarks Statistik,discretion,suppression,confidentiality,disclosure,audit,rounding</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>empty</source>
      <translation>tom</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>equal intervals</source>
      <translation>lige store intervaller</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>every date (YYYY-MM-DD)</source>
      <translation>alle datoer (ÅÅÅÅ-MM-DD)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportresults.py" />
      <source>export,GeoFA,PostGIS,GeoPackage,model,results,eksport,resultater,datamodel</source>
      <translation>eksport,GeoFA,PostGIS,GeoPackage,model,resultater,export,results,datamodel</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/logfigures.py" />
      <source>fewer than {m}</source>
      <translation>færre end {m}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>forebyggelse</source>
      <translation>forebyggelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>frequency: counts below {n} hidden</source>
      <translation>hyppighed: antal under {n} skjules</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>from the focus areas</source>
      <translation>fra fokusområderne</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/history.py" />
      <source>history {years} computed from the extract</source>
      <translation>historik for {years} beregnet ud fra udtrækket</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>indicator no. {n}</source>
      <translation>indikator nr. {n}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_computeindicators.py" />
      <source>indicators,areas,join,discretion,boligsocial,indikatorer,områder</source>
      <translation>indikatorer,områder,sammenkobling,diskretionering,boligsocial,indicators,areas,join,discretion</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/calendar.py" />
      <source>irregular</source>
      <translation>uregelmæssige</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_stylechoropleth.py" />
      <source>jenks (natural breaks), quantile (equal count), equal (equal intervals), pretty (round numbers; may give more or fewer classes), law (the law's thresholds: outside 30/40 %, basic schooling 60 %, non-western 30/50 %; on a criteria layer also convicted 2/3 times the national rate and income 55/65 % of the regional mean).</source>
      <translation>jenks (naturlige brud), quantile (kvantiler, lige mange i hver klasse), equal (lige store intervaller), pretty (pæne intervaller med runde tal; kan give flere eller færre klasser), law (lovens grænseværdier: uden for arbejdsmarkedet og uddannelse 30/40 %, kun grundskoleuddannelse 60 %, ikke-vestlige 30/50 %; i et kriterielag også dømte 2/3 gange landsgennemsnittet og indkomst 55/65 % af gennemsnitsindkomsten i regionen).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_exportmap.py" />
      <source>map,report,pdf,png,choropleth,layout,print,kort,rapport,dobbeltkort</source>
      <translation>kort,rapport,dobbeltkort,koropletkort,layout,udskrift,pdf,png,map,report,choropleth,print</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>mean gross income</source>
      <translation>gennemsnitlig bruttoindkomst</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>means: at least {n} persons</source>
      <translation>gennemsnit: mindst {n} personer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>means: dominance ({n},{k})</source>
      <translation>gennemsnit: dominans ({n},{k})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>means: identical values hidden</source>
      <translation>gennemsnit: identiske værdier skjules</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>means: p%-rule p={p}</source>
      <translation>gennemsnit: p%-regel p={p}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>merge,regions,regionalisation,max-p,minimum,discretion,contiguity,sammenlægning,diskretion,områder</source>
      <translation>sammenlægning,sammenlæg,områder,regionalisering,max-p,minimum,diskretion,naboskab,merge,regions,regionalisation,contiguity,discretion</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>met</source>
      <translation>opfyldt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitorcriteria.py" />
      <source>monitoring,trend,projection,time,series,temporal,criteria,udsat,parallelsamfund,forebyggelse,udvikling,fremskrivning,tidsserie</source>
      <translation>monitorering,udvikling,fremskrivning,tid,tidsserie,kriterier,udsat,parallelsamfund,forebyggelse,monitoring,trend,projection,time,series,temporal,criteria</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/calendar.py" />
      <source>monthly</source>
      <translation>månedlige</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>moves,flows,waterbed,elevator,migration,flytninger,vandseng,elevatoreffekt,til- og fraflytning</source>
      <translation>flytninger,flytningsstrømme,vandsengseffekt,elevatoreffekt,til- og fraflytning,moves,flows,waterbed,elevator</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>n/a</source>
      <translation>i/t</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>natural breaks (Jenks)</source>
      <translation>naturlige brud (Jenks)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>no</source>
      <translation>nej</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/projection.py" />
      <source>no projection: fewer than two published snapshots in the trend window</source>
      <translation>ingen fremskrivning: færre end to offentliggjorte tidspunkter i udviklingsvinduet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/projection.py" />
      <source>no residents at the latest snapshot</source>
      <translation>ingen beboere på seneste opgørelsestidspunkt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>non-western immigrants and descendants</source>
      <translation>indvandrere og efterkommere fra ikke-vestlige lande</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>non-western share above {t} % and {k} of {n} criteria met</source>
      <translation>andelen af indvandrere og efterkommere fra ikke-vestlige lande over {t} % og {k} af {n} kriterier opfyldt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>none</source>
      <translation>ingen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>not 10 digits (ddmmyy-xxxx)</source>
      <translation>ikke 10 cifre (ddmmåå-xxxx)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>not a valid birth date</source>
      <translation>ikke en gyldig fødselsdato</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>not assessable</source>
      <translation>kan ikke vurderes</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/evaluation.py" />
      <source>not assessable: national conviction rate missing</source>
      <translation>kan ikke vurderes: landsgennemsnittet for dømte mangler</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/evaluation.py" />
      <source>not assessable: nobody in the population of {key}</source>
      <translation>kan ikke vurderes: ingen i populationen for {key}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/evaluation.py" />
      <source>not assessable: regional mean income missing</source>
      <translation>kan ikke vurderes: gennemsnitsindkomsten i regionen mangler</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/evaluation.py" />
      <source>not assessable: {key} is not in the extract</source>
      <translation>kan ikke vurderes: {key} findes ikke i udtrækket</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/report.py" />
      <source>not assessed</source>
      <translation>ikke vurderet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>not met</source>
      <translation>ikke opfyldt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/logfigures.py" />
      <source>not published (protected)</source>
      <translation>ikke offentliggjort (beskyttet)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/perturbation.py" />
      <source>off (exact values)</source>
      <translation>fra (eksakte værdier)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>omdannelsesområde could not be determined: needs {n} years of history, {k} found</source>
      <translation>omdannelsesområde kunne ikke afgøres: kræver {n} års historik, {k} fundet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>on: every published count moves by at most ±2 (sums of full-time persons by at most ±2, amounts by a smooth random change of about the largest contribution, up or down, never below 0), the same way for the same persons and values in every run, so differences between outputs and averages of repeated outputs reveal no one. off: exact values (for checks; every suppression rule still applies).</source>
      <translation>on: hvert offentliggjort antal flyttes højst ±2 (summer af fuldtidspersoner højst ±2, beløb med en jævn tilfældig ændring på omkring det største bidrag, op eller ned, aldrig under 0), på samme måde for de samme personer og værdier i hver kørsel, så forskelle mellem uddata og gennemsnit af gentagne uddata ikke afslører nogen. off: nøjagtige værdier (til kontrol; alle regler for diskretionering gælder stadig).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>only basic schooling (30-59)</source>
      <translation>kun grundskoleuddannelse (30-59 år)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>optional</source>
      <translation>valgfri</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/moves.py" />
      <source>other flows</source>
      <translation>andre flytninger</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>outside labour market and education (18-64)</source>
      <translation>uden for arbejdsmarkedet og uddannelse (18-64 år)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>parallelsamfund conditions met in each of the last {n} years</source>
      <translation>betingelserne for parallelsamfund opfyldt i hvert af de seneste {n} år</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>persons</source>
      <translation>personer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>pretty breaks</source>
      <translation>pæne intervaller</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>previous year missing: single-year value used for {keys}</source>
      <translation>forrige år mangler: etårsværdi brugt for {keys}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/profile.py" />
      <source>protects another figure</source>
      <translation>beskytter et andet tal</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>pseudonymise,pseudonym,cpr,hmac,privacy,gdpr,pseudonymisering,databeskyttelse</source>
      <translation>pseudonymisering,pseudonymisér,pseudonym,cpr,hmac,databeskyttelse,gdpr,pseudonymise,privacy</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>quantiles (equal count)</source>
      <translation>kvantiler (lige mange i hver klasse)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/calendar.py" />
      <source>quarterly</source>
      <translation>kvartalsvise</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>record: protect against what was published before (the release register) and record this output there; check: protect against earlier releases but do not record this one (a draft); off: ignore earlier releases.</source>
      <translation>record: beskyt mod det, der er offentliggjort før (udgivelsesregistret), og registrér disse uddata dér; check: beskyt mod tidligere udgivelser uden at registrere denne (et udkast); off: se bort fra tidligere udgivelser.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>refuse: stop with a message naming the overlapping areas; allow: count a person in every area that contains it (reported).</source>
      <translation>refuse: stop med en meddelelse, der nævner de overlappende områder; allow: tæl en person med i hvert område, der indeholder vedkommende (rapporteres).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>report,trend,chart,graph,pdf,png,monitoring,watch,rapport,graf,udvikling</source>
      <translation>rapport,graf,udvikling,pdf,png,monitorering,report,trend,chart,graph,monitoring,watch</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/projection.py" />
      <source>residents from {date}</source>
      <translation>beboere fra {date}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>rook: areas are neighbours when they share a stretch of boundary; queen: a shared corner is enough.</source>
      <translation>rook: områder er naboer, når de har et stykke fælles grænse; queen: et fælles hjørne er nok.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>row {row}: {value}</source>
      <translation>række {row}: {value}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>suppressed</source>
      <translation>diskretioneret</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel_ui.py" />
      <source>temporary (lost when QGIS closes)</source>
      <translation>midlertidigt (forsvinder, når QGIS lukkes)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/text.py" />
      <source>the conditions are met</source>
      <translation>betingelserne er opfyldt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/text.py" />
      <source>the conditions are no longer met</source>
      <translation>betingelserne er ikke længere opfyldt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>the conditions of no list are met</source>
      <translation>betingelserne for ingen af listerne er opfyldt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/writer.py" />
      <source>the data provider refused the features</source>
      <translation>dataudbyderen afviste objekterne</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/choropleth.py" />
      <source>the law's thresholds</source>
      <translation>lovens grænseværdier</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>the mean gross income were {n} kr. higher</source>
      <translation>den gennemsnitlige bruttoindkomst var {n} kr. højere</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>the mean gross income were {n} kr. lower</source>
      <translation>den gennemsnitlige bruttoindkomst var {n} kr. lavere</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/projection.py" />
      <source>the value a year before {d} is read off the trend line (no published snapshot {before})</source>
      <translation>værdien et år før {d} er aflæst på trendlinjen (intet offentliggjort tidspunkt {before})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>udsat</source>
      <translation>udsat</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>udsat ({k} of {n} criteria met) and non-western share above {t} %</source>
      <translation>udsat ({k} af {n} kriterier opfyldt) og andelen af indvandrere og efterkommere fra ikke-vestlige lande over {t} %</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>under {n} residents</source>
      <translation>under {n} beboere</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>unlimited</source>
      <translation>ubegrænset</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_validateextract.py" />
      <source>validate,check,extract,data model,kontrol,udtræk</source>
      <translation>valider,kontrol,udtræk,personudtræk,datamodel,validate,check,extract,data model</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/calendar.py" />
      <source>yearly</source>
      <translation>årlige</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/helppages.py" />
      <source>yes</source>
      <translation>ja</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>zeros hidden</source>
      <translation>nuller skjules</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/rules.py" />
      <source>zeros published</source>
      <translation>nuller offentliggøres</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/runner.py" />
      <source>{alg} must run on the main thread; run it from the Processing toolbox.</source>
      <translation>{alg} skal køre i hovedtråden; kør den fra Processing-værktøjskassen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>{a}–{b} persons</source>
      <translation>{a}–{b} personer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/calendar.py" />
      <source>{cadence} from {date}; the {n} snapshots before are sparser (used for two-year means, history and trends reaching back).</source>
      <translation>{cadence} fra {date}; de {n} tidspunkter før ligger tættere (bruges til toårsgennemsnit, historik og udvikling der rækker bagud).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/text.py" />
      <source>{criterion} reaches {value} (threshold {threshold})</source>
      <translation>{criterion} når {value} (grænse {threshold})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{k} of {n} criteria met</source>
      <translation>{k} af {n} kriterier opfyldt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label} ({unit})</source>
      <translation>{label} ({unit})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/trend.py" />
      <source>{label} over time</source>
      <translation>{label} over tid</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: change ({unit})</source>
      <translation>{label}: ændring ({unit})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: denominator</source>
      <translation>{label}: nævner</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: discretion flag</source>
      <translation>{label}: diskretionsflag</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: distance to the threshold, {list}</source>
      <translation>{label}: afstand til grænseværdien, {list}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: first ({unit})</source>
      <translation>{label}: første ({unit})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: kr. to change, {list}</source>
      <translation>{label}: kr. der skal ændres, {list}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: last ({unit})</source>
      <translation>{label}: seneste ({unit})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: met, {list} (1 = yes)</source>
      <translation>{label}: opfyldt, {list} (1 = ja)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: numerator</source>
      <translation>{label}: tæller</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: persons to change, {list}</source>
      <translation>{label}: personer der skal ændres, {list}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: projected</source>
      <translation>{label}: fremskrevet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: projected ({unit})</source>
      <translation>{label}: fremskrevet ({unit})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: trend per year</source>
      <translation>{label}: udvikling pr. år</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: trend per year ({unit})</source>
      <translation>{label}: udvikling pr. år ({unit})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: who came ({unit})</source>
      <translation>{label}: dem der kom ({unit})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: who left ({unit})</source>
      <translation>{label}: dem der flyttede ({unit})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/fieldinfo.py" />
      <source>{label}: who stayed ({unit})</source>
      <translation>{label}: dem der blev ({unit})</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{label}: {k} of {n} criteria met</source>
      <translation>{label}: {k} af {n} kriterier opfyldt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{label}: {state} (value suppressed)</source>
      <translation>{label}: {state} (værdien er diskretioneret)</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>{m} neighbour pairs found.</source>
      <translation>{m} nabopar fundet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/run_totals.py" />
      <source>{name} is not published: it differs from the one published by {release} by fewer than {m} persons, too few to publish.</source>
      <translation>{name} offentliggøres ikke: det adskiller sig fra det, der blev offentliggjort af {release}, med færre end {m} personer, for få til at offentliggøre.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/run_totals.py" />
      <source>{name} is not published: it overlaps earlier releases in too many pieces to be checked with exact values (PERTURBATION=on publishes it).</source>
      <translation>{name} offentliggøres ikke: det overlapper tidligere offentliggørelser i for mange stykker til at kunne kontrolleres med eksakte værdier (PERTURBATION=on offentliggør det).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/run_totals.py" />
      <source>{name} is not published: with this run's figures and those published before it would give a count that may not be published.</source>
      <translation>{name} offentliggøres ikke: sammen med kørslens tal og det, der er offentliggjort før, ville det give et antal, der ikke må offentliggøres.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>{n} CPR numbers in the numeric column '{col}' had lost their leading zero; it was restored. Store CPR numbers as text.</source>
      <translation>{n} CPR-numre i den numeriske kolonne '{col}' havde mistet det foranstillede nul; det er genskabt. Gem CPR-numre som tekst.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>{n} areas have no geometry; they get no residents.</source>
      <translation>{n} områder har ingen geometri; de får ingen beboere.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>{n} areas have no neighbour (islands): {ids}{more}</source>
      <translation>{n} områder har ingen nabo (øer): {ids}{more}</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel.py" />
      <source>{n} areas in a category, {r} at risk.</source>
      <translation>{n} områder i en kategori, {r} i risiko.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>{n} areas merged into {k} regions ({f} reach {m} residents, {i} do not).</source>
      <translation>{n} områder lagt sammen til {k} sammenlagte områder ({f} når {m} beboere, {i} gør ikke).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel.py" />
      <source>{n} areas on {date}.</source>
      <translation>{n} områder pr. {date}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/mergeprotect.py" />
      <source>{n} areas' residents are hidden by the protection; they count as 0 when merging (always merged with a neighbour).</source>
      <translation>{n} områders beboertal er skjult af beskyttelsen; de tæller som 0 ved sammenlægningen (lægges altid sammen med en nabo).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{n} fewer full-time persons were outside the labour market</source>
      <translation>{n} færre fuldtidspersoner var uden for arbejdsmarkedet og uddannelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{n} fewer residents aged 18 and over were convicted</source>
      <translation>{n} færre beboere på 18 år og derover var dømt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{n} fewer residents aged 30-59 had only basic schooling</source>
      <translation>{n} færre beboere i alderen 30-59 år kun havde en grundskoleuddannelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{n} fewer residents were non-western immigrants or descendants</source>
      <translation>{n} færre beboere var indvandrere eller efterkommere fra ikke-vestlige lande</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>{n} figures hidden (P) because the same count is below the threshold at another date (of this or another area) and fewer persons away than the protection width.</source>
      <translation>{n} tal skjult (P), fordi det samme antal er under grænsen på en anden dato (i dette eller et andet område) og færre personer væk end beskyttelsesbredden.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/release.py" />
      <source>{n} figures hidden now were published for the same persons by an earlier release; they count as known.</source>
      <translation>{n} tal, der skjules nu, blev offentliggjort for de samme personer i en tidligere udgivelse; de regnes som kendte.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/carry.py" />
      <source>{n} figures published before were carried from snapshots that are not in this run; they are hidden (S) until enough persons changed, and the series starts afresh from {d}. Include the earlier snapshots in the run to continue the published series.</source>
      <translation>{n} tal, der er udgivet før, var fremført fra øjebliksbilleder, som ikke er med i denne kørsel; de skjules (S), indtil nok personer har ændret sig, og tidsserien starter forfra fra {d}. Tag de tidligere øjebliksbilleder med i kørslen for at fortsætte den udgivne tidsserie.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/tables.py" />
      <source>{n} hidden cells follow from totals outside the table (e.g. a parent total of 0) whatever else is hidden.</source>
      <translation>{n} skjulte celler følger af totaler uden for tabellen (fx en overordnet total på 0), uanset hvad der ellers skjules.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>{n} hidden figures are narrower than the protection width because of figures this output does not decide (the indicator layer, the residents, earlier releases); review before publishing.</source>
      <translation>{n} skjulte tal er snævrere end beskyttelsesbredden på grund af tal som dette uddata ikke bestemmer (indikatorlaget, beboertallene, tidligere udgivelser); gennemgå før offentliggørelse.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/release.py" />
      <source>{n} hidden figures follow from what was published before whatever this release hides.</source>
      <translation>{n} skjulte tal følger af det, der er offentliggjort før, uanset hvad denne udgivelse skjuler.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_analysemoves.py" />
      <source>{n} hidden profile figures lie below a published total of the indicator layer that is itself below the protection width; they are no narrower than that total already shows.</source>
      <translation>{n} skjulte profiltal ligger under en offentliggjort total i indikatorlaget, der selv er under beskyttelsesbredden; de er ikke snævrere end totalen allerede viser.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>{n} indicators hidden so that no small group the user-defined indicators tell apart can be recovered.</source>
      <translation>{n} indikatorer skjult, så ingen lille gruppe, som de brugerdefinerede indikatorer kan skelne, kan genskabes.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>{n} invalid area geometries were repaired (make valid).</source>
      <translation>{n} ugyldige områdegeometrier blev repareret (make valid).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{n} more full-time persons were outside the labour market</source>
      <translation>{n} flere fuldtidspersoner var uden for arbejdsmarkedet og uddannelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{n} more residents aged 18 and over were convicted</source>
      <translation>{n} flere beboere på 18 år og derover var dømt</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{n} more residents aged 30-59 had only basic schooling</source>
      <translation>{n} flere beboere i alderen 30-59 år kun havde en grundskoleuddannelse</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{n} more residents were non-western immigrants or descendants</source>
      <translation>{n} flere beboere var indvandrere eller efterkommere fra ikke-vestlige lande</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>{n} or more persons</source>
      <translation>{n} eller flere personer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves_report.py" />
      <source>{n} persons</source>
      <translation>{n} personer</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>{n} persons disappear after {a} while a person of the same sex, origin and age (one date older) appears at the same address at {b}: probably a changed person key (a new pseudonymisation key or a new CPR number). They are counted as out_to_outside and in_from_outside. Pseudonymise every date with the same key.</source>
      <translation>{n} personer forsvinder efter {a}, mens en person med samme køn, herkomst og alder (én dato ældre) dukker op på samme adresse på {b}: sandsynligvis en ændret personnøgle (en ny pseudonymiseringsnøgle eller et nyt CPR-nummer). De tælles som out_to_outside og in_from_outside. Pseudonymisér alle datoer med samme nøgle.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/gui/panel.py" />
      <source>{n} persons lie outside every area.</source>
      <translation>{n} personer ligger uden for alle områder.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/mergeprotect.py" />
      <source>{n} regions reach the minimum by their published residents but not by their exact residents (a figure repeated over several extracts); they are marked infeasible and their population is not published.</source>
      <translation>{n} sammenlagte områder når minimum med deres offentliggjorte beboertal, men ikke med de eksakte (et tal gentaget over flere udtræk); de markeres som ikke mulige, og deres befolkningstal offentliggøres ikke.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/register.py" />
      <source>{n} rows (an area at a date) are kept back (A): a count below the threshold there would be narrowed by a figure published for nearly the same persons at another date by an earlier release: {releases}. To publish them, protect both together: compute single-date layers from an extract that holds every date of the series (the monthly snapshots), or forget the earlier release in the register if it was never published.</source>
      <translation>{n} rækker (et område på en dato) er tilbageholdt (A): et antal under grænsen dér ville blive indsnævret af et tal, som en tidligere udgivelse har offentliggjort for næsten de samme personer på en anden dato: {releases}. Beskyt dem sammen for at offentliggøre dem: beregn lag for enkelte datoer ud fra et udtræk, der rummer alle seriens datoer (de månedlige øjebliksbilleder), eller glem den tidligere udgivelse i registret, hvis den aldrig blev offentliggjort.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/discretion/budget.py" />
      <source>{n} rows are hidden: their persons are already in {k} different published populations of the same date (the overlap budget), and each more would give one more noisy copy of their figures. Publish fewer overlapping geographies of that date, or forget from the release register the drafts that were never published.</source>
      <translation>{n} rækker er skjult: deres personer indgår allerede i {k} forskellige udgivne populationer på samme dato (overlapsbudgettet), og hver ekstra ville give endnu en støjbehæftet kopi af deres tal. Udgiv færre overlappende geografier på den dato, eller glem de kladder i udgivelsesregistret, der aldrig blev udgivet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>{n} rows have a missing or malformed CPR number in '{col}' ({kinds}); for example {examples}.</source>
      <translation>{n} rækker har et manglende eller fejlformateret CPR-nummer i '{col}' ({kinds}); fx {examples}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/common.py" />
      <source>{n} rows have an address id that is not in the address layer; they are counted as without location.</source>
      <translation>{n} rækker har et adresse-id, der ikke findes i adresselaget; de tælles som uden placering.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} rows have no coordinates; they are counted as without location and left out of every area.</source>
      <translation>{n} rækker har ingen koordinater; de tælles som uden placering og indgår ikke i noget område.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} rows have no person key in '{col}'.</source>
      <translation>{n} rækker har ingen personnøgle i '{col}'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} rows have no valid reference date in '{col}' (use YYYY-MM-DD).</source>
      <translation>{n} rækker har ingen gyldig opgørelsesdato i '{col}' (brug ÅÅÅÅ-MM-DD).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>{n} rows have no value in '{col}' (rows {rows}).</source>
      <translation>{n} rækker har ingen værdi i '{col}' (rækker {rows}).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} rows have no value in '{col}'; they are left out of the indicators that use it.</source>
      <translation>{n} rækker har ingen værdi i '{col}'; de udelades af de indikatorer, der bruger kolonnen.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} rows have unknown education; by law they count as basic schooling only.</source>
      <translation>{n} rækker har ukendt uddannelse; efter loven tælles de som kun grundskoleuddannelse.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/pseudonym.py" />
      <source>{n} rows repeat a person key in '{col}' within the same reference date (rows {rows}). Each person may appear once per date; 'Compute indicators' will refuse the extract until they are removed.</source>
      <translation>{n} rækker gentager en personnøgle i '{col}' inden for samme opgørelsesdato (rækker {rows}). Hver person må kun optræde én gang pr. dato; 'Beregn indikatorer' afviser udtrækket, indtil de er fjernet.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>{n} rows repeat a person key on dates not analysed; they do not affect this analysis.</source>
      <translation>{n} rækker gentager en personnøgle på datoer der ikke analyseres; de påvirker ikke denne analyse.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/moves.py" />
      <source>{n} rows repeat a person key on {a} or {b} (e.g. rows {rows}); a person must appear once per date, or its origin and destination are unknown. Fix the extract.</source>
      <translation>{n} rækker gentager en personnøgle på {a} eller {b} (fx række {rows}); en person må kun optræde én gang pr. dato, ellers kendes fra- og tilflytningsområdet ikke. Ret udtrækket.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/qgis_io/postgis.py" />
      <source>{n} rows repeat a person key on {a} or {b}; a person must appear once per date, or its origin and destination are unknown. Fix the extract.</source>
      <translation>{n} rækker gentager en personnøgle på {a} eller {b}; en person må kun optræde én gang pr. dato, ellers er hvorfra og hvortil ukendt. Ret udtrækket.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} rows repeat a person key within the same reference date. Each person may appear once per date.</source>
      <translation>{n} rækker gentager en personnøgle inden for samme opgørelsesdato. Hver person må kun optræde én gang pr. dato.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/monitoring/calendar.py" />
      <source>{n} snapshots from {first} to {last}, {cadence}.</source>
      <translation>{n} opgørelsestidspunkter fra {first} til {last}, {cadence}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} values in '{col}' are implausible amounts (beyond ±1 billion kr.).</source>
      <translation>{n} værdier i '{col}' er usandsynlige beløb (over ±1 mia. kr.).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} values in '{col}' are infinite.</source>
      <translation>{n} værdier i '{col}' er uendelige.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} values in '{col}' are not 0 or 1.</source>
      <translation>{n} værdier i '{col}' er ikke 0 eller 1.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} values in '{col}' are not M or K; they count as unknown sex.</source>
      <translation>{n} værdier i '{col}' er hverken M eller K; de tælles som ukendt køn.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} values in '{col}' are not numbers. Fix them in the extract.</source>
      <translation>{n} værdier i '{col}' er ikke tal. Ret dem i udtrækket.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} values in '{col}' are not whole numbers between 0 and 125.</source>
      <translation>{n} værdier i '{col}' er ikke hele tal mellem 0 og 125.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} values in '{col}' are outside 0..1 (a share of a full-time year).</source>
      <translation>{n} værdier i '{col}' ligger uden for 0..1 (en andel af et fuldtidsår).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/problems.py" />
      <source>{n} values in '{col}' look like CPR numbers. Pseudonymise the extract first (boligsocial:pseudonymise).</source>
      <translation>{n} værdier i '{col}' ligner CPR-numre. Pseudonymisér udtrækket først (boligsocial:pseudonymise).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_mergesmallareas.py" />
      <source>{n} values of the homogeneity fields are missing (NULL); they count as the field's mean.</source>
      <translation>{n} værdier i felterne til ensartethed mangler (NULL); de tæller som feltets gennemsnit.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{v} % of the regional mean</source>
      <translation>{v} % af gennemsnitsindkomsten i regionen</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/criteria/text.py" />
      <source>{v} times the national average</source>
      <translation>{v} gange landsgennemsnittet</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: 'in' needs a list of values.</source>
      <translation>{where}: 'in' kræver en liste af værdier.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: '{op}' needs a number, not '{v}'.</source>
      <translation>{where}: '{op}' kræver et tal, ikke '{v}'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: '{op}' needs one number or text as its value, not '{v}'.</source>
      <translation>{where}: '{op}' kræver ét tal eller én tekst som værdi, ikke '{v}'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: a condition needs 'column', 'op' and 'value'.</source>
      <translation>{where}: en betingelse skal have 'column', 'op' og 'value'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: age limits must be whole numbers, not '{v}'.</source>
      <translation>{where}: aldersgrænser skal være hele tal, ikke '{v}'.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: give either 'value' (a column to sum) or 'condition', not both and not neither.</source>
      <translation>{where}: angiv enten 'value' (en kolonne, der summeres) eller 'condition' – ikke begge og ikke ingen af dem.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: must be an object with code, type and value or condition.</source>
      <translation>{where}: skal være et objekt med code, type og enten value eller condition.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: sex must be M or K.</source>
      <translation>{where}: køn skal være M eller K.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: the code '{code}' is used twice or is a built-in indicator; choose another code.</source>
      <translation>{where}: koden '{code}' er brugt to gange eller er en indbygget indikator; vælg en anden kode.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: the code '{code}' must start with a letter and hold only a-z, 0-9 and _ (at most 31 characters).</source>
      <translation>{where}: koden '{code}' skal starte med et bogstav og må kun indeholde a-z, 0-9 og _ (højst 31 tegn).</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: the operator '{op}' is not allowed; use one of {ops}.</source>
      <translation>{where}: operatoren '{op}' er ikke tilladt; brug en af {ops}.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/core/indicators/userdefined.py" />
      <source>{where}: type '{kind}' is unknown; use share, mean or count.</source>
      <translation>{where}: typen '{kind}' er ukendt; brug share, mean eller count.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_monitoringreport.py" />
      <source>{w} areas to watch, {c} charted.</source>
      <translation>{w} områder at holde øje med, {c} med graf.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/processing/alg_pseudonymise.py" />
      <source>{w} of {n} rows written with a pseudonym.</source>
      <translation>{w} af {n} rækker skrevet med et pseudonym.</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/report.py" />
      <source>… {n} more areas</source>
      <translation>… {n} områder mere</translation>
    </message>
    <message>
      <location filename="../boligsocial_plugin/maps/monitor_report.py" />
      <source>… {n} more areas to watch (see the layer)</source>
      <translation>… {n} områder mere at holde øje med (se laget)</translation>
    </message>
  </context>
</TS>
