"""Hardening (issue 19, part 3): every chart draws outside text literally.

Categories, units, accounts, handles, campaigns, places, KPI names and titles that hold
``$$``, ``\\``, ``_`` or ``^`` (text matplotlib would read as mathtext) are drawn as written:
no parse error, and the drawn text is the text given.
"""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
import pytest

from humaskit import plots

matplotlib.use("Agg")

PAYLOADS = [
    "Promo $$ hemat",
    "$x^2$ dan $",
    "a\\b \\alpha",
    "_awal_garis",
    "pangkat^2 x_1",
    "Rp$5\\$",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil","c")',
]


def _draw(ax) -> list[str]:
    """Render the figure of ``ax`` (as a report does) and return every text drawn."""
    fig = ax.figure if hasattr(ax, "figure") else ax[0].figure
    fig.canvas.print_figure(io.BytesIO(), format="png")
    texts = []
    for t in fig.findobj(matplotlib.text.Text):
        if t.get_visible() and t.get_text():
            texts.append(t.get_text())
    return texts


def _shown(texts: list[str]) -> str:
    """What the reader sees: matplotlib draws ``\\$`` as ``$`` outside mathtext."""
    return "\n".join(s.replace("\\$", "$") for s in texts)


def _check(ax, values) -> None:
    shown = _shown(_draw(ax))
    for v in values:
        assert v in shown, (v, shown[:400])


def test_plain_is_exact():
    from matplotlib.text import Text

    from humaskit.plots import _plain

    for p in PAYLOADS:
        text = Text(0, 0, _plain(p))
        s, math = text._preprocess_math(text.get_text())
        assert not math
        assert s.lstrip(" ") == p


def test_bar_performance_trend():
    df = pd.DataFrame({"category": PAYLOADS, "median_er": np.linspace(0.01, 0.08, len(PAYLOADS))})
    _check(plots.performance(df, x="category", title="Kategori $$ " + PAYLOADS[2]), PAYLOADS)
    df = pd.DataFrame({"platform": PAYLOADS, "reach": range(len(PAYLOADS))})
    _check(plots.bar(df, x="platform", y="reach", hue="platform"), PAYLOADS)
    d = pd.DataFrame(
        {
            "date": pd.date_range("2025-09-01", periods=4).repeat(len(PAYLOADS)),
            "value": range(4 * len(PAYLOADS)),
            "platform": PAYLOADS * 4,
        }
    )
    _check(plots.trend(d), PAYLOADS)


def test_evaluation_charts():
    units = pd.DataFrame({"unit": PAYLOADS, "within_limit_share": np.linspace(0.2, 1, 8)})
    _check(plots.plot_response(units, target=0.9), PAYLOADS)
    comp = pd.DataFrame({"unit": PAYLOADS, "er_by_reach": np.linspace(0.01, 0.05, 8)})
    _check(plots.plot_compare(comp, "er_by_reach"), PAYLOADS)
    prog = pd.DataFrame({"place": PAYLOADS, "not_served": range(1, 9)})
    _check(plots.plot_programme(prog), PAYLOADS)


def test_governance_scorecard():
    from humaskit import governance

    acc = pd.DataFrame(
        {
            "unit": PAYLOADS,
            "platform": "x",
            "handle": [f"h{i}" for i in range(len(PAYLOADS))],
            "display_name": PAYLOADS,
            "two_factor": True,
        }
    )
    audit = governance.audit_accounts(acc, today="2025-01-01")
    _check(plots.plot_scorecard(audit), PAYLOADS)


def test_audience_charts():
    aud = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkot",
            "as_of": "2025-09-30",
            "dimension": "city",
            "segment": PAYLOADS,
            "value": np.linspace(0.2, 0.05, 8),
            "unit": "share",
        }
    )
    _check(plots.plot_places(aud, platform="x"), PAYLOADS)
    fit = pd.DataFrame({"public": PAYLOADS, "platform": "x", "fit": np.linspace(0, 1, 8)})
    _check(plots.plot_fit(fit), PAYLOADS)
    pyr = pd.DataFrame(
        {
            "platform": "instagram",
            "account": "a$$b_c",
            "as_of": "2025-09-30",
            "dimension": "age_gender",
            "segment": ["F.18-24", "M.18-24"],
            "value": [0.5, 0.5],
            "unit": "share",
        }
    )
    _check(plots.plot_pyramid(pyr, platform="instagram", account="a$$b_c"), ["a$$b_c"])


