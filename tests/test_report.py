import pandas as pd

from humaskit import report as rp
from humaskit.files.safe import neutralize, unsafe_cells, write_xlsx


def test_outside_text_is_escaped_in_every_block():
    evil = '<script>alert("x")</script>'
    for block in (
        rp.paragraph(evil),
        rp.heading(evil),
        rp.bullets([evil]),
        rp.note(evil),
        rp.table(pd.DataFrame({"text": [evil]})),
        rp.title(evil, evil),
    ):
        assert "<script>alert" not in block.data
        assert "&lt;script&gt;" in block.data


def test_numbers_formatted_per_language():
    assert rp.fmt_number(1234567, "id") == "1.234.567"
    assert rp.fmt_number(1234567, "en") == "1,234,567"
    assert rp.fmt_pct(0.0526, "id") == "5,3%"
    assert rp.fmt_change(-0.1, "en").startswith("▼")


def test_formulas_are_neutralised_in_spreadsheets(tmp_path):
    df = pd.DataFrame(
        {
            "text": ['=HYPERLINK("http://evil","klik")', "+62812", "@admin", "aman"],
            "n": [-1, 2, 3, 4],
        }
    )
    out = neutralize(df)
    assert out["text"].tolist()[:3] == ["'" + v for v in df["text"].tolist()[:3]]
    assert out["n"].tolist() == [-1, 2, 3, 4]
    path = write_xlsx({"data": df}, tmp_path / "x.xlsx")
    back = pd.read_excel(path)
    assert back["text"].tolist() == df["text"].tolist()  # exactly as written, no apostrophe
    assert back["n"].tolist() == [-1, 2, 3, 4]
    assert unsafe_cells(path) == []  # text cells with Excel's quote prefix, never formulas
    import openpyxl

    ws = openpyxl.load_workbook(path)["data"]
    assert all(ws.cell(row=r, column=1).quotePrefix for r in (2, 3, 4))
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in (2, 3, 4, 5))


