# SPDX-License-Identifier: GPL-2.0-or-later
"""Merging small areas into contiguous regions that reach a minimum (``mergesmallareas``).

A max-p style regionalisation: every region is contiguous, stays inside one parent area and
has at least ``minimum`` residents, while as many regions as possible are kept; given a
homogeneity attribute, regions are also made alike inside (Frederiksberg merges blocks "with
comparable neighbours" to reach 250 persons; Statistics Denmark asks for merged sub-areas).
Deterministic (area ids decide every tie) and fast (10,000 areas in seconds):

1. **Components.** Connected components of the adjacency (edges across parents dropped). A
   component whose total is below the minimum (an island, or a parent with too few
   residents) cannot reach it: its areas become one region, reported as infeasible.
2. **Construction.** Every other area starts as its own region. The smallest region below the
   minimum (ties: smallest area id) merges with a neighbour region, preferring neighbours
   still below the minimum (two small ones together waste less), among them those that bring
   it to the minimum, then the longest shared boundary (with an attribute: the most similar
   neighbour, the least increase of the within-region sum of squares), then the smallest
   population, then the smallest area id. Repeated until none is below the minimum.
3. **Split pass.** A region that can be cut into two connected parts that both reach the
   minimum is cut (recursively): a part is grown from each of up to 24 seed areas, along the
   longest shared boundary (with an attribute: the most similar area) first, until it reaches
   the minimum; the rest must then hold a connected piece that reaches it too (the other
   pieces join the part). The cut leaving the biggest rest wins, as that rest may be cut
   again. Two neighbouring regions that together hold three times the minimum are also
   re-cut when that gives three regions.
4. **Local search** (with an attribute only). An area on a region's edge moves to the
   neighbouring region that lowers the within-region sum of squares most, or swaps with an
   edge area of that region (within two steps of it in regions of more than 64 areas), as
   long as no region loses its last area, falls below the minimum or falls apart; then two
   neighbouring regions are re-cut into two more alike ones (grown from the first and the
   last of their areas, as in step 3) where that lowers the sum. The number of regions never
   drops. Steps 3 and 4 alternate until neither finds anything (at most 8 rounds).

With an attribute, steps 3-4 start both from the plain result of steps 2-3 and from the
attribute-guided construction; the result with more regions reaching the minimum is kept,
ties going to the less mixed one. So the number of regions is never below the plain result,
nor below what the construction alone (the method before the split pass) gives.

**Mixing** is the share of the variation of the attribute between areas that lies within
regions: within-region sum of squares / total sum of squares, every area counting once
(0: every region uniform; 1: as mixed as one region holding everything). With several fields
each is standardised first (mean 0, standard deviation 1), so each weighs the same; a missing
value counts as the field's mean. **Upper bound**: per component, no more regions than
floor(total / minimum), nor more than the areas that reach the minimum on their own plus
floor(rest / minimum).

Modules: :mod:`.merge` (the entry point), :mod:`.construct` (step 2), :mod:`.split` (step 3),
:mod:`.local_search` (step 4), :mod:`.partition` and :mod:`.state` (regions being improved),
:mod:`.graph` (adjacency), :mod:`.measures` (mixing, upper bound), :mod:`.result`.

Geometry is not handled here: the QGIS layer computes the adjacency (with the shared boundary
length as weight) with a spatial index and dissolves the result.
"""

from boligsocial_plugin.core.regions.graph import edges_from_neighbours  # noqa: F401
from boligsocial_plugin.core.regions.measures import (  # noqa: F401
    mixing,
    standardise_attributes,
    upper_bound,
)
from boligsocial_plugin.core.regions.merge import merge_small_areas  # noqa: F401
from boligsocial_plugin.core.regions.result import Regions  # noqa: F401
