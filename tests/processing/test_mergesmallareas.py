# SPDX-License-Identifier: GPL-2.0-or-later
"""mergesmallareas end to end: contiguity, minimum, membership, determinism, parents, islands."""
from collections import defaultdict, deque

import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsGeometry, QgsProcessingException, QgsVectorLayer, QgsWkbTypes

from tests.helpers import grid_areas, layer_frame


def _layer(path: str) -> QgsVectorLayer:
    lyr = QgsVectorLayer(path, "l", "ogr")
    assert lyr.isValid(), path
    return lyr


def _area_geoms(path: str, id_field: str = "area_id"):
    return {str(f[id_field]): QgsGeometry(f.geometry()) for f in _layer(path).getFeatures()}


def _contiguous(ids, geoms) -> bool:
    """BFS over members sharing a boundary line (corners do not count)."""
    ids = list(ids)
    bounds = {a: QgsGeometry(geoms[a].constGet().boundary()) for a in ids}
    nb = defaultdict(set)
    for k, a in enumerate(ids):
        for b in ids[k + 1:]:
            if bounds[a].intersection(bounds[b]).length() > 0:
                nb[a].add(b)
                nb[b].add(a)
    seen = {ids[0]}
    todo = deque([ids[0]])
    while todo:
        for b in nb[todo.popleft()] - seen:
            seen.add(b)
            todo.append(b)
    return len(seen) == len(ids)


def _run(run_alg, tmp_path, name, **params):
    params.setdefault("AREA_ID_FIELD", "area_id")
    res = run_alg("mergesmallareas", dict(params, OUTPUT=str(tmp_path / (name + ".gpkg")),
                                          OUTPUT_MEMBERS=str(tmp_path / (name + "_m.gpkg"))))
    regions = layer_frame(_layer(res["OUTPUT"]))
    members = layer_frame(_layer(res["OUTPUT_MEMBERS"]))
    return res, regions, members


def _check(regions, members, area_ids, geoms, minimum, parent=None):
    """The invariants every run must satisfy."""
    # every input area in exactly one region, every region listed
    assert sorted(members["area_id"]) == sorted(area_ids)
    assert set(members["region_id"]) == set(regions["region_id"])
    by_region = members.groupby("region_id")["area_id"].apply(list)
    for _, r in regions.iterrows():
        ms = by_region[r["region_id"]]
        assert r["members"] == len(ms)
        assert _contiguous(ms, geoms) or r["feasible"] == 0, r["region_id"]
        if r["feasible"] == 1 and r["population_flag"] == "":
            assert r["population"] >= minimum - 2   # perturbed by at most 2
        elif r["feasible"] == 1:                     # hidden: with published members, it
            assert pd.isna(r["population"]) and r["population_flag"] in ("P", "S")
        else:
            assert pd.isna(r["population"]) and r["population_flag"] == "A"
        if parent is not None:
            assert {parent[a] for a in ms} == {r["parent"]}
    feas = dict(zip(members["area_id"], members["feasible"]))
    reg_feas = dict(zip(regions["region_id"], regions["feasible"]))
    assert all(reg_feas[r] == feas[a] for a, r in zip(members["area_id"], members["region_id"]))


@pytest.fixture(scope="module")
def demo_areas(demo_data):
    path = str(demo_data / "areas.gpkg")
    frame = layer_frame(_layer(path))
    return path, list(frame["area_id"]), dict(zip(frame["area_id"], frame["district_id"]))


@pytest.mark.parametrize("minimum", [250, 1500])
def test_demo_regions_contiguous_and_big_enough(run_alg, tmp_path, demo_data, demo_areas,
                                                 minimum):
    path, ids, _ = demo_areas
    res, regions, members = _run(run_alg, tmp_path, "m", AREAS=path,
                                 PERSONS=str(demo_data / "persons.csv"), MINIMUM=minimum,
                                 PERTURBATION="off")
    geoms = _area_geoms(path)
    _check(regions, members, ids, geoms, minimum)
    assert res["INFEASIBLE"] == 0 and (regions["feasible"] == 1).all()
    assert res["REGIONS"] == len(regions) > 1
    if minimum == 1500:
        assert len(regions) < len(ids)  # some areas had to merge
    # residents of the latest date, all inside the areas: nothing lost in the merge
    persons = pd.read_csv(demo_data / "persons.csv", usecols=["ref_date"])
    assert regions["population"].sum() == (persons["ref_date"] == persons["ref_date"].max()).sum()
    for g in _layer(res["OUTPUT"]).getFeatures():
        assert g.geometry().isGeosValid()


