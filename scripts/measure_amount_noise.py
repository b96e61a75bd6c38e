#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Choose the noise law of sums of amounts by measured result (README "Discretion").

For each candidate law (the noise of a sum in units of the cell's largest contribution L,
drawn from the plugin's keyed uniforms as core.discretion.perturbation does):

* **protection**: the red team's attacker (tests/redteam/attack_helpers.income_monte_carlo:
  posterior mode of a newcomer earning five times anyone else, from 1, 4 and 8 yearly
  differences, the attacker knowing the law) -- the share within ±10 % of his income;
* **accuracy**: the mean (and largest) absolute relative change of the published mean incomes
  of the demo data (demo_data/persons.csv, 300 areas × 5 dates; the cells the rules publish,
  the denominator perturbed as in a release).

    /usr/bin/python3 scripts/measure_amount_noise.py [--newcomers 300] [--laws normal1,laplace1]

``--yearly FOLDER`` (``yYYYY.csv`` one-snapshot extracts, e.g. from scripts/generate_demo.py):
the plugin's own law only, each year published with a fresh register and through one
register (the carry rule), the mean absolute relative change of the mean incomes.
"""
import argparse
import importlib.util
import os
import sys

import numpy as np
import pandas as pd
from scipy import special

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from boligsocial_plugin.core import discretion  # noqa: E402
from boligsocial_plugin.core.discretion import perturbation as pt  # noqa: E402
from tests.redteam.attack_helpers import income_monte_carlo  # noqa: E402

SQ2PI = np.sqrt(2 * np.pi)


def _normal(c):
    return (lambda u1, u2: c * special.ndtri(u1),
            lambda z: np.exp(-0.5 * (z / c) ** 2) / (SQ2PI * c),
            lambda q: c * special.ndtri(q))


def _laplace(b):
    def draw(u1, u2):
        return np.where(u2 < 0.5, -1.0, 1.0) * -b * np.log1p(-u1)

    def ppf(q):
        return np.where(q < 0.5, b * np.log(2 * q), -b * np.log(2 * (1 - q)))
    return draw, (lambda z: np.exp(-np.abs(z) / b) / (2 * b)), ppf


def _student(s, nu=3.0):
    cst = special.gamma((nu + 1) / 2) / (special.gamma(nu / 2) * np.sqrt(nu * np.pi))
    return (lambda u1, u2: s * special.stdtrit(nu, u1),
            lambda z: cst * (1 + (z / s) ** 2 / nu) ** (-(nu + 1) / 2) / s,
            lambda q: s * special.stdtrit(nu, q))


def _student_cut(s, c, nu=3.0):
    """Student's t cut at ±c (its density renormalised inside): the tail bounded."""
    cst = special.gamma((nu + 1) / 2) / (special.gamma(nu / 2) * np.sqrt(nu * np.pi))
    lo, hi = special.stdtr(nu, -c), special.stdtr(nu, c)

    def ppf(q):
        return s * special.stdtrit(nu, lo + np.asarray(q) * (hi - lo))

    def pdf(z):
        zz = np.asarray(z) / s
        return np.where(np.abs(zz) <= c, cst * (1 + zz ** 2 / nu) ** (-(nu + 1) / 2)
                        / (s * (hi - lo)), 0.0)
    return (lambda u1, u2: ppf(u1), pdf, ppf)


def _bimodal(mu, sd):
    """A smooth version of the old law: ±mu·L, a normal spread sd·L around each."""
    def ppf(q):  # numerically, on a fine grid of the mixture's CDF
        z = np.linspace(-mu - 8 * sd, mu + 8 * sd, 20001)
        cdf = 0.5 * (special.ndtr((z - mu) / sd) + special.ndtr((z + mu) / sd))
        return np.interp(q, cdf, z)
    return (lambda u1, u2: np.where(u2 < 0.5, -1.0, 1.0) * (mu + sd * special.ndtri(u1)),
            lambda z: 0.5 * (np.exp(-0.5 * ((z - mu) / sd) ** 2)
                             + np.exp(-0.5 * ((z + mu) / sd) ** 2)) / (SQ2PI * sd),
            ppf)


