#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Seeded synthetic demo data: an invented Danish municipality with areas, addresses, persons.

Everything is invented: area and district names, addresses (random UUIDs) and persons
(``person_id`` ``P00000001``; never CPR-shaped). The municipality lies in EPSG:25832 around
x 570000-590000, y 6220000-6240000. Run with the system Python (GDAL, numpy, pandas; no QGIS)::

    /usr/bin/python3 scripts/generate_demo.py --out demo_data --persons 60000 --seed 1

Outputs in ``--out``: ``areas.gpkg`` (layer ``areas``: area_id, area_name, district_id,
designed, housing, urban), ``districts.gpkg`` (layer ``districts``), ``addresses.gpkg``
(layer ``addresses``: address_id), ``address_areas.csv`` (address_id, area_id: the area each
address was drawn in), ``persons.csv`` (+ ``persons.csvt`` column types for GDAL/QGIS),
``persons.gpkg`` (layer ``persons``), ``persons_dk.csv`` (Danish aliases, ``;``, decimal
comma, Windows-1252, plus a text column ``bydel`` with the district name),
``reference_values.json`` and ``expected_categories.csv``.

Design
------
* Areas tile the extent exactly: a grid of quadrilaterals whose shared vertices and edge
  midpoints are jittered (neighbours share edges vertex for vertex); a few cells are merged in
  pairs so the count is exact. With ``--areas >= 40`` one area is an enclave (its parent has a
  hole) and one area is multipart (an island inside a neighbour, which has a hole there).
* ``designed`` says what an area was built to be: 3 ``parallelsamfund`` (two in every year,
  so five yearly snapshots make them omdannelsesområder as core/criteria reads history; one only
  in the last two years), 3 ``udsat``, 4 ``forebyggelse`` (one was udsat in the early years),
  3 ``near_udsat`` (one udsat criterion met, another just missed, non-western <= 30 %),
  10 ``small`` (10-45 residents) and ``ordinary`` (no criterion near a threshold).
* Each snapshot is calibrated per area to the design: exact numbers of convicted persons,
  full-time persons outside the labour market filled to the target, the income of the
  criterion group scaled to the target mean; non-western and basic education are person
  traits whose newcomers are drawn so the area's share returns to the target.
* Designed areas of the state kinds get 1,100-2,400 residents (more for big runs). That needs
  about ``--persons >= 18000 + 60 * (areas - 23)`` (e.g. 34,000 for 300 areas, 22,000 for 80);
  below it they shrink and ``expected_categories.csv`` (always computed from the data written)
  says ``ingen`` for those under 1,000 residents.
* Persons persist across dates (same ``person_id``, age from a fixed birth date); between
  snapshots some die, households emigrate, move (within the area, to a neighbour area, or
  elsewhere, nearby areas more likely), young adults leave home, children are born, and
  newcomers refill each area to its target size.
* Moves (``_Moves``): in the deprived areas the better-off households move out more often and
  newcomers are worse off (the elevator effect); in the last year the two ``persistent``
  parallelsamfund areas (the omdannelsesområder) rehouse a further 12 % of their households,
  half of them into three receiving areas nearby (the waterbed effect). Areas get a housing
  type (``housing``: almen, privat_leje, ejer; the deprived areas are almen) and ``urban``
  (by, land) for grouping destinations.
"""
import argparse
import json
import math
import os
import sys
import time
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

EPSG = 25832
EXTENT = (570000.0, 6220000.0, 590000.0, 6240000.0)
NATIONAL_CONVICTION_RATE = 1.1  # percent of residents >= 18, the value the design is built on
REGIONAL_MEAN_INCOME = 380000.0  # DKK, mean gross income of taxpayers 15-64 not in education
MIN_RESIDENTS = 1000

KINDS = ("parallelsamfund", "udsat", "forebyggelse", "near_udsat", "small", "ordinary")

# kind, history, nonwestern, outside, convicted (x national), basic_edu, income (x regional),
# residents at the latest date (before scaling), early-year overrides (years before the last 2)
DESIGNED = [
    ("parallelsamfund", "persistent", 0.66, 0.47, 2.2, 0.70, 0.48, 2400, None),
    ("parallelsamfund", "persistent", 0.58, 0.45, 3.8, 0.52, 0.60, 1600, None),
    ("parallelsamfund", "recent", 0.62, 0.44, 1.6, 0.50, 0.49, 1300,
     {"outside": 0.33, "income": 0.60}),
    ("udsat", "stable", 0.44, 0.46, 3.5, 0.50, 0.62, 1500, None),
    ("udsat", "stable", 0.36, 0.36, 2.0, 0.66, 0.50, 1200, None),
    ("udsat", "stable", 0.24, 0.43, 1.2, 0.48, 0.52, 1100, None),
    ("forebyggelse", "improving", 0.40, 0.35, 1.4, 0.50, 0.60, 1300,
     {"outside": 0.43, "income": 0.52}),
    ("forebyggelse", "stable", 0.37, 0.24, 2.5, 0.66, 0.72, 1150, None),
    ("forebyggelse", "stable", 0.45, 0.36, 2.4, 0.45, 0.70, 1250, None),
    ("forebyggelse", "stable", 0.37, 0.22, 1.0, 0.65, 0.61, 1400, None),
    ("near_udsat", "stable", 0.22, 0.43, 1.8, 0.50, 0.585, 1200, None),
    ("near_udsat", "stable", 0.20, 0.28, 3.4, 0.555, 0.70, 1100, None),
    ("near_udsat", "stable", 0.26, 0.37, 1.5, 0.45, 0.52, 1300, None),
]
N_SMALL = 10
# Designed trends of the monthly series (``--months``), built against the 2021 rules:
# (trend, kind in DESIGNED, n-th area of that kind, criterion, value at the last monthly
# snapshot, change per year). A trended target is flat until TREND_YEARS before the last
# monthly snapshot, then moves linearly (and would go on doing so).
TRENDS = [
    ("entering", "near_udsat", 1, "outside", 0.41, 0.045),       # convicted 3.4x met: udsat
    ("entering", "near_udsat", 0, "income", 0.558, -0.03),       # outside 43 % met: udsat
    ("leaving", "udsat", 2, "income", 0.545, 0.035),             # udsat -> ingen
    ("leaving", "parallelsamfund", 2, "outside", 0.385, -0.05),  # -> forebyggelse
    ("stable", "near_udsat", 2, "outside", 0.385, 0.0),          # just below 40 %: ingen
    ("stable", "udsat", 1, "income", 0.535, 0.0),                # just below 55 %: udsat
]
TREND_YEARS = 1.5
ORDINARY_MIN = 60
INDEX_LIMIT = 500000  # point layers up to this size get a spatial index without being asked

PERSON_COLUMNS = ["person_id", "ref_date", "x", "y", "address_id", "age", "sex", "nonwestern",
                  "outside_fte", "basic_edu", "gross_income", "student", "taxpayer",
                  "convicted", "household_id", "single_parent"]
CSVT_TYPES = ["String", "Date", "Real", "Real", "String", "Integer", "String", "Integer",
              "Real", "Integer", "Integer", "Integer", "Integer", "Integer", "String",
              "Integer"]
DANISH = {"person_id": "personnoegle", "ref_date": "opgoerelsesdato", "x": "x", "y": "y",
          "address_id": "adresse_id", "age": "alder", "sex": "koen",
          "nonwestern": "ikkevestlig", "outside_fte": "udenfor_fte",
          "basic_edu": "kun_grundskole", "gross_income": "bruttoindkomst",
          "student": "under_uddannelse", "taxpayer": "skattepligtig", "convicted": "doemt",
          "household_id": "husstand_id", "single_parent": "enlig_forsoerger"}

_PREFIXES = ["Sønder", "Nørre", "Øster", "Vester", "Lille", "Store", "Hede", "Skov", "Bakke",
             "Eng", "Lyng", "Kær", "Mølle", "Strand", "Birke", "Ege", "Bøge", "Tjørne",
             "Hassel", "Grønne", "Lærke", "Sol", "Fjord", "Å", "Ris", "Ahorn", "Rønne",
             "Kilde", "Stjerne", "Humle", "Mose", "Sø", "Klint", "Pile", "Hyld", "Kirsebær",
             "Blåbær", "Æble", "Ørne", "Svane", "Trane", "Hjorte", "Vibe", "Rævebakke",
             "Tårn", "Gåse", "Bøgely", "Havre", "Rug", "Hør"]
_SUFFIXES = ["vang", "gård", "bo", "toften", "parken", "høj", "lund", "dal", "haven", "kær",
             "holm", "bjerg", "vænget", "ager", "bakken", "engen", "huse", "marken", "løkken",
             "tved", "bæk", "stien", "hegnet"]
_QUALIFIERS = ["Parken", "Syd", "Nord", "Øst", "Vest", "Have", "Huse", "Vænge", "Gårde"]
# real names of areas on the state lists (and other well-known ones): never generated
_REAL = ["gellerup", "toveshøj", "bispehaven", "trigeparken", "herredsvang", "skovgårdsparken",
         "rosenhøj", "langkærparken", "søvangen", "vollsmose", "mjølnerparken", "tingbjerg",
         "ringparken", "agerparken", "korsgade", "stengårdsvej", "sydbyen", "lindholm",
         "motalavej", "tåstrupgård", "gadehavegård", "charlotteager", "askerød", "nøjsomhed",
         "resenbro", "finlandsparken", "munkebo", "bøgeparken", "fyrparken", "skovparken",
         "solbakken", "vangen", "lundevangen", "hjortebakken", "sundparken", "tøjhushaven",
         "schackenborgvænge", "stengårdsparken", "hedelykke", "kildeparken", "lundtoftegade",
         "bispeparken", "aldersrogade", "tingvej", "ellekær", "fjordparken", "egeparken",
         "engparken", "solvang", "sølvang", "grønnehave", "nørrevang", "vestervang",
         "nørremarken", "søndervang", "skovvang", "bakkehuse"]
_DISTRICTS = ["Møllekær", "Ørnedal", "Kærslev", "Bøgelund", "Skovhøjby", "Ravnsbjerg",
              "Lyngdal", "Egebakke", "Havnely", "Stjernholm"]


# --------------------------------------------------------------------------- small helpers

def _group_offsets(sorted_groups: np.ndarray, n_groups: int) -> np.ndarray:
    """Index of the first element of each group in an array sorted by group."""
    counts = np.bincount(sorted_groups, minlength=n_groups)
    return np.concatenate(([0], np.cumsum(counts)[:-1]))


def _rank_in_group(groups: np.ndarray, keys: np.ndarray, n_groups: int
                   ) -> Tuple[np.ndarray, np.ndarray]:
    """(order, rank of each element of the order within its group, by ascending key)."""
    # one float sort instead of lexsort: keys scaled into [0, 0.5) are added to the group
    k = np.asarray(keys, dtype=float)
    top = k.max() if len(k) else 1.0
    order = np.argsort(groups + 0.5 * k / (top if top > 0 else 1.0), kind="stable")
    g = groups[order]
    rank = np.arange(len(order)) - _group_offsets(g, n_groups)[g]
    return order, rank


def _weighted_keys(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """Sort keys for weighted sampling without replacement: smaller first, more likely heavy."""
    return rng.exponential(size=len(weights)) / np.maximum(weights, 1e-9)


def _select_count(rng: np.random.Generator, groups: np.ndarray, weights: np.ndarray,
                  k: np.ndarray) -> np.ndarray:
    """Boolean mask choosing exactly k[g] elements of each group g (weighted, at most all)."""
    sel = np.zeros(len(groups), dtype=bool)
    if len(groups):
        order, rank = _rank_in_group(groups, _weighted_keys(rng, weights), len(k))
        sel[order] = rank < k[groups[order]]
    return sel


def _select_sum(rng: np.random.Generator, groups: np.ndarray, weights: np.ndarray,
                values: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Boolean mask choosing elements in weighted random order while their sum <= target[g]."""
    sel = np.zeros(len(groups), dtype=bool)
    if len(groups):
        order, _ = _rank_in_group(groups, _weighted_keys(rng, weights), len(target))
        g = groups[order]
        v = values[order].astype(float)
        total = np.bincount(g, weights=v, minlength=len(target))
        before = np.concatenate(([0.0], np.cumsum(total)[:-1]))
        within = np.cumsum(v) - before[g]
        sel[order] = within <= target[g] + 1e-9
    return sel


