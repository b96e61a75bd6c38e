# SPDX-License-Identifier: GPL-2.0-or-later
"""The overlap budget: how many different published populations of one date may hold a person.

With the perturbation the same persons always get the same noise, so repeating a release
teaches nothing. A person sits, though, in every geography that covers his address: each
*different* population holding him (an area X ∪ B_k for another block B_k, a chain of ever
larger study areas) is published with its own, independent noise, and the differences of
each between two dates are so many independent noisy copies of his figures (a newcomer's),
which average the noise away. With the public noise table (0: 50 %, ±1: 20 % each, ±2: 5 %
each) an attacker holding k copies reaches a posterior of 99 % on a 0/1 attribute with
probability about 0.3 % (k = 1), 5 % (k = 5), 28 % (k = 10), 87 % (k = 30).

So the register counts, per reference date and person, the different populations published
for him (areas of any geography, any release; the same persons again — a re-run, the criteria
layer, another indicator set — count once; the run's totals and populations whose cells were
all hidden do not count). A row of a new release that would put one of its persons into more
than ``budget`` different published populations of its date is hidden (flag S) and the report
says so. Only with the perturbation: exact releases (``PERTURBATION=off``) are protected by the
exact audit of every combination instead (core.discretion.atoms).
"""
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.linkage import Populations
from boligsocial_plugin.core.i18n import tr

#: different published populations of one date that may hold a person (Publication setting)
DEFAULT_BUDGET = 8
#: different published populations of one date that may show a person's amounts (sums of
#: incomes; Publication setting and the AMOUNT_BUDGET parameter): one, see :func:`amount_rows`
DEFAULT_AMOUNT_BUDGET = 1


def _fingerprint(keys: np.ndarray) -> Tuple[int, int]:
    """(size, order-free hash) of a set of person keys."""
    from boligsocial_plugin.core.personkeys import mix64

    if not len(keys):
        return (0, 0)
    return (len(keys), int(np.sum(mix64(np.asarray(keys, dtype=np.uint64)), dtype=np.uint64)))


def over_budget(pops: Populations, budget: int,
                counted: Optional[Callable[[frozenset], bool]] = None,
                rows: Optional[Set[int]] = None) -> Tuple[Set[int], Dict[str, int]]:
    """Rows of this release to hide, and per date the most populations one person is in.

    ``pops``: this release's rows (``row`` ≥ 0) and the register's earlier populations
    (``row`` −1; those with a published cell type count, and of those only the ones whose
    published cell types pass ``counted``, if given). Only this release's ``rows`` count (None:
    all), taken in table order; a row whose persons are (all, exactly) an earlier counted
    population costs nothing.
    """
    hide: Set[int] = set()
    most: Dict[str, int] = {}
    if budget <= 0 or len(pops.keys) != int(pops.ptr[-1]):
        return hide, most
    current = pops.row >= 0
    for d in sorted({pops.dates[p] for p in np.nonzero(current)[0]}):
        at = [p for p in range(len(pops)) if pops.dates[p] == d]
        old = [p for p in at if pops.row[p] < 0 and pops.published[p]
               and not pops.labels[p].startswith("(")
               and (counted is None or counted(pops.published[p]))]
        new = [p for p in at if pops.row[p] >= 0 and (rows is None or int(pops.row[p]) in rows)]
        parts = [pops.members(p) for p in old + new]
        keys = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
        code, uniq = pd.factorize(keys)
        count = np.zeros(len(uniq), dtype=np.int64)
        seen: Set[Tuple[int, int]] = set()
        start = 0
        codes: List[np.ndarray] = []
        for part in parts:
            codes.append(code[start:start + len(part)])
            start += len(part)
        for p, c in zip(old, codes[:len(old)]):
            fp = _fingerprint(pops.members(p))
            if fp in seen or not len(c):
                continue
            seen.add(fp)
            count[c] += 1
        for p, c in zip(new, codes[len(old):]):
            fp = _fingerprint(pops.members(p))
            if fp in seen or not len(c):
                continue
            if int(count[c].max()) + 1 > budget:
                hide.add(int(pops.row[p]))
                continue
            seen.add(fp)
            count[c] += 1
        most[d] = int(count.max()) if len(count) else 0
    return hide, most


