# SPDX-License-Identifier: GPL-2.0-or-later
"""Aggregated count tables for ``boligsocial:applydiscretion``: cells, the check, the report.

The algorithm reads any table (ours, Statistics Denmark's, Landsbyggefonden's); this module
decides what a count cell may hold, checks the protected table once more before anything is
written (independently of :mod:`boligsocial_plugin.core.discretion`), and writes the audit
report. Suppression itself is :func:`boligsocial_plugin.core.discretion.protect_table`.
"""
import html
import json
import math
from typing import Any, Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from boligsocial_plugin.core import discretion
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.pseudonym import cpr_numbers, has_cpr, load_key, mask, redact

#: text marking a cell the source already suppressed (Statistics Denmark writes '..')
MISSING_MARKS = ("", "..")
#: CATEGORIES_EXHAUSTIVE choices and what protect_table takes for them
EXHAUSTIVE = {"auto": None, "yes": True, "no": False}
#: hidden cells whose interval the log lists (the report file lists them all)
MAX_INTERVAL_LINES = 20


def _count(v: Any, field: str, row: int) -> float:
    """One count cell as a whole number >= 0, NaN when missing; else a clear error."""
    if v is None:
        return math.nan
    if isinstance(v, str):
        s = v.strip().replace(" ", "")
        if s in MISSING_MARKS:
            return math.nan
        if has_cpr(v):
            raise _cpr_count(field, row)
        try:
            if "_" in s:  # float() reads '081164_3124' as 811643124 (digit grouping)
                raise ValueError(s)
            x = float(s)
        except ValueError:
            raise BoligsocialError(tr(
                "The count field '{f}' holds '{v}' in row {row}, which is not a number. "
                "Count fields must hold whole numbers; fix the value or deselect the field."
            ).format(f=field, v=mask(v), row=row)) from None  # text from the input: masked
    elif isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
        raise BoligsocialError(tr(
            "The count field '{f}' must hold numbers (counts), not '{v}'; deselect it."
        ).format(f=field, v=redact(v)))
    else:
        x = float(v)
    if math.isnan(x):
        return x
    if bool(cpr_numbers(np.array([x]))[0]):  # no count of persons has nine or ten digits
        raise _cpr_count(field, row)
    if math.isinf(x) or x < 0:
        raise BoligsocialError(tr(
            "The count field '{f}' holds a negative or infinite value ({v}) in row {row}. "
            "Counts cannot be negative; fix the table.").format(f=field, v=redact(v), row=row))
    if abs(x - round(x)) > 1e-9:
        raise BoligsocialError(tr(
            "The count field '{f}' holds {v} in row {row}, which is not a whole number. "
            "Discretion applies to counts of persons; choose count fields (not shares, "
            "means or sums of fractions).").format(f=field, v=redact(v), row=row))
    return float(round(x))


def _cpr_count(field: str, row: int) -> BoligsocialError:
    return BoligsocialError(tr(
        "The count field '{f}' holds a value shaped like a CPR number in row {row} (not "
        "shown). A CPR number is never read as a count: remove it from the table, or "
        "deselect the field.").format(f=field, row=row))


def parse_counts(values: Sequence[Any], field: str) -> np.ndarray:
    """Whole, non-negative counts from plain cell values (None, text or numbers; NaN where
    missing or already suppressed); anything else is an error naming the field and row."""
    return np.array([_count(v, field, i + 1) for i, v in enumerate(values)], dtype=float)


def key_text(value: Optional[str]) -> Optional[str]:
    """A parent or id cell as text: surrounding blanks removed, empty text is None."""
    if value is None:
        return None
    return str(value).strip() or None


def read_key(path: str) -> bytes:
    """The rounding secret from a file (the same rules as pseudonymise's key file)."""
    if not path:
        raise BoligsocialError(tr(
            "Keyed rounding needs a key file with a secret. Choose a key file or set the "
            "rounding base to 0."))
    return load_key(path)


