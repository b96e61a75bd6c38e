# SPDX-License-Identifier: GPL-2.0-or-later
"""The result of merging small areas."""
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np


@dataclass
class Regions:
    """Result of :func:`merge_small_areas`."""

    region: np.ndarray                 # region id (0..k-1) per input area
    population: np.ndarray             # per region
    feasible: np.ndarray               # per region: reaches the minimum
    n_areas: np.ndarray                # per region
    infeasible_components: List[Dict[str, object]] = field(default_factory=list)
    seconds: float = 0.0
    upper_bound: int = 0               # most regions reaching the minimum that can exist
    constructed: int = 0               # regions reaching it after the plain construction
    mixing: Optional[float] = None     # within / total sum of squares of the attribute
    moves: int = 0                     # local-search moves and swaps made
    missing_values: int = 0            # attribute values missing (counted as the mean)

    def report(self) -> Dict[str, object]:
        """Summary for the processing log."""
        return {
            "regions": int(len(self.population)),
            "feasible_regions": int(self.feasible.sum()),
            "infeasible_regions": int((~self.feasible).sum()),
            "upper_bound": int(self.upper_bound),
            "constructed": int(self.constructed),
            "mixing": None if self.mixing is None else round(float(self.mixing), 6),
            "moves": int(self.moves),
            "missing_values": int(self.missing_values),
            "infeasible_components": self.infeasible_components,
            "merged_areas": int(np.sum(self.n_areas[self.n_areas > 1])),
            "seconds": round(self.seconds, 4),
        }
