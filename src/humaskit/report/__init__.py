"""Building blocks for reports shown in notebooks and in HTML for leadership.

Presentation layer (entry points -> teaching -> **presentation** -> steps -> text -> reading
-> core). This module holds the shared building blocks; a step's own display helpers live in
``report/<step>.py`` (``report.evaluation``: tables for people, headline cards, charts as
embedded images). A new report element goes here when every playbook can use it, in
``report/<step>.py`` when it shows one step's results.

Every function returns an :class:`IPython.display.HTML` object (displayed when it is the
last expression of a cell) built with all outside text escaped, so a caption or comment
containing ``<script>`` is shown as text, never run. Labels and sentences come from
:mod:`humaskit.i18n` in the chosen language.

Examples
--------
>>> from humaskit import report
>>> "&lt;script&gt;" in report.paragraph("<script>alert(1)</script>").data
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from ..fmt import (
    esc,
    fmt_bool,
    fmt_change,
    fmt_date,
    fmt_number,
    fmt_pct,
    fmt_value,
    shorten,
)
from ..i18n import label, t
from ..lazy import module_getattr

__all__ = [
    "STYLE",
    "chart",
    "chart_alt",
    "title",
    "heading",
    "paragraph",
    "bullets",
    "note",
    "cards",
    "table",
    "fmt_number",
    "fmt_pct",
    "fmt_change",
]

STYLE = """
<style>
.hk {font-family: "Segoe UI", Roboto, Arial, sans-serif; color: #1f2933; max-width: 1100px}
.hk h1 {font-size: 1.8em; margin: .2em 0; color: #0b3d91}
.hk h2 {font-size: 1.35em; margin: 1.2em 0 .4em; color: #0b3d91;
        border-bottom: 2px solid #dbe4f0; padding-bottom: .2em}
.hk h3 {font-size: 1.1em; margin: 1em 0 .3em}
.hk .sub {color: #52606d; margin-bottom: 1em}
.hk .cards {display: flex; flex-wrap: wrap; gap: .6em; margin: .6em 0}
.hk .card {background: #f5f8fc; border: 1px solid #dbe4f0; border-radius: 8px;
           padding: .6em .9em; min-width: 150px}
.hk .card .v {font-size: 1.5em; font-weight: 600}
.hk .card .l {color: #52606d; font-size: .9em}
.hk .up {color: #1b7f3b} .hk .down {color: #b42318} .hk .flat {color: #52606d}
.hk table.t {border-collapse: collapse; font-size: .9em; margin: .4em 0}
.hk table.t th {background: #eef3fa; text-align: left; padding: .3em .6em}
.hk table.t td {border-top: 1px solid #e4e7eb; padding: .3em .6em; vertical-align: top}
.hk table.t td.n {text-align: right; white-space: nowrap}
.hk .note {color: #52606d; font-size: .85em}
</style>
"""


def _html(body: str):
    from IPython.display import HTML

    return HTML(f'<div class="hk">{body}</div>')


def title(text: str, subtitle: str | None = None, *, lang: str | None = None):
    """The report title (with the page style) and a subtitle line."""
    from .. import __version__

    when = fmt_date(datetime.now(), lang, time=True)
    sub = f'<div class="sub">{esc(subtitle)}</div>' if subtitle else ""
    gen = t("report.generated", lang, version=__version__, when=when)
    return _html(f'{STYLE}<h1>{esc(text)}</h1>{sub}<div class="note">{esc(gen)}</div>')


def heading(text: str, level: int = 2):
    """A section heading."""
    level = min(max(int(level), 1), 4)
    return _html(f"<h{level}>{esc(text)}</h{level}>")


def paragraph(text: str):
    """A paragraph of plain text."""
    return _html(f"<p>{esc(text)}</p>")


def note(text: str):
    """A small explanatory note (definitions, sources)."""
    return _html(f'<p class="note">{esc(text)}</p>')


def bullets(items: Iterable[str]):
    """A bulleted list of sentences."""
    lis = "".join(f"<li>{esc(i)}</li>" for i in items)
    return _html(f"<ul>{lis}</ul>")


def cards(items: Sequence[tuple[str, str, Any]], *, lang: str | None = None):
    """KPI cards: ``(label, value text, change)`` where change is a fraction or None."""
    parts = []
    for lab, value, change in items:
        cls = "flat"
        if change is not None and not pd.isna(change):
            cls = "up" if float(change) > 0 else ("down" if float(change) < 0 else "flat")
        ch = fmt_change(change, lang) if change is not None else ""
        parts.append(
            f'<div class="card"><div class="l">{esc(lab)}</div>'
            f'<div class="v">{esc(value)}</div><div class="{cls}">{esc(ch)}</div></div>'
        )
    return _html(f'<div class="cards">{"".join(parts)}</div>')


def table(
    data: pd.DataFrame,
    *,
    pct: Iterable[str] = (),
    change: Iterable[str] = (),
    lang: str | None = None,
    max_rows: int = 50,
    max_chars: int = 140,
):
    """An HTML table with translated headers, formatted numbers and escaped text.

    Parameters
    ----------
    pct : columns shown as percentages; change : relative changes shown with arrows.
    max_chars : long texts are shortened at a word boundary, with an ellipsis.

    Numbers keep the decimals they need (``0,27``; ``1.234``), booleans read Ya/Tidak,
    times read ``17 September 2025 14.05``; every cell carries its column's label
    (``data-label``) so a phone can show each row as a small card.

    Examples
    --------
    >>> import pandas as pd
    >>> out = table(pd.DataFrame({"reach": [1200], "text": ["=HYPERLINK(1) <b>"]}), lang="en")
    >>> "Reach" in out.data and "&lt;b&gt;" in out.data
    True
    """
    pct, change = set(pct), set(change)
    df = data.head(max_rows)
    heads = [label(c, lang) for c in df.columns]
    head = "".join(f"<th>{esc(h)}</th>" for h in heads)
    rows = []
    for rec in df.itertuples(index=False):
        cells = []
        for col, h, v in zip(df.columns, heads, rec, strict=True):
            at = f' data-label="{esc(h)}"'
            if col in change:
                cells.append(f'<td class="n"{at}>{esc(fmt_change(v, lang))}</td>')
            elif col in pct:
                cells.append(f'<td class="n"{at}>{esc(fmt_pct(v, lang))}</td>')
            elif isinstance(v, (bool, np.bool_)):
                cells.append(f"<td{at}>{esc(fmt_bool(v, lang))}</td>")
            elif isinstance(v, (int, float, np.number)):
                cells.append(f'<td class="n"{at}>{esc(fmt_value(v, lang))}</td>')
            elif isinstance(v, pd.Timestamp):
                clock = not pd.isna(v) and v != v.normalize()  # a day shows no 00.00
                cells.append(f"<td{at}>{esc(fmt_date(v, lang, time=clock))}</td>")
            else:
                text = "" if v is None or (pd.api.types.is_scalar(v) and pd.isna(v)) else str(v)
                if col in ("platform", "post_type", "category"):
                    text = label(text, lang) if text else text
                if _URL.fullmatch(text):
                    cells.append(
                        f'<td class="u"{at}><a href="{esc(text)}">{esc(_link_text(text))}</a></td>'
                    )
                else:
                    cells.append(f"<td{at}>{esc(shorten(text, max_chars))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return _html(
        f'<table class="t"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def chart(ax: Any, *, dpi: int = 110, alt: str | None = None, lang: str | None = None):
    """Embed a chart as an image with an alt text, whatever the matplotlib backend; close it.

    Returns an :class:`IPython.display.Image` (PNG) of the Axes' figure, so the chart is
    embedded in the executed notebook and its HTML report. ``alt`` (for screen readers and
    for a reader whose images are off) defaults to the chart's titles and axis names.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set(title="Jangkauan per platform", xlabel="Platform", ylabel="Jangkauan")
    >>> chart(ax, lang="id").metadata["alt"]
    'Grafik: Jangkauan per platform (sumbu datar: Platform; sumbu tegak: Jangkauan).'
    """
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image

    if isinstance(ax, (list, tuple)) or hasattr(ax, "flat"):  # several Axes of one figure
        ax = next(iter(ax.flat if hasattr(ax, "flat") else ax))
    fig = ax.figure if hasattr(ax, "figure") else ax
    text = alt or chart_alt(fig, lang=lang)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return Image(data=buf.getvalue(), format="png", alt=text, metadata={"alt": text})


def chart_alt(fig: Any, *, lang: str | None = None) -> str:
    """A sentence describing a figure from its titles and axis names (for ``alt``)."""
    parts = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        parts.append(suptitle.get_text())
    for a in fig.get_axes():
        title = a.get_title() or a.get_title(loc="left")
        axes = [
            t(f"report.axis_{k}", lang, name=n)
            for k, n in (("x", a.get_xlabel()), ("y", a.get_ylabel()))
            if n
        ]
        if title and axes:
            parts.append(f"{title} ({'; '.join(axes)})")
        elif title or axes:
            parts.append(title or "; ".join(axes))
    body = "; ".join(p.strip() for p in parts if p.strip())
    return t("report.chart_alt_of", lang, what=body) if body else t("report.chart_alt", lang)


_URL = re.compile(r"https?://[^\s<>\"']+")


def _link_text(url: str, width: int = 32) -> str:
    """A link shown short: the site and the start of the path (``facebook.com/…/1234``)."""
    bare = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    return bare if len(bare) <= width else bare[: width // 2] + "…" + bare[-(width // 2 - 1) :]


_CARD_KPIS = (
    ("posts", "number"),
    ("reach", "number"),
    ("engagements", "number"),
    ("er_by_reach", "pct"),
    ("follower_growth", "number"),
)


def kpi_items(total: pd.DataFrame, *, lang: str | None = None) -> list[tuple[str, str, Any]]:
    """``(label, value text, change)`` of the headline KPIs of a one-row ``kpis`` result.

    What :func:`kpi_cards` shows, also used for the summary card
    (:func:`humaskit.plots.summary_card`).
    """
    row = total.iloc[0]
    items = []
    for key, kind in _CARD_KPIS:
        if key not in total.columns:
            continue
        value = fmt_pct(row[key], lang, 2) if kind == "pct" else fmt_number(row[key], lang)
        ch = row.get(f"{key}_change")
        if key == "follower_growth":
            ch = None  # growth itself is the change; its change is shown in tables
        items.append((label(key, lang), value, ch))
    return items


def kpi_cards(total: pd.DataFrame, *, lang: str | None = None):
    """Headline KPI cards from a one-row :func:`humaskit.evaluation.kpis` result."""
    return cards(kpi_items(total, lang=lang), lang=lang)


def kpi_table(k: pd.DataFrame, by: Sequence[str], *, lang: str | None = None):
    """A KPI table per group: the figures and their change against the previous month."""
    cols = list(by) + [
        "posts",
        "posts_change",
        "reach",
        "reach_change",
        "engagements",
        "engagements_change",
        "er_by_reach",
        "er_by_reach_change",
        "er_by_impressions",
        "followers",
        "follower_growth",
    ]
    cols = [c for c in cols if c in k.columns]
    view = k[cols].rename(columns={c: c for c in cols})
    return table(
        view,
        pct=["er_by_reach", "er_by_impressions"],
        change=[c for c in cols if c.endswith("_change")],
        lang=lang,
    )


#: A step's report helpers, loaded on first use (``humaskit.report.evaluation``, ...).
__getattr__ = module_getattr(__name__)
