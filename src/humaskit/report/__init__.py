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
import textwrap
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

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
from . import background

if TYPE_CHECKING:  # pandas loads when a table is made, not with the page of a report
    import pandas as pd

__all__ = [
    "STYLE",
    "chart",
    "chart_alt",
    "PendingChart",
    "PHONE_WIDTH_IN",
    "PHONE_MIN_PT",
    "PHONE_DPI",
    "title",
    "heading",
    "paragraph",
    "bullets",
    "note",
    "cards",
    "table",
    "print_limited",
    "PRINT_ROWS",
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


#: Rows of a table printed on paper (the screen shows them all): see :func:`print_limited`.
PRINT_ROWS = 12


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
    import pandas as pd

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
    print_rows: int | None = PRINT_ROWS,
    full_in: str | None = None,
):
    """An HTML table with translated headers, formatted numbers and escaped text.

    Parameters
    ----------
    pct : columns shown as percentages; change : relative changes shown with arrows.
    max_chars : long texts are shortened at a word boundary, with an ellipsis.
    print_rows : on paper only the first rows are printed, with a sentence saying where the
        full list is (``full_in``, a file name, or else the HTML report); None prints all.

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
    import numpy as np
    import pandas as pd

    pct, change = set(pct), set(change)
    df = data.head(max_rows)
    heads = [label(c, lang) for c in df.columns]
    links = {  # a column of links: on paper its header goes with its cells (not printed)
        c
        for c in df.columns
        if df[c].dtype == object and df[c].map(lambda v: bool(_URL.fullmatch(str(v)))).any()
    }
    head = "".join(
        f'<th class="u">{esc(h)}</th>' if c in links else f"<th>{esc(h)}</th>"
        for c, h in zip(df.columns, heads, strict=True)
    )
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
                    short = esc(shorten(text, max_chars))
                    if len(text) > 60:  # prose: at most a few lines on paper
                        short = f'<span class="x">{short}</span>'
                    cells.append(f"<td{at}>{short}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows, after = print_limited(rows, len(rows), print_rows, full_in=full_in, lang=lang)
    return _html(
        f'<table class="t"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        + after
    )


def print_limited(
    rows: list[str],
    total: int,
    print_rows: int | None = PRINT_ROWS,
    *,
    full_in: str | None = None,
    lang: str | None = None,
) -> tuple[list[str], str]:
    """Table rows (``<tr>...``) with those after ``print_rows`` hidden on paper, and the
    sentence printed under the table instead (empty when every row is printed).

    Examples
    --------
    >>> rows, after = print_limited(["<tr><td>1</td></tr>"] * 5, 5, 2, lang="id")
    >>> rows[2]
    '<tr class="more"><td>1</td></tr>'
    >>> after  # doctest: +NORMALIZE_WHITESPACE
    '<p class="note print-only">Dicetak 2 baris pertama dari 5;
    daftar lengkap ada di laporan HTML ini.</p>'
    """
    if print_rows is None or total <= print_rows + 2:  # two more rows print, not a sentence
        return rows, ""
    kept = rows[:print_rows] + [
        r.replace("<tr>", '<tr class="more">', 1) for r in rows[print_rows:]
    ]
    where = (
        t("report.print_where_file", lang, file=full_in)
        if full_in
        else t("report.print_where_html", lang)
    )
    text = t(
        "report.print_more",
        lang,
        shown=fmt_number(print_rows, lang),
        n=fmt_number(total, lang),
        where=where,
    )
    return kept, f'<p class="note print-only">{esc(text)}</p>'


#: The phone rendering of a chart (see :func:`chart`): width in inches, smallest type in
#: points, resolution. Shown about 370 CSS px wide on a 390 px phone, 8.5 pt text on a
#: 4.2 in figure is about 10 CSS px high; 190 dpi keeps it sharp on a 2x screen.
PHONE_WIDTH_IN, PHONE_MIN_PT, PHONE_DPI = 4.2, 8.5, 190
PHONE_FORK_TIMEOUT = 30.0  # seconds to wait for the forked phone rendering before drawing it here


def chart(ax: Any, *, dpi: int = 110, alt: str | None = None, lang: str | None = None):
    """Embed a chart as an image with an alt text, whatever the matplotlib backend; close it.

    Returns an :class:`IPython.display.Image` (PNG) of the Axes' figure, so the chart is
    embedded in the executed notebook and its HTML report. ``alt`` (for screen readers and
    for a reader whose images are off) defaults to the chart's titles and axis names.

    The image's metadata also carries a phone rendering of the same figure (``phone``:
    base64 PNG, narrower, with type of at least :data:`PHONE_MIN_PT`), which the report
    template shows on screens up to 600 px wide, and the smallest text height of each
    rendering in image pixels (``text_px``, ``phone_text_px``).

    Under ``humaskit run`` (see :mod:`humaskit.report.background`) it returns a
    :class:`PendingChart` instead: the same image, drawn in a forked copy of the kernel
    while the next cells run, and put in place of its placeholder when ready.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set(title="Jangkauan per platform", xlabel="Platform", ylabel="Jangkauan")
    >>> img = chart(ax, lang="id")
    >>> img.metadata["alt"]
    'Grafik: Jangkauan per platform (sumbu datar: Platform; sumbu tegak: Jangkauan).'
    >>> img.metadata["phone_text_px"] >= PHONE_MIN_PT * PHONE_DPI / 72
    True
    """
    import matplotlib.pyplot as plt

    if isinstance(ax, (list, tuple)) or hasattr(ax, "flat"):  # several Axes of one figure
        ax = next(iter(ax.flat if hasattr(ax, "flat") else ax))
    fig = ax.figure if hasattr(ax, "figure") else ax
    text = alt or chart_alt(fig, lang=lang)
    if background.active():  # humaskit run: drawn in a forked copy, shown when ready
        return _pending_chart(fig, dpi, text)
    phone_job = _phone_elsewhere(fig, dpi)  # on a second core, while this one draws the desktop
    try:
        desktop, desktop_pt = _render(fig, dpi)
    finally:
        done = phone_job() if phone_job else None
    if done is not None:
        phone, phone_pt = done
    else:
        try:
            phone, phone_pt = _phone(fig)
        except Exception:  # noqa: BLE001  (a figure that cannot be re-laid out keeps one rendering)
            phone, phone_pt = None, 0.0
    plt.close(fig)
    return _image(desktop, desktop_pt, phone, phone_pt, dpi, text)


def _image(desktop: bytes, desktop_pt: float, phone, phone_pt: float, dpi: int, text: str):
    """The :class:`IPython.display.Image` of :func:`chart` from its two renderings."""
    import base64

    from IPython.display import Image

    meta = {"alt": text, "text_px": round(desktop_pt * dpi / 72, 2)}
    if phone:
        meta["phone"] = base64.b64encode(phone).decode("ascii")
        meta["phone_text_px"] = round(phone_pt * PHONE_DPI / 72, 2)
    return Image(data=desktop, format="png", alt=text, metadata=meta)


def _both(fig: Any, dpi: int) -> bytes:
    """Desktop and phone renderings of ``fig`` (changed by the phone one) in one payload."""
    import struct

    desktop, desktop_pt = _render(fig, dpi)
    phone, phone_pt = _phone_or_none(fig)
    return struct.pack("<ddQ", desktop_pt, phone_pt, len(desktop)) + desktop + phone


def _pending_chart(fig: Any, dpi: int, text: str) -> PendingChart:
    import struct

    import matplotlib.pyplot as plt

    out = PendingChart(text)

    def done(payload: bytes) -> None:
        desktop_pt, phone_pt, size = struct.unpack("<ddQ", payload[:24])
        desktop, phone = payload[24 : 24 + size], payload[24 + size :]
        out.ready(_image(desktop, desktop_pt, phone or None, phone_pt, dpi, text))

    plt.close(fig)  # nothing more to show from this figure here; the copy draws its own
    background.submit(lambda: _both(fig, dpi), done)
    return out


def _phone_or_none(fig: Any) -> tuple[bytes, float]:
    """:func:`_phone`, or no rendering (``b""``) for a figure that cannot be re-laid out."""
    try:
        return _phone(fig)
    except Exception:  # noqa: BLE001  (a figure that cannot be re-laid out keeps one rendering)
        return b"", 0.0


def _as_drawn(fig: Any, dpi: int) -> None:
    """Lay ``fig`` out as :func:`_render` at ``dpi`` leaves it, drawing no pixels (a third of
    its cost): the phone layout starts from the positions the desktop one left (a legend
    above the plot lands a fraction of a pixel elsewhere otherwise)."""
    before, fig.dpi = fig.dpi, dpi  # as savefig(dpi=...) lays it out
    try:
        fig.draw_without_rendering()
    finally:
        fig.dpi = before


class PendingChart:
    """What :func:`chart` gives under ``humaskit run``: the chart being drawn elsewhere.

    Displayed, it shows its alt text with a display id, which the finished chart replaces
    (IPython's ``update_display``, applied by nbclient to the executed notebook) when
    :mod:`humaskit.report.background` hands it back: after a later cell, and at the latest
    in the playbook's last cell. Its public attributes are those of the finished
    :class:`IPython.display.Image` (asking for one waits for it).
    """

    def __init__(self, alt: str) -> None:
        import uuid

        self.alt = alt
        self.display_id = uuid.uuid4().hex
        self.image: Any = None
        self._shown = False

    def ready(self, image: Any) -> None:
        self.image = image
        if self._shown:
            from IPython.display import update_display

            update_display(image, display_id=self.display_id)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if self.image is not None:
            display(self.image)
            return
        self._shown = True
        display({"text/plain": self.alt}, raw=True, display_id=self.display_id)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name == "image":
            raise AttributeError(name)
        if self.image is None:
            background.finish()
        return getattr(self.image, name)


def _phone(fig: Any) -> tuple[bytes, float]:
    """The phone rendering of ``fig`` (which it changes) and its smallest text in points."""
    import warnings

    with warnings.catch_warnings():  # a layout that cannot shrink further is still drawn
        warnings.simplefilter("ignore")
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        # drawn here as savefig draws a PNG (a closed figure's canvas cannot draw)
        canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
        before, fig.dpi = fig.dpi, PHONE_DPI  # laid out at the resolution it is drawn at
        try:
            _for_phone(fig)
            # what savefig's "tight" box would find, from the layout just made: savefig
            # need not lay the figure out and place its texts once more (half the time of
            # a phone rendering; the layout again would move things by a pixel or two)
            box = fig.get_tightbbox(canvas.get_renderer())
        finally:
            fig.dpi = before

        with matplotlib.rc_context(
            {"figure.autolayout": False, "figure.constrained_layout.use": False}
        ):
            fig.set_layout_engine(None)  # no engine: the layout made stands
        return _render(fig, PHONE_DPI, bbox=box.padded(matplotlib.rcParams["savefig.pad_inches"]))


def _phone_elsewhere(fig: Any, dpi: int):
    """Start the phone rendering of ``fig`` in a forked copy of this process.

    Returns a function that waits for it and gives what :func:`_phone` gives, or None when
    the copy failed or took more than :data:`PHONE_FORK_TIMEOUT` (the caller then renders
    it here); None instead of a function where there is no idle second core (a busy
    machine gains nothing) or no ``fork`` (Windows, macOS). The copy, one of
    :mod:`humaskit.report.background`'s, touches none of the kernel's sockets or files and
    changes its own copy of the figure, laid out first as the desktop rendering at ``dpi``
    leaves it (:func:`_as_drawn`): the images are the same either way.
    """
    import os
    import sys

    if not sys.platform.startswith("linux"):
        return None
    cores = len(os.sched_getaffinity(0))
    if cores < 2 or os.getloadavg()[0] >= cores:  # no core to spare: draw both here
        return None
    import struct

    from PIL import PngImagePlugin  # noqa: F401  (loaded before the copy: it imports nothing)

    def work() -> bytes:
        _as_drawn(fig, dpi)
        png, points = _phone(fig)
        return struct.pack("<d", points) + png

    copy = background.fork(work)
    if copy is None:
        return None

    def wait() -> tuple[bytes, float] | None:
        payload = background.result(copy, timeout=PHONE_FORK_TIMEOUT)
        if payload is None or len(payload) <= 8:
            return None
        return payload[8:], struct.unpack("<d", payload[:8])[0]

    return wait


def _texts(fig: Any) -> list:
    """The figure's visible, non-empty texts (titles, tick labels, legends, annotations)."""
    from matplotlib.text import Text

    return [
        x
        for x in fig.findobj(Text)
        if x.get_visible() and x.get_text().strip() and x.figure is not None
    ]


def _render(fig: Any, dpi: int, *, bbox: Any = "tight") -> tuple[bytes, float]:
    """``fig`` as a compact PNG (256 colours) and the size in points of its smallest text;
    ``bbox`` is the part of the figure drawn (savefig's ``bbox_inches``)."""
    import io

    from PIL import Image as PILImage

    buf = io.BytesIO()  # read back at once: light compression is enough
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches=bbox, pil_kwargs={"compress_level": 1})
    sizes = [x.get_fontsize() for x in _texts(fig)]
    img = PILImage.open(io.BytesIO(buf.getvalue())).convert("RGBA")
    if img.getextrema()[3][0] < 255:  # see-through parts show white
        img = PILImage.alpha_composite(PILImage.new("RGBA", img.size, "white"), img)
    img = img.convert("RGB")
    out = io.BytesIO()
    # max-coverage is about twice as fast as median cut, zlib's default level five to ten
    # times faster than its best (about 10% larger; a few hundred colours fit either way)
    img.quantize(
        colors=256, method=PILImage.Quantize.MAXCOVERAGE, dither=PILImage.Dither.NONE
    ).save(out, format="PNG")
    data = out.getvalue() if out.tell() < buf.tell() else buf.getvalue()
    return data, float(min(sizes, default=10.0))


