"""Charts of the audience step: age x gender pyramid, top places, fit heat map.

Each function takes the same tables as :mod:`humaskit.audience` (the canonical ``audience``
table, or a fit table from :func:`humaskit.audience.fit`), draws on ``ax`` (or a new
figure) with titles in the chosen language, and returns the matplotlib Axes. Reachable
flat as ``hk.plots.plot_pyramid`` etc.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"public": ["ASN", "ASN"], "platform": ["x", "instagram"],
...     "fit": [0.5, 1.0]})
>>> plot_fit(f, lang="en").get_ylabel()
'Public'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..audience import place_level, pyramid, top_places
from ..errors import ParameterError
from ..i18n import label, resolve, t
from . import _plain

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_pyramid", "plot_places", "plot_fit"]


def _one_platform(data: pd.DataFrame, lang: str) -> tuple[np.ndarray, int]:
    """The platform of a table meant for one chart (an error when several) and its accounts."""
    plats = data["platform"].unique()
    if len(plats) > 1:
        raise ParameterError(t("audience.choose_platform", lang, known=", ".join(sorted(plats))))
    return plats, data["account"].nunique()


def plot_pyramid(
    audience: pd.DataFrame,
    *,
    platform: str | None = None,
    account: str | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Draw the age x gender pyramid of one platform (women left, men right).

    The data is :func:`humaskit.audience.pyramid`; with several accounts on the platform
    and no ``account``, their shares are averaged.

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": "instagram", "account": "pemkot",
    ...     "as_of": "2025-09-30", "dimension": "age_gender",
    ...     "segment": ["F.18-24", "M.18-24", "F.25-34", "M.25-34"],
    ...     "value": [0.3, 0.2, 0.3, 0.2], "unit": "share"})
    >>> plot_pyramid(aud, platform="instagram").get_xlabel()
    'Porsi audiens'
    """
    import matplotlib.pyplot as plt

    from ._seaborn import seaborn

    sns = seaborn()
    from matplotlib.ticker import FuncFormatter

    lang = resolve(lang)
    data = pyramid(audience, platform=platform, account=account, lang=lang)
    plats, n_acc = _one_platform(data, lang)
    data = data[data["gender"].isin(["female", "male"])]
    data = data.groupby(["age", "gender"], as_index=False, sort=False)["share"].sum()
    data["share"] = data["share"] / n_acc
    data["signed"] = np.where(data["gender"] == "female", -data["share"], data["share"])
    data["gender_label"] = (
        data["gender"]
        .map({"female": t("audience.female", lang), "male": t("audience.male", lang)})
        .astype("str")
    )
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    data["age"] = data["age"].map(_plain)
    order = list(dict.fromkeys(data["age"]))[::-1]
    palette = {t("audience.female", lang): "#d95f8c", t("audience.male", lang): "#3b7bbf"}
    sns.barplot(
        data=data,
        x="signed",
        y="age",
        hue="gender_label",
        order=order,
        orient="h",
        dodge=False,
        palette=palette,
        ax=ax,
    )
    lim = float(data["share"].max() or 0.01) * 1.15
    ax.set_xlim(-lim, lim)
    ax.axvline(0, color="#444", linewidth=0.8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v) * 100:.0f}%"))
    ax.set_xlabel(t("audience.share_label", lang))
    ax.set_ylabel(t("audience.age_label", lang))
    who = label(plats[0], lang) + (f" · {account}" if account else "")
    ax.set_title(_plain(t("audience.pyramid_title", lang, who=who)))
    legend = ax.get_legend()
    if legend is not None:
        legend.set_title("")
    return ax


def plot_places(
    audience: pd.DataFrame,
    *,
    level: str = "city",
    n: int = 10,
    platform: str | None = None,
    account: str | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Draw the top places of one platform as horizontal bars (shares averaged over accounts).

    The data is :func:`humaskit.audience.top_places`.

    Examples
    --------
    >>> import pandas as pd
    >>> aud = pd.DataFrame({"platform": "x", "account": "pemkot", "as_of": "2025-09-30",
    ...     "dimension": "city", "segment": ["Sukamaju", "Jakarta"], "value": [0.5, 0.2],
    ...     "unit": "share"})
    >>> plot_places(aud, platform="x", lang="en").get_xlabel()
    'Share of audience'
    """
    import matplotlib.pyplot as plt

    from ._seaborn import seaborn

    sns = seaborn()
    from matplotlib.ticker import FuncFormatter

    lang = resolve(lang)
    data = top_places(audience, level=level, n=n, platform=platform, account=account, lang=lang)
    plats, n_acc = _one_platform(data, lang)
    data = data.groupby("place", as_index=False)["share"].sum()
    data["share"] = data["share"] / n_acc
    data = data.sort_values("share", ascending=False).head(n)
    data["place"] = data["place"].map(_plain)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    sns.barplot(data=data, x="share", y="place", orient="h", color="#3b7bbf", ax=ax)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v * 100:.0f}%"))
    ax.set_xlabel(t("audience.share_label", lang))
    ax.set_ylabel("")
    ax.set_title(
        _plain(
            t(
                "audience.places_title",
                lang,
                who=label(plats[0], lang),
                level=t(f"audience.level_{place_level(level, lang)}", lang),
            )
        )
    )
    return ax


def plot_fit(
    data: pd.DataFrame,
    *,
    value: str = "fit",
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Draw a fit table (from :func:`humaskit.audience.fit`) as a heat map of publics x platforms.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"public": ["ASN", "ASN"], "platform": ["x", "instagram"],
    ...     "fit": [0.5, 1.0]})
    >>> plot_fit(f, lang="en").get_xlabel()
    'Platform'
    """
    import matplotlib.pyplot as plt

    from ._seaborn import seaborn

    sns = seaborn()

    lang = resolve(lang)
    if value not in data.columns or not {"public", "platform"} <= set(data.columns):
        raise ParameterError(t("audience.bad_fit_table", lang, value=value))
    order = list(dict.fromkeys(data["public"]))
    table = data.pivot_table(index="public", columns="platform", values=value, aggfunc="mean")
    table = table.reindex(order)
    table.index = [_plain(p) for p in table.index]
    table.columns = [_plain(label(c, lang)) for c in table.columns]
    table = table.astype("float64")
    if ax is None:
        _, ax = plt.subplots(figsize=(1.3 * table.shape[1] + 3, 0.45 * table.shape[0] + 1.5))
    fmt = ".0%" if value != "fit" else ".2f"
    sns.heatmap(table, annot=True, fmt=fmt, cmap="Blues", vmin=0, cbar=False, ax=ax, linewidths=0.5)
    ax.set_xlabel(label("platform", lang))
    ax.set_ylabel(t("audience.public_label", lang))
    ax.set_title(t(f"audience.fit_title_{'fit' if value == 'fit' else 'share'}", lang))
    return ax
