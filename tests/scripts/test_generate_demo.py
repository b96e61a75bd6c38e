# SPDX-License-Identifier: GPL-2.0-or-later
"""The synthetic demo data generator (scripts/generate_demo.py): shape, privacy, design."""
import filecmp
import importlib.util
import json
import os
import re

import numpy as np
import pandas as pd
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "generate_demo.py")
YEARS = [2021, 2022, 2023, 2024, 2025]
CPR = re.compile(r"\b[0-3]\d[01]\d\d{2}-?\d{4}\b")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
BINARY = ["nonwestern", "student", "taxpayer", "convicted", "single_parent"]


@pytest.fixture(scope="module")
def gen():
    """The script loaded as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("generate_demo", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def big(gen, tmp_path_factory):
    """40,000 persons, 80 areas, five yearly snapshots: large enough for every design."""
    out = str(tmp_path_factory.mktemp("demo_big"))
    paths = gen.generate(out, persons=40000, seed=7, areas=80, years=YEARS,
                         formats=["csv", "dkcsv"])
    persons = pd.read_csv(paths["persons_csv"], dtype={"person_id": str, "household_id": str,
                                                       "address_id": str})
    where = pd.read_csv(paths["address_areas"])
    persons = persons.merge(where, on="address_id", how="left", validate="many_to_one")
    return paths, persons


@pytest.fixture(scope="module")
def small(gen, tmp_path_factory):
    """A small run with every format and the monthly snapshots."""
    out = str(tmp_path_factory.mktemp("demo_small"))
    paths = gen.generate(out, persons=4000, seed=3, areas=40, years=[2024, 2025],
                         monthly=True, formats=["csv", "gpkg", "dkcsv"])
    return paths


def _ogr():
    from osgeo import ogr
    ogr.UseExceptions()
    return ogr


def _read_areas(path):
    ogr = _ogr()
    ds = ogr.Open(path)
    lyr = ds.GetLayer("areas")
    rows = []
    for f in lyr:
        rows.append({"area_id": f.GetField("area_id"), "area_name": f.GetField("area_name"),
                     "district_id": f.GetField("district_id"),
                     "designed": f.GetField("designed"),
                     "geom": f.GetGeometryRef().Clone()})
    epsg = lyr.GetSpatialRef().GetAuthorityCode(None)
    return rows, epsg


# --------------------------------------------------------------------------- independent check

def _criteria(persons: pd.DataFrame, date: str) -> pd.DataFrame:
    """Criterion values of one snapshot per area, written from almenboligloven § 61 a/b."""
    p = persons[persons["ref_date"] == date]
    g = p.groupby("area_id")
    a1864 = p[(p["age"] >= 18) & (p["age"] <= 64)].groupby("area_id")
    a18 = p[p["age"] >= 18].groupby("area_id")
    a3059 = p[(p["age"] >= 30) & (p["age"] <= 59)].groupby("area_id")
    inc = p[(p["age"] >= 15) & (p["age"] <= 64) & (p["student"] == 0)
            & (p["taxpayer"] == 1)].groupby("area_id")
    return pd.DataFrame({
        "residents": g.size(),
        "outside": 100 * a1864["outside_fte"].sum() / a1864.size(),
        "convicted": 100 * a18["convicted"].mean(),
        "basic_edu": 100 * a3059["basic_edu"].apply(lambda s: s.fillna(1).mean()),
        "income": inc["gross_income"].mean(),
        "nonwestern": 100 * g["nonwestern"].mean(),
    })


def _categories(persons: pd.DataFrame, ref: dict) -> pd.Series:
    """2021 category per area at the latest yearly date (omdannelse from yearly history)."""
    yearly = sorted(d for d in persons["ref_date"].unique() if d.endswith("-01-01"))
    per_year = []
    for i, date in enumerate(yearly):
        cur = _criteria(persons, date)
        prev = None
        if i and int(yearly[i - 1][:4]) == int(date[:4]) - 1:
            prev = _criteria(persons, yearly[i - 1]).reindex(cur.index)
        out, conv = cur["outside"], cur["convicted"]
        if prev is not None:
            out = (out + prev["outside"]) / 2
            conv = (conv + prev["convicted"]) / 2
        conv_x = conv / ref["national_conviction_rate"]
        inc_pct = 100 * cur["income"] / ref["regional_mean_income"]
        big_enough = cur["residents"] >= 1000
        n_udsat = ((out > 40).astype(int) + (conv_x >= 3) + (cur["basic_edu"] > 60)
                   + (inc_pct < 55))
        n_fore = ((out > 30).astype(int) + (conv_x >= 2) + (cur["basic_edu"] > 60)
                  + (inc_pct < 65))
        cat = pd.Series("ingen", index=cur.index)
        cat[big_enough & (n_fore >= 2) & (cur["nonwestern"] > 30)] = "forebyggelse"
        cat[big_enough & (n_udsat >= 2)] = "udsat"
        cat[big_enough & (n_udsat >= 2) & (cur["nonwestern"] > 50)] = "parallelsamfund"
        per_year.append(cat)
    latest = per_year[-1].copy()
    if len(per_year) >= 5:
        always = pd.concat(per_year[-5:], axis=1).eq("parallelsamfund").all(axis=1)
        latest[always] = "omdannelsesomraade"
    return latest


# --------------------------------------------------------------------------- tests

def test_same_seed_gives_identical_files_and_another_seed_does_not(gen, tmp_path):
    runs = []
    for name, seed in (("a", 11), ("b", 11), ("c", 12)):
        runs.append(gen.generate(str(tmp_path / name), persons=2500, seed=seed, areas=30,
                                 years=[2024, 2025], formats=["csv", "dkcsv"]))
    for key in ("persons_csv", "persons_dk_csv", "address_areas", "expected_categories"):
        assert filecmp.cmp(runs[0][key], runs[1][key], shallow=False), key
    assert not filecmp.cmp(runs[0]["persons_csv"], runs[2]["persons_csv"], shallow=False)


def test_person_columns_and_value_ranges(gen, big):
    _, p = big
    assert list(p.columns[:16]) == gen.PERSON_COLUMNS
    assert p["person_id"].str.fullmatch(r"P\d{8}").all()
    assert p["household_id"].str.fullmatch(r"H\d{8}").all()
    assert p["address_id"].str.match(UUID).all()
    assert p["area_id"].notna().all()
    assert sorted(p["ref_date"].unique()) == ["{}-01-01".format(y) for y in YEARS]
    assert not p.duplicated(["person_id", "ref_date"]).any()
    assert p["age"].between(0, 100).all() and p["age"].dtype.kind == "i"
    assert set(p["sex"]) == {"M", "K"}
    for col in BINARY:
        assert set(p[col].unique()) == {0, 1}, col
    assert set(p["basic_edu"].dropna().unique()) == {0, 1}
    assert p.loc[p["age"].between(30, 59), "basic_edu"].isna().any()
    fte = p["outside_fte"]
    assert fte.between(0, 1).all()
    assert (fte == 0).mean() > 0.5 and (fte == 1).any() and fte.between(0.01, 0.99).any()
    assert (p.loc[p["age"] < 15, "gross_income"] == 0).all()
    adults = p[p["age"].between(30, 59)]
    assert adults["gross_income"].median() > 200000
    students = p[p["student"] == 1]
    assert students["age"].between(15, 29).mean() > 0.8
    assert students["age"].between(18, 29).mean() > 0.5
    assert p["taxpayer"].mean() > 0.98
    assert 0.003 < p.loc[p["age"] >= 18, "convicted"].mean() < 0.05
    # several persons per address, households share an address
    assert p[p["ref_date"] == "2025-01-01"].groupby("address_id").size().mean() > 2
    assert (p.groupby(["ref_date", "household_id"])["address_id"].nunique() == 1).all()
    # single_parent: one adult and children in the household
    last = p[p["ref_date"] == "2025-01-01"]
    hh = last.assign(adult=last["age"] >= 18, kid=last["age"] < 18).groupby(
        "household_id").agg(adults=("adult", "sum"), kids=("kid", "sum"),
                             flag=("single_parent", "max"))
    assert ((hh["adults"] == 1) & (hh["kids"] >= 1)).eq(hh["flag"] == 1).all()
    assert hh["flag"].sum() > 0


def test_nothing_is_cpr_shaped(big):
    paths, _ = big
    for key, enc in (("persons_csv", "utf-8"), ("persons_dk_csv", "cp1252")):
        with open(paths[key], encoding=enc) as fh:
            text = fh.read()
        assert CPR.search(text) is None, key
    # and the checker itself finds a CPR-shaped string
    fake = "01" + "01" + "90"  # built at run time: no CPR-shaped literal in the repository
    assert CPR.search("P1," + fake + "-1234,x") and CPR.search("x," + fake + "1234,")


def test_areas_tile_the_municipality(gen, big):
    paths, _ = big
    ogr = _ogr()
    rows, epsg = _read_areas(paths["areas"])
    assert epsg == "25832"
    assert len(rows) == 80
    assert all(r["geom"].IsValid() for r in rows)
    union = ogr.Geometry(ogr.wkbMultiPolygon)
    total = 0.0
    for r in rows:
        total += r["geom"].GetArea()
        for part in r["geom"]:
            union.AddGeometry(part)
    union = union.UnionCascaded()
    x0, y0, x1, y1 = gen.EXTENT
    assert union.GetArea() == pytest.approx(total, rel=1e-9)  # no overlaps
    assert union.GetArea() == pytest.approx((x1 - x0) * (y1 - y0), rel=1e-9)  # no gaps
    assert any(r["geom"].GetGeometryCount() > 1 for r in rows)  # a multipart area
    assert any(part.GetGeometryCount() > 1 for r in rows for part in r["geom"])  # a hole
    ids = [r["area_id"] for r in rows]
    names = [r["area_name"] for r in rows]
    assert len(set(ids)) == len(ids) and len(set(names)) == len(names)
    assert any(set("æøåÆØÅ") & set(n) for n in names)
    assert all(r["designed"] in gen.KINDS for r in rows)
    assert len({r["district_id"] for r in rows}) >= 2


def test_every_person_lies_in_its_area(big):
    paths, p = big
    ogr = _ogr()
    rows, _ = _read_areas(paths["areas"])
    geom = {r["area_id"]: r["geom"] for r in rows}
    pts = p.drop_duplicates("address_id")[["x", "y", "area_id"]]
    assert len(pts) > 1000
    pt = ogr.Geometry(ogr.wkbPoint)
    for x, y, area in pts.itertuples(index=False):
        pt.SetPoint_2D(0, x, y)
        assert geom[area].Contains(pt), (x, y, area)
    # one address, one position
    assert (p.groupby("address_id")[["x", "y"]].nunique() == 1).all().all()


def test_danish_csv_reads_with_danish_settings(gen, big):
    paths, p = big
    dk = pd.read_csv(paths["persons_dk_csv"], sep=";", decimal=",", encoding="cp1252",
                     dtype={"personnoegle": str, "husstand_id": str})
    assert list(dk.columns) == [gen.DANISH[c] for c in gen.PERSON_COLUMNS] + ["bydel"]
    assert len(dk) == len(p)
    for canon, alias in gen.DANISH.items():
        if canon in ("x", "y", "outside_fte"):
            assert np.allclose(dk[alias], p[canon]), canon
        elif canon == "basic_edu":
            assert dk[alias].fillna(-1).eq(p[canon].fillna(-1)).all()
        else:
            assert (dk[alias].to_numpy() == p[canon].to_numpy()).all(), canon
    assert dk["bydel"].str.contains("[æøåÆØÅ]").any()
    with open(paths["persons_dk_csv"], "rb") as fh:
        head = fh.read(4000)
    assert b"\r\n" in head and b"," in head.split(b"\r\n")[1]


def test_categories_match_an_independent_computation_and_the_design(big):
    paths, p = big
    with open(paths["reference_values"]) as fh:
        ref = json.load(fh)
    assert ref["rule_set"] == "2021"
    assert ref["national_conviction_rate"] > 0 and ref["regional_mean_income"] > 0
    exp = pd.read_csv(paths["expected_categories"]).set_index("area_id")
    assert list(exp.columns[:2]) == ["designed", "expected_category_2021"]
    mine = _categories(p, ref).reindex(exp.index).fillna("ingen")
    assert (mine == exp["expected_category_2021"]).all(), pd.concat(
        [exp[["designed", "expected_category_2021"]], mine.rename("independent")], axis=1
    )[mine != exp["expected_category_2021"]]
    # 40,000 persons are enough for every designed area to be what it was built to be
    want = {"parallelsamfund": {"parallelsamfund", "omdannelsesomraade"}, "udsat": {"udsat"},
            "forebyggelse": {"forebyggelse"}, "near_udsat": {"ingen"}, "small": {"ingen"},
            "ordinary": {"ingen"}}
    for area, row in exp.iterrows():
        assert row["expected_category_2021"] in want[row["designed"]], area
    counts = exp["designed"].value_counts()
    assert counts["parallelsamfund"] == 3 and counts["udsat"] == 3
    assert counts["forebyggelse"] == 4 and counts["near_udsat"] == 3 and counts["small"] == 10
    persistent = exp[exp["designed_history"] == "persistent"]
    assert (persistent["expected_category_2021"] == "omdannelsesomraade").all()
    state = exp[exp["designed"].isin(["parallelsamfund", "udsat", "forebyggelse",
                                      "near_udsat"])]
    assert (state["residents"] >= 1000).all()


def test_small_areas_stay_small_at_every_date(big):
    paths, p = big
    exp = pd.read_csv(paths["expected_categories"])
    small = set(exp.loc[exp["designed"] == "small", "area_id"])
    sizes = p[p["area_id"].isin(small)].groupby(["ref_date", "area_id"]).size()
    assert len(sizes) == len(small) * len(YEARS)
    assert sizes.between(10, 49).all()


def test_persons_persist_age_move_are_born_and_leave(big):
    _, p = big
    a = p[p["ref_date"] == "2024-01-01"].set_index("person_id")
    b = p[p["ref_date"] == "2025-01-01"].set_index("person_id")
    both = a.index.intersection(b.index)
    assert 0.85 < len(both) / len(a) < 0.99  # deaths and emigration
    assert ((b.loc[both, "age"] - a.loc[both, "age"]) == 1).all()
    assert (a.loc[both, "nonwestern"] == b.loc[both, "nonwestern"]).all()
    assert (a.loc[both, "sex"] == b.loc[both, "sex"]).all()
    new = b.index.difference(a.index)
    assert (b.loc[new, "age"] == 0).sum() > 100  # births
    assert (b.loc[new, "age"] > 0).sum() > 100  # newcomers
    moved = a.loc[both, "address_id"] != b.loc[both, "address_id"]
    other_area = a.loc[both, "area_id"] != b.loc[both, "area_id"]
    assert 0.02 < moved.mean() < 0.2
    assert 0.005 < other_area.mean() < moved.mean()


def test_small_run_gpkg_monthly_and_below_the_minimum(small):
    ogr = _ogr()
    paths = small
    p = pd.read_csv(paths["persons_csv"], dtype={"address_id": str})
    assert sorted(p["ref_date"].unique()) == (
        ["2024-01-01", "2025-01-01"] + ["2025-{:02d}-01".format(m) for m in range(2, 7)])
    ds = ogr.Open(paths["persons_gpkg"])
    lyr = ds.GetLayer("persons")
    assert lyr.GetFeatureCount() == len(p)
    assert lyr.GetSpatialRef().GetAuthorityCode(None) == "25832"
    defn = lyr.GetLayerDefn()
    types = {defn.GetFieldDefn(i).GetName(): defn.GetFieldDefn(i).GetTypeName()
             for i in range(defn.GetFieldCount())}
    assert types["person_id"] == "String" and types["ref_date"] == "Date"
    assert types["outside_fte"] == "Real" and types["age"] == "Integer"
    f = lyr.GetNextFeature()
    g = f.GetGeometryRef()
    assert (g.GetX(), g.GetY()) == (f.GetField("x"), f.GetField("y"))
    lyr.SetAttributeFilter("basic_edu IS NULL")
    assert lyr.GetFeatureCount() == p["basic_edu"].isna().sum()
    addr_ds = ogr.Open(paths["addresses"])  # keep the dataset alive while using its layer
    n_addr = len(pd.read_csv(paths["address_areas"]))
    assert addr_ds.GetLayer("addresses").GetFeatureCount() == n_addr
    # 4,000 persons cannot give designed areas 1,000 residents: expected says what the data is
    exp = pd.read_csv(paths["expected_categories"])
    assert (exp["expected_category_2021"] == "ingen").all()
    assert (exp["residents"] < 1000).all()


@pytest.mark.parametrize("text, years", [
    ("2021-2025", [2021, 2022, 2023, 2024, 2025]),
    ("2024,2025", [2024, 2025]),
    ("2025", [2025]),
    ("2025, 2020-2021", [2020, 2021, 2025]),
])
def test_parse_years(gen, text, years):
    assert gen.parse_years(text) == years


def test_command_line(gen, tmp_path, capsys):
    out = tmp_path / "cli"
    assert gen.main(["--out", str(out), "--persons", "2000", "--areas", "30", "--years",
                     "2025", "--formats", "csv", "--seed", "5"]) == 0
    text = capsys.readouterr().out
    assert "areas 30" in text and "persons.csv" in text
    assert sorted(os.listdir(out)) == sorted([
        "areas.gpkg", "districts.gpkg", "addresses.gpkg", "address_areas.csv", "persons.csv",
        "persons.csvt", "reference_values.json", "expected_categories.csv"])
    with pytest.raises(ValueError):
        gen.generate(str(tmp_path / "bad"), persons=2000, areas=30, formats=["xlsx"])


def test_moves_show_the_waterbed_the_elevator_and_nearby_preference(gen, big):
    """Between the last two years: the omdannelsesområder rehouse into receiving areas (big
    flows), deprived areas lose the better-off and gain the worse-off, and moves to other
    areas mostly go to nearby ones."""
    paths, p = big
    ogr = _ogr()
    rows, _ = _read_areas(paths["areas"])
    ds = ogr.Open(paths["areas"])
    attrs = {f.GetField("area_id"): (f.GetField("housing"), f.GetField("urban"))
             for f in ds.GetLayer("areas")}
    assert {h for h, _u in attrs.values()} == {"almen", "privat_leje", "ejer"}
    assert {u for _h, u in attrs.values()} == {"by", "land"}
    exp = pd.read_csv(paths["expected_categories"]).set_index("area_id")
    for a in exp.index[exp["designed"].isin(["parallelsamfund", "udsat", "forebyggelse"])]:
        assert attrs[a][0] == "almen"
    a = p[p["ref_date"] == "2024-01-01"].set_index("person_id")
    b = p[p["ref_date"] == "2025-01-01"].set_index("person_id")
    both = a.index.intersection(b.index)
    moved = both[(a.loc[both, "area_id"] != b.loc[both, "area_id"]).to_numpy()]
    flows = pd.DataFrame({"o": a.loc[moved, "area_id"].to_numpy(),
                          "d": b.loc[moved, "area_id"].to_numpy()}).value_counts()
    persistent = set(exp.index[exp["designed_history"] == "persistent"])
    # the waterbed: the largest flows of the municipality leave the omdannelsesområder
    top = flows.head(6)
    assert sum(o in persistent for o, _d in top.index) >= 4, top
    assert top.iloc[0] >= 15
    # nearby: most moves between areas go to a neighbour or an area close by
    centre = {r["area_id"]: r["geom"].Centroid() for r in rows}
    dist = [centre[o].Distance(centre[d]) for o, d in flows.index for _ in range(flows[(o, d)])]
    assert np.median(dist) < 0.3 * 20000
    # the elevator: in the deprived areas, who came is more often outside the labour market
    # than who left
    deprived = set(exp.index[exp["designed"].isin(["parallelsamfund", "udsat",
                                                   "forebyggelse"])])
    adults_a = a[(a["age"] >= 18) & (a["age"] <= 64)]
    adults_b = b[(b["age"] >= 18) & (b["age"] <= 64)]
    left = adults_a[adults_a["area_id"].isin(deprived) & ~adults_a.index.isin(
        b.index[b["area_id"].isin(deprived)])]
    came = adults_b[adults_b["area_id"].isin(deprived) & ~adults_b.index.isin(
        a.index[a["area_id"].isin(deprived)])]
    assert came["outside_fte"].mean() > left["outside_fte"].mean() + 0.03


def test_monthly_series_with_designed_trends(gen, tmp_path):
    summary = {}
    paths = gen.generate(str(tmp_path / "m"), persons=20000, seed=3, areas=40, months=14,
                         formats=["csv"], summary=summary)
    dates = summary["dates"]
    monthly = [d for d in dates if d >= "2024-05-01"]
    assert monthly[0] == "2024-05-01" and monthly[-1] == "2025-06-01" and len(monthly) == 14
    assert {"2021-01-01", "2022-01-01", "2023-01-01", "2024-01-01"} <= set(dates)
    trends = pd.read_csv(paths["expected_trends"])
    assert sorted(trends["trend"]) == ["entering", "entering", "leaving", "leaving", "stable",
                                       "stable"]
    assert (trends.loc[trends["trend"] == "entering", "category_latest"] == "ingen").all()
    assert (trends.loc[trends["trend"] == "entering", "projected_category"] == "udsat").all()
    assert (trends.loc[trends["trend"] == "stable", "category_latest"] ==
            trends.loc[trends["trend"] == "stable", "projected_category"]).all()
    # the data follow the design: an independent computation of the trended criterion
    persons = pd.read_csv(paths["persons_csv"], dtype={"person_id": str, "address_id": str})
    where = pd.read_csv(paths["address_areas"])
    persons = persons.merge(where, on="address_id", how="left", validate="many_to_one")
    for _, r in trends.iterrows():
        scale = 100 / gen.REGIONAL_MEAN_INCOME if r["criterion"] == "income" else 1.0
        values = [scale * _criteria(persons, d).loc[r["area_id"], r["criterion"]]
                  for d in ("2024-06-01", "2025-06-01")]
        assert values[1] == pytest.approx(r["end_value"], abs=0.6)
        assert values[1] - values[0] == pytest.approx(r["per_year"], abs=0.8)


def test_months_needs_the_years_it_reaches(gen, tmp_path):
    with pytest.raises(ValueError):
        gen.generate(str(tmp_path / "x"), persons=4000, areas=40, years=[2025], months=12)


def test_series_formats_keep_the_monthly_snapshots_out_of_the_other_files(gen, tmp_path):
    """The demo's files: the CSVs with the 1 January snapshots only, the GeoPackage with the
    monthly series too, of the same persons (the 1 January rows are the same)."""
    from osgeo import ogr

    summary = {}
    paths = gen.generate(str(tmp_path / "s"), persons=4000, seed=5, areas=40, months=8,
                         formats=["csv", "gpkg", "dkcsv"], series_formats=["gpkg"],
                         summary=summary)
    jan = [d for d in summary["dates"] if d.endswith("-01-01")]
    assert len(summary["dates"]) == len(jan) + 7  # 2024-11-01 .. 2025-06-01 without 1 January
    csv = pd.read_csv(paths["persons_csv"], dtype={"person_id": str, "address_id": str})
    assert sorted(csv["ref_date"].unique()) == jan
    dk = pd.read_csv(paths["persons_dk_csv"], sep=";", encoding="cp1252", dtype=str)
    assert sorted(dk["opgoerelsesdato"].unique()) == jan
    ds = ogr.Open(paths["persons_gpkg"])  # kept: the layer lives as long as its data source
    rows = [(f.GetField("person_id"), f.GetField("ref_date"), f.GetField("age"))
            for f in ds.GetLayer(0)]
    ds = None
    assert sorted({r[1].replace("/", "-") for r in rows}) == summary["dates"]
    assert len(rows) == summary["rows"]
    in_gpkg = {(p, d.replace("/", "-"), a) for p, d, a in rows if d.replace("/", "-") in jan}
    assert in_gpkg == set(zip(csv["person_id"], csv["ref_date"], csv["age"]))
