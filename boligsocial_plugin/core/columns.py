# SPDX-License-Identifier: GPL-2.0-or-later
"""A table as named numpy columns, handed from a reader to the checks without copies.

Building a pandas DataFrame from a dozen columns of millions of rows copies and consolidates
them (seconds at a national extract), and pandas has no column type for fixed-width bytes, so
text read from GDAL or pyarrow would become millions of Python objects. Readers therefore
return a :class:`ColumnTable`; :func:`boligsocial_plugin.core.extract.prepare` accepts it as well
as a DataFrame (both have ``columns``, ``len`` and ``table[name]``).

Text columns may be numpy ``S`` arrays: UTF-8 bytes, fixed width, without missing values (a
reader gives text with missing values as an object array holding ``None``).
"""
from typing import Any, Dict, Iterable, List, Mapping

import numpy as np
import pandas as pd


class ColumnTable:
    """Named columns of equal length (numpy arrays or pandas Series), in source order."""

    def __init__(self, columns: Mapping[str, Any], n_rows: int = -1):
        self._cols: Dict[str, Any] = dict(columns)
        if n_rows < 0:
            n_rows = len(next(iter(self._cols.values()))) if self._cols else 0
        for name, col in self._cols.items():
            if len(col) != n_rows:
                raise ValueError("column {} has {} rows, not {}".format(name, len(col), n_rows))
        self.n_rows = n_rows

    @classmethod
    def of(cls, frame: pd.DataFrame) -> "ColumnTable":
        """The columns of a DataFrame (as Series, no copy)."""
        return cls({c: frame[c] for c in frame.columns}, len(frame))

    @property
    def columns(self) -> List[str]:
        """Column names in order."""
        return list(self._cols)

    def __len__(self) -> int:
        return self.n_rows

    def __getitem__(self, name: str) -> Any:
        return self._cols[name]

    def __contains__(self, name: object) -> bool:
        return name in self._cols

    def drop(self, names: Iterable[str]) -> "ColumnTable":
        """A table without these columns."""
        gone = set(names)
        return ColumnTable({k: v for k, v in self._cols.items() if k not in gone}, self.n_rows)

    def with_column(self, name: str, values: np.ndarray) -> "ColumnTable":
        """A table with this column added at the end (or replaced in place)."""
        cols = dict(self._cols)
        cols[name] = values
        return ColumnTable(cols, self.n_rows)
