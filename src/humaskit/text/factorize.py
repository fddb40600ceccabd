"""Light matrix factorisation and two-means for issue grouping (numpy and scipy.sparse).

:func:`issues` needs non-negative matrix factorisation and two-means on a month of
mentions: a few thousand rows. scikit-learn does both, but importing it (scipy.stats,
hundreds of docstrings) costs more than the fits themselves, so the report path uses
these ports instead. They follow scikit-learn 1.9's algorithms step by step and draw the
same random numbers, so they reach the same results (up to rounding):

:func:`nmf`
    ``NMF(init="nndsvda", solver="cd", random_state=0)``: NNDSVD initialisation from a
    randomized SVD (power iterations normalised by LU, as scikit-learn does), then
    coordinate descent on the Frobenius loss, one column of ``W`` (then of ``H``) at a
    time: the vectorised form of scikit-learn's loop (HALS).
:func:`two_means`
    ``KMeans(n_clusters=2, n_init=3, random_state=0)`` with k-means++ seeding and
    Lloyd iterations, on sparse rows.

scikit-learn stays the tool for trained models (:mod:`humaskit.text.model`,
:mod:`humaskit.text.screen_model`).

Examples
--------
>>> import numpy as np
>>> x = np.array([[1.0, 1.0, 0.0, 0.0], [1.0, 0.9, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0]])
>>> w, h = nmf(x, 2)
>>> w.argmax(axis=1).tolist()
[0, 0, 1]
>>> labels, centers = two_means(x)
>>> bool(labels[0] == labels[1] != labels[2])
True
"""

from __future__ import annotations

import numpy as np

__all__ = ["nmf", "two_means", "fitters", "COMPILED_FROM"]

#: From this many rows on, :func:`fitters` gives scikit-learn's compiled fits when it is
#: installed: they reach the same results faster on big inputs (a year of mentions), where
#: importing scikit-learn (about 1 s) no longer matters.
COMPILED_FROM = 20_000


def fitters(n_rows: int):
    """``(nmf, two_means)`` for ``n_rows`` rows: these ports below :data:`COMPILED_FROM`
    rows or without scikit-learn, else the same fits run by scikit-learn.

    Examples
    --------
    >>> fitters(100) == (nmf, two_means)
    True
    """
    if n_rows < COMPILED_FROM:
        return nmf, two_means
    try:
        import sklearn  # noqa: F401
    except ImportError:
        return nmf, two_means
    return _sklearn_nmf, _sklearn_two_means


def _sklearn_nmf(x, k: int, *, max_iter: int = 300, tol: float = 1e-3, seed: int = 0):
    from sklearn.decomposition import NMF

    model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=max_iter, tol=tol)
    return model.fit_transform(x), model.components_


def _sklearn_two_means(x, *, n_init: int = 3, seed: int = 0, max_iter: int = 300, tol=1e-4):
    from sklearn.cluster import KMeans

    km = KMeans(n_clusters=2, n_init=n_init, random_state=seed, max_iter=max_iter, tol=tol)
    km.fit(x)
    return km.labels_, km.cluster_centers_


def _is_sparse(x) -> bool:
    return hasattr(x, "tocsr")


def _qr(a: np.ndarray) -> np.ndarray:
    return np.linalg.qr(a, mode="reduced")[0]


def _lu_l(a: np.ndarray) -> np.ndarray:
    """``P @ L`` of the LU factorisation with partial pivoting (``scipy.linalg.lu``'s
    ``permute_l=True``), for a tall matrix."""
    a = np.array(a, dtype=float, copy=True)
    m, n = a.shape
    k = min(m, n)
    perm = np.arange(m)
    for j in range(k):
        p = j + int(np.argmax(np.abs(a[j:, j])))
        if p != j:
            a[[j, p]] = a[[p, j]]
            perm[[j, p]] = perm[[p, j]]
        if a[j, j] != 0:
            a[j + 1 :, j] /= a[j, j]
        if j + 1 < n:
            a[j + 1 :, j + 1 :] -= np.outer(a[j + 1 :, j], a[j, j + 1 :])
    low = np.tril(a[:, :k], -1)
    low[np.arange(k), np.arange(k)] = 1.0
    out = np.empty_like(low)
    out[perm] = low
    return out


def _randomized_svd(m, k: int, rng: np.random.RandomState):
    """Truncated SVD as scikit-learn's ``randomized_svd`` (10 oversamples, ``n_iter``
    and transposition chosen the same way, signs flipped the same way)."""
    n_random = k + 10
    n_iter = 7 if k < 0.1 * min(m.shape) else 4
    transpose = m.shape[0] < m.shape[1]
    if transpose:
        m = m.T
    q = rng.normal(size=(m.shape[1], n_random))
    norm = _lu_l if n_iter > 2 else (lambda x: x)
    for _ in range(n_iter):
        q = norm(np.asarray(m @ q))
        q = norm(np.asarray(m.T @ q))
    q = _qr(np.asarray(m @ q))
    b = np.asarray(m.T @ q).T  # q.T @ m
    uhat, s, vt = np.linalg.svd(b, full_matrices=False)
    u = q @ uhat
    if not transpose:
        pick = np.argmax(np.abs(u), axis=0)
        signs = np.sign(u[pick, np.arange(u.shape[1])])
    else:
        pick = np.argmax(np.abs(vt), axis=1)
        signs = np.sign(vt[np.arange(vt.shape[0]), pick])
    u = u * signs[np.newaxis, :]
    vt = vt * signs[:, np.newaxis]
    if transpose:
        return vt[:k, :].T, s[:k], u[:, :k].T
    return u[:, :k], s[:k], vt[:k, :]


