# SPDX-License-Identifier: GPL-2.0-or-later
"""The exact audit's SVD: numpy's gesdd, gesvd where it does not converge, else a clear error.

On the demo (exact values, the even areas, the districts, then the odd areas through one
register) numpy's SVD did not converge after 7 minutes of CPU and the run ended with
"Unexpected error … SVD did not converge"."""
import numpy as np
import pytest

from boligsocial_plugin.core.discretion import engine
from boligsocial_plugin.core.errors import BoligsocialError

M = np.array([[1.0, -1.0, 0.0], [0.0, 1.0, -1.0], [1.0, 0.0, -1.0]])


def _fails(*_a, **_k):
    raise np.linalg.LinAlgError("SVD did not converge")


def test_falls_back_to_gesvd(monkeypatch):
    """Where numpy's SVD fails, gesvd gives the same null space."""
    want = engine.null_space(M)
    monkeypatch.setattr(np.linalg, "svd", _fails)
    got = engine.null_space(M)
    assert got.shape == want.shape == (1, 3)
    assert np.allclose(np.abs(got), np.abs(want))


def test_neither_converges_is_a_clear_error(monkeypatch):
    import scipy.linalg

    monkeypatch.setattr(np.linalg, "svd", _fails)
    monkeypatch.setattr(scipy.linalg, "svd", _fails)
    with pytest.raises(BoligsocialError, match="PERTURBATION=on"):
        engine.null_space(M)
