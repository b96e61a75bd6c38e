# SPDX-License-Identifier: GPL-2.0-or-later
"""The problems a person extract can have: one table of codes and messages.

Both checkers use it, so a file (core.extract) and a database table (core.dbchecks) report a
problem with the same words: :func:`message` gives the translated text of a code (and, where
the words depend on the column, of ``code:variant``).
"""
from dataclasses import dataclass, field
from typing import Dict, List

from boligsocial_plugin.core.i18n import N_, tr
from boligsocial_plugin.core.logfigures import about

BLOCKING, WARNING, INFO = "blocking", "warning", "info"


@dataclass
class Problem:
    """One kind of problem in an extract, with a count and example row numbers (1-based)."""

    code: str
    column: str
    severity: str
    count: int
    message: str
    examples: List[int] = field(default_factory=list)

    def shared_message(self, min_count: int) -> str:
        """The message for the shared log of an analysis: the count as
        core.logfigures.about gives it (the exact count of, say, persons without location
        is a total the outputs protect). validateextract's report keeps the exact count."""
        key = getattr(self.message, "key", None)
        values = getattr(self.message, "values", None)
        if key is None or not values or "n" not in values:
            return self.message
        return message(key, **dict(values, n=about(int(values["n"]), min_count)))


class ProblemText(str):
    """A problem's message that remembers its code and values (to be worded again)."""

    key: str = ""
    values: Dict[str, object] = {}


#: problem code (or ``code:variant``) -> message with {n} rows/values and {col} the column
MESSAGES = {
    "empty": N_("The extract has no rows. Check the export or the layer's filter."),
    "missing_column": N_("The required column '{col}' (Danish: '{alias}') is missing. Rename "
                         "the column or choose it in the field parameters."),
    "missing_location": N_("The extract has no location: give a point layer, x and y columns, "
                           "or an address_id column together with an address layer."),
    "direct_identifier": N_("Columns that look like direct identifiers ({cols}) are ignored "
                            "and never written. Remove them from the extract."),
    "cpr_shaped": N_("{n} values in '{col}' look like CPR numbers. Pseudonymise the extract "
                     "first (boligsocial:pseudonymise)."),
    "missing_value:person_id": N_("{n} rows have no person key in '{col}'."),
    "bad_date": N_("{n} rows have no valid reference date in '{col}' (use YYYY-MM-DD)."),
    "unknown_code": N_("{n} values in '{col}' are not M or K; they count as unknown sex."),
    "wrong_type": N_("{n} values in '{col}' are not numbers. Fix them in the extract."),
    "not_finite": N_("{n} values in '{col}' are infinite."),
    "out_of_range:binary": N_("{n} values in '{col}' are not 0 or 1."),
    "out_of_range:int": N_("{n} values in '{col}' are not whole numbers between 0 and 125."),
    "out_of_range:fraction": N_("{n} values in '{col}' are outside 0..1 (a share of a "
                                "full-time year)."),
    "out_of_range:amount": N_("{n} values in '{col}' are implausible amounts (beyond ±1 "
                              "billion kr.)."),
    "missing_value": N_("{n} rows have no value in '{col}'; they are left out of the "
                        "indicators that use it."),
    "missing_value:basic_edu": N_("{n} rows have unknown education; by law they count as "
                                  "basic schooling only."),
    "duplicate_person": N_("{n} rows repeat a person key within the same reference date. Each "
                           "person may appear once per date."),
    "no_location": N_("{n} rows have no coordinates; they are counted as without location "
                      "and left out of every area."),
}


def message(key: str, **values) -> str:
    """The translated message of a problem code (``code`` or ``code:variant``)."""
    text = ProblemText(tr(MESSAGES[key]).format(**values))
    text.key, text.values = key, dict(values)
    return text