def amount_rows(pops: Populations, indicators: Sequence, col: Dict[str, int],
                hidden: np.ndarray, budget: int) -> Tuple[Set[int], List[str]]:
    """Rows whose sums of amounts (mean indicators' numerators) to hide, and those
    indicators' codes: a row is over the amount budget when one of its persons' amounts is
    already shown by ``budget`` different published populations of its date.

    The noise of a sum of amounts is proportional to its largest contribution, so a newcomer
    who earns more than anyone else gets, from each different population showing his
    income (an area, its district, a study area), one more copy of his income with noise
    proportional to it; averaged, and their spread measuring the scale, copies narrow it
    down: within ±10 % in 8 % of cases from one copy, 15 % from two, 19 % from three, 33 %
    from eight (README). Counts keep the overlap budget (:func:`over_budget`); only the
    amounts are limited further. Earlier populations count when they published a numerator
    of a mean indicator (by code: this run's mean indicators and the built-in income).
    """
    means = [i.code for i in indicators if i.kind == "mean"]
    if budget <= 0 or not means:
        return set(), means
    codes = set(means) | {"income"}

    def counted(published: frozenset) -> bool:
        return any(t.endswith(":num") and t.split(":", 1)[0] in codes for t in published)

    shows = ~hidden[:, [col[c] for c in means]].all(axis=1)
    hide, _most = over_budget(pops, budget, counted, set(np.nonzero(shows)[0].tolist()))
    return hide, means


def _hide_over_budget(budget_hidden: set, hidden: np.ndarray, k: int, overlap_budget: int,
                      warnings: List[str]) -> None:
    """Hide the rows over the overlap budget (in place) and say so."""
    for r in budget_hidden:
        hidden[r, :1 + 2 * k] = True
    if budget_hidden:
        warnings.append(tr("{n} rows are hidden: their persons are already in {k} "
                           "different published populations of the same date (the overlap "
                           "budget), and each more would give one more noisy copy of their "
                           "figures. Publish fewer overlapping geographies of that date, or "
                           "forget from the release register the drafts that were never "
                           "published.").format(n=len(budget_hidden), k=overlap_budget))


def _hide_amounts(rows: set, codes: List[str], hidden: np.ndarray, col: Dict[str, int],
                  budget: int, warnings: List[str]) -> None:
    """Hide the sums of amounts of the rows over the amount budget (in place) and say so."""
    for r in rows:
        for c in codes:
            hidden[r, col[c]] = True
    if rows:
        warnings.append(tr("Sums of amounts ({codes}) are hidden in {n} rows: their persons' "
                           "amounts are already shown by {k} published population(s) of the date "
                           "(the amount budget), and each more would give one more noisy copy "
                           "of a top earner's income. Publish amounts for one geography of a "
                           "date, raise the amount budget (its help gives the risk per copy), or "
                           "forget from the release register the drafts that were never "
                           "published.").format(codes=", ".join(codes), n=len(rows), k=budget))


def apply_budgets(pops: Optional[Populations], indicators: Sequence, col: Dict[str, int],
                  hidden: np.ndarray, overlap_budget: int, amount_budget: int,
                  warnings: List[str]) -> Tuple[Set[int], Dict[str, int], Set[int], List[str]]:
    """Hide (in place) the rows over the overlap budget and the sums of amounts over the
    amount budget; (rows hidden, most populations per person by date, rows whose amounts
    are hidden, the mean indicators' codes). ``pops`` None (no register, or exact values):
    nothing."""
    budget_hidden: Set[int] = set()
    most: Dict[str, int] = {}
    if pops is None:
        return budget_hidden, most, set(), []
    if overlap_budget > 0:
        # independent noise of each different population: a bounded number of noisy copies
        budget_hidden, most = over_budget(pops, overlap_budget)
        _hide_over_budget(budget_hidden, hidden, len(indicators), overlap_budget, warnings)
    if amount_budget <= 0:
        return budget_hidden, most, set(), []
    amount_hidden, means = amount_rows(pops, indicators, col, hidden, amount_budget)
    _hide_amounts(amount_hidden, means, hidden, col, amount_budget, warnings)
    return budget_hidden, most, amount_hidden, means
