"""Charts of account governance: the units x checks scorecard.

Examples
--------
>>> import pandas as pd
>>> from humaskit import governance, plots
>>> acc = pd.DataFrame({"unit": ["A"], "platform": "x", "handle": ["a"],
...     "display_name": ["Dinas A"], "two_factor": [True]})
>>> plots.plot_scorecard(governance.audit_accounts(acc, today="2025-01-01")).get_ylabel()
'Unit'
"""

from __future__ import annotations

import pandas as pd

from ..governance import check_label, scorecard
from ..i18n import t
from . import _plain

__all__ = ["plot_scorecard"]


def plot_scorecard(audit: pd.DataFrame, *, ax=None, lang: str | None = None):
    """Heatmap of units x checks: the share of each unit's accounts passing each check.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> acc = pd.DataFrame({"unit": ["A", "B"], "platform": "x", "handle": ["a", "b"],
    ...     "display_name": ["Dinas A", "Dinas B"], "two_factor": [False, True]})
    >>> from humaskit.governance import audit_accounts
    >>> ax = plot_scorecard(audit_accounts(acc, today="2025-01-01"), lang="en")
    >>> ax.get_title()
    'Share of accounts passing each check'
    """
    import matplotlib.pyplot as plt

    from ._seaborn import seaborn

    sns = seaborn()

    sc = scorecard(audit, lang=lang)
    data = sc.astype(float).rename(columns=lambda c: _plain(check_label(c, lang)))
    data.index = [_plain(u) for u in data.index]
    if ax is None:
        width = max(6.0, 0.55 * data.shape[1] + 3)
        height = max(2.5, 0.4 * data.shape[0] + 1.8)
        _, ax = plt.subplots(figsize=(width, height))
    sns.heatmap(
        data,
        ax=ax,
        vmin=0,
        vmax=1,
        cmap="RdYlGn",
        annot=data.shape[0] <= 25,
        fmt=".0%",
        cbar=False,
        linewidths=0.5,
        linecolor="white",
    )
    ax.set_title(t("governance.plot.title", lang))
    ax.set_xlabel("")
    ax.set_ylabel(t("governance.col.unit", lang))
    ax.tick_params(axis="x", labelrotation=45)
    for lab in ax.get_xticklabels():
        lab.set_horizontalalignment("right")
    return ax
