"""humaskit.text.factorize: scikit-learn's NMF and two-means without importing it."""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pytest
from scipy import sparse

from humaskit.text.factorize import nmf, two_means


def _matrix(shape, density, seed, duplicates=0):
    rng = np.random.RandomState(seed)
    x = sparse.random(*shape, density=density, random_state=rng, format="csr")
    x.data = np.abs(x.data)
    if duplicates:  # copied comments: identical rows
        x = sparse.vstack([x, x[:duplicates]]).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sparse.diags(1.0 / norms) @ x).tocsr()


@pytest.mark.parametrize(
    ("shape", "k"), [((300, 800), 10), ((120, 40), 6), ((60, 30), 4), ((40, 200), 2)]
)
def test_nmf_reaches_sklearn_result(shape, k):
    NMF = pytest.importorskip("sklearn.decomposition").NMF
    x = _matrix(shape, 0.03, k, duplicates=shape[0] // 4)
    w, h = nmf(x, k, max_iter=300, tol=1e-3, seed=0)
    ref = NMF(n_components=k, init="nndsvda", random_state=0, max_iter=300, tol=1e-3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w_ref = ref.fit_transform(x)
    np.testing.assert_allclose(w, w_ref, atol=1e-9)
    np.testing.assert_allclose(h, ref.components_, atol=1e-9)
    assert (w.argmax(axis=1) == w_ref.argmax(axis=1)).all()


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_two_means_reaches_sklearn_result(seed):
    KMeans = pytest.importorskip("sklearn.cluster").KMeans
    x = _matrix((80, 300), 0.02, seed, duplicates=30)
    labels, centers = two_means(x, n_init=3, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        km = KMeans(n_clusters=2, n_init=3, random_state=0).fit(x)
    assert (labels == km.labels_).all()
    np.testing.assert_allclose(centers, km.cluster_centers_, atol=1e-12)
    dense = x.toarray()
    labels_d, centers_d = two_means(dense)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        km_d = KMeans(n_clusters=2, n_init=3, random_state=0).fit(dense)
    assert (labels_d == km_d.labels_).all()
    np.testing.assert_allclose(centers_d, km_d.cluster_centers_, atol=1e-9)


def test_identical_rows_and_zero_matrix():
    x = sparse.csr_matrix(np.tile([[0.6, 0.8, 0.0]], (12, 1)))
    labels, centers = two_means(x)
    assert len(labels) == 12 and centers.shape == (2, 3)
    w, h = nmf(sparse.csr_matrix((5, 4)), 2)
    assert w.shape == (5, 2) and h.shape == (2, 4) and np.isfinite(w).all()


def test_report_computation_does_not_import_sklearn():
    code = (
        "import sys, humaskit as hk\n"
        "from humaskit import evaluation as ev, samples\n"
        "ws = samples.generate()\n"
        "ev.kpis(ws, '2025-09')\n"
        "out = ev.issues(ws, '2025-09', n=8)\n"
        "assert len(out) > 3\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