def _format_ids(prefix: str, numbers: np.ndarray, width: int) -> np.ndarray:
    """prefix + zero-padded numbers (object array of str)."""
    fmt = "{}%0{}d".format(prefix, width)
    return np.array(list(map(fmt.__mod__, np.asarray(numbers).tolist())), dtype=object)


def _uuids(rng: np.random.Generator, n: int) -> np.ndarray:
    """n UUID-4-shaped strings from the generator (deterministic for a seed)."""
    raw = np.frombuffer(rng.bytes(16 * n), dtype=np.uint8).reshape(n, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    hexs = raw.tobytes().hex()
    return np.array(["{}-{}-{}-{}-{}".format(hexs[i:i + 8], hexs[i + 8:i + 12],
                                             hexs[i + 12:i + 16], hexs[i + 16:i + 20],
                                             hexs[i + 20:i + 32])
                     for i in range(0, 32 * n, 32)], dtype=object)


def parse_years(text: str) -> List[int]:
    """'2021-2025' or '2024,2025' or '2025' -> sorted list of years."""
    years = set()
    for part in str(text).split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            years.update(range(int(a), int(b) + 1))
        else:
            years.add(int(part))
    if not years:
        raise ValueError("no years in {!r}".format(text))
    return sorted(years)


_MONTH_DOY = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]


# --------------------------------------------------------------------------- geometry

class _Areas:
    """Polygons (list of parts, each a list of closed rings) and attributes of the areas."""

    def __init__(self) -> None:
        self.parts: List[List[List[np.ndarray]]] = []
        self.cells: List[Tuple[int, int]] = []  # (column, row) of the first grid cell
        self.neighbours: List[set] = []


def _octagon(cx: float, cy: float, r: float, rng: np.random.Generator) -> np.ndarray:
    ang = np.linspace(0, 2 * np.pi, 9)[:-1] + rng.uniform(0, np.pi / 4)
    rad = r * rng.uniform(0.75, 1.0, 8)
    ring = np.column_stack([cx + rad * np.cos(ang), cy + rad * np.sin(ang)])
    return np.vstack([ring, ring[:1]])


# One pass of seeded random draws in a fixed order: split up, the draws (and so every demo
# and test data set) would easily change. Hence the complexity.
def _build_geometry(n_areas: int, rng: np.random.Generator) -> _Areas:  # noqa: C901
    """Tiling of EXTENT with exactly n_areas areas (see module doc)."""
    x0, y0, x1, y1 = EXTENT
    specials = n_areas >= 40
    n_cells = n_areas - (1 if specials else 0)
    ncols = max(2, int(round(math.sqrt(n_cells))))
    nrows = int(math.ceil(n_cells / ncols))
    surplus = ncols * nrows - n_cells
    w, h = (x1 - x0) / ncols, (y1 - y0) / nrows
    # vertices (ncols+1, nrows+1); interior coordinates jittered
    ii, jj = np.meshgrid(np.arange(ncols + 1), np.arange(nrows + 1), indexing="ij")
    vx = x0 + ii * w + np.where((ii > 0) & (ii < ncols), rng.uniform(-.28, .28, ii.shape), 0) * w
    vy = y0 + jj * h + np.where((jj > 0) & (jj < nrows), rng.uniform(-.28, .28, jj.shape), 0) * h
    # midpoints of horizontal edges (ncols, nrows+1) and vertical edges (ncols+1, nrows)
    hi, hj = np.meshgrid(np.arange(ncols), np.arange(nrows + 1), indexing="ij")
    hx = x0 + (hi + .5 + rng.uniform(-.12, .12, hi.shape)) * w
    hy = y0 + (hj + np.where((hj > 0) & (hj < nrows), rng.uniform(-.2, .2, hj.shape), 0)) * h
    wi, wj = np.meshgrid(np.arange(ncols + 1), np.arange(nrows), indexing="ij")
    wx = x0 + (wi + np.where((wi > 0) & (wi < ncols), rng.uniform(-.2, .2, wi.shape), 0)) * w
    wy = y0 + (wj + .5 + rng.uniform(-.12, .12, wj.shape)) * h

    # runs of 1 or 2 cells in a row; merge `surplus` disjoint horizontal pairs
    width = np.ones((ncols, nrows), dtype=int)
    taken = np.zeros((ncols, nrows), dtype=bool)
    pairs = [(i, j) for j in range(nrows) for i in range(ncols - 1)]
    for idx in rng.permutation(len(pairs)):
        if surplus == 0:
            break
        i, j = pairs[idx]
        if not taken[i, j] and not taken[i + 1, j]:
            taken[i, j] = taken[i + 1, j] = True
            width[i, j], width[i + 1, j] = 2, 0
            surplus -= 1
    areas = _Areas()
    cell_area = -np.ones((ncols, nrows), dtype=int)
    for j in range(nrows - 1, -1, -1):  # north to south, west to east: reading order
        for i in range(ncols):
            k = width[i, j]
            if k == 0:
                continue
            pts = []
            for c in range(i, i + k):
                pts += [(vx[c, j], vy[c, j]), (hx[c, j], hy[c, j])]
            pts += [(vx[i + k, j], vy[i + k, j]), (wx[i + k, j], wy[i + k, j])]
            for c in range(i + k - 1, i - 1, -1):
                pts += [(vx[c + 1, j + 1], vy[c + 1, j + 1]), (hx[c, j + 1], hy[c, j + 1])]
            pts += [(vx[i, j + 1], vy[i, j + 1]), (wx[i, j], wy[i, j]), (vx[i, j], vy[i, j])]
            cell_area[i:i + k, j] = len(areas.parts)
            areas.parts.append([[np.array(pts)]])
            areas.cells.append((i, j))
    areas.neighbours = [set() for _ in areas.parts]
    for i in range(ncols):
        for j in range(nrows):
            for di, dj in ((1, 0), (0, 1)):
                if i + di < ncols and j + dj < nrows:
                    a, b = cell_area[i, j], cell_area[i + di, j + dj]
                    if a != b:
                        areas.neighbours[a].add(b)
                        areas.neighbours[b].add(a)
    if specials:
        singles = [a for a in range(len(areas.parts)) if len(areas.parts[a][0][0]) == 9]
        order = rng.permutation(len(singles))
        parent = singles[order[0]]
        host = next(singles[k] for k in order[1:]
                    if singles[k] not in areas.neighbours[parent] and singles[k] != parent)
        for a, island_owner in ((parent, None), (host, True)):
            i, j = areas.cells[a]
            cx, cy = x0 + (i + .5) * w, y0 + (j + .5) * h
            ring = _octagon(cx, cy, 0.17 * min(w, h), rng)
            areas.parts[a][0].append(ring[::-1])  # hole, clockwise
            if island_owner is None:
                areas.parts.append([[ring]])
                areas.cells.append((i, j))
                areas.neighbours.append({parent})
                areas.neighbours[parent].add(len(areas.parts) - 1)
            else:
                owner = min(areas.neighbours[host])
                areas.parts[owner].append([ring])
                areas.neighbours[owner].add(host)
                areas.neighbours[host].add(owner)
        areas.enclave = len(areas.parts) - 1
    else:
        areas.enclave = None
    areas.grid = (ncols, nrows, w, h)
    return areas


def _edges(parts: List[List[np.ndarray]]) -> np.ndarray:
    """(n, 4) array of all ring segments x1, y1, x2, y2."""
    segs = [np.column_stack([r[:-1], r[1:]]) for part in parts for r in part]
    return np.vstack(segs)