def _for_phone(fig: Any) -> Any:
    """``fig`` made narrow (:data:`PHONE_WIDTH_IN`) with type of at least :data:`PHONE_MIN_PT`.

    What sat right of the plot (a legend, a key) moves under it, legends keep at most two
    columns, long category names wrap, and tick labels that would overlap are thinned
    (every second, third, ...).
    """
    width, height = fig.get_size_inches()
    fig.set_size_inches(min(width, PHONE_WIDTH_IN), height)
    for a in fig.get_axes():
        for axis, which in ((a.xaxis, "x"), (a.yaxis, "y")):
            ticks = axis.get_ticklabels()
            size = ticks[0].get_fontsize() if ticks else PHONE_MIN_PT
            a.tick_params(axis=which, labelsize=max(size, PHONE_MIN_PT))
    for x in _texts(fig):
        if x.get_fontsize() < PHONE_MIN_PT:
            x.set_fontsize(PHONE_MIN_PT)
    if fig.get_layout_engine() is None:
        fig.set_layout_engine("constrained")
    _move_under(fig)
    for n in range(3):  # thinning changes the layout a little: check again
        fig.draw_without_rendering()  # lays out and places the texts, draws no pixels
        if n == 0 and any([_declutter(a) for a in fig.get_axes()]):
            fig.draw_without_rendering()  # (unchanged: the layout just made stands)
        thinned = [_thin_ticks(a.xaxis, 0) | _thin_ticks(a.yaxis, 1) for a in fig.get_axes()]
        if not any(thinned):
            break
    else:
        fig.draw_without_rendering()  # the last thinning is laid out too
    return fig