def test_same_output_on_rerun(run_alg, tmp_path, demo_data, demo_areas):
    path, _, _ = demo_areas
    outs = [_run(run_alg, tmp_path, "r{}".format(k), AREAS=path,
                 PERSONS=str(demo_data / "persons.csv"), MINIMUM=1200)[1:] for k in range(2)]
    for a, b in zip(*outs):
        pd.testing.assert_frame_equal(a.drop(columns=["fid"]), b.drop(columns=["fid"]))
    g = [[f.geometry().asWkt(3) for f in _layer(str(tmp_path / (n + ".gpkg"))).getFeatures()]
         for n in ("r0", "r1")]
    assert g[0] == g[1]


def test_parent_boundaries_respected(run_alg, tmp_path, demo_data, demo_areas):
    path, ids, parent = demo_areas
    res, regions, members = _run(run_alg, tmp_path, "p", AREAS=path,
                                 PERSONS=str(demo_data / "persons.csv"), MINIMUM=1500,
                                 PARENT_FIELD="district_id")
    _check(regions, members, ids, _area_geoms(path), 1500, parent)
    assert regions["parent"].notna().all()


def test_island_is_reported_infeasible(run_alg, tmp_path, demo_data, demo_areas):
    from osgeo import ogr

    path, ids, _ = demo_areas
    ogr.UseExceptions()
    src = ogr.Open(path)
    copy = str(tmp_path / "with_island.gpkg")
    ds = ogr.GetDriverByName("GPKG").CopyDataSource(src, copy)
    lyr = ds.GetLayerByName("areas")
    ext = lyr.GetExtent()
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetField("area_id", "ISLAND")
    f.SetField("district_id", "X")
    x0, y0 = ext[1] + 5000, ext[3] + 5000
    f.SetGeometry(ogr.CreateGeometryFromWkt(
        "MULTIPOLYGON((({0} {1},{2} {1},{2} {3},{0} {3},{0} {1})))".format(
            x0, y0, x0 + 500, y0 + 500)))
    lyr.CreateFeature(f)
    ds = src = None
    res, regions, members = _run(run_alg, tmp_path, "i", AREAS=copy,
                                 PERSONS=str(demo_data / "persons.csv"), MINIMUM=250)
    assert res["ISLANDS"] == 1 and res["INFEASIBLE"] == 1
    rid = members.set_index("area_id").loc["ISLAND", "region_id"]
    island = regions.set_index("region_id").loc[rid]
    assert island["feasible"] == 0 and island["members"] == 1 and pd.isna(island["population"])
    _check(regions, members, ids + ["ISLAND"], _area_geoms(copy), 250)


def _grid(tmp_path, n, seed):
    """An n x n grid of squares with unique ids and a random 'pop' field; returns path, pops."""
    from osgeo import ogr

    path = str(tmp_path / "grid.gpkg")
    grid_areas(path, n, n, size=100.0)
    rng = np.random.default_rng(seed)
    ogr.UseExceptions()
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("areas")
    lyr.CreateField(ogr.FieldDefn("pop", ogr.OFTInteger))
    pops = {}
    lyr.StartTransaction()
    for f in lyr:
        aid = "G{:05d}".format(f.GetFID())  # helpers' ids repeat beyond 10 x 10
        f.SetField("area_id", aid)
        pops[aid] = int(rng.integers(0, 120))
        f.SetField("pop", pops[aid])
        lyr.SetFeature(f)
    lyr.CommitTransaction()
    ds = None
    return path, pops


def test_grid_with_random_populations(run_alg, tmp_path):
    path, pops = _grid(tmp_path, 40, seed=7)
    res, regions, members = _run(run_alg, tmp_path, "g", AREAS=path, POPULATION_FIELD="pop",
                                 MINIMUM=250, PERTURBATION="off")
    assert res["INFEASIBLE"] == 0 and res["ISLANDS"] == 0
    _check(regions, members, list(pops), _area_geoms(path), 250)
    # squares joined along edges dissolve into one polygon; a corner contact would give two
    for f in _layer(res["OUTPUT"]).getFeatures():
        g = f.geometry()
        assert QgsWkbTypes.geometryType(g.wkbType()) == QgsWkbTypes.PolygonGeometry
        assert g.constGet().numGeometries() == 1, f["region_id"]
    truth = members.assign(pop=members["area_id"].map(pops)).groupby("region_id")["pop"].sum()
    got = regions.set_index("region_id")["population"]
    shown = got.notna()
    assert shown.sum() > len(got) / 2
    assert (got[shown] == truth[got[shown].index]).all()
    # a hidden population hides a small member's count (the region minus the others)
    small = members.assign(pop=members["area_id"].map(pops)).query("0 < pop < 5")
    flags = regions.set_index("region_id")["population_flag"]
    assert set(flags[~shown]) <= {"S"} and set(flags[~shown].index) <= set(small["region_id"])
    assert len(regions) >= sum(pops.values()) // (2 * 250)  # not one giant region