def _serial_then_idle_core(monkeypatch, figure):
    """The chart of ``figure()`` drawn one rendering after the other; then a machine with an
    idle second core, so :func:`chart` forks its phone rendering."""
    monkeypatch.setattr(rp, "_phone_elsewhere", lambda fig, dpi: None)
    serial = rp.chart(figure(), lang="id")
    monkeypatch.undo()
    monkeypatch.setattr("os.getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1})
    return serial


def test_chart_phone_rendering_is_the_same_drawn_in_a_forked_copy(monkeypatch):
    """Issue #20 (report time): with an idle core the phone rendering is drawn in a forked
    copy of the process while the desktop one is drawn here; both images are the same as
    drawn one after the other, and a copy that fails falls back to drawing here."""
    import sys

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pytest

    if not sys.platform.startswith("linux"):
        pytest.skip("fork is used on Linux only")

    def figure():
        fig, ax = plt.subplots(figsize=(8, 4))
        ax.bar(["Facebook", "Instagram", "X", "YouTube", "TikTok"], [3, 5, 2, 4, 1])
        ax.set(title="Jangkauan per platform", xlabel="Platform", ylabel="Jangkauan")
        return ax

    serial = _serial_then_idle_core(monkeypatch, figure)
    calls = []
    real = rp._phone_elsewhere

    def spy(fig, dpi):
        job = real(fig, dpi)
        calls.append(job is not None)
        return job

    monkeypatch.setattr(rp, "_phone_elsewhere", spy)
    forked = rp.chart(figure(), lang="id")
    assert calls == [True]
    assert forked.data == serial.data
    assert forked.metadata == serial.metadata

    def broken(fig):
        raise RuntimeError("no phone layout")

    monkeypatch.setattr(rp, "_phone_elsewhere", real)
    monkeypatch.setattr(rp, "_for_phone", broken)  # fails in the copy and here alike
    alone = rp.chart(figure(), lang="id")
    assert alone.data == serial.data and "phone" not in alone.metadata


def test_chart_drawn_apart_is_the_same_when_its_phone_layout_starts_from_the_desktop_one(
    monkeypatch,
):
    """Issue #20 (report time): the sentiment chart (a legend above the plot, a second axis)
    is laid out for the phone from where its desktop rendering left it. Its phone rendering
    drawn in a forked copy (an idle core) is first laid out as the desktop rendering does,
    so its images are the same as drawn one after the other, as under ``humaskit run``."""
    import sys

    import matplotlib

    matplotlib.use("Agg")
    import pytest

    from humaskit import evaluation as ev
    from humaskit import plots, samples
    from humaskit.report import background

    if not sys.platform.startswith("linux"):
        pytest.skip("fork is used on Linux only")
    trend = ev.sentiment_trend(samples.workspace(), freq="W", period="2025-09")

    def figure():
        return plots.plot_sentiment(trend)

    serial = _serial_then_idle_core(monkeypatch, figure)
    forked = rp.chart(figure(), lang="id")  # the phone rendering in a forked copy
    assert forked.data == serial.data and forked.metadata == serial.metadata
    monkeypatch.setattr(background, "active", lambda: True)  # as under humaskit run
    monkeypatch.setattr(background, "_hook", lambda: None)
    pending = rp.chart(figure(), lang="id")
    background.finish()
    assert pending.image.data == serial.data and pending.image.metadata == serial.metadata


def test_chart_phone_rendering_drawn_here_when_the_forked_copy_is_stuck(monkeypatch):
    """Issue #20 (report time): a forked copy that never answers (e.g. a lock held by
    another thread at the fork) is stopped after PHONE_FORK_TIMEOUT and the phone version
    is drawn here, so a report never hangs on it."""
    import sys
    import time

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pytest

    if not sys.platform.startswith("linux"):
        pytest.skip("fork is used on Linux only")

    def figure():
        fig, ax = plt.subplots(figsize=(8, 4))
        ax.bar(["Facebook", "Instagram", "X"], [3, 5, 2])
        ax.set(title="Jangkauan per platform")
        return ax

    serial = _serial_then_idle_core(monkeypatch, figure)
    monkeypatch.setattr(rp, "PHONE_FORK_TIMEOUT", 1.0)
    real_phone = rp._phone
    parent = __import__("os").getpid()

    def stuck_in_copy(fig):
        if __import__("os").getpid() != parent:
            time.sleep(60)  # the copy hangs
        return real_phone(fig)

    monkeypatch.setattr(rp, "_phone", stuck_in_copy)
    start = time.monotonic()
    out = rp.chart(figure(), lang="id")
    assert time.monotonic() - start < 20
    assert out.data == serial.data
    assert out.metadata == serial.metadata


def _legend_chart():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.6), layout="constrained")
    for i, name in enumerate(["Instagram", "Facebook", "X (Twitter)"]):
        ax.bar(
            [f"Kategori panjang nomor {k}" for k in range(6)], [i + k for k in range(6)], label=name
        )
    ax.legend(title="Platform", loc="center left", bbox_to_anchor=(1, 0.5))
    ax.set(title="Interaksi per kategori", xlabel="Kategori", ylabel="Interaksi")
    return fig


def test_the_phone_rendering_is_savefigs_tight_crop_of_the_phone_layout():
    """The phone PNG is drawn from the layout made for it, cropped where savefig's "tight"
    box would crop that same layout (savefig does not lay it out and place its texts again)."""
    import matplotlib.pyplot as plt

    fast, points = rp._phone(_legend_chart())
    fig = _legend_chart()
    before, fig.dpi = fig.dpi, rp.PHONE_DPI
    rp._for_phone(fig)
    fig.dpi = before
    fig.set_layout_engine("none")  # keeps the layout; savefig finds the tight box itself
    slow, _ = rp._render(fig, rp.PHONE_DPI)
    plt.close("all")
    assert fast == slow and points >= rp.PHONE_MIN_PT


def test_a_closed_figure_and_axes_placed_by_locators_keep_their_phone_rendering():
    import matplotlib.pyplot as plt
    import numpy as np
    from mpl_toolkits.axes_grid1 import make_axes_locatable

    fig, ax = plt.subplots(figsize=(8, 4))
    shown = ax.imshow(np.arange(20).reshape(4, 5))
    fig.colorbar(shown, cax=make_axes_locatable(ax).append_axes("right", size="5%", pad=0.1))
    ax.inset_axes([0.6, 0.6, 0.3, 0.3]).plot([1, 2, 3])
    ax.set_title("Peta panas")
    plt.close(fig)  # as humaskit run hands it to a forked copy: a plain canvas
    phone, points = rp._phone_or_none(fig)
    assert phone[:8] == b"\x89PNG\r\n\x1a\n" and points >= rp.PHONE_MIN_PT