def _inside(px: np.ndarray, py: np.ndarray, edges: np.ndarray, margin: float) -> np.ndarray:
    """Even-odd point in (multi)polygon, at least `margin` from every edge."""
    x1, y1, x2, y2 = (edges[:, k][None, :] for k in range(4))
    X, Y = px[:, None], py[:, None]
    cond = (y1 > Y) != (y2 > Y)
    with np.errstate(divide="ignore", invalid="ignore"):
        xint = x1 + (Y - y1) * (x2 - x1) / (y2 - y1)
    inside = (np.count_nonzero(cond & (X < xint), axis=1) % 2) == 1
    dx, dy = x2 - x1, y2 - y1
    t = np.clip(((X - x1) * dx + (Y - y1) * dy) / (dx * dx + dy * dy), 0, 1)
    dist2 = (X - x1 - t * dx) ** 2 + (Y - y1 - t * dy) ** 2
    return inside & (dist2.min(axis=1) > margin * margin)


def _sample_points(parts: List[List[np.ndarray]], n: int, rng: np.random.Generator
                   ) -> np.ndarray:
    """n points (rounded to cm) inside the area, >= 2 m from its boundary."""
    edges = _edges(parts)
    allpts = np.vstack([r for part in parts for r in part])
    lo, hi = allpts.min(axis=0), allpts.max(axis=0)
    out = np.empty((0, 2))
    while len(out) < n:
        m = max(64, int((n - len(out)) * 2.5))
        cand = np.round(rng.uniform(lo, hi, size=(m, 2)), 2)
        ok = _inside(cand[:, 0], cand[:, 1], edges, 2.0)
        out = np.vstack([out, cand[ok]])
    return out[:n]


def _area_names(n: int, rng: np.random.Generator) -> List[str]:
    """n distinct invented Danish-sounding names (none of the real ones in _REAL)."""
    pool = []
    for p in _PREFIXES:
        for s in _SUFFIXES:
            name = p + s if not p.endswith(s[0]) else p + s[1:]
            pool.append(name)
    base = [pool[k] for k in rng.permutation(len(pool))]
    names, seen = [], set()
    for k, name in enumerate(base):
        if rng.random() < 0.25:
            name = "{} {}".format(name[:-1] if name.endswith("e") else name,
                                  _QUALIFIERS[k % len(_QUALIFIERS)])
        key = name.lower().replace(" ", "")
        if key in seen or any(r in key for r in _REAL):
            continue
        seen.add(key)
        names.append(name)
        if len(names) == n:
            return names
    k = 2
    while len(names) < n:  # huge --areas: numbered variants
        names += ["{} {}".format(x, k) for x in names[:n - len(names)]]
        k += 1
    return names[:n]


# --------------------------------------------------------------------------- design