def _scale_mixture(lo, hi, nodes=64):
    """A normal whose standard deviation is log-uniform on [lo, hi] (in units of L; the
    second uniform draws it): heavier tails, and no single scale for copies to reveal."""
    s = np.exp(np.log(lo) + (np.arange(nodes) + 0.5) / nodes * np.log(hi / lo))

    za = np.linspace(0.0, 15 * hi, 60001)  # tabulated: |z| beyond is negligible
    tab = (np.exp(-0.5 * (za[:, None] / s) ** 2) / (SQ2PI * s)).mean(1)

    def pdf(z):
        return np.interp(np.abs(z), za, tab, right=0.0)

    zg = np.linspace(-12 * hi, 12 * hi, 40001)
    cdf = special.ndtr(zg[:, None] / s).mean(1)
    return (lambda u1, u2: lo * np.exp(u2 * np.log(hi / lo)) * special.ndtri(u1), pdf,
            lambda q: np.interp(q, cdf, zg))


def _old():
    def ppf(q):
        return np.where(q < 0.5, -(1.5 - 2 * q), 0.5 + 2 * (q - 0.5))
    return (lambda u1, u2: np.where(u2 < 0.5, -1.0, 1.0) * (0.5 + u1),
            lambda z: np.where((np.abs(z) >= 0.5) & (np.abs(z) <= 1.5), 0.5, 0.0), ppf)


LAWS = {"uniform0.5-1.5": _old(), "normal1": _normal(1.0), "normal1.5": _normal(1.5),
        "normal2": _normal(2.0), "laplace1": _laplace(1.0), "student3_1": _student(1.0),
        "bimodal1_0.5": _bimodal(1.0, 0.5),
        "scalemix0.5-2": _scale_mixture(0.5, 2.0), "scalemix0.25-4": _scale_mixture(0.25, 4.0),
        "scalemix0.3-3": _scale_mixture(0.3, 3.0), "laplace1.5": _laplace(1.5),
        "student3_1.5": _student(1.5), "student3_1_cut3": _student_cut(1.0, 3.0),
        "student3_1_cut4": _student_cut(1.0, 4.0), "student3_1_cut5": _student_cut(1.0, 5.0),
        "student3_1_cut6": _student_cut(1.0, 6.0)}


def keyed_noise(draw, fold=True):
    """Published sums under ``draw``, keyed like perturb_amounts (same uniforms)."""
    def noise(values, ck, scale, row=None):
        v = np.asarray(values, dtype=float)
        key = pt._row_mixed(ck, row)
        vk = pt._value_key(v, 1.0)
        u1 = pt._uniform(key, pt._SALT_AMOUNT, vk) + 2.0 ** -54
        u2 = pt._uniform(key, pt._SALT_AMOUNT ^ np.uint64(0xFFFF), vk)
        out = v + np.asarray(scale, dtype=float) * draw(u1, u2)
        if fold:
            out = pt.fold_into(out, v)
        return out
    return noise


def demo_cells():
    spec = importlib.util.spec_from_file_location(
        "measure_protection", os.path.join(ROOT, "scripts", "measure_protection.py"))
    mp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mp)
    from boligsocial_plugin.core.extract import prepare
    from boligsocial_plugin.core.indicators import available_indicators
    from boligsocial_plugin.core.pipeline import Publication

    frame = pd.read_csv(os.path.join(ROOT, "demo_data", "persons.csv"), dtype={"person_id": str})
    data = prepare(frame).data
    ids, rings, _pairs = mp.read_areas(os.path.join(ROOT, "demo_data", "areas.gpkg"))
    inds, _ = available_indicators(data.columns)
    _f, rel, raw, _j, _t = mp.publish(data, data["x"].to_numpy(float), data["y"].to_numpy(float),
                                      rings, ids, inds, Publication(discretion.Rules(), pt.OFF),
                                      record=False)
    shown = ~np.isnan(rel.published["income_num"].to_numpy(dtype=float))
    return raw[shown]


