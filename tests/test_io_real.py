"""Real platform exports in ../shared/real-exports (skipped when the folder is absent).

Every file imports with every row accounted, as the right platform and table, and with
as many rows in the file as an independent count of its data rows (the rows a
spreadsheet shows with data: no title, header, ``Total`` or footer line); the one file
that is not kept by humaskit (a YouTube traffic-source table) is refused in one sentence.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

from conftest import SHARED, shared_path
from humaskit.errors import HumaskitError, UnsupportedFile
from humaskit.io import read_export, read_folder

EXPECTED = [
    ("facebook/Sep-01-2025_Sep-30-2025_2855862537940540.csv", "facebook", "posts"),
    ("facebook/pcm-dss_Follows.csv", "facebook", "daily"),
    ("facebook/pcm-dss_Views.csv", "facebook", "daily"),
    ("instagram/sobatti_Mar-01-2026_Jun-29-2026_1804378027238054.csv", "instagram", "posts"),
    ("instagram/sobatti_Reach.csv", "instagram", "daily"),
    ("meta_audience/okn_ig_Audience_variantA_956cbac.csv", "instagram", "audience"),
    ("tiktok/sobatti_Content.csv", "tiktok", "posts"),
    ("tiktok/sobatti_FollowerActivity.csv", "tiktok", "daily"),
    ("tiktok/sobatti_FollowerGender.csv", "tiktok", "audience"),
    ("tiktok/sobatti_FollowerHistory.csv", "tiktok", "daily"),
    ("tiktok/sobatti_FollowerTopTerritories.csv", "tiktok", "audience"),
    ("tiktok/sobatti_Overview.csv", "tiktok", "daily"),
    ("tiktok/sobatti_Viewers.csv", "tiktok", "daily"),
    ("twitter/account_analytics_content_2024-11-21_2025-02-19__FG-SC.csv", "x", "posts"),
    ("twitter/account_overview_analytics__FG-SC_2025-02.csv", "x", "daily"),
    ("twitter/tweet_activity_metrics_rOpenSci_20200601_20200701_en.csv", "x", "posts"),
    ("youtube/rianaditama0-cobacoba_Table data.csv", "youtube", "posts"),
    ("more/codingtrain/Table data.csv", "youtube", "audience"),
    (
        "more/debruine/daily_tweet_activity_metrics_LisaDeBruine_20210801_20210901_en.csv",
        "x",
        "daily",
    ),
    ("more/debruine/tweet_activity_metrics_LisaDeBruine_20210801_20210901_en.csv", "x", "posts"),
    ("more/drelegantia/Totali.csv", "youtube", "daily"),
    ("more/econshiny/tweet_activity_metrics_EconomicsShiny_20220201_20220301_en.csv", "x", "posts"),
    ("more/feadev/Page and profile visits (1).csv", "facebook, instagram", "daily"),
    ("more/feadev/Reach (1).csv", "facebook, instagram", "daily"),
    ("more/ftsvideo/Audience.csv", "instagram", "audience"),
    ("more/fvelardez/Overview.csv", "tiktok", "daily"),
    ("more/gianyt/Dados da tabela.csv", "youtube", "posts"),
    ("more/gianyt/Dados do gráfico.csv", "youtube", "daily"),
    ("more/htupy/Content.csv", "tiktok", "posts"),
    ("more/htupy/FollowerActivity.csv", "tiktok", "daily"),
    ("more/htupy/FollowerHistory.csv", "tiktok", "daily"),
    ("more/htupy/Overview.csv", "tiktok", "daily"),
    ("more/htupy/Viewers.csv", "tiktok", "daily"),
    ("more/knzlink/Dados da tabela.csv", "youtube", "posts"),
    ("more/koe/account_overview_analytics.csv", "x", "daily"),
    ("more/mh4u/Dec-12-2023_Mar-06-2024_1032418178499222.csv", "facebook", "posts"),
    ("more/oigetit/Audience.csv", "instagram", "audience"),
    ("more/oigetit/Jan-14-2025_Apr-14-2025_1396269028466733.csv", "facebook", "posts"),
    ("more/oigetit/Mar-18-2025_Apr-14-2025_1019826952924933.csv", "instagram", "posts"),
    ("more/oigetit/Mar-18-2025_Apr-14-2025_553302954456165.csv", "facebook", "posts"),
    ("more/oigetit/Reach.csv", "facebook", "daily"),
    ("more/popsci-2024/Alcance.csv", "instagram", "daily"),
    ("more/popsci-2024/Público.csv", "instagram", "audience"),
    ("more/popsci-2025/Público.csv", "instagram", "audience"),
    ("more/popsci-2025/Visualizações.csv", "instagram", "daily"),
    ("more/tanyats/Audience.csv", "instagram", "audience"),
    ("more/timaghost/Table data.csv", "youtube", "posts"),
    ("more/ufscar/Dados da tabela youtube 30-06.csv", "youtube", "posts"),
    ("more/ufscar/dados 30-06 Apr-01-2025_Jun-30-2025_983340097073313.csv", "instagram", "posts"),
    ("more/vintage/IG_FOLLOWS.csv", "instagram", "daily"),
    ("more/weima/Tabellendaten.csv", "youtube", "posts"),
]
#: Platform tables humaskit keeps no table for: refused with one sentence.
NOT_KEPT = ["more/ufscar/trafego_Dados da tabela.csv"]
OWNERS = sorted({e[0].split("/")[1] for e in EXPECTED if e[0].startswith("more/")})

_NUMBER = re.compile(r"^-?[\d.,]*\d[\d.,]*%?$")
_TOTAL = {"total", "gesamt", "totale", "totaal", "jumlah"}


def _records(path) -> list[list[str]]:
    raw = path.read_bytes()
    text = (
        raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
    )
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return [[c.replace("\u00ad", "").strip() for c in r] for r in rows]


def _data_rows(path) -> int:
    """Rows with data as a spreadsheet shows them, counted without humaskit."""
    records = _records(path)
    if records and records[0] and records[0][0].lower().startswith("sep="):
        # Meta block files: a data line holds numbers after its first cell
        n = 0
        for r in records[1:]:
            cells = list(r)
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            rest = cells[1:]
            if rest and all(_NUMBER.match(c) for c in rest):
                n += 1
            elif not rest and _NUMBER.match(cells[0]):
                n += 1
        return n
    body = [r for r in records[1:] if any(c for c in r)]
    body = [r for r in body if r[0].lower() not in _TOTAL]  # YouTube's Total line
    body = [r for r in body if not (sum(1 for c in r if c) == 1 and " " in r[0] and len(r) == 1)]
    return len(body)


@pytest.mark.parametrize("name,platform,kind", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_every_real_file_is_recognised_and_accounted(name, platform, kind):
    path = shared_path("real-exports", *name.split("/"))
    imp = read_export(path)
    assert (imp.platform, imp.kind) == (platform, kind)
    assert imp.rows_in_file == imp.imported + len(imp.skipped)
    assert imp.rows_in_file == _data_rows(path)
    if imp.rows_in_file:
        assert imp.account and imp.account_source in ("file", "unknown")


@pytest.mark.parametrize("name", NOT_KEPT)
def test_tables_humaskit_does_not_keep_are_refused_in_one_sentence(name):
    path = shared_path("real-exports", *name.split("/"))
    with pytest.raises(UnsupportedFile) as exc:
        read_export(path, lang="id")
    msg = str(exc.value)
    assert path.name in msg and msg.count(". ") <= 1 and "Konten" in msg


def test_every_real_file_is_listed_here():
    root = shared_path("real-exports")
    found = {str(p.relative_to(root)) for p in root.rglob("*") if p.suffix != ".md" and p.is_file()}
    assert found == {e[0] for e in EXPECTED} | set(NOT_KEPT)


def test_real_facts_hold():
    fb = read_export(
        shared_path("real-exports", "facebook", "Sep-01-2025_Sep-30-2025_2855862537940540.csv")
    ).table
    first = fb.set_index("post_id").loc["1168834171933140"]
    assert first["published_at"] == pd.Timestamp("2025-09-02 04:13", tz="UTC")  # 21:13 PDT
    assert int(first["views"]) == 1628 and int(first["reach"]) == 923
    yt = read_export(
        shared_path("real-exports", "youtube", "rianaditama0-cobacoba_Table data.csv"),
        account="kanal",
    ).table
    assert "-AJIm0_vluI" in set(yt["post_id"]) and "Total" not in set(yt["post_id"])
    x = read_export(
        shared_path(
            "real-exports", "twitter", "account_analytics_content_2024-11-21_2025-02-19__FG-SC.csv"
        )
    ).table
    pid = 1891564128784855141
    expected = pd.Timestamp((pid >> 22) + 1288834974657, unit="ms", tz="UTC")
    assert x.set_index("post_id").loc[str(pid), "published_at"] == expected
    hist = read_export(
        shared_path("real-exports", "tiktok", "sobatti_FollowerHistory.csv"),
        account="sobat.ti",
        export_date="2026-06-30",
    ).table
    days = hist["date"].drop_duplicates()
    assert len(days) == 365 and days.is_monotonic_increasing  # crosses a new year in order
    assert hist[hist["metric"] == "followers"]["value"].isna().sum() > 0  # 'undefined' is NA


def test_real_localised_files_read_their_values():
    pt = read_export(
        shared_path(
            "real-exports",
            "more",
            "ufscar",
            "dados 30-06 Apr-01-2025_Jun-30-2025_983340097073313.csv",
        )
    ).table
    assert set(pt["post_type"]) == {"reel", "feed", "carousel"}
    assert pt["reach"].notna().sum() == 171 - 23  # collab posts have no reach in the file
    assert pt["likes"].notna().all() and pt["account"].nunique() > 1
    de = read_export(shared_path("real-exports", "more", "weima", "Tabellendaten.csv")).table
    assert de["views"].notna().all() and not de["post_id"].str.startswith(" ").any()
    es = read_export(
        shared_path("real-exports", "more", "fvelardez", "Overview.csv"), export_date="2025-03-20"
    ).table
    assert sorted(es["date"].dt.strftime("%m-%d").unique())[0] == "03-08"
    pub = read_export(shared_path("real-exports", "more", "popsci-2024", "Público.csv")).table
    age = pub[pub["dimension"] == "age_gender"].set_index("segment")["value"]
    assert age["18-24|female"] == pytest.approx(0.239)  # "23,9%"
    two = read_export(shared_path("real-exports", "more", "feadev", "Reach (1).csv")).table
    assert two.groupby("platform")["date"].nunique().to_dict() == {
        "facebook": 1070,
        "instagram": 1070,
    }


@pytest.mark.parametrize("owner", OWNERS)
def test_every_owner_folder_reads_without_error(owner):
    folder = shared_path("real-exports", "more", owner)
    try:
        ws = read_folder(folder)
    except HumaskitError as exc:  # only humaskit's own errors, and none expected here
        pytest.fail(str(exc))
    assert all(i.rows_in_file == i.imported + len(i.skipped) for i in ws.imports)
    assert owner not in ws.accounts_seen()  # the folder given is never an account


def test_whole_tree_keeps_owners_apart():
    if not SHARED.exists():
        pytest.skip("../shared not present")
    ws = read_folder(shared_path("real-exports"))
    assert {"facebook", "instagram", "x", "youtube", "tiktok"} <= set(ws.posts["platform"])
    assert all(i.rows_in_file == i.imported + len(i.skipped) for i in ws.imports)
    by_name = {i.path.split("real-exports/")[1]: i for i in ws.imports}
    assert by_name["more/htupy/Overview.csv"].account == "haileytupy2.0"  # not sobat.ti
    assert by_name["tiktok/sobatti_Overview.csv"].account == "sobat.ti"
    channels = {by_name[n].account for n in by_name if n.endswith(("Table data.csv", "tabela.csv"))}
    assert len(channels) >= 4 and "youtube" not in channels  # one account per channel
    seen = ws.accounts_seen()
    assert not {"youtube", "more", "meta_audience", "tiktok", "facebook"} & set(seen)
    assert by_name["meta_audience/okn_ig_Audience_variantA_956cbac.csv"].account_source in (
        "unknown",
        "folder",
    )
    recognised = [i for i in ws.imports if i.kind not in ("unsupported", "damaged")]
    assert len(recognised) == len(EXPECTED)