class _Design:
    """Per-area design: kind, sizes, targets per year, household profile, addresses."""

    def __init__(self, geo: _Areas, persons: int, years: Sequence[int],
                 rng: np.random.Generator) -> None:
        n = len(geo.parts)
        self.n = n
        x0, y0, x1, y1 = EXTENT
        cen = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
        ncols, nrows, w, h = geo.grid
        centre = np.array([[x0 + (i + .5) * w, y0 + (j + .5) * h] for i, j in geo.cells])
        dist = np.hypot(*(centre - cen).T) / ((x1 - x0) / 2)
        kind = np.array(["ordinary"] * n, dtype=object)
        history = np.array([""] * n, dtype=object)
        free = np.ones(n, dtype=bool)
        if geo.enclave is not None:
            kind[geo.enclave] = "small"
            free[geo.enclave] = False
        cand = np.flatnonzero(free & (dist > 0.2) & (dist < 0.85))
        if len(cand) < len(DESIGNED):
            cand = np.flatnonzero(free)
        chosen = rng.choice(cand, size=len(DESIGNED), replace=False)
        self.designed_idx = chosen
        free[chosen] = False
        n_small = N_SMALL - (1 if geo.enclave is not None else 0)
        far = np.flatnonzero(free)
        p = dist[far] ** 2 + 0.05
        small = rng.choice(far, size=n_small, replace=False, p=p / p.sum())
        kind[small] = "small"
        for a, spec in zip(chosen, DESIGNED):
            kind[a], history[a] = spec[0], spec[1]
        self.kind, self.history = kind, history
        small_mask = kind == "small"
        ordinary = kind == "ordinary"

        # sizes at the latest date
        scale = max(1.0, math.sqrt(persons / 200000.0))
        size = np.zeros(n)
        size[small_mask] = rng.integers(12, 33, small_mask.sum())
        floors = np.array([s[7] for s in DESIGNED], dtype=float) * scale
        left = persons - size.sum()
        n_ord = int(ordinary.sum())
        if left - floors.sum() < ORDINARY_MIN * n_ord:
            f = max(left - ORDINARY_MIN * n_ord, 0.05 * left) / floors.sum()
            floors = floors * min(f, 1.0)
        size[chosen] = np.round(floors)
        wts = rng.lognormal(0, 0.6, n) * (1.6 - np.clip(dist, 0, 1))
        rest = max(persons - size.sum(), 0)
        o = np.flatnonzero(ordinary)
        base = min(ORDINARY_MIN, rest / max(n_ord, 1))
        size[o] = np.round(base + (rest - base * n_ord) * wts[o] / wts[o].sum())
        self.size_latest = np.maximum(size, 1)
        growth = np.where(ordinary, rng.normal(0.005, 0.01, n), 0.0)
        self.growth = growth

        # targets: base values, then per year with jitter (rows = years)
        nw = np.clip(rng.beta(1.6, 14, n) + 0.01, 0.01, 0.25)
        out = rng.uniform(0.05, 0.22, n)
        conv = rng.uniform(0.3, 1.6, n)
        basic = rng.uniform(0.12, 0.42, n)
        inc = rng.uniform(0.78, 1.35, n)
        early_out, early_inc = out.copy(), inc.copy()
        for a, spec in zip(chosen, DESIGNED):
            nw[a], out[a], conv[a], basic[a], inc[a] = spec[2:7]
            early_out[a], early_inc[a] = out[a], inc[a]
            if spec[8]:
                early_out[a] = spec[8]["outside"]
                early_inc[a] = spec[8]["income"]
        self.nw, self.basic = nw, basic
        self.years = list(range(min(years), max(years) + 1))
        last = self.years[-1]
        ny = len(self.years)
        jit = lambda s: rng.uniform(-s, s, (ny, n))  # noqa: E731
        yrs = np.array(self.years)[:, None]
        early = yrs <= last - 2
        self.t_out = np.where(early, early_out, out) + jit(0.008)
        self.t_conv = (np.where(early, conv, conv) + jit(0.08)) * NATIONAL_CONVICTION_RATE / 100
        self.t_inc = (np.where(early, early_inc, inc) + jit(0.008)) * REGIONAL_MEAN_INCOME
        self.t_size = np.round(self.size_latest * (1 + growth) ** (yrs - last)).astype(int)

        # households: type probabilities (single, couple, couple+kids, single parent),
        # kids' Poisson mean, head age profile, households per address
        deprived = np.isin(kind, ["parallelsamfund", "udsat", "forebyggelse", "near_udsat"])
        self.deprived = deprived
        profile = rng.choice(4, size=n, p=[0.45, 0.2, 0.15, 0.2])  # mixed, elderly, young, family
        profile[deprived] = 4
        table = np.array([[.42, .33, .19, .06], [.45, .45, .07, .03], [.70, .20, .07, .03],
                          [.20, .30, .42, .08], [.38, .14, .28, .20]])
        self.hh_cum = np.cumsum(table[profile], axis=1)
        self.kid_lam = np.array([.6, .5, .4, .8, 1.1])[profile]
        self.age_mu = np.array([52, 68, 29, 50, 46])[profile].astype(float)
        self.age_sd = np.array([19, 13, 8, 17, 18])[profile].astype(float)
        self.hh_per_addr = np.array([2.5, 2.0, 4.0, 1.1, 6.0])[profile]
        self.z_shift = np.where(deprived, 0.4, 0.0)
        self.emig = np.where(deprived, 0.05, 0.04)

        # addresses
        max_size = self.t_size.max(axis=0)
        n_addr = np.maximum(1, np.ceil(max_size / 2.1 / self.hh_per_addr * 1.2)).astype(int)
        self.addr_count = n_addr
        self.addr_start = np.concatenate(([0], np.cumsum(n_addr)[:-1]))
        pts = [_sample_points(geo.parts[a], int(n_addr[a]), rng) for a in range(n)]
        self.addr_xy = np.vstack(pts)
        self.addr_area = np.repeat(np.arange(n), n_addr)
        # destinations for moves
        self.nb_ptr = np.concatenate(([0], np.cumsum([len(s) for s in geo.neighbours])))
        self.nb_idx = np.array([b for s in geo.neighbours for b in sorted(s)], dtype=int)
        dw = np.where(small_mask, 0.0, self.size_latest)
        self.dest_cum = np.cumsum(dw) / dw.sum()
        self.small = small_mask

    def year_index(self, year: int) -> int:
        """Row of the per-year target arrays."""
        return self.years.index(year)

    # ---- monthly series (--months): targets between the yearly ones, designed trends
    interpolate = False
    trends: Dict[int, Tuple[str, str, float, float]] = {}
    t_end = 0.0

    def add_trends(self, t_end: float) -> None:
        """Targets move between the 1 January ones, and the TRENDS areas follow their trend.

        ``t_end``: the last monthly snapshot as a fractional year. No random draws here, so
        the rest of the data set is drawn as without trends.
        """
        self.interpolate = True
        self.t_end = t_end
        self.trends = {}
        for trend, kind, nth, key, end, slope in TRENDS:
            areas = [a for a, spec in zip(self.designed_idx, DESIGNED) if spec[0] == kind]
            if nth < len(areas):
                self.trends[int(areas[nth])] = (trend, key, end, slope)

    def trend_value(self, area: int, t: float) -> Optional[Tuple[str, float]]:
        """(criterion, target) of a trended area at fractional year t, None for others."""
        if area not in self.trends:
            return None
        _trend, key, end, slope = self.trends[area]
        return key, end + slope * (max(t, self.t_end - TREND_YEARS) - self.t_end)

    def targets(self, year: int, doy: int) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(outside, convicted, income) targets per area at a snapshot."""
        yi = self.year_index(year)
        if not self.interpolate:
            return self.t_out[yi], self.t_conv[yi], self.t_inc[yi]
        t = year + doy / 365.0
        i = min(yi, len(self.years) - 2) if len(self.years) > 1 else 0
        w = min(max(t - self.years[i], 0.0), 1.0) if len(self.years) > 1 else 0.0
        j = min(i + 1, len(self.years) - 1)
        out = {k: (1 - w) * arr[i] + w * arr[j]
               for k, arr in (("outside", self.t_out), ("convicted", self.t_conv),
                              ("income", self.t_inc))}
        for a in self.trends:
            key, v = self.trend_value(a, t)
            out[key][a] = v * (REGIONAL_MEAN_INCOME if key == "income" else 1.0)
        return out["outside"], out["convicted"], out["income"]

    def random_address(self, areas: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """A random address of each given area."""
        u = rng.random(len(areas))
        return self.addr_start[areas] + np.minimum((u * self.addr_count[areas]).astype(int),
                                                   self.addr_count[areas] - 1)

    def random_destination(self, k: int, rng: np.random.Generator) -> np.ndarray:
        """k areas weighted by size, never a small area."""
        return np.minimum(np.searchsorted(self.dest_cum, rng.random(k), side="right"),
                          self.n - 1)

    def neighbour(self, areas: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """A random neighbour of each area (the area itself if that neighbour is small)."""
        deg = self.nb_ptr[areas + 1] - self.nb_ptr[areas]
        pick = self.nb_idx[self.nb_ptr[areas] + (rng.random(len(areas)) * deg).astype(int)]
        return np.where(self.small[pick], areas, pick)


class _Moves:
    """Who moves where (own random stream, so the design's draws stay as they were).

    Destinations "elsewhere" fall off with distance (weight: size x exp(-distance / 2 cells)).
    The waterbed: the persistent parallelsamfund areas rehouse households in the last year,
    half into three receiving areas (almen, 1-3 cells away). The elevator: in deprived areas
    the better-off (low z) households move out more often.
    """

    REHOUSE = 0.12  # extra share of households rehoused per year in the last year
    ARRIVAL_Z = 0.7  # newcomers to deprived areas are this much worse off (z) than the area

    def __init__(self, geo: _Areas, design: "_Design", rng: np.random.Generator) -> None:
        self.rng = rng
        d = design
        ncols, nrows, w, h = geo.grid
        x0, y0 = EXTENT[0], EXTENT[1]
        self.centre = np.array([[x0 + (i + .5) * w, y0 + (j + .5) * h] for i, j in geo.cells])
        n = d.n
        dist = np.hypot(*(self.centre[:, None, :] - self.centre[None, :, :]).transpose(2, 0, 1))
        size = np.where(d.small, 0.0, d.size_latest)
        wgt = size[None, :] * np.exp(-dist / (2.0 * max(w, h)))
        np.fill_diagonal(wgt, 0.0)
        self.cum = np.cumsum(wgt, axis=1)
        self.cum /= np.maximum(self.cum[:, -1:], 1e-12)
        # housing type and urban/rural: deprived areas are public housing
        xc, yc = (EXTENT[0] + EXTENT[2]) / 2, (EXTENT[1] + EXTENT[3]) / 2
        rel = np.hypot(self.centre[:, 0] - xc, self.centre[:, 1] - yc) / ((EXTENT[2] - x0) / 2)
        u = rng.random(n)
        p_almen = np.clip(0.45 - 0.35 * rel, 0.08, 0.45)
        p_leje = np.clip(0.35 - 0.15 * rel, 0.12, 0.35)
        self.housing = np.where(u < p_almen, "almen", np.where(
            u < p_almen + p_leje, "privat_leje", "ejer")).astype(object)
        self.housing[d.deprived] = "almen"
        self.urban = np.where(rel + rng.normal(0, 0.08, n) < 0.62, "by", "land").astype(object)
        self.urban[d.deprived] = "by"
        # receiving areas of each persistent area: almen, ordinary, 1-3 cells away
        self.persistent = np.flatnonzero(d.history == "persistent")
        self.receiving: Dict[int, np.ndarray] = {}
        cell = max(w, h)
        taken: set = set()
        for a in self.persistent:
            ok = (d.kind == "ordinary") & (dist[a] > 0.9 * cell) & (dist[a] < 3.2 * cell)
            cand = [b for b in np.flatnonzero(ok) if b not in taken]
            almen = [b for b in cand if self.housing[b] == "almen"]
            pick = list(rng.permutation(almen))[:3]
            rest = [b for b in rng.permutation(cand) if b not in pick]
            pick += rest[:3 - len(pick)]
            for b in pick:
                self.housing[b] = "almen"
                taken.add(int(b))
            self.receiving[int(a)] = np.array(pick, dtype=np.int64)
        self.last_year = d.years[-1]

    def nearby(self, areas: np.ndarray) -> np.ndarray:
        """A destination for each origin area: nearer and bigger areas more likely."""
        u = self.rng.random(len(areas))
        out = np.empty(len(areas), dtype=np.int64)
        # per origin area (a row of areas x areas per person would not fit at national size)
        order = np.argsort(areas, kind="stable")
        bounds = np.flatnonzero(np.diff(areas[order])) + 1
        for part in np.split(order, bounds) if len(order) else []:
            out[part] = np.searchsorted(self.cum[areas[part[0]]], u[part], side="left")
        return np.minimum(out, self.cum.shape[0] - 1)

    def move_multiplier(self, design: "_Design", hh_area: np.ndarray,
                        hh_z: np.ndarray) -> np.ndarray:
        """Household move probability factor: in deprived areas the better-off move more."""
        m = np.exp(-1.2 * np.clip(hh_z, -2.5, 2.5))
        dep = design.deprived[hh_area]
        mean = np.bincount(hh_area[dep], weights=m[dep], minlength=design.n)
        cnt = np.bincount(hh_area[dep], minlength=design.n)
        norm = np.where(cnt > 0, mean / np.maximum(cnt, 1), 1.0)
        return np.where(dep, m / norm[hh_area], 1.0)

    def rehoused(self, hh_area: np.ndarray, y1: int, f: float) -> Tuple[np.ndarray, np.ndarray]:
        """(mask, destination) of the households the persistent areas rehouse before y1."""
        mask = np.zeros(len(hh_area), dtype=bool)
        dest = hh_area.copy()
        if y1 != self.last_year or not len(self.persistent):
            return mask, dest
        pers = np.isin(hh_area, self.persistent)
        mask = pers & (self.rng.random(len(hh_area)) < self.REHOUSE * f)
        idx = np.flatnonzero(mask)
        r = self.rng.random(len(idx))
        for k, i in enumerate(idx):
            rec = self.receiving.get(int(hh_area[i]), np.zeros(0, np.int64))
            if r[k] < 0.5 and len(rec):
                dest[i] = rec[int(self.rng.integers(len(rec)))]
        far = idx[(r >= 0.5) | np.array([len(self.receiving.get(int(hh_area[i]), ())) == 0
                                         for i in idx], dtype=bool)]
        dest[far] = self.nearby(hh_area[far])
        return mask, dest


# --------------------------------------------------------------------------- population

_FIELDS = ("pid", "hh", "area", "addr", "sex", "byear", "bdoy", "nw", "z", "u_stud", "u_tax",
           "basic", "edu_missing")


def _empty() -> Dict[str, np.ndarray]:
    return {k: np.zeros(0, dtype=np.float64 if k in ("z", "u_stud", "u_tax") else np.int64)
            for k in _FIELDS}


def _concat(a: Dict[str, np.ndarray], b: Dict[str, np.ndarray]) -> Dict[str, np.ndarray]:
    return {k: np.concatenate([a[k], b[k]]) for k in _FIELDS}


def _keep(st: Dict[str, np.ndarray], mask: np.ndarray) -> Dict[str, np.ndarray]:
    return {k: v[mask] for k, v in st.items()}


def _ages(st: Dict[str, np.ndarray], year: int, doy: int) -> np.ndarray:
    return year - st["byear"] - (st["bdoy"] > doy)


def _trait_groups(area: np.ndarray, age: np.ndarray) -> np.ndarray:
    return area * 2 + ((age >= 30) & (age <= 59))


class _Population:
    """The simulated persons of the municipality and the id counters."""

    def __init__(self, design: _Design, rng: np.random.Generator,
                 moves: Optional[_Moves] = None) -> None:
        self.d = design
        self.rng = rng
        self.moves = moves
        self.st = _empty()
        self.next_pid = 1
        self.next_hh = 1

    # ---- newcomers (initial population and refills)
    def add_households(self, counts: np.ndarray, year: int, doy: int,
                       arriving: bool = False) -> None:
        """Add households to reach at least counts[a] new persons in each area a.

        ``arriving``: newcomers between snapshots (with moves: worse off in deprived areas).
        """
        d, rng = self.d, self.rng
        areas = np.flatnonzero(counts > 0)
        if not len(areas):
            return
        c = counts[areas].astype(int)
        da = np.repeat(areas, c)  # at most c households of >= 1 person per area
        htype = (rng.random(len(da))[:, None] > d.hh_cum[da]).sum(axis=1).clip(0, 3)
        kids = np.where(htype >= 2, 1 + np.minimum(rng.poisson(d.kid_lam[da]), 4), 0)
        adults = np.where((htype == 1) | (htype == 2), 2, 1)
        size = adults + kids
        # keep households while the area's running total before them is below its count
        tot = np.bincount(da, weights=size, minlength=d.n)
        before = np.concatenate(([0.0], np.cumsum(tot)[:-1]))
        cum_before = np.cumsum(size) - size - before[da]
        keep = cum_before < counts[da]
        da, htype, kids, adults, size = da[keep], htype[keep], kids[keep], adults[keep], size[
            keep]
        nh = len(da)
        hh_ids = self.next_hh + np.arange(nh)
        self.next_hh += nh
        # non-western households (bigger ones more likely) to bring the area to its share
        st = self.st
        cur_n = np.bincount(st["area"], minlength=d.n)
        cur_nw = np.bincount(st["area"], weights=st["nw"], minlength=d.n)
        new_n = np.bincount(da, weights=size, minlength=d.n)
        target = np.clip(d.nw * (cur_n + new_n) - cur_nw, 0, new_n)
        hh_nw = _select_sum(rng, da, size.astype(float) ** 1.5, size, target)
        # persons
        pidx = np.repeat(np.arange(nh), size)
        start = np.concatenate(([0], np.cumsum(size)[:-1]))
        role = np.arange(len(pidx)) - start[pidx]
        n_new = len(pidx)
        with_kids = htype >= 2
        head_age = np.where(with_kids, np.clip(rng.normal(37, 7, nh), 21, 60),
                            np.clip(rng.normal(d.age_mu[da], d.age_sd[da]), 18, 99)).astype(int)
        partner_age = np.clip(head_age + rng.normal(0, 4, nh), 18, 99).astype(int)
        kid_age = rng.integers(0, np.minimum(17, head_age[pidx] - 18) + 1)
        age = np.where(role == 0, head_age[pidx],
                       np.where(role < adults[pidx], partner_age[pidx], kid_age))
        head_k = rng.random(nh) < np.where(htype == 3, 0.8, 0.5)
        opposite = rng.random(n_new) < 0.95
        sex = np.where(role == 0, head_k[pidx],
                       np.where(role < adults[pidx], head_k[pidx] ^ opposite,
                                rng.random(n_new) < 0.5)).astype(np.int64)
        area = da[pidx]
        extra = self.moves.ARRIVAL_Z * d.deprived[da] if arriving and self.moves else 0.0
        zh = rng.normal(d.z_shift[da] + extra, 1.0)
        z = 0.6 * zh[pidx] + 0.8 * rng.normal(size=n_new)
        nw = hh_nw[pidx].astype(np.int64)
        bdoy = rng.integers(0, 365, n_new)
        byear = year - age - (bdoy > doy)
        new = {"pid": self.next_pid + np.arange(n_new), "hh": hh_ids[pidx], "area": area,
               "addr": d.random_address(da, rng)[pidx], "sex": sex, "byear": byear,
               "bdoy": bdoy, "nw": nw, "z": z, "u_stud": rng.random(n_new),
               "u_tax": rng.random(n_new)}
        self.next_pid += n_new
        new["basic"], new["edu_missing"] = self._basic_traits(area, age, z, nw, year, doy)
        self.st = _concat(self.st, new)

    def _basic_traits(self, area: np.ndarray, age: np.ndarray, z: np.ndarray, nw: np.ndarray,
                      year: int, doy: int) -> Tuple[np.ndarray, np.ndarray]:
        """Basic-education trait of newcomers, exact per (area, 30-59 or not) with feedback."""
        d, rng, st = self.d, self.rng, self.st
        g_new = _trait_groups(area, age)
        g_cur = _trait_groups(st["area"], _ages(st, year, doy))
        G = 2 * d.n
        cur_n = np.bincount(g_cur, minlength=G)
        cur_b = np.bincount(g_cur, weights=st["basic"], minlength=G)
        new_n = np.bincount(g_new, minlength=G)
        tgt = np.repeat(d.basic, 2)
        k = np.round(np.clip(tgt * (cur_n + new_n) - cur_b, 0, new_n)).astype(int)
        basic = _select_count(rng, g_new, np.exp(0.8 * z) * np.where(nw == 1, 2.0, 1.0), k)
        missing = basic & (rng.random(len(area)) < np.where(nw == 1, 0.25, 0.03))
        return basic.astype(np.int64), missing.astype(np.int64)

    # ---- between two snapshots
    def step(self, y0: int, r0: int, y1: int, r1: int) -> None:
        """Deaths, emigration, moves, leaving home, births, then refill to the target sizes."""
        d, rng = self.d, self.rng
        f = ((y1 - y0) * 365 + r1 - r0) / 365.0
        st = self.st
        age = _ages(st, y0, r0)
        # Gompertz fit to Danish death rates (about 0.3 % at 50, 2 % at 70, 16 % at 90)
        q = np.minimum(0.6, 2.08e-5 * np.exp(0.0994 * age)) + np.where(age == 0, 0.003, 0)
        alive = (rng.random(len(age)) >= 1 - (1 - q) ** f) & (age < 100)
        hh_u, inv = np.unique(st["hh"], return_inverse=True)
        hh_area = np.zeros(len(hh_u), dtype=np.int64)
        hh_area[inv] = st["area"]
        emig = rng.random(len(hh_u)) < d.emig[hh_area] * f
        st = _keep(st, alive & ~emig[inv])
        # household moves
        hh_u, inv = np.unique(st["hh"], return_inverse=True)
        hh_area = np.zeros(len(hh_u), dtype=np.int64)
        hh_area[inv] = st["area"]
        mv = self.moves
        mult = 1.0
        if mv is not None:
            hh_z = np.bincount(inv, weights=st["z"], minlength=len(hh_u)) / np.maximum(
                np.bincount(inv, minlength=len(hh_u)), 1)
            mult = mv.move_multiplier(d, hh_area, hh_z)
        move = rng.random(len(hh_u)) < 0.06 * f * mult
        r = rng.random(len(hh_u))
        elsewhere = mv.nearby(hh_area) if mv is not None else \
            d.random_destination(len(hh_u), rng)
        dest = np.where(r < 0.55, hh_area,
                        np.where(r < 0.75, d.neighbour(hh_area, rng), elsewhere))
        if mv is not None:  # the waterbed: rehousing from the omdannelsesområder
            reh, reh_dest = mv.rehoused(hh_area, y1, f)
            move |= reh
            dest = np.where(reh, reh_dest, dest)
        new_addr = d.random_address(dest, rng)
        st["area"] = np.where(move[inv], dest[inv], st["area"])
        st["addr"] = np.where(move[inv], new_addr[inv], st["addr"])
        # young adults leaving home
        age = _ages(st, y0, r0)
        hh_max = np.zeros(len(hh_u), dtype=np.int64)
        np.maximum.at(hh_max, inv, age)
        leave = ((age >= 18) & (age <= 24) & (hh_max[inv] >= age + 16)
                 & (rng.random(len(age)) < 0.12 * f))
        k = int(leave.sum())
        if k:
            elsewhere = self.moves.nearby(st["area"][leave]) if self.moves is not None else \
                d.random_destination(k, rng)
            dest = np.where(rng.random(k) < 0.5, st["area"][leave], elsewhere)
            st["area"][leave] = dest
            st["addr"][leave] = d.random_address(dest, rng)
            st["hh"][leave] = self.next_hh + np.arange(k)
            self.next_hh += k
        # births
        fert = np.interp(age, [17, 20, 25, 30, 35, 40, 46], [0, .04, .10, .12, .06, .015, 0])
        mother = ((st["sex"] == 1) & (rng.random(len(age))
                                      < fert * f * np.where(st["nw"] == 1, 1.4, 1.0)))
        k = int(mother.sum())
        self.st = st
        if k:
            span = (y1 - y0) * 365 + r1 - r0
            t = y0 * 365 + r0 + 1 + rng.integers(0, max(span, 1), k)
            area = st["area"][mother]
            nw = st["nw"][mother]
            z = 0.5 * st["z"][mother] + 0.87 * rng.normal(size=k)
            basic = (rng.random(k) < d.basic[area]).astype(np.int64)
            kids = {"pid": self.next_pid + np.arange(k), "hh": st["hh"][mother], "area": area,
                    "addr": st["addr"][mother], "sex": (rng.random(k) < 0.5).astype(np.int64),
                    "byear": t // 365, "bdoy": t % 365, "nw": nw, "z": z,
                    "u_stud": rng.random(k), "u_tax": rng.random(k), "basic": basic,
                    "edu_missing": (basic == 1) & (rng.random(k) < np.where(nw == 1, .25, .03))}
            kids["edu_missing"] = kids["edu_missing"].astype(np.int64)
            self.next_pid += k
            self.st = _concat(self.st, kids)
        # refill
        yi = d.year_index(y1)
        deficit = d.t_size[yi] - np.bincount(self.st["area"], minlength=d.n)
        self.add_households(np.maximum(deficit, 0), y1, r1, arriving=True)

    # ---- one snapshot
    def snapshot(self, year: int, doy: int) -> Tuple[Dict[str, np.ndarray], pd.DataFrame]:
        """Person attributes at (year, doy), calibrated per area; plus per-area statistics."""
        d, rng, st = self.d, self.rng, self.st
        t_out, t_conv, t_inc = d.targets(year, doy)
        n = len(st["pid"])
        area = st["area"]
        age = _ages(st, year, doy)
        adult = age >= 18
        p_stud = np.interp(age, [14, 15, 17, 18, 19, 20, 24, 25, 29, 30, 34, 35, 44, 45, 64, 65],
                           [0, .92, .92, .75, .75, .5, .5, .28, .28, .08, .08, .03, .03, .01,
                            .01, 0])
        student = st["u_stud"] < p_stud * np.where(d.deprived[area], 0.8, 1.0)
        taxpayer = st["u_tax"] >= 0.007
        # outside the labour market (full-time persons), filled to the target sum per area
        a1864 = (age >= 18) & (age <= 64)
        n1864 = np.bincount(area[a1864], minlength=d.n)
        elig = np.flatnonzero(a1864 & ~student)
        u = rng.random(len(elig))
        fte_draw = np.where(u < .6, 1.0, np.where(u < .73, .75, np.where(u < .87, .5, .25)))
        w = (np.exp(1.2 * st["z"][elig]) * np.where(st["nw"][elig] == 1, 1.5, 1.0)
             * np.where(age[elig] >= 55, 1.3, 1.0))
        pick = _select_sum(rng, area[elig], w, fte_draw, t_out * n1864)
        fte = np.zeros(n)
        fte[elig[pick]] = fte_draw[pick]
        # convicted: exact count among >= 18, a few 15-17 too (not in the criterion)
        ad = np.flatnonzero(adult)
        n18 = np.bincount(area[ad], minlength=d.n)
        k = np.round(t_conv * n18).astype(int)
        aa = age[ad]
        w = (np.where(st["sex"][ad] == 0, 4.0, 1.0) * np.exp(0.7 * st["z"][ad])
             * np.interp(aa, [18, 24, 25, 34, 35, 49, 50, 64, 65], [3, 3, 2, 2, 1, 1, .5, .5, .15]))
        convicted = np.zeros(n, dtype=np.int64)
        convicted[ad[_select_count(rng, area[ad], w, k)]] = 1
        teen = (age >= 15) & (age <= 17)
        convicted[teen & (rng.random(n) < t_conv[area] * 0.8)] = 1
        # income
        emp = np.exp(rng.normal(np.log(340000.0), 0.45, n))
        benefit = rng.normal(165000, 20000, n)
        inc = np.where(adult, fte * benefit + (1 - fte) * emp, 0.0)
        inc = np.where(student & (age >= 15), np.exp(rng.normal(np.log(90000.0), 0.5, n)), inc)
        inc = np.where(~student & teen, np.exp(rng.normal(np.log(30000.0), 0.8, n)), inc)
        inc = np.where(age >= 65, np.exp(rng.normal(np.log(230000.0), 0.4, n)), inc)
        inc = np.where(adult & (rng.random(n) < 0.002), -rng.uniform(0, 50000, n), inc)
        crit = (age >= 15) & (age <= 64) & ~student & taxpayer
        s = np.bincount(area[crit], weights=inc[crit], minlength=d.n)
        c = np.bincount(area[crit], minlength=d.n)
        factor = np.where(s > 0, t_inc * c / np.where(s > 0, s, 1), 1.0)
        inc = np.where(crit, inc * factor[area], inc)
        inc = np.round(inc).astype(np.int64)
        # single-parent households: exactly one adult and at least one child
        hh_u, inv = np.unique(st["hh"], return_inverse=True)
        n_ad = np.bincount(inv, weights=adult.astype(float), minlength=len(hh_u))
        n_ch = np.bincount(inv, weights=(~adult).astype(float), minlength=len(hh_u))
        single_parent = ((n_ad == 1) & (n_ch >= 1))[inv].astype(np.int64)
        # basic education as reported: unknown for children, 1 while 16-20, then the trait
        basic = np.where(age >= 21, st["basic"], 1).astype(float)
        basic[(age < 16) | ((age >= 21) & (st["edu_missing"] == 1))] = np.nan
        cols = {"pid": st["pid"], "hh": st["hh"], "addr": st["addr"], "age": age,
                "sex": st["sex"], "nonwestern": st["nw"], "outside_fte": fte,
                "basic_edu": basic, "gross_income": inc, "student": student.astype(np.int64),
                "taxpayer": taxpayer.astype(np.int64), "convicted": convicted,
                "single_parent": single_parent, "area": area}
        a3059 = (age >= 30) & (age <= 59)
        stats = pd.DataFrame({
            "residents": np.bincount(area, minlength=d.n),
            "n1864": n1864,
            "outside_sum": np.bincount(area, weights=fte, minlength=d.n),
            "n18": n18,
            "convicted": np.bincount(area[ad], weights=convicted[ad], minlength=d.n),
            "n3059": np.bincount(area[a3059], minlength=d.n),
            "basic": np.bincount(area[a3059], weights=np.nan_to_num(basic[a3059], nan=1.0),
                                 minlength=d.n),
            "income_sum": np.bincount(area[crit], weights=inc[crit], minlength=d.n),
            "income_n": c,
            "nonwestern": np.bincount(area, weights=st["nw"], minlength=d.n),
        })
        return cols, stats


# --------------------------------------------------------------------------- criteria

def _shares(s: pd.DataFrame) -> pd.DataFrame:
    """Criterion values of one snapshot's statistics, in the law's units."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.DataFrame({
            "residents": s["residents"],
            "outside": 100.0 * s["outside_sum"] / s["n1864"],
            "convicted": 100.0 * s["convicted"] / s["n18"] / NATIONAL_CONVICTION_RATE,
            "basic_edu": 100.0 * s["basic"] / s["n3059"],
            "income": 100.0 * s["income_sum"] / s["income_n"] / REGIONAL_MEAN_INCOME,
            "nonwestern": 100.0 * s["nonwestern"] / s["residents"],
        })