def test_scheduling_charts():
    from humaskit.scheduling import default_times

    bt = default_times("x").assign(account="akun $$ ^_", post_type="foto $x$")
    _check(plots.plot_heatmap(bt), ["akun $$ ^_"])
    freq = pd.DataFrame(
        {
            "platform": ["a$$", "a$$", "_b"],
            "posts_per_day": [1, 2, 1],
            "score_per_post": [50, 45, 52],
        }
    )
    _check(plots.plot_frequency(freq), ["a$$", "_b"])
    back = pd.DataFrame(
        {"platform": ["p$$q"], "rho_model": [0.3], "rho_naive": [0.1], "rho_default": [0.2]}
    )
    _check(plots.plot_backtest(back), ["p$$q"])


def test_influencer_charts():
    handles = [p.replace(" ", "") for p in PAYLOADS]
    lead = pd.DataFrame(
        {"handle": handles, "pagerank": np.linspace(0.3, 0.01, 8), "role": ["a$$", "b"] * 4}
    )
    _check(plots.plot_leaderboard(lead), handles)
    m = pd.DataFrame(
        {
            "platform": "x",
            "author": handles + handles,
            "to_author": handles[1:] + handles[:1] + handles[2:] + handles[:2],
            "author_type": "media",
            "text": [f"bahas {p}" for p in PAYLOADS * 2],
        }
    )
    ax = plots.plot_network(m, pseudonymize=False)
    _draw(ax)
    res = pd.DataFrame(
        {
            "date": pd.date_range("2025-09-01", periods=8),
            "reach": np.arange(8) * 100.0 + 1,
            "engagements": np.arange(8) + 1.0,
            "campaign": PAYLOADS,
            "handle": handles,
        }
    )
    _check(plots.plot_collaborations(res), PAYLOADS)


def test_summary_card():
    fig = plots.summary_card(
        [(PAYLOADS[0], "1.386 $$", 0.07), (PAYLOADS[2], "5", None)],
        [PAYLOADS[1], PAYLOADS[3]],
        title="Evaluasi $$ " + PAYLOADS[4],
        subtitle=PAYLOADS[5],
        footer=PAYLOADS[2],
    )
    fig.canvas.print_figure(io.BytesIO(), format="png")
    shown = _shown([t.get_text() for t in fig.findobj(matplotlib.text.Text)])
    for p in (PAYLOADS[0], PAYLOADS[2], PAYLOADS[5], "1.386 $$"):
        assert p in shown


@pytest.fixture(autouse=True)
def _close():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.mark.parametrize("horizontal", [False, True])
def test_bar_says_no_data_where_a_category_has_no_value(horizontal):
    # X reports no reach: its empty slot must not read as 0% on the chart
    df = pd.DataFrame(
        {"platform": ["facebook", "instagram", "x"], "er_by_reach": [0.03, 0.06, None]}
    )
    ax = plots.bar(df, x="platform", y="er_by_reach", pct=True, horizontal=horizontal)
    marks = [t for t in ax.texts if t.get_text().strip() == "tidak ada data"]
    assert len(marks) == 1
    slots = ax.get_yticks() if horizontal else ax.get_xticks()
    labels = [t.get_text() for t in (ax.get_yticklabels() if horizontal else ax.get_xticklabels())]
    where = marks[0].get_position()[1 if horizontal else 0]
    assert labels[list(slots).index(where)] == "X (Twitter)"
    full = plots.bar(df.fillna(0.01), x="platform", y="er_by_reach", lang="en")
    assert not full.texts
    assert plots.bar(df, x="platform", y="er_by_reach", lang="en").texts[0].get_text() == "no data"


def _png(ax) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png", dpi=60)
    plt.close(ax.figure)
    return buf.getvalue()


def test_bars_of_one_row_each_are_drawn_as_seaborn_draws_them_without_bootstrapping(monkeypatch):
    """A bar of one row has no interval to draw: it is drawn as seaborn's default draws it,
    without a thousand bootstrap rounds; bars of several rows keep their 95% interval."""
    from humaskit.plots._seaborn import seaborn

    sns = seaborn()
    one = pd.DataFrame({"platform": ["instagram", "x", "tiktok"], "reach": [10, 30, 20]})
    many = pd.DataFrame({"platform": ["instagram", "x"] * 4, "reach": [1, 5, 2, 6, 3, 7, 4, 8]})
    fast = _png(plots.bar(one, x="platform", y="reach"))
    raw = plots.bar(many, x="platform", y="reach")
    assert len(raw.lines) == 2  # one interval per bar
    real = sns.barplot
    asked = []

    def default_interval(*args, **kwargs):
        asked.append(kwargs.pop("errorbar"))
        return real(*args, **kwargs)

    monkeypatch.setattr(sns, "barplot", default_interval)
    assert _png(plots.bar(one, x="platform", y="reach")) == fast
    assert asked == [None]
    units = pd.DataFrame({"unit": ["A", "B"], "within_limit_share": [0.5, 0.95]})
    plots.plot_response(units, target=0.9)
    assert asked == [None, None]