def _nndsvda(x, k: int, seed: int, eps: float = 1e-6) -> tuple[np.ndarray, np.ndarray]:
    u, s, v = _randomized_svd(x, k, np.random.RandomState(seed))
    w = np.zeros_like(u)
    h = np.zeros_like(v)
    w[:, 0] = np.sqrt(s[0]) * np.abs(u[:, 0])
    h[0, :] = np.sqrt(s[0]) * np.abs(v[0, :])
    for j in range(1, k):
        col, row = u[:, j], v[j, :]
        col_p, row_p = np.maximum(col, 0), np.maximum(row, 0)
        col_n, row_n = np.abs(np.minimum(col, 0)), np.abs(np.minimum(row, 0))
        cp, rp = np.linalg.norm(col_p), np.linalg.norm(row_p)
        cn, rn = np.linalg.norm(col_n), np.linalg.norm(row_n)
        m_p, m_n = cp * rp, cn * rn
        if m_p > m_n:
            a, b, sigma = col_p / cp, row_p / rp, m_p
        else:
            a, b, sigma = col_n / cn, row_n / rn, m_n
        lbd = np.sqrt(s[j] * sigma)
        w[:, j] = lbd * a
        h[j, :] = lbd * b
    w[w < eps] = 0
    h[h < eps] = 0
    avg = x.mean()
    w[w == 0] = avg
    h[h == 0] = avg
    return w, h


def _cd_pass(x, w: np.ndarray, ht: np.ndarray) -> float:
    """One coordinate-descent sweep over the columns of ``w`` (in place); the violation."""
    hht = ht.T @ ht
    xht = np.asarray(x @ ht)
    violation = 0.0
    for t in range(w.shape[1]):
        grad = w @ hht[:, t] - xht[:, t]
        col = w[:, t]
        pg = np.where(col == 0, np.minimum(grad, 0.0), grad)
        violation += float(np.abs(pg).sum())
        hess = hht[t, t]
        if hess != 0:
            w[:, t] = np.maximum(col - grad / hess, 0.0)
    return violation


def nmf(x, k: int, *, max_iter: int = 300, tol: float = 1e-3, seed: int = 0):
    """Non-negative factorisation ``x ~ w @ h`` (Frobenius loss), as scikit-learn's
    ``NMF(n_components=k, init="nndsvda", solver="cd")``.

    Parameters
    ----------
    x : array or scipy.sparse matrix, non-negative, shape (n, m)
    k : int
        Number of components (at most ``min(n, m)``).
    max_iter, tol : int, float
        Stop after ``max_iter`` sweeps, or when the projected gradient has fallen to
        ``tol`` times its first value.
    seed : int
        Seed of the randomized SVD of the initialisation.

    Returns
    -------
    (ndarray, ndarray)
        ``w`` of shape (n, k) and ``h`` of shape (k, m).

    Examples
    --------
    >>> w, h = nmf(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.1]]), 2)
    >>> w.shape, h.shape
    ((3, 2), (2, 2))
    """
    if _is_sparse(x):
        x = x.tocsr().astype(float)
    else:
        x = np.asarray(x, dtype=float)
    w, h = _nndsvda(x, k, seed)
    w = np.asfortranarray(w)  # column by column updates
    ht = np.asfortranarray(h.T)
    xt = x.T.tocsr() if _is_sparse(x) else x.T
    first = None
    for _ in range(max_iter):
        violation = _cd_pass(x, w, ht)
        violation += _cd_pass(xt, ht, w)
        if first is None:
            first = violation
        if first == 0 or violation / first <= tol:
            break
    return w, ht.T