def verify(out: pd.DataFrame, frame: pd.DataFrame, cols: Sequence[str], total: Optional[str],
           rules: discretion.Rules) -> None:
    """Independent check before writing: hidden cells are NULL, no small count is published.

    ``frame`` holds the input counts; a 0 may be published only in an empty row (total 0,
    or no known total > 0) or with ``publish_zeros``.
    """
    nonempty = np.ones(len(out), dtype=bool)
    if total:
        with np.errstate(invalid="ignore"):
            nonempty = frame[total].to_numpy(dtype=float) > 0
    for c in cols:
        v = out[c].to_numpy(dtype=float)
        published = out[c + "_flag"].to_numpy(dtype=object) == discretion.PUBLISHED
        with np.errstate(invalid="ignore"):
            small = published & (v > 0) & (v < rules.min_count)
            if not rules.publish_zeros:
                small |= published & (v == 0) & (nonempty if c != total else False)
        leaked = ~published & ~np.isnan(v)
        if small.any() or leaked.any() or (published & np.isnan(v)).any():
            raise BoligsocialError(tr(
                "Internal check failed for '{f}': the protected table would publish a value "
                "the rules hide. Nothing was written; please report this.").format(f=c))


def report_lines(report: Dict[str, Any]) -> List[str]:
    """The audit report as log lines."""
    lines = [tr("Rules applied:")] + ["  " + r for r in report["rules_applied"]]
    lines.append(tr("Cells hidden: {p} primary (P), {s} secondary (S), {a} area minimum (A); "
                    "{n} published.").format(p=report["primary"], s=report["secondary"],
                                             a=report["area"], n=report.get("published", 0)))
    lines.append(tr("Audit: {r} ({k} of {m} relations involve hidden cells; no hidden cell "
                    "can be computed from the published ones).").format(
        r=report["audit"], k=report["relations_checked"], m=report["relations"])
        if report["audit"] == "passed" else tr("Audit: FAILED"))
    iv = report.get("interval_audit")
    if iv:
        lines.append(tr("Attacker's audit: {n} hidden cells checked; none is pinned and every "
                        "primary cell stays at least {w} uncertain (published cells, relations, "
                        "0 <= count <= total).").format(n=iv.get("checked", 0),
                                                        w=iv.get("protection_width")))
    shown = report.get("intervals", [])
    if shown:
        lines.append(tr("Intervals an attacker can narrow the hidden cells to (row, column, "
                        "flag: lowest - highest):"))
        for it in shown[:MAX_INTERVAL_LINES]:
            lo, hi = it.get("lo"), it.get("hi")
            rng = "{} – {}".format("?" if lo is None else lo, "?" if hi is None else hi) \
                if lo is not None or hi is not None else tr("at least {w} wide").format(
                    w=it.get("min_width"))
            lines.append("  {r}, {c}, {f}: {rng}".format(r=it["row"], c=it["column"],
                                                       f=it["flag"], rng=rng))
        if len(shown) > MAX_INTERVAL_LINES:
            lines.append(tr("  … and {n} more (see the report file).").format(
                n=len(shown) - MAX_INTERVAL_LINES))
    base = report.get("rounding", {}).get("base", 0)
    if base and base > 1:
        lines.append(tr("Keyed rounding of published counts to multiples of {b}.").format(
            b=base))
    elif report.get("perturbed"):  # not the mean absolute change (see report_document)
        lines.append(tr("Perturbation: {how}.").format(how=report["perturbation"]))
    lines.append(tr("Seconds: {s}").format(s=report["seconds"]))
    return lines


def report_document(report: Dict[str, Any], lines: List[str], as_html: bool) -> str:
    """The audit report as a JSON document, or as an HTML page.

    Without the run's mean absolute change of the published counts: over a few counts it
    tells how far each is from its exact value (0.0: every published count is exact).
    """
    report = {k: v for k, v in report.items() if k != "mean_abs_change"}
    details = json.dumps(report, indent=2, ensure_ascii=False, default=str)
    if not as_html:
        return details
    body = "".join("<li>{}</li>".format(html.escape(x.strip())) for x in lines)
    warn = "".join("<li>{}</li>".format(html.escape(w)) for w in report["warnings"])
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>{t}</title></head>"
            "<body><h1>{t}</h1><ul>{b}</ul>{w}<h2>{r}</h2><pre>{j}</pre></body></html>"
            ).format(t=html.escape(tr("Discretion audit report")), b=body,
                     w="<h2>{}</h2><ul>{}</ul>".format(
                         html.escape(tr("Warnings")), warn) if warn else "",
                     r=html.escape(tr("Details")), j=html.escape(details))


def write_report(path: str, report: Dict[str, Any], lines: List[str]) -> None:
    """The audit report as JSON, or HTML when the file name ends in .html/.htm."""
    doc = report_document(report, lines, path.lower().endswith((".html", ".htm")))
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc)