def _declutter(a: Any) -> bool:
    """Long category names wrap; slanted labels that collide stand upright; numbers written
    in the cells of a crowded grid (a heatmap's) are left out when most of them collide.
    True when anything changed."""
    changed = False
    labels = a.yaxis.get_ticklabels()
    if a.yaxis.get_visible() and any(len(x.get_text()) > 18 for x in labels):
        a.yaxis.set_ticks(a.get_yticks(), [textwrap.fill(x.get_text(), 18) for x in labels])
        changed = True
    labels = [x for x in a.xaxis.get_ticklabels() if x.get_text()]
    if (
        labels
        and labels[0].get_rotation() % 90
        and _collide([x.get_window_extent() for x in labels])
    ):
        for x in a.xaxis.get_ticklabels():
            x.set_rotation(90)
            x.set_horizontalalignment("center")
        changed = True
    cells = [x for x in a.texts if x.get_transform() == a.transData and x.get_visible()]
    if len(cells) >= 6:
        boxes = [x.get_window_extent() for x in cells]
        hits = sum(any(b.overlaps(o) for o in boxes if o is not b) for b in boxes)
        if hits > 0.3 * len(boxes):
            for x in cells:
                x.set_visible(False)
            changed = True
    return changed


def _collide(boxes: list) -> bool:
    """Whether any two of these display boxes overlap."""
    return any(b.overlaps(o) for i, b in enumerate(boxes) for o in boxes[i + 1 :])