def _sq_dist(x, xsq: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Squared distances of each row of ``x`` to each center, shape (n, k)."""
    dots = np.asarray(x @ centers.T)
    d = -2.0 * dots + xsq[:, np.newaxis] + (centers**2).sum(axis=1)[np.newaxis, :]
    return np.maximum(d, 0.0)


def _plusplus(x, xsq: np.ndarray, k: int, rng: np.random.RandomState) -> np.ndarray:
    n = x.shape[0]
    weight = np.ones(n)
    trials = 2 + int(np.log(k))
    first = rng.choice(n, p=weight / weight.sum())
    centers = np.empty((k, x.shape[1]))
    centers[0] = _row(x, first)
    closest = _sq_dist(x, xsq, centers[:1])[:, 0]
    pot = closest @ weight
    for c in range(1, k):
        vals = rng.uniform(size=trials) * pot
        cand = np.searchsorted(np.cumsum(weight * closest), vals)
        np.clip(cand, None, n - 1, out=cand)
        rows = np.stack([_row(x, i) for i in cand])
        dist = np.minimum(closest[np.newaxis, :], _sq_dist(x, xsq, rows).T)
        pots = dist @ weight
        best = int(np.argmin(pots))
        pot = pots[best]
        closest = dist[best]
        centers[c] = rows[best]
    return centers


def _row(x, i: int) -> np.ndarray:
    return np.asarray(x[[int(i)]].toarray()[0] if _is_sparse(x) else x[int(i)], dtype=float)


def _nearest(x, centers: np.ndarray) -> np.ndarray:
    """Index of each row's nearest center (``|c|^2 - 2 x.c``, as scikit-learn's Lloyd)."""
    # squared norms summed as scikit-learn's row_norms: a row far from both centers is
    # a tie broken by the last bit of these
    norms = np.einsum("ij,ij->i", centers, centers)
    d = norms[np.newaxis, :] - 2.0 * np.asarray(x @ centers.T)
    return d.argmin(axis=1)


def _lloyd(x, xsq, centers: np.ndarray, max_iter: int, tol: float):
    n, k = x.shape[0], centers.shape[0]
    labels_old = np.full(n, -1)
    strict = False
    for _ in range(max_iter):
        labels = _nearest(x, centers)
        new = np.zeros_like(centers)
        counts = np.bincount(labels, minlength=k).astype(float)
        for j in range(k):
            members = labels == j
            if counts[j]:
                new[j] = np.asarray(x[members].sum(axis=0)).ravel()
        empty = np.flatnonzero(counts == 0)
        if len(empty):  # move the points farthest from their centers, as scikit-learn
            d = _sq_dist(x, xsq, centers)[np.arange(n), labels]
            far = np.argsort(-d, kind="stable")[: len(empty)]
            for j, i in zip(empty, far, strict=True):
                row = _row(x, i)
                old = labels[i]
                new[old] -= row
                counts[old] -= 1
                new[j] = row
                counts[j] = 1
        new /= np.maximum(counts, 1e-300)[:, np.newaxis]
        shift = ((new - centers) ** 2).sum()
        centers = new
        if np.array_equal(labels, labels_old):
            strict = True
            break
        if shift <= tol:
            break
        labels_old = labels
    if not strict:
        labels = _nearest(x, centers)
    inertia = float(_sq_dist(x, xsq, centers)[np.arange(n), labels].sum())
    return labels, inertia, centers


def _same_clustering(a: np.ndarray, b: np.ndarray, k: int) -> bool:
    mapping = np.full(k, -1)
    for i, j in zip(a, b, strict=True):
        if mapping[i] == -1:
            mapping[i] = j
        elif mapping[i] != j:
            return False
    return True


def two_means(x, *, n_init: int = 3, seed: int = 0, max_iter: int = 300, tol: float = 1e-4):
    """Two groups of rows by k-means, as scikit-learn's ``KMeans(n_clusters=2,
    n_init=3, random_state=0)`` (k-means++ seeding, Lloyd iterations).

    Parameters
    ----------
    x : array or scipy.sparse matrix, shape (n, m), n >= 2
    n_init : int
        Seedings tried; the one with the least inertia is kept.
    seed : int
        Seed of the k-means++ draws.

    Returns
    -------
    (ndarray, ndarray)
        The label (0 or 1) of each row and the two centers, shape (2, m).

    Examples
    --------
    >>> labels, centers = two_means(np.array([[0.0, 1.0], [0.1, 1.0], [5.0, 0.0]]))
    >>> int(labels[0] == labels[1]), centers.shape
    (1, (2, 2))
    """
    k = 2
    shift = None
    if _is_sparse(x):
        x = x.tocsr().astype(float)
        xsq = np.asarray(x.multiply(x).sum(axis=1)).ravel()
        mean = np.asarray(x.mean(axis=0)).ravel()
        var = np.asarray(x.multiply(x).mean(axis=0)).ravel() - mean**2
    else:
        x = np.asarray(x, dtype=float)
        shift = x.mean(axis=0)
        x = x - shift  # as scikit-learn for dense data
        xsq = (x**2).sum(axis=1)
        var = x.var(axis=0)
    threshold = float(np.mean(var)) * tol
    rng = np.random.RandomState(seed)
    best = None
    for _ in range(n_init):
        centers = _plusplus(x, xsq, k, rng)
        labels, inertia, centers = _lloyd(x, xsq, centers, max_iter, threshold)
        if best is None or (inertia < best[1] and not _same_clustering(labels, best[0], k)):
            best = (labels, inertia, centers)
    labels, _, centers = best
    if shift is not None:
        centers = centers + shift
    return labels, centers