def accuracy(cells, noise, unfolded):
    rules = discretion.Rules()
    p = pt.Perturbation()
    row = cells["residents_ck"].to_numpy()
    num, den = cells["income_num"].to_numpy(float), cells["income_den"].to_numpy(float)
    d2 = pt.perturb_counts(den, cells["income_ckd"].to_numpy(), rules.min_count, p, row)
    n2 = noise(num, cells["income_ckn"].to_numpy(), p.amount_share *
               cells["income_top1"].to_numpy(float), row)
    rel = np.abs((n2 / d2) / (num / den) - 1)
    below = unfolded(num, cells["income_ckn"].to_numpy(), p.amount_share *
                     cells["income_top1"].to_numpy(float), row) < 0
    return float(rel.mean()), float(rel.max()), int(below.sum())


def yearly(folder):
    """Mean income error of yearly extracts: a fresh register each year vs one register."""
    import glob
    import tempfile

    from boligsocial_plugin.core.discretion.register import Register
    from boligsocial_plugin.core.extract import prepare
    from boligsocial_plugin.core.indicators import available_indicators
    from boligsocial_plugin.core.pipeline import Publication

    spec = importlib.util.spec_from_file_location(
        "measure_protection", os.path.join(ROOT, "scripts", "measure_protection.py"))
    mp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mp)
    ids, rings, _pairs = mp.read_areas(os.path.join(ROOT, "demo_data", "areas.gpkg"))
    work = tempfile.mkdtemp(prefix="bs_amounts_")
    shared = Register(os.path.join(work, "shared"))
    for path in sorted(glob.glob(os.path.join(folder, "y*.csv"))):
        data = prepare(pd.read_csv(path, dtype={"person_id": str})).data
        inds, _ = available_indicators(data.columns)
        x, y = data["x"].to_numpy(float), data["y"].to_numpy(float)
        exact = mp.publish(data, x, y, rings, ids, inds,
                           Publication(discretion.Rules(), pt.OFF), record=False)[0]
        row = []
        for reg in (Register(os.path.join(work, os.path.basename(path))), shared):
            out = mp.publish(data, x, y, rings, ids, inds,
                             Publication(discretion.Rules(), pt.Perturbation(), register=reg))[0]
            a = out["income_num"] / out["income_den"]
            b = (exact["income_num"] / exact["income_den"]).reindex(a.index)
            row.append("{:.2%}".format(float(np.abs(a / b - 1).dropna().mean())))
        print("{}: fresh register {}, one register {}".format(os.path.basename(path), *row),
              flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--newcomers", type=int, default=300)
    ap.add_argument("--copies", default="1,4,8")
    ap.add_argument("--laws", default=",".join(LAWS))
    ap.add_argument("--yearly", default=None, help="folder of yearly extracts yYYYY.csv")
    args = ap.parse_args(argv)
    if args.yearly:
        yearly(args.yearly)
        return 0
    cells = demo_cells()
    print("law | within ±10 % from " + " | ".join(args.copies.split(",")) +
          " copies | mean income error mean / max | sums the fold kept from going below 0")
    for name in args.laws.split(","):
        draw, pdf, ppf = LAWS[name]
        noise = keyed_noise(draw, fold=not name.startswith("uniform"))
        shares = [income_monte_carlo(int(k), noise, pdf, ppf, n=args.newcomers)
                  for k in args.copies.split(",")]
        mean, top, neg = accuracy(cells, noise, keyed_noise(draw, fold=False))
        print("{} | {} | {:.2%} / {:.1%} | {}".format(
            name, " | ".join("{:.0%}".format(s) for s in shares), mean, top, neg), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
