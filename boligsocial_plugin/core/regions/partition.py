# SPDX-License-Identifier: GPL-2.0-or-later
"""Regions improved in place: the split pass and the local search, alternately."""
from typing import Optional, Set

from boligsocial_plugin.core.regions.local_search import LocalSearch
from boligsocial_plugin.core.regions.split import SplitPass
from boligsocial_plugin.core.regions.state import ROUNDS


class Partition(SplitPass, LocalSearch):
    """Regions as member sets, improved by the split pass and (with an attribute) the local
    search."""

    def improve(self) -> int:
        """Split pass and local search alternately; local-search moves made."""
        moves = 0
        dirty: Optional[Set[int]] = None
        for _ in range(ROUNDS):
            before = set(self.members)
            gained = self.split_pass()
            if self.x is None:
                if not gained:
                    break
                continue
            if dirty is not None:          # after the first round: only where regions changed
                for r in set(self.members) - before:
                    dirty |= self._around(r)
            made, dirty = self.local_search(dirty)
            recut = self.recut_pairs_for_mixing()
            if recut:
                around = set(dirty)
                for r in recut:
                    if r in self.members:
                        around |= self._around(r)
                more, dirty = self.local_search(around)
                made += len(recut) + more
            moves += made
            if not gained and not made:
                break
        return moves
