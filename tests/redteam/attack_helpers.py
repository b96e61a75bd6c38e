# SPDX-License-Identifier: GPL-2.0-or-later
"""Helpers of the red-team tests: designed area layers and pseudonym-like person ids."""
import hashlib

import numpy as np

X0, Y0, U = 570000.0, 6220000.0, 1000.0


def box(x0, y0, x1, y1):
    """A square-kilometre grid box in EPSG:25832 (x0, y0, x1, y1 in km from the origin)."""
    return (X0 + x0 * U, Y0 + y0 * U, X0 + x1 * U, Y0 + y1 * U)


def write_areas(path, areas, names=False):
    """A GeoPackage of areas, each the union of boxes: [(id, [box, ...]), ...]; ``names``: an
    ``area_name`` field too ("Område <id>")."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    lyr = ds.CreateLayer("areas", srs, ogr.wkbMultiPolygon)
    lyr.CreateField(ogr.FieldDefn("area_id", ogr.OFTString))
    if names:
        lyr.CreateField(ogr.FieldDefn("area_name", ogr.OFTString))
    for aid, boxes in areas:
        geom = None
        for b in boxes:
            g = ogr.CreateGeometryFromWkt(
                "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(*b))
            geom = g if geom is None else geom.Union(g)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("area_id", aid)
        if names:
            f.SetField("area_name", "Område {}".format(aid))
        f.SetGeometry(ogr.ForceToMultiPolygon(geom))
        lyr.CreateFeature(f)
    ds = None


def hash_ids(df):
    """The person ids replaced by pseudonym-like hex strings."""
    df = df.copy()
    df["person_id"] = [hashlib.sha256(p.encode()).hexdigest()[:32] for p in df["person_id"]]
    return df


# ------------------------------------------------------- a newcomer's income from copies
#: the newcomer's income of the round-5 income attack: five times anyone else's (≤ 600,000)
X_INCOME = 3_000_000.0
#: the attacker's prior on the largest contribution of the cell before the newcomer
L_OTHERS = (300_000.0, 600_000.0, 900_000.0)


def income_posterior(diffs, truth, pdf, ppf, nodes=81):
    """(posterior mode, posterior mass within ±10 % of ``truth``) of a newcomer's income x from
    differences d_k = x + n2_k − n1_k of income sums, for a public amount-noise law given by
    the density ``pdf`` and quantile function ``ppf`` of the noise in units of the cell's
    largest contribution: n2 = max(x, L)·z2, n1 = L·z1, L unknown (prior :data:`L_OTHERS`),
    flat prior on log x. n1 is integrated out on ``nodes`` equal-probability quantiles."""
    grid = np.exp(np.linspace(np.log(2e5), np.log(3e7), 3000))
    t = ppf((np.arange(nodes) + 0.5) / nodes)
    ll = np.zeros(len(grid))
    for d in diffs:
        lik = np.zeros(len(grid))
        for big in L_OTHERS:
            scale = np.maximum(grid, big)[:, None]
            z = (d - grid[:, None] + t[None, :] * big) / scale
            lik += (pdf(z) / scale).mean(1)
        ll += np.log(lik + 1e-300)
    p = np.exp(ll - ll.max())
    p /= p.sum()
    near = np.abs(grid - truth) <= 0.1 * truth
    return float(grid[p.argmax()]), float(p[near].sum())


def income_monte_carlo(k, noise, pdf, ppf, n=300, seed=8080):
    """Share of ``n`` newcomers (income :data:`X_INCOME`) whose posterior mode from ``k``
    differences (k geographies: independent cell keys) is within ±10 %.

    ``noise(values, cell_keys, scale)``: the published sums (the plugin's perturb_amounts);
    last year's sums 20-21 million, their largest contribution 500,000-700,000."""
    rng = np.random.default_rng(seed)
    hits = 0
    for _ in range(n):
        big = rng.uniform(500_000.0, 700_000.0, k)
        before = 2e7 + rng.uniform(0, 1e6, k)
        keys = rng.integers(0, 2 ** 62, (2, k), dtype=np.int64)
        n1 = noise(before, keys[0], big) - before
        after = before + X_INCOME
        n2 = noise(after, keys[1], np.maximum(big, X_INCOME)) - after
        mode, _mass = income_posterior(X_INCOME + n2 - n1, X_INCOME, pdf, ppf)
        hits += abs(mode - X_INCOME) <= 0.1 * X_INCOME
    return hits / n


def sliver_regions(tmp, order, seed, minimums, **params):
    """mergesmallareas over two layers of one extract through one register: P (247 persons)
    beside Q (600), and PD = P with a sliver D of 3 persons beside Q, in ``order`` (layer
    names), for every minimum. (layer, minimum) -> (number of regions, the region layer,
    INFEASIBLE, UPPER_BOUND); ``params``: further parameters (e.g. PERTURBATION)."""
    import processing

    from tests.helpers import persons_frame
    from tests.test_leaks import gpkg_rows

    p, d, q = box(0, 0, 1, 1), box(1, 0, 1.05, 0.05), box(0, 1, 2, 3)
    persons_frame([("P", p), ("D", d), ("Q", q)], [247, 3, 600], dates=("2025-01-01",),
                  seed=seed).drop(columns=["area_truth"]).to_csv(tmp / "persons.csv",
                                                                  index=False)
    write_areas(str(tmp / "P.gpkg"), [("P", [p]), ("Q", [q])])
    write_areas(str(tmp / "PD.gpkg"), [("PD", [p, d]), ("Q", [q])])
    out = {"order": order}
    for layer in order:
        for m in minimums:
            res = processing.run("boligsocial:mergesmallareas", dict({
                "PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / (layer + ".gpkg")),
                "AREA_ID_FIELD": "area_id", "MINIMUM": m,
                "RELEASE_REGISTER": str(tmp / "register"),
                "OUTPUT": str(tmp / "{}_{}.gpkg".format(layer, m)),
                "OUTPUT_MEMBERS": str(tmp / "{}_{}_members.gpkg".format(layer, m))}, **params))
            out[(layer, m)] = (gpkg_rows(res["OUTPUT_MEMBERS"])["region_id"].nunique(),
                               gpkg_rows(res["OUTPUT"]), res["INFEASIBLE"], res["UPPER_BOUND"])
    return out


def alone_interval(merged, layer, minimums):
    """The attacker's interval for the layer's small area: it stands alone (two regions) iff
    its residents reach the minimum. An area that never stands alone may be one whose
    residents are hidden (they count as 0): then it says nothing (no upper bound)."""
    alone = [m for m in minimums if merged[(layer, m)][0] == 2]
    apart = [m for m in minimums if merged[(layer, m)][0] == 1]
    return (max(alone) if alone else 0), (min(apart) - 1 if apart and alone else 10 ** 6)
