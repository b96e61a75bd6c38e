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
from typing import Dict, List, Set, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.linkage import Populations

#: different published populations of one date that may hold a person (Publication setting)
DEFAULT_BUDGET = 8


def _fingerprint(keys: np.ndarray) -> Tuple[int, int]:
    """(size, order-free hash) of a set of person keys."""
    from boligsocial_plugin.core.personkeys import mix64

    if not len(keys):
        return (0, 0)
    return (len(keys), int(np.sum(mix64(np.asarray(keys, dtype=np.uint64)), dtype=np.uint64)))


def over_budget(pops: Populations, budget: int) -> Tuple[Set[int], Dict[str, int]]:
    """Rows of this release to hide, and per date the most populations one person is in.

    ``pops``: this release's rows (``row`` ≥ 0) and the register's earlier populations
    (``row`` −1; those with a published cell type count). The rows are taken in table order;
    a row whose persons are (all, exactly) an earlier counted population costs nothing.
    """
    hide: Set[int] = set()
    most: Dict[str, int] = {}
    if budget <= 0 or len(pops.keys) != int(pops.ptr[-1]):
        return hide, most
    current = pops.row >= 0
    for d in sorted({pops.dates[p] for p in np.nonzero(current)[0]}):
        at = [p for p in range(len(pops)) if pops.dates[p] == d]
        old = [p for p in at if pops.row[p] < 0 and pops.published[p]
               and not pops.labels[p].startswith("(")]
        new = [p for p in at if pops.row[p] >= 0]
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