def _move_under(fig: Any) -> None:
    """Legends and axes texts placed right of the plot go under it; legends of two columns."""
    axes = fig.get_axes()
    for a in axes:
        for x in a.texts:
            if x.get_transform() == a.transAxes and x.get_position()[0] >= 1.0:
                x.set_position((0.0, -0.02))
                x.set_va("top")
        leg = a.get_legend()
        if leg is None:
            continue
        for x in leg.get_texts():  # a long entry would make the plot narrower than the screen
            x.set_text(textwrap.fill(x.get_text(), 34))
        anchor = leg.get_bbox_to_anchor().transformed(a.transAxes.inverted())
        if anchor.x0 >= 0.99 and len(axes) == 1:
            n = len(leg.get_texts())
            short = max((len(x.get_text()) for x in leg.get_texts()), default=0) <= 16
            cols = 2 if n > 6 and short else 1
            _remake_legend(fig, leg, fig.legend, loc="outside lower center", ncols=cols)
            rows = -(-n // cols) + 1  # the legend sits under the plot: the figure grows by it
            w, h = fig.get_size_inches()
            fig.set_size_inches(w, h + rows * PHONE_MIN_PT * 1.5 / 72)
        elif getattr(leg, "_ncols", 1) > 2:
            _remake_legend(a, leg, a.legend, loc=leg._loc, bbox_to_anchor=(anchor.x0, anchor.y0))
    for leg in list(fig.legends):
        if getattr(leg, "_ncols", 1) > 2:
            _remake_legend(fig, leg, fig.legend, loc=leg._loc)


def _remake_legend(owner: Any, leg: Any, make: Any, **where: Any) -> None:
    """Draw ``leg`` again with ``make`` (an Axes' or the figure's ``legend``) at ``where``:
    at most two columns, entries wrapped, type of at least :data:`PHONE_MIN_PT`."""
    labels = [textwrap.fill(x.get_text(), 34) for x in leg.get_texts()]
    size = max([x.get_fontsize() for x in leg.get_texts()] + [PHONE_MIN_PT])
    title = leg.get_title().get_text() or None
    frame = leg.get_frame_on()
    handles = leg.legend_handles
    where.setdefault("ncols", min(getattr(leg, "_ncols", 1), 2))
    leg.remove()
    make(handles, labels, frameon=frame, title=title, fontsize=size, title_fontsize=size, **where)


def _thin_ticks(axis: Any, dim: int) -> bool:
    """Show every k-th tick label of ``axis`` when its unrotated labels would overlap.

    Side by side (``dim`` 0), labels closer than half a label's length count as overlapping;
    stacked (``dim`` 1), only labels that touch. Names (categories) are all kept: side by
    side they wrap, then stand upright; stacked, the figure grows taller (up to three times).
    True when the labels or the figure changed.
    """
    labels = [x for x in axis.get_ticklabels() if x.get_visible() and x.get_text()]
    if (
        not axis.get_visible()
        or len(labels) < 3
        or any(x.get_rotation() % 180 for x in labels[:1] if dim == 0)
    ):
        return False
    boxes = sorted(
        (b.x0, b.x1) if dim == 0 else (b.y0, b.y1) for b in (x.get_window_extent() for x in labels)
    )

    def clash(step: int) -> bool:
        kept = boxes[::step]
        return any(
            b[0] < a[1] + (max(2, 0.5 * (a[1] - a[0])) if dim == 0 else 1)
            for a, b in zip(kept, kept[1:], strict=False)
        )

    step = 1
    while step < len(boxes) and clash(step):
        step += 1
    fig = axis.get_figure(root=True)
    names = type(axis.get_major_formatter()).__name__ in ("FixedFormatter", "StrCategoryFormatter")
    if step > 1 and dim == 1 and names:  # every name stays: the (scrolling) figure grows
        w, h = fig.get_size_inches()
        first = getattr(fig, "_hk_height", h)
        if h * step <= 3 * first:
            fig._hk_height = first
            fig.set_size_inches(w, h * step)
            return True
    if step > 1 and dim == 0 and names:  # every name stays: wrapped, then upright
        locs = list(axis.get_ticklocs())
        texts = [x.get_text() for x in axis.get_ticklabels()]
        wrapped = [textwrap.fill(x, 8, break_long_words=False) for x in texts]
        if wrapped != texts:
            axis.set_ticks(locs, wrapped)
        else:
            axis.set_ticks(locs, texts, rotation=90)
        return True
    if step > 1:
        locs = list(axis.get_ticklocs())
        texts = [x.get_text() for x in axis.get_ticklabels()]
        axis.set_ticks(locs[::step], texts[::step])
    return step > 1


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