@pytest.mark.parametrize("params,words", [
    ({}, "residents field"),                                        # neither source
    ({"POPULATION_FIELD": "pop", "PERSONS": "x.csv"}, "not both"),  # both
])
def test_population_source_errors(run_alg, tmp_path, params, words):
    path, _ = _grid(tmp_path, 3, seed=1)
    if "PERSONS" in params:
        (tmp_path / "x.csv").write_text("person_id,ref_date,x,y,age\n")
        params = dict(params, PERSONS=str(tmp_path / "x.csv"))
    with pytest.raises(QgsProcessingException, match=words):
        run_alg("mergesmallareas", dict(params, AREAS=path, AREA_ID_FIELD="area_id",
                                        OUTPUT="memory:"))


def _squares(path, squares):
    """A GeoPackage of squares (id, x0, y0, size, fields...) with the given extra fields."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    lyr = ds.CreateLayer("areas", srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("area_id", ogr.OFTString))
    names = sorted({k for sq in squares for k in sq[4]})
    for k in names:
        lyr.CreateField(ogr.FieldDefn(k, ogr.OFTReal))
    lyr.StartTransaction()
    for aid, x0, y0, size, values in squares:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("area_id", aid)
        for k, v in values.items():
            if v is not None:
                f.SetField(k, float(v))
        f.SetGeometry(ogr.CreateGeometryFromWkt(
            "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(
                x0, y0, x0 + size, y0 + size)))
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None
    return path


def test_queen_joins_areas_that_meet_at_a_corner(run_alg, tmp_path):
    x0, y0 = 570000.0, 6220000.0
    path = _squares(str(tmp_path / "corner.gpkg"), [
        ("A", x0, y0, 100, {"pop": 30}), ("B", x0 + 100, y0 + 100, 100, {"pop": 30})])
    res, regions, _ = _run(run_alg, tmp_path, "rook", AREAS=path, POPULATION_FIELD="pop",
                           MINIMUM=50)
    assert res["ISLANDS"] == 2 and res["INFEASIBLE"] == 2 and res["UPPER_BOUND"] == 0
    res, regions, members = _run(run_alg, tmp_path, "queen", AREAS=path,
                                 POPULATION_FIELD="pop", MINIMUM=50, CONTIGUITY="queen",
                                 PERTURBATION="off")
    assert res["ISLANDS"] == 0 and res["INFEASIBLE"] == 0 and res["REGIONS"] == 1
    assert res["UPPER_BOUND"] == 1
    assert regions["population"].tolist() == [60] and regions["members"].tolist() == [2]
    with pytest.raises(QgsProcessingException):
        run_alg("mergesmallareas", dict(AREAS=path, AREA_ID_FIELD="area_id",
                                        POPULATION_FIELD="pop", CONTIGUITY="bishop",
                                        OUTPUT="memory:"))


def _recording_feedback():
    """A feedback that keeps the lines the algorithm reports (info and warnings)."""
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushInfo(self, text):  # noqa: N802
            self.lines.append(text)

        def pushWarning(self, text):  # noqa: N802
            self.lines.append(text)

    return Feedback()


def _patterned_grid(tmp_path, side, seed):
    """side x side squares with residents and two patterned indicator fields (a few NULL)."""
    rng = np.random.default_rng(seed)
    squares, values = [], {}
    for k in range(side * side):
        row, col = divmod(k, side)
        v = {"pop": int(rng.integers(0, 120)),
             "share": 20 + 15 * np.sin(col / 3.0) + 10 * np.cos(row / 4.0) + 3 * rng.normal(),
             "income": 300 + 10 * (col - row) + 5 * rng.normal()}
        if k % 37 == 5:
            v["share"] = None
        aid = "K{:04d}".format(k)
        values[aid] = v
        squares.append((aid, 570000.0 + 100 * col, 6220000.0 + 100 * row, 100, v))
    return _squares(str(tmp_path / "karre.gpkg"), squares), values


def test_population_field_noise_is_keyed_with_the_register_folders_secret(run_alg, tmp_path,
                                                                          monkeypatch):
    """From a residents field (no persons) the regions' noise is keyed with the secret of the
    release register folder: the same folder, the same populations; another folder, other
    noise; the noise an attacker computes from the member ids alone is not the plugin's."""
    from boligsocial_plugin.core.discretion.perturbation import Perturbation, perturb_counts
    from boligsocial_plugin.core.personkeys import keys_from_strings

    path, pops = _grid(tmp_path, 8, seed=3)
    got = []
    for k, folder in enumerate(("one", "one", "two")):
        monkeypatch.setenv("BOLIGSOCIAL_RELEASE_REGISTER", str(tmp_path / folder))
        _res, regions, members = _run(run_alg, tmp_path, "s{}".format(k), AREAS=path,
                                      POPULATION_FIELD="pop", MINIMUM=250)
        got.append(regions.set_index("region_id")["population"])
    pd.testing.assert_series_equal(got[0], got[1])
    assert not got[0].equals(got[2])
    truth = members.assign(pop=members["area_id"].map(pops)).groupby("region_id")["pop"].sum()
    ids = members.groupby("region_id")["area_id"].apply(lambda x: "\x1f".join(sorted(x)))
    shown = got[0].dropna()
    labels = ids.loc[shown.index].tolist()
    public = (keys_from_strings(labels) >> np.uint64(32)).astype(np.int64)
    theirs = perturb_counts(truth.loc[shown.index].to_numpy(float), public, 5, Perturbation())
    assert len(shown) >= 5 and not np.array_equal(theirs, shown.to_numpy(float))