def _category(cur: pd.DataFrame, prev: Optional[pd.DataFrame]) -> Tuple[np.ndarray, pd.DataFrame]:
    """2021 rules (udsat/parallelsamfund/forebyggelse) for one assessed snapshot."""
    v = cur.copy()
    if prev is not None:
        for k in ("outside", "convicted"):
            v[k] = np.where(prev[k].notna(), (cur[k] + prev[k]) / 2, cur[k])
    ok = v["residents"] >= MIN_RESIDENTS
    u = ((v["outside"] > 40).astype(int) + (v["convicted"] >= 3) + (v["basic_edu"] > 60)
         + (v["income"] < 55))
    fb = ((v["outside"] > 30).astype(int) + (v["convicted"] >= 2) + (v["basic_edu"] > 60)
          + (v["income"] < 65))
    udsat = ok & (u >= 2)
    cat = np.where(udsat & (v["nonwestern"] > 50), "parallelsamfund",
                   np.where(udsat, "udsat",
                            np.where(ok & (v["nonwestern"] > 30) & (fb >= 2), "forebyggelse",
                                     "ingen")))
    return cat, v


def _expected(stats: Dict[str, pd.DataFrame], design: _Design) -> pd.DataFrame:
    """Category per area at the latest yearly snapshot (omdannelse as core/criteria reads it)."""
    yearly = sorted(d for d in stats if d.endswith("-01-01"))
    cats, vals = [], None
    for i, date in enumerate(yearly):
        cur = _shares(stats[date])
        prev = _shares(stats[yearly[i - 1]]) if i and int(yearly[i - 1][:4]) == int(
            date[:4]) - 1 else None
        cat, vals = _category(cur, prev)
        cats.append(cat)
    cat = cats[-1].copy()
    # consecutive count from the latest snapshot backwards
    years_ps = np.zeros(design.n, dtype=int)
    alive = np.ones(design.n, dtype=bool)
    for c in reversed(cats):
        alive &= c == "parallelsamfund"
        years_ps += alive
    cat = np.where((cat == "parallelsamfund") & (years_ps >= 5), "omdannelsesomraade", cat)
    out = pd.DataFrame({"expected_category_2021": cat, "parallelsamfund_years": years_ps,
                        "residents": vals["residents"].astype(int)})
    for k in ("outside", "convicted", "basic_edu", "income", "nonwestern"):
        out[k + "_val"] = vals[k].round(3)
    return out


