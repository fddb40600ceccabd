"""seaborn for the kit's charts, imported without scipy.stats under ``humaskit run``.

Importing seaborn imports scipy.stats (for its kernel density estimates) and
scipy.cluster (for clustermap): about 0.6 s, though the kit's charts use neither; and
ipywidgets (its palette choosers; about 0.05 s in a kernel). In a playbook run by
``humaskit run`` (``HUMASKIT_OUT_DIR`` set) seaborn is imported with them held back, and
the names it takes from them are then put back as stand-ins that import them on first use,
so seaborn does the same (``kdeplot``, ``clustermap``, ``choose_..._palette``) if they are
used. Elsewhere (JupyterLab, scripts) seaborn is imported as usual.

Examples
--------
>>> seaborn().__name__
'seaborn'
"""

from __future__ import annotations

import os
import sys
from typing import Any

#: Set by :func:`humaskit.playbooks.run` (its ``OUT_ENV``) for the notebook it runs.
OUT_ENV = "HUMASKIT_OUT_DIR"
_HELD = ("scipy.stats", "scipy.cluster")
_WIDGETS = "ipywidgets"  # held too when not loaded yet


def seaborn() -> Any:
    """The seaborn module (imported once; lightly under ``humaskit run``)."""
    loaded = sys.modules.get("seaborn")
    if loaded is not None:
        return loaded
    held = [name for name in _HELD if name not in sys.modules]
    if not os.environ.get(OUT_ENV) or len(held) < len(_HELD):
        import seaborn as sns

        return sns
    if _WIDGETS not in sys.modules:
        held.append(_WIDGETS)
    try:
        for name in held:
            sys.modules[name] = None  # type: ignore[assignment]  (ImportError for seaborn)
        import seaborn as sns
    finally:
        for name in held:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    _put_back()
    return sns


def _kde(*args: Any, **kwargs: Any) -> Any:
    """scipy.stats.gaussian_kde, imported when seaborn first estimates a density."""
    from scipy.stats import gaussian_kde

    return gaussian_kde(*args, **kwargs)


class _Hierarchy:
    """scipy.cluster.hierarchy, imported when seaborn first clusters (clustermap)."""

    def __getattr__(self, name: str) -> Any:
        from scipy.cluster import hierarchy

        return getattr(hierarchy, name)


class _Widget:
    """An ipywidgets name (``interact``, a slider), imported when first called."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        import ipywidgets

        return getattr(ipywidgets, self.name)(*args, **kwargs)


def _put_back() -> None:
    widgets = sys.modules.get("seaborn.widgets")
    if widgets is not None and not hasattr(widgets, "FloatSlider"):  # held back above
        for name in ("interact", "FloatSlider", "IntSlider"):
            setattr(widgets, name, _Widget(name))
    for name in ("seaborn._statistics", "seaborn._stats.density"):
        module = sys.modules.get(name)
        if module is not None and getattr(module, "_no_scipy", False):
            module.gaussian_kde = _kde
            module._no_scipy = False
    matrix = sys.modules.get("seaborn.matrix")
    if matrix is not None and getattr(matrix, "_no_scipy", False):
        matrix.hierarchy = _Hierarchy()
        matrix._no_scipy = False