def test_homogeneity_fields_make_regions_alike(run_alg, tmp_path):
    from boligsocial_plugin.core.regions import mixing

    path, values = _patterned_grid(tmp_path, 16, seed=11)
    ids = list(values)
    geoms = _area_geoms(path)
    plain, p_regions, p_members = _run(run_alg, tmp_path, "plain", AREAS=path,
                                       POPULATION_FIELD="pop", MINIMUM=250)
    log = _recording_feedback()
    params = dict(AREAS=path, AREA_ID_FIELD="area_id", POPULATION_FIELD="pop", MINIMUM=250,
                  HOMOGENEITY_FIELDS=["share", "income"],
                  OUTPUT=str(tmp_path / "alike.gpkg"),
                  OUTPUT_MEMBERS=str(tmp_path / "alike_m.gpkg"))
    alike = run_alg("mergesmallareas", params, feedback=log)
    a_regions = layer_frame(_layer(alike["OUTPUT"]))
    a_members = layer_frame(_layer(alike["OUTPUT_MEMBERS"]))
    for regions, members in ((p_regions, p_members), (a_regions, a_members)):
        _check(regions, members, ids, geoms, 250)
    assert plain["MIXING"] is None
    assert alike["REGIONS"] >= plain["REGIONS"]
    assert alike["UPPER_BOUND"] == plain["UPPER_BOUND"] >= alike["REGIONS"]

    def measured(members):
        lab = members.set_index("area_id").loc[ids, "region_id"]
        codes = lab.astype("category").cat.codes.to_numpy()
        x = [[np.nan if values[a]["share"] is None else values[a]["share"],
              values[a]["income"]] for a in ids]
        return mixing(codes, np.asarray(x, dtype=float))

    assert alike["MIXING"] == pytest.approx(measured(a_members))
    assert alike["MIXING"] < 0.85 * measured(p_members)
    text = "\n".join(log.lines)
    assert "values of the homogeneity fields are missing" in text
    assert "Mixing within regions" in text and "of at most {}".format(
        alike["UPPER_BOUND"]) in text
    # deterministic
    again = run_alg("mergesmallareas", dict(params, OUTPUT=str(tmp_path / "again.gpkg"),
                                            OUTPUT_MEMBERS=str(tmp_path / "again_m.gpkg")))
    b_members = layer_frame(_layer(again["OUTPUT_MEMBERS"]))
    assert b_members["region_id"].tolist() == a_members["region_id"].tolist()