# --------------------------------------------------------------------------- monthly series

def _month_series(months: int, years: Sequence[int]) -> List[Tuple[int, int, bool]]:
    """(year, day of year, written) of ``months`` monthly snapshots up to 1 June of the last
    year."""
    if months <= 0:
        return []
    end = years[-1] * 12 + 5  # June of the last year, months counted from year 0
    first = end - months + 1
    if first < years[0] * 12:
        raise ValueError("--months {} reaches before 1 January {}; give more --years".format(
            months, years[0]))
    return [(m // 12, _MONTH_DOY[m % 12], True) for m in range(first, end + 1)]


def _expected_trends(stats: Dict[str, pd.DataFrame], design: _Design,
                     ids: Sequence[str]) -> pd.DataFrame:
    """The trended areas: category at the last snapshot and at the next 1 January if the
    designed trend goes on (2021 rules; two-year means with the snapshot a year earlier)."""
    latest = max(stats)
    year = int(latest[:4])
    project_to = "{}-01-01".format(year + 1)
    before = "{}{}".format(year - 1, latest[4:])
    cur = _shares(stats[latest])
    now, _ = _category(cur, _shares(stats[before]) if before in stats else None)
    proj = cur.copy()
    t = year + 1.0
    for a in design.trends:
        key, v = design.trend_value(a, t)
        proj.loc[a, key] = 100.0 * v
    projected, vals = _category(proj, _shares(stats["{}-01-01".format(year)]))
    rows = []
    for a, (trend, key, end, slope) in sorted(design.trends.items()):
        rows.append({"area_id": ids[a], "trend": trend, "criterion": key,
                     "end_value": round(100 * end, 3), "per_year": round(100 * slope, 3),
                     "latest": latest, "category_latest": now[a], "project_to": project_to,
                     "projected_value": round(float(vals.loc[a, key]), 3),
                     "projected_category": projected[a]})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- writing

def _write_areas(path: str, geo: _Areas, ids: List[str], names: List[str],
                 district: List[str], kind: Sequence[str],
                 extra: Optional[Dict[str, Sequence[str]]] = None) -> None:
    from osgeo import ogr, osr
    ogr.UseExceptions()
    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    lyr = ds.CreateLayer("areas", srs, ogr.wkbMultiPolygon)
    extra = extra or {}
    for name in ("area_id", "area_name", "district_id", "designed") + tuple(extra):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    lyr.StartTransaction()
    for a, parts in enumerate(geo.parts):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("area_id", ids[a])
        f.SetField("area_name", names[a])
        f.SetField("district_id", district[a])
        f.SetField("designed", kind[a])
        for name, vals in extra.items():
            f.SetField(name, str(vals[a]))
        f.SetGeometry(_ogr_multipolygon(parts))
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None


def _ogr_multipolygon(parts: List[List[np.ndarray]]):
    from osgeo import ogr
    mp = ogr.Geometry(ogr.wkbMultiPolygon)
    for part in parts:
        poly = ogr.Geometry(ogr.wkbPolygon)
        for ring in part:
            r = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in ring:
                r.AddPoint_2D(float(x), float(y))
            poly.AddGeometry(r)
        mp.AddGeometry(poly)
    return mp


def _write_districts(path: str, geo: _Areas, district: List[str],
                     names: Dict[str, str]) -> None:
    from osgeo import ogr, osr
    ogr.UseExceptions()
    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    lyr = ds.CreateLayer("districts", srs, ogr.wkbMultiPolygon)
    lyr.CreateField(ogr.FieldDefn("district_id", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("district_name", ogr.OFTString))
    for did in sorted(set(district)):
        coll = ogr.Geometry(ogr.wkbMultiPolygon)
        for a, parts in enumerate(geo.parts):
            if district[a] == did:
                mp = _ogr_multipolygon(parts)
                for k in range(mp.GetGeometryCount()):
                    coll.AddGeometry(mp.GetGeometryRef(k))
        geom = coll.UnionCascaded()
        if geom.GetGeometryType() == ogr.wkbPolygon:
            geom = ogr.ForceToMultiPolygon(geom)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("district_id", did)
        f.SetField("district_name", names[did])
        f.SetGeometry(geom)
        lyr.CreateFeature(f)
    ds = None


class _PointGpkg:
    """Fast GeoPackage point layer: created by OGR, rows bulk-inserted with sqlite3.

    OGR's writing costs ~25 us a point here, ~20 of them for the R-tree; a million persons
    would take most of a minute. Rows go in at ~6 us; the table and metadata come from GDAL,
    and so does the spatial index when asked for (``close(spatial_index=True)``).
    """

    _TYPES = {"str": "OFTString", "date": "OFTDate", "real": "OFTReal", "int": "OFTInteger"}

    def __init__(self, path: str, layer: str, fields: Sequence[Tuple[str, str]]) -> None:
        import sqlite3

        from osgeo import ogr, osr
        ogr.UseExceptions()
        if os.path.exists(path):
            os.remove(path)
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(EPSG)
        lyr = ds.CreateLayer(layer, srs, ogr.wkbPoint,
                             options=["SPATIAL_INDEX=NO", "GEOMETRY_NAME=geom", "FID=fid"])
        for name, kind in fields:
            lyr.CreateField(ogr.FieldDefn(name, getattr(ogr, self._TYPES[kind])))
        ds = None
        self.path, self.layer, self.fields = path, layer, list(fields)
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        trig = "trigger_insert_feature_count_" + layer
        row = self.conn.execute("SELECT sql FROM sqlite_master WHERE type='trigger' AND "
                                "name=?", (trig,)).fetchone()
        self.trigger_sql = row[0] if row else None
        if row:
            self.conn.execute('DROP TRIGGER "{}"'.format(trig))
        self.sql = 'INSERT INTO "{}" ("geom", {}) VALUES (?{})'.format(
            layer, ", ".join('"{}"'.format(n) for n, _ in fields), ", ?" * len(fields))
        self.bounds = [np.inf, np.inf, -np.inf, -np.inf]
        self.count = 0

    @staticmethod
    def _blobs(x: np.ndarray, y: np.ndarray) -> List[bytes]:
        """GeoPackage geometry blobs (no envelope) of little-endian WKB points."""
        dt = np.dtype([("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs", "<i4"),
                       ("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])
        arr = np.zeros(len(x), dtype=dt)
        arr["magic"], arr["flags"], arr["srs"] = b"GP", 1, EPSG
        arr["order"], arr["type"], arr["x"], arr["y"] = 1, 1, x, y
        buf = arr.tobytes()
        k = dt.itemsize
        return [buf[i:i + k] for i in range(0, len(buf), k)]

    def append(self, x: np.ndarray, y: np.ndarray, columns: Dict[str, object],
               chunk: int = 200000) -> None:
        """Add points with attribute columns (arrays or lists; NaN/None -> NULL)."""
        if not len(x):
            return
        b = self.bounds
        self.bounds = [min(b[0], float(x.min())), min(b[1], float(y.min())),
                       max(b[2], float(x.max())), max(b[3], float(y.max()))]
        n = len(x)
        for lo in range(0, n, chunk):
            hi = min(n, lo + chunk)
            cols = [self._blobs(x[lo:hi], y[lo:hi])]
            for name, _ in self.fields:
                v = columns[name][lo:hi]
                if isinstance(v, np.ndarray) and v.dtype.kind == "f" and np.isnan(v).any():
                    v = np.where(np.isnan(v), None, v.astype(object))
                cols.append(v.tolist() if isinstance(v, np.ndarray) else list(v))
            self.conn.executemany(self.sql, zip(*cols))
        self.count += n

    def close(self, spatial_index: bool) -> None:
        """Feature count, extent, trigger back, then (optionally) GDAL's spatial index."""
        from osgeo import ogr
        c = self.conn
        c.execute("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = "
                  "lower(?)", (self.count, self.layer))
        if self.count:
            c.execute("UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=? "
                      "WHERE table_name=?", (*self.bounds, self.layer))
        if self.trigger_sql:
            c.execute(self.trigger_sql)
        c.commit()
        c.close()
        if spatial_index:
            ds = ogr.Open(self.path, 1)
            ds.ExecuteSQL("SELECT CreateSpatialIndex('{}', 'geom')".format(self.layer))
            ds = None


PERSON_FIELD_TYPES = dict(zip(PERSON_COLUMNS, ["str", "date", "real", "real", "str", "int",
                                               "str", "int", "real", "int", "int", "int",
                                               "int", "int", "str", "int"]))


_FTE_TEXT = (np.array(["0", "0.25", "0.5", "0.75", "1"], dtype=object),
             np.array(["0", "0,25", "0,5", "0,75", "1"], dtype=object))
_BASIC_TEXT = np.array(["0", "1", ""], dtype=object)


def _frame(cols: Dict[str, np.ndarray], date: str, design: _Design, addr_ids: np.ndarray,
           addr_text: Tuple[np.ndarray, np.ndarray], danish: bool) -> pd.DataFrame:
    """The snapshot as text-ready columns (numbers pre-formatted: pandas' float_format is slow)."""
    addr = cols["addr"]
    basic = cols["basic_edu"]
    fr = pd.DataFrame({
        "person_id": _format_ids("P", cols["pid"], 8),
        "ref_date": date,
        "x": addr_text[0][addr], "y": addr_text[1][addr],
        "address_id": addr_ids[addr],
        "age": cols["age"].astype(np.int16),
        "sex": np.where(cols["sex"] == 1, "K", "M"),
        "nonwestern": cols["nonwestern"].astype(np.int8),
        "outside_fte": _FTE_TEXT[int(danish)][np.round(cols["outside_fte"] * 4).astype(int)],
        "basic_edu": _BASIC_TEXT[np.where(np.isnan(basic), 2, np.nan_to_num(basic)).astype(int)],
        "gross_income": cols["gross_income"],
        "student": cols["student"].astype(np.int8),
        "taxpayer": cols["taxpayer"].astype(np.int8),
        "convicted": cols["convicted"].astype(np.int8),
        "household_id": _format_ids("H", cols["hh"], 8),
        "single_parent": cols["single_parent"].astype(np.int8),
    })
    return fr


_SMALL_INT_TEXT = np.array([str(k) for k in range(1000)], dtype=object)


def _text_column(values) -> list:
    """A column as a list of str (small non-negative ints through a lookup table)."""
    v = np.asarray(values)
    if v.dtype.kind in "iu" and len(v) and v.min() >= 0 and v.max() < 1000:
        return _SMALL_INT_TEXT[v].tolist()
    if v.dtype.kind in "iu":
        return v.astype(str).tolist()
    return [str(x) for x in v] if v.dtype != object else v.tolist()


def _write_text(path: str, frame: pd.DataFrame, sep: str, encoding: str, newline: str,
                append: bool, chunk: int = 250000) -> None:
    """Write a frame of text/int columns as CSV (no quoting needed: no separators in values).

    Several times faster than DataFrame.to_csv for a million rows.
    """
    with open(path, "a" if append else "w", encoding=encoding, newline="") as fh:
        if not append:
            fh.write(sep.join(frame.columns) + newline)
        for lo in range(0, len(frame), chunk):
            part = frame.iloc[lo:lo + chunk]
            cols = [_text_column(part[c].to_numpy()) for c in frame.columns]
            fh.write(newline.join(map(sep.join, zip(*cols))))
            fh.write(newline)


_CENTS_TEXT = np.array(["{:02d}".format(k) for k in range(100)], dtype=object)


def _coord_text(v: np.ndarray, danish: bool) -> np.ndarray:
    """Coordinates with two decimals as text (decimal comma when danish)."""
    cents = np.round(np.asarray(v) * 100).astype(np.int64)
    sep = "," if danish else "."
    whole = (cents // 100).astype(str).tolist()
    frac = _CENTS_TEXT[cents % 100].tolist()
    return np.array([a + sep + b for a, b in zip(whole, frac)], dtype=object)


# The whole generation as one readable sequence of steps sharing one random generator (see
# _build_geometry for why the order of draws must stay as it is).
def generate(out_dir: str = "demo_data", persons: int = 60000, seed: int = 1,  # noqa: C901
             areas: int = 300, years: Iterable[int] = (2021, 2022, 2023, 2024, 2025),
             monthly: bool = False, formats: Iterable[str] = ("csv", "gpkg"),
             months: int = 0, series_formats: Optional[Iterable[str]] = None,
             spatial_index: bool = False, verbose: bool = False,
             summary: Optional[dict] = None) -> Dict[str, str]:
    """Write the demo data set into out_dir; returns {name: path} of the files written.

    ``series_formats``: the formats that get the snapshots between the 1 January ones
    (``months``, ``monthly``); the other formats get the 1 January snapshots only, of the same
    persons (default: every format gets every snapshot).

    Point layers with more than INDEX_LIMIT points get a spatial index only with
    ``spatial_index=True`` (building it costs ~20 us a point). ``summary``, when given,
    receives counts, dates, expected categories and the run time.
    """
    t0 = time.time()
    formats = {f.strip().lower() for f in formats if f.strip()}
    unknown = formats - {"csv", "gpkg", "dkcsv"}
    if unknown:
        raise ValueError("unknown formats: {}".format(", ".join(sorted(unknown))))
    years = sorted({int(y) for y in years})
    if areas < 30:
        raise ValueError("--areas must be at least 30 (23 designed areas + ordinary ones)")
    if persons < 1000:
        raise ValueError("--persons must be at least 1000")
    series_formats = formats if series_formats is None else \
        {f.strip().lower() for f in series_formats if f.strip()}
    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.default_rng(seed)
    log = (lambda *a: print(*a, file=sys.stderr)) if verbose else (lambda *a: None)

    geo = _build_geometry(areas, rng)
    design = _Design(geo, persons, years, rng)
    moves = _Moves(geo, design, np.random.default_rng([seed, 12]))
    n = design.n
    width = max(3, len(str(n)))
    ids = ["A{:0{w}d}".format(k + 1, w=width) for k in range(n)]
    names = _area_names(n, rng)
    ncols, nrows = geo.grid[0], geo.grid[1]
    n_d = int(np.clip(n // 30, 2, 10))
    drows = 2 if n_d >= 4 else 1
    dcols = int(math.ceil(n_d / drows))
    district = ["D{:02d}".format(1 + (j * drows // nrows) * dcols + (i * dcols // ncols))
                for i, j in geo.cells]
    dnames = {did: _DISTRICTS[k % len(_DISTRICTS)] + ("" if k < len(_DISTRICTS) else
                                                      " {}".format(k // len(_DISTRICTS) + 1))
              for k, did in enumerate(sorted(set(district)))}
    addr_ids = _uuids(rng, len(design.addr_area))
    addr_text = (_coord_text(design.addr_xy[:, 0], False), _coord_text(design.addr_xy[:, 1], False))
    addr_text_dk = (_coord_text(design.addr_xy[:, 0], True),
                    _coord_text(design.addr_xy[:, 1], True))
    log("geometry and design: {:.1f} s".format(time.time() - t0))

    paths: Dict[str, str] = {}
    p = os.path.join(out_dir, "areas.gpkg")
    _write_areas(p, geo, ids, names, district, list(design.kind),
                 {"housing": moves.housing, "urban": moves.urban})
    paths["areas"] = p
    p = os.path.join(out_dir, "districts.gpkg")
    _write_districts(p, geo, district, dnames)
    paths["districts"] = p
    p = os.path.join(out_dir, "addresses.gpkg")
    w = _PointGpkg(p, "addresses", [("address_id", "str")])
    w.append(design.addr_xy[:, 0], design.addr_xy[:, 1], {"address_id": addr_ids})
    w.close(spatial_index or w.count <= INDEX_LIMIT)
    paths["addresses"] = p
    p = os.path.join(out_dir, "address_areas.csv")
    pd.DataFrame({"address_id": addr_ids,
                  "area_id": np.array(ids, dtype=object)[design.addr_area]}).to_csv(
        p, index=False, lineterminator="\n")
    paths["address_areas"] = p

    dates: List[Tuple[int, int, bool]] = [(y, 0, y in years) for y in design.years]
    if monthly:
        dates += [(years[-1], _MONTH_DOY[m - 1], True) for m in range(2, 7)]
    series = _month_series(months, design.years)
    if series:
        design.add_trends(series[-1][0] + series[-1][1] / 365.0)
        merged: Dict[Tuple[int, int], bool] = {}
        for y, doy, out in dates + series:
            merged[(y, doy)] = merged.get((y, doy), False) or out
        dates = [(y, doy, out) for (y, doy), out in sorted(merged.items())]
    pop = _Population(design, rng, moves)
    y_first = design.years[0]
    pop.add_households(design.t_size[0].astype(float), y_first, 0)
    csv_path = os.path.join(out_dir, "persons.csv")
    dk_path = os.path.join(out_dir, "persons_dk.csv")
    gpkg = None
    if "gpkg" in formats:
        gpkg = _PointGpkg(os.path.join(out_dir, "persons.gpkg"), "persons",
                          [(c, PERSON_FIELD_TYPES[c]) for c in PERSON_COLUMNS])
    district_name = np.array([dnames[d] for d in district], dtype=object)
    stats: Dict[str, pd.DataFrame] = {}
    started: set = set()  # the text files written to (the next dates are appended)
    n_rows = 0
    prev = (y_first, 0)
    for y, doy, out in dates:
        if (y, doy) != prev:
            pop.step(prev[0], prev[1], y, doy)
            prev = (y, doy)
        if not out:
            continue
        month = 1 + int(np.searchsorted(_MONTH_DOY, doy, side="right")) - 1
        date = "{:04d}-{:02d}-01".format(y, month)
        cols, st = pop.snapshot(y, doy)
        stats[date] = st
        n_rows += len(cols["pid"])
        here = formats if doy == 0 and y in years else formats & series_formats
        if "csv" in here or (gpkg is not None and "gpkg" in here):
            fr = _frame(cols, date, design, addr_ids, addr_text, False)
            if "csv" in here:
                _write_text(csv_path, fr, ",", "utf-8", "\n", append="csv" in started)
                started.add("csv")
            if gpkg is not None and "gpkg" in here:
                xy = design.addr_xy[cols["addr"]]
                num = {"x": xy[:, 0], "y": xy[:, 1], "outside_fte": cols["outside_fte"],
                       "basic_edu": cols["basic_edu"]}
                gpkg.append(xy[:, 0], xy[:, 1], {c: num[c] if c in num else fr[c].to_numpy()
                                                 for c in PERSON_COLUMNS})
            del fr
        if "dkcsv" in here:
            dk = _frame(cols, date, design, addr_ids, addr_text_dk, True).rename(
                columns=DANISH)
            dk["bydel"] = district_name[cols["area"]]
            _write_text(dk_path, dk, ";", "cp1252", "\r\n", append="dkcsv" in started)
            started.add("dkcsv")
            del dk
        log("{}: {} persons, {:.1f} s".format(date, len(cols["pid"]), time.time() - t0))
    if "csv" in formats:
        paths["persons_csv"] = csv_path
        paths["persons_csvt"] = os.path.splitext(csv_path)[0] + ".csvt"
        with open(paths["persons_csvt"], "w") as fh:
            fh.write(",".join('"{}"'.format(t) for t in CSVT_TYPES) + "\n")
    if "dkcsv" in formats:
        paths["persons_dk_csv"] = dk_path
    if gpkg is not None:
        gpkg.close(spatial_index or gpkg.count <= INDEX_LIMIT)
        paths["persons_gpkg"] = gpkg.path
        log("persons.gpkg: {:.1f} s".format(time.time() - t0))

    p = os.path.join(out_dir, "reference_values.json")
    latest = sorted(d for d in stats if d.endswith("-01-01"))[-1]
    with open(p, "w", encoding="utf-8") as fh:
        json.dump({"national_conviction_rate": NATIONAL_CONVICTION_RATE,
                   "regional_mean_income": REGIONAL_MEAN_INCOME, "rule_set": "2021",
                   "assessment_date": latest, "seed": seed}, fh, indent=2)
        fh.write("\n")
    paths["reference_values"] = p
    exp = _expected(stats, design)
    exp.insert(0, "designed_history", design.history)
    exp.insert(0, "designed", design.kind)
    exp.insert(0, "area_id", ids)
    cols_order = ["area_id", "designed", "expected_category_2021", "designed_history",
                  "parallelsamfund_years", "residents", "outside_val", "convicted_val",
                  "basic_edu_val", "income_val", "nonwestern_val"]
    p = os.path.join(out_dir, "expected_categories.csv")
    exp[cols_order].to_csv(p, index=False, lineterminator="\n")
    paths["expected_categories"] = p
    if series:
        p = os.path.join(out_dir, "expected_trends.csv")
        _expected_trends(stats, design, ids).to_csv(p, index=False, lineterminator="\n")
        paths["expected_trends"] = p
    if summary is not None:
        summary.update({
            "areas": n, "addresses": int(len(design.addr_area)), "rows": n_rows,
            "dates": sorted(stats),
            "persons_per_date": {d: int(s["residents"].sum()) for d, s in stats.items()},
            "categories": exp["expected_category_2021"].value_counts().to_dict(),
            "seconds": round(time.time() - t0, 1)})
    return paths


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="demo_data", help="output folder (default demo_data)")
    ap.add_argument("--persons", type=int, default=60000, help="persons per reference date")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--areas", type=int, default=300, help="number of areas (>= 30)")
    ap.add_argument("--years", default="2021-2025",
                    help="yearly 1 January snapshots, e.g. 2021-2025 or 2024,2025")
    ap.add_argument("--monthly", action="store_true",
                    help="add monthly snapshots 02-01..06-01 of the last year")
    ap.add_argument("--months", type=int, default=0,
                    help="monthly snapshots (1st of the month) for this many months up to 1 "
                         "June of the last year, with designed trends (expected_trends.csv)")
    ap.add_argument("--formats", default="csv,gpkg", help="any of csv,gpkg,dkcsv")
    ap.add_argument("--series-formats", default=None,
                    help="the formats that get the snapshots between the 1 January ones "
                         "(--months, --monthly); the others get the 1 January snapshots of "
                         "the same persons (default: all of --formats)")
    ap.add_argument("--danish-csv", action="store_true", help="same as adding dkcsv")
    ap.add_argument("--spatial-index", action="store_true",
                    help="spatial index also on point layers over {} points".format(INDEX_LIMIT))
    ap.add_argument("--verbose", action="store_true", help="progress on stderr")
    a = ap.parse_args(argv)
    formats = [f for f in a.formats.split(",") if f.strip()]
    if a.danish_csv:
        formats.append("dkcsv")
    summary: dict = {}
    paths = generate(a.out, persons=a.persons, seed=a.seed, areas=a.areas,
                     years=parse_years(a.years), monthly=a.monthly, formats=formats,
                     months=a.months,
                     series_formats=None if a.series_formats is None else
                     [f for f in a.series_formats.split(",") if f.strip()],
                     spatial_index=a.spatial_index, verbose=a.verbose, summary=summary)
    print("areas {areas}, addresses {addresses}, person rows {rows} over {nd} dates "
          "({first} .. {last}); {seconds} s".format(nd=len(summary["dates"]),
                                                   first=summary["dates"][0],
                                                   last=summary["dates"][-1], **summary))
    print("expected 2021 categories: " + ", ".join(
        "{} {}".format(k, v) for k, v in sorted(summary["categories"].items())))
    for name, path in paths.items():
        print("  {:20s} {}".format(name, path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
