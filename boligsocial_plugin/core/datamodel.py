# SPDX-License-Identifier: GPL-2.0-or-later
"""The person extract data model: canonical columns, Danish aliases, kinds and column matching."""
from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Optional

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr


@dataclass(frozen=True)
class Column:
    """One column of the person extract (the README's "Data model" lists them)."""

    name: str
    alias: str
    kind: str  # id, date, coord, text, int, binary, fraction, amount, sex
    required: bool = False
    lo: Optional[float] = None
    hi: Optional[float] = None


COLUMNS: Dict[str, Column] = {
    c.name: c
    for c in [
        Column("person_id", "personnoegle", "id", required=True),
        Column("ref_date", "opgoerelsesdato", "date", required=True),
        Column("x", "x", "coord"),
        Column("y", "y", "coord"),
        Column("address_id", "adresse_id", "text"),
        Column("age", "alder", "int", required=True, lo=0, hi=125),
        Column("sex", "koen", "sex"),
        Column("nonwestern", "ikkevestlig", "binary"),
        Column("outside_fte", "udenfor_fte", "fraction", lo=0, hi=1),
        Column("basic_edu", "kun_grundskole", "binary"),
        Column("gross_income", "bruttoindkomst", "amount", lo=-1e8, hi=1e9),
        Column("student", "under_uddannelse", "binary"),
        Column("taxpayer", "skattepligtig", "binary"),
        Column("convicted", "doemt", "binary"),
        Column("household_id", "husstand_id", "text"),
        Column("single_parent", "enlig_forsoerger", "binary"),
    ]
}

#: Extra accepted spellings (Danish letters, common warehouse names), all lower case.
EXTRA_ALIASES: Dict[str, List[str]] = {
    "person_id": ["personnøgle", "pnr_pseudo", "pseudonym"],
    "ref_date": ["opgørelsesdato", "dato", "date"],
    "age": ["alder_aar"],
    "sex": ["køn", "kon"],
    "nonwestern": ["ikke_vestlig"],
    "outside_fte": ["udenfor_arbejdsmarked_fte"],
    "basic_edu": ["kun_grundskole_uoplyst"],
    "convicted": ["dømt"],
    "single_parent": ["enlig_forsørger"],
}

#: Direct identifiers that must never reach an output of ours.
DIRECT_IDENTIFIERS = ("cpr", "cprnr", "cpr_nr", "cpr_nummer", "navn", "name", "fornavn",
                      "efternavn", "adresse", "address", "vejnavn", "husnr")


def _candidates(name: str) -> List[str]:
    col = COLUMNS[name]
    names = [name.lower(), col.alias.lower()] + EXTRA_ALIASES.get(name, [])
    # Shapefiles (dBase) cut field names to 10 characters: outside_fte -> outside_ft
    return names + [n[:10] for n in names if len(n) > 10]


def match_columns(available: Iterable[str],
                  explicit: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """Map canonical role -> actual column name: explicit choice first, then name or alias.

    Matching is case-insensitive. An explicit choice naming a missing column is an error;
    two columns matching one role (e.g. ``age`` and ``alder``) is an error too.
    """
    cols = list(available)
    lower: Dict[str, List[str]] = {}
    for c in cols:
        lower.setdefault(str(c).strip().lower(), []).append(c)
    dup = sorted(k for k, v in lower.items() if len(v) > 1)
    if dup:
        raise BoligsocialError(
            tr("The extract has duplicate column names: {cols}. Rename them so each "
               "column name occurs once.").format(cols=", ".join(dup)))
    mapping: Dict[str, str] = {}
    explicit = {k: v for k, v in (explicit or {}).items() if v}
    for role, actual in explicit.items():
        if role not in COLUMNS:
            continue
        hit = lower.get(str(actual).strip().lower())
        if not hit:
            raise BoligsocialError(
                tr("The column '{col}' chosen for '{role}' is not in the extract. "
                   "Available columns: {avail}.").format(
                    col=actual, role=role, avail=", ".join(map(str, cols))))
        mapping[role] = hit[0]
    for role in COLUMNS:
        if role in mapping:
            continue
        found = [lower[c][0] for c in dict.fromkeys(_candidates(role)) if c in lower]
        found = [f for f in found if f not in mapping.values()]
        if len(found) > 1:
            raise BoligsocialError(
                tr("Both '{a}' and '{b}' could be the column '{role}'. Keep one of them or "
                   "choose the column explicitly.").format(a=found[0], b=found[1], role=role))
        if found:
            mapping[role] = found[0]
    return mapping


def direct_identifier_columns(available: Iterable[str]) -> List[str]:
    """Columns whose names look like direct identifiers (CPR, name, address text)."""
    return [c for c in available if str(c).strip().lower() in DIRECT_IDENTIFIERS]


def columns_to_read(available: Iterable[str], explicit: Optional[Mapping[str, str]] = None,
                    has_geometry: bool = False, extra: Iterable[str] = (),
                    xy: Iterable[str] = ("x", "y")) -> List[str]:
    """The columns worth reading from a source (the rest is never loaded).

    Data-model columns (not household_id, which no indicator uses; not address_id when the
    persons come with geometry), the x/y columns, and extra columns named by user-defined
    indicators. Direct identifiers (CPR, names, address text) are never read.
    """
    cols = list(available)
    try:
        mapping = match_columns(cols, explicit)
    except BoligsocialError:
        return cols  # let prepare() report the clash
    skip = {"household_id"} | ({"address_id", "x", "y"} if has_geometry else set())
    keep = {actual for role, actual in mapping.items() if role not in skip}
    wanted = {c.lower() for c in list(extra) + ([] if has_geometry else list(xy))}
    keep |= {c for c in cols if str(c).strip().lower() in wanted}
    banned = set(direct_identifier_columns(cols))
    return [c for c in cols if c in keep and c not in banned]