def test_homogeneity_field_must_be_numeric(run_alg, tmp_path):
    path, _ = _grid(tmp_path, 3, seed=1)
    with pytest.raises(QgsProcessingException, match="not numeric"):
        run_alg("mergesmallareas", dict(AREAS=path, AREA_ID_FIELD="area_id",
                                        POPULATION_FIELD="pop", MINIMUM=50,
                                        HOMOGENEITY_FIELDS=["area_name"], OUTPUT="memory:"))


# --------------------------------------------------------------------------- discretion


def _small_and_big(tmp_path):
    """Area A00 with 3 residents next to A10 with 300, A01 and A11 with 200 each."""
    from tests.helpers import grid_areas, persons_frame

    path = str(tmp_path / "ab.gpkg")
    areas = grid_areas(path, 2, 2)
    counts = {"A00": 3, "A01": 200, "A10": 300, "A11": 200}
    df = persons_frame(areas, [counts[a] for a, _ in areas], seed=4)
    csv = str(tmp_path / "ab.csv")
    df.drop(columns=["area_truth"]).to_csv(csv, index=False)
    return path, csv, counts


def test_region_minus_published_member_reveals_no_small_area(run_alg, tmp_path):
    """The indicator layer publishes 300 for A10 and hides A00 (3); a region A00 + A10 must
    not publish 303 (exactly, or at all when the register links the two)."""
    path, csv, counts = _small_and_big(tmp_path)
    ind = run_alg("computeindicators", {"PERSONS": csv, "AREAS": path,
                                        "AREA_ID_FIELD": "area_id", "PERTURBATION": "off",
                                        "OUTPUT": str(tmp_path / "ind.gpkg")})
    layer = layer_frame(_layer(ind["OUTPUT"])).set_index("area_id")
    assert pd.isna(layer.loc["A00", "residents"]) and layer.loc["A10", "residents"] == 300
    res, regions, members = _run(run_alg, tmp_path, "m", AREAS=path, PERSONS=csv,
                                 MINIMUM=250, PERTURBATION="off")
    region_of = members.set_index("area_id")["region_id"]
    reg = regions.set_index("region_id")
    r = region_of["A00"]
    shown_members = [a for a in region_of.index[region_of == r]
                     if a != "A00" and not pd.isna(layer.loc[a, "residents"])]
    rest = reg.loc[r, "population"] - sum(layer.loc[a, "residents"] for a in shown_members) \
        if not pd.isna(reg.loc[r, "population"]) else None
    assert rest != counts["A00"]
    assert reg.loc[r, "population_flag"] == "S"
    # the same from a residents field: members' counts are taken as published
    from osgeo import ogr

    ogr.UseExceptions()
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("areas")
    lyr.CreateField(ogr.FieldDefn("pop", ogr.OFTInteger))
    for f in lyr:
        f.SetField("pop", counts[f.GetField("area_id")])
        lyr.SetFeature(f)
    ds = None
    res, regions, members = _run(run_alg, tmp_path, "f", AREAS=path, POPULATION_FIELD="pop",
                                 MINIMUM=250, PERTURBATION="off")
    reg = regions.set_index("region_id")
    r = members.set_index("area_id")["region_id"]["A00"]
    assert pd.isna(reg.loc[r, "population"]) and reg.loc[r, "population_flag"] == "S"
    assert reg["population"].notna().any()


def test_region_populations_are_perturbed_like_the_indicator_layer(run_alg, tmp_path):
    """The same persons get the same published count in both outputs (cell keys)."""
    path, csv, _ = _small_and_big(tmp_path)
    ind = run_alg("computeindicators", {"PERSONS": csv, "AREAS": path,
                                        "AREA_ID_FIELD": "area_id", "REGISTER_MODE": "off",
                                        "OUTPUT": str(tmp_path / "ind.gpkg")})
    layer = layer_frame(_layer(ind["OUTPUT"])).set_index("area_id")
    res, regions, members = _run(run_alg, tmp_path, "m", AREAS=path, PERSONS=csv, MINIMUM=150,
                                 REGISTER_MODE="off")
    single = members.groupby("region_id")["area_id"].apply(list)
    reg = regions.set_index("region_id")
    compared = 0
    for rid, ms in single.items():
        if len(ms) == 1 and not pd.isna(reg.loc[rid, "population"]):
            assert reg.loc[rid, "population"] == layer.loc[ms[0], "residents"]
            compared += 1
    assert compared >= 2
