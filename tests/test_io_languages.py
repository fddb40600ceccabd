"""Importers that generalise: UI languages, layouts and vintages beyond the ones seen.

Every file here is small and made up, in the layouts of real exports (see
../shared/real-exports/README.md for the real ones, tested in test_io_real.py).
"""

from __future__ import annotations

import pandas as pd
import pytest
from fixtures_io import csv_text, write_meta_audience, write_text

from humaskit.errors import HumaskitError
from humaskit.io import lookup, read_export, read_folder
from humaskit.io.times import month_day_year

LANGUAGES = ("id", "en", "pt", "es", "fr", "de", "it", "nl", "sv", "tr", "vi", "th", "ms", "tl")
#: The columns each platform's main exports cannot do without, per reader.
KEY_COLUMNS = [
    ("meta", "posts", ("post_id", "published_at", "permalink", "post_type", "views", "reach")),
    ("meta", "posts", ("likes", "comments", "shares", "text")),
    ("meta", "daily", ("date", "value")),
    ("meta", "audience", ("age", "gender", "city", "country")),
    ("youtube", "posts", ("post_id", "text", "published_day", "views", "watch_time_h")),
    ("youtube", "posts", ("subscribers", "impressions", "ctr_pct", "likes", "comments")),
    ("youtube", "daily", ("date", "views")),
    ("tiktok", "daily", ("date", "video_views", "profile_views", "likes", "followers")),
    ("tiktok", "posts", ("text", "permalink", "published_day", "views", "likes")),
]


def _vocabulary() -> dict[tuple[str, str, str], dict[str, list[str]]]:
    out: dict = {}
    for row in lookup._columns():
        plats = lookup.PLATFORM_FAMILY.get(row["platform"], (row["platform"],))
        key = (row["platform"] if row["platform"] in ("youtube", "tiktok") else "meta", *plats[:0])
        out.setdefault((key[0], row["kind"], row["canonical"]), {}).setdefault(
            row["language"], []
        ).append(row["header"])
    return out


@pytest.mark.parametrize("family,kind,names", KEY_COLUMNS)
def test_key_columns_are_known_in_every_ui_language(family, kind, names):
    vocab = _vocabulary()
    missing = [
        (name, lang)
        for name in names
        for lang in LANGUAGES
        if lang not in vocab.get((family, kind, name), {})
    ]
    assert not missing, missing


def test_month_names_come_from_cldr_in_any_language():
    got = month_day_year(
        pd.Series(
            [
                "8 de marzo",  # es
                "15 de março de 2025",  # pt
                "3. März 2025",  # de
                "1 mars 2025",  # fr
                "12 ottobre 2025",  # it
                "5 mei 2025",  # nl
                "7 maj 2025",  # sv
                "9 Ağustos 2025",  # tr
                "8 thg 3, 2025",  # vi
                "8 มี.ค. 2568",  # th, Buddhist year
                "17 Ogos 2025",  # ms
                "4 Marso 2025",  # tl (Filipino)
                "30 Juni",  # id, no year
                "4 listopada 2025",  # pl: outside the usual list
            ]
        )
    )
    assert got["month"].tolist() == [3, 3, 3, 3, 10, 5, 5, 8, 3, 3, 8, 3, 6, 11]
    assert got["day"].tolist() == [8, 15, 3, 1, 12, 5, 7, 9, 8, 8, 17, 4, 30, 4]
    assert got["year"].tolist()[-5:] == [2025, 2025, 2025, pd.NA, 2025]


# --------------------------------------------------------------------------- Meta posts

PT_HEADER = [
    "Identificação da publicação",
    "Identificação da conta",
    "Nome de usuário da conta",
    "Nome da conta",
    "Descrição",
    "Horário de publicação",
    "Link permanente",
    "Tipo de publicação",
    "Data",
    "Visualizações",
    "Curtidas",
    "Compartilhamentos",
    "Comentários",
    "Salvamentos",
    "Alcance",
    "Seguimentos",
    "Coluna nova da Meta",
]


def test_meta_posts_in_portuguese_with_an_unknown_column(tmp_path):
    rows = [
        ["181", "178", "pemkot", "Pemkot", "Olá", "06/30/2025 09:00",
         "https://www.instagram.com/reel/A/", "Reel do Instagram", "Vitalício",
         "1323", "19", "1", "1", "0", "900", "", "x"],
        ["182", "178", "pemkot", "Pemkot", "Foto", "06/29/2025 18:30",
         "https://www.instagram.com/p/B/", "Imagem do Instagram", "Vitalício",
         "50", "3", "0", "0", "1", "", "2", "y"],
    ]  # fmt: skip
    p = write_text(tmp_path / "dados.csv", csv_text(PT_HEADER, rows), encoding="utf-8-sig")
    imp = read_export(p, lang="en")
    t = imp.table.set_index("post_id")
    assert (imp.platform, imp.kind, imp.rows_in_file, imp.imported) == ("instagram", "posts", 2, 2)
    assert t.loc["181", "post_type"] == "reel" and t.loc["182", "post_type"] == "feed"
    assert int(t.loc["181", "reach"]) == 900 and pd.isna(t.loc["182", "reach"])
    assert t.loc["181", "published_at"] == pd.Timestamp("2025-06-30 16:00", tz="UTC")
    assert imp.account == "pemkot" and imp.account_source == "file"
    unknown = [n for n in imp.notes if "Coluna nova da Meta" in n]
    assert len(unknown) == 1  # the unknown column is named in one note, not a rejection


@pytest.mark.parametrize(
    "header",
    [
        ["ID de la publicación", "Hora de publicación", "Enlace permanente", "Alcance", "Me gusta"],
        ["Beitrags-ID", "Veröffentlichungszeitpunkt", "Permalink", "Reichweite", "Kommentare"],
        ["ID bài viết", "Thời gian đăng", "Liên kết cố định", "Lượt tiếp cận", "Bình luận"],
        ["ID Hantaran", "Masa terbitan", "Pautan kekal", "Capaian", "Komen"],
        ["Gönderi kimliği", "Yayınlanma zamanı", "Kalıcı bağlantı", "Erişim", "Yorumlar"],
    ],
    ids=["es", "de", "vi", "ms", "tr"],
)
def test_meta_posts_in_other_languages(tmp_path, header):
    rows = [["1_2", "09/01/2025 10:00", "https://www.facebook.com/p/2", "50", "4"]]
    imp = read_export(write_text(tmp_path / "posts.csv", csv_text(header, rows)), account="a")
    assert (imp.platform, imp.kind, imp.imported) == ("facebook", "posts", 1)


def test_meta_posts_are_never_taken_for_x_when_links_say_facebook(tmp_path):
    # X's Indonesian "ID postingan"/"Tautan" are also Meta words: the links decide
    header = ["ID postingan", "Tautan", "Teks", "Waktu", "Tayangan"]
    rows = [
        [f"12{i}_9{i}", f"https://www.facebook.com/humas/posts/9{i}", "Info", "x", "5"]
        for i in range(5)
    ]
    p = write_text(tmp_path / "ekspor.csv", csv_text(header, rows))
    try:
        imp = read_export(p)
    except HumaskitError:
        return  # refused is fine; read as X is not
    assert imp.platform != "x"


# --------------------------------------------------------------------------- legacy Insights

LEGACY_POST_HEADER = ["Post ID", "Permalink", "Post Message", "Type", "Countries", "Languages",
                      "Posted", "Audience Targeting", "Lifetime Post Total Reach",
                      "Lifetime Post Total Impressions", "Lifetime Engaged Users"]  # fmt: skip
LEGACY_POST_DESC = ["", "", "", "", "", "", "", "",
                    "Lifetime: The number of people who had your Page's post enter their screen. (Unique Users)",
                    "Lifetime: The number of times your Page's post entered a person's screen. (Total Count)",
                    "Lifetime: The number of unique people who engaged in certain ways with your Page post. (Unique Users)"]  # fmt: skip
LEGACY_POST_DATA = [
    ["10_1", "https://www.facebook.com/10/posts/1", "Halo warga", "Photo", "", "",
     "2017-07-22T05:30:00.000", "", 500, 800, 40],
    ["10_2", "https://www.facebook.com/10/posts/2", "Video banjir", "Video", "", "",
     "2017-07-21T17:00:00.000", "", 900, 1200, 70],
]  # fmt: skip


def test_legacy_insights_workbook_is_read_from_its_key_metrics_sheet(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    other = wb.active
    other.title = "Lifetime Post Stories by act..."
    other.append(["Post ID", "Permalink", "Post Message", "Type", "Posted", "like", "comment"])
    other.append(["", "", "", "", "", "Lifetime: stories about your post, by action", ""])
    other.append(["10_1", "https://www.facebook.com/10/posts/1", "Halo", "Photo",
                  "2017-07-22T05:30:00.000", 3, 1])  # fmt: skip
    key = wb.create_sheet("Key Metrics")
    for row in (LEGACY_POST_HEADER, LEGACY_POST_DESC, *LEGACY_POST_DATA):
        key.append(row)
    p = tmp_path / "Facebook Insights Data Export (Post Level) - Humas - 2017-07-23.xlsx"
    wb.save(p)
    imp = read_export(p, account="humas")
    t = imp.table.set_index("post_id")
    assert (imp.platform, imp.kind, imp.rows_in_file, imp.imported) == ("facebook", "posts", 2, 2)
    assert int(t.loc["10_1", "reach"]) == 500 and int(t.loc["10_2", "impressions"]) == 1200
    assert t.loc["10_1", "text"] == "Halo warga"  # not a metric description
    assert t.loc["10_1", "published_at"] == pd.Timestamp("2017-07-22 12:30", tz="UTC")  # PDT


def test_legacy_insights_spreadsheetml_xls_with_millisecond_times(tmp_path):
    def cell(v):
        if v == "":
            return "<Cell/>"
        kind = "Number" if isinstance(v, int) else "String"
        if isinstance(v, str) and v.startswith("2017-"):
            kind = "DateTime"
        return f'<Cell><Data ss:Type="{kind}">{v}</Data></Cell>'

    table = (LEGACY_POST_HEADER, LEGACY_POST_DESC, *LEGACY_POST_DATA)
    rows = "".join("<Row>" + "".join(cell(v) for v in r) + "</Row>" for r in table)
    xml = (
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
        ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<Worksheet ss:Name="Key Metrics"><Table>{rows}</Table></Worksheet></Workbook>'
    )
    imp = read_export(write_text(tmp_path / "insights.xls", xml), account="humas")
    assert imp.kind == "posts" and imp.imported == 2 and imp.accounted


def test_legacy_insights_page_level_is_a_daily_series(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Key Metrics"
    ws.append(["Date", "Lifetime Total Likes", "Daily New Likes", "Daily Total Reach", "Odd"])
    ws.append(["", "Lifetime: The total number of people who have liked your Page.",
               "Daily: The number of new people who have liked your Page.",
               "Daily: The number of people who had any content from your Page.", "?"])  # fmt: skip
    ws.append(["2017-07-01", 1200, 3, 450, 1])
    ws.append(["2017-07-02", 1203, 4, 380, 2])
    p = tmp_path / "Facebook Insights Data Export - Humas - 2017-07-03.xlsx"
    wb.save(p)
    imp = read_export(p, account="humas")
    assert (imp.platform, imp.kind, imp.rows_in_file, imp.imported) == ("facebook", "daily", 2, 2)
    assert set(imp.table["metric"]) == {"followers", "follows", "reach"}
    assert any("Odd" in n for n in imp.notes)


# --------------------------------------------------------------------------- Meta blocks


def test_meta_daily_two_blocks_sparse_days_and_mislabelled_header(tmp_path):
    p = write_meta_audience(
        tmp_path / "Page and profile visits.csv",
        [
            ("Facebook Page visits", [["Date", "Facebook Page likes"],
                                      ["2025-01-01T00:00:00", "3"], ["2025-01-02T00:00:00", "4"]]),
            ("Instagram profile visits", [["Date", "Instagram followers"],
                                          ["2025-01-01T00:00:00", "7"], ["2025-01-05T00:00:00", "1"]]),
        ],
    )  # fmt: skip
    imp = read_export(p, account="humas", lang="en")
    t = imp.table
    assert imp.kind == "daily" and imp.rows_in_file == 4 and imp.accounted
    assert set(t["metric"]) == {"visits"}  # the titles, not the value headers
    assert t.groupby("platform").size().to_dict() == {"facebook": 2, "instagram": 2}
    assert any("3 days" in n for n in imp.notes)  # Jan 2-4 are not in the Instagram block


@pytest.mark.parametrize(
    "title,header,metric",
    [
        ("Alcance do Instagram", ("Data", "Primary"), "reach"),
        ("Visualizações", ("Data", "Primary"), "views"),
        ("Couverture Instagram", ("Date", "Principal"), "reach"),
        ("Instagram-Follower", ("Datum", "Primär"), "followers"),
        ("Lượt tiếp cận trên Instagram", ("Ngày", "Chính"), "reach"),
        ("Jangkauan Instagram", ("Tanggal", "Utama"), "reach"),
    ],
)
def test_meta_daily_titles_in_other_languages(tmp_path, title, header, metric):
    p = write_meta_audience(
        tmp_path / "serie.csv", [(title, [list(header), ["2025-02-01T00:00:00", "12"]])]
    )
    imp = read_export(p, account="humas")
    assert imp.kind == "daily" and imp.table["metric"].tolist() == [metric]
    assert imp.platform == "instagram"


def test_meta_audience_wide_blocks_in_any_order_and_language(tmp_path):
    p = write_meta_audience(
        tmp_path / "Público.csv",
        [
            ("Principais cidades", [["Santa Maria, RS", "Porto Alegre, RS"], ["68.5", "1.7"]]),
            ("Faixa etária e gênero", [["", "Homens", "Mulheres"], ["18-24", "11.9", "21"],
                                       ["25-34", "17.4", "20.3"]]),
            ("Principais países", [["Brasil", "Argentina"], ["97.4", "0.3"]]),
        ],
    )  # fmt: skip
    imp = read_export(p, platform="instagram", account="popsci", export_date="2025-09-14")
    t = imp.table
    assert imp.rows_in_file == 1 + 2 + 1 and imp.accounted  # a wide line is one row
    assert t.groupby("dimension").size().to_dict() == {"age_gender": 4, "city": 2, "country": 2}
    age = t[t["dimension"] == "age_gender"].set_index("segment")["value"]
    assert age["18-24|male"] == pytest.approx(0.119) and age["25-34|female"] == pytest.approx(0.203)


def test_meta_audience_raw_keys_empty_blocks_and_percent_commas(tmp_path):
    p = write_meta_audience(
        tmp_path / "Audience.csv",
        [
            ("Facebook followers", [["FB_PAGE,FOLLOW,UNIQUE_USERS"], ["0"]]),
            ("Instagram followers", [["IG_ACCOUNT,FOLLOW,UNIQUE_USERS"], ["563"]]),
            ("Facebook followers by gender and age", []),
            ("Instagram followers by top cities", [["Top towns/cities", "Value"],
                                                   ["Semarang", "23,9%"], ["Kendal", "1,2%"]]),
        ],
    )  # fmt: skip
    imp = read_export(p, account="humas", export_date="2025-09-30", lang="en")
    t = imp.table
    assert imp.platform == "instagram" and imp.rows_in_file == 2 + 2 and imp.accounted
    assert t.set_index("segment")["value"]["Semarang"] == pytest.approx(0.239)
    assert any("563" in n for n in imp.notes)


# --------------------------------------------------------------------------- YouTube


def test_youtube_german_soft_hyphens_leading_space_ids_and_footer(tmp_path):
    shy = "\u00ad"
    header = [f"Vi{shy}deo", f"Vi{shy}deo{shy}ti{shy}tel",
              f"Ver{shy}öf{shy}fent{shy}li{shy}chungs{shy}zeit{shy}punkt des Vi{shy}de{shy}os",
              f"Auf{shy}ru{shy}fe", f"Wie{shy}der{shy}ga{shy}be{shy}zeit (Stun{shy}den)"]  # fmt: skip
    text = csv_text(
        header,
        [
            [f"Ge{shy}samt", "", "", "300", "10.5"],
            [" -abcdefghij", "Maschine", "Aug 19, 2011", "200", "7.25"],
            ["klmnopqrstu", "Holz", "Mar 3, 2020", "100", "3.25"],
            [f"Die 500 be{shy}sten Er{shy}geb{shy}nis{shy}se wer{shy}den an{shy}ge{shy}zeigt"],
        ],
    )
    imp = read_export(write_text(tmp_path / "Tabellendaten.csv", text), account="weima")
    t = imp.table.set_index("post_id")
    assert (imp.kind, imp.rows_in_file, imp.imported) == ("posts", 2, 2)
    assert int(t.loc["-abcdefghij", "watch_time_s"]) == int(7.25 * 3600)


def test_youtube_chart_data_in_portuguese_is_daily(tmp_path):
    header = ["Data", "Conteúdo", "Título do vídeo", "Horário de publicação do vídeo",
              "Receita estimada (USD)"]  # fmt: skip
    rows = [["2023-01-01", "abcdefghijk", "Vídeo", "Jun 21, 2023", "0.5"],
            ["2023-01-02", "abcdefghijk", "Vídeo", "Jun 21, 2023", "0.25"]]  # fmt: skip
    imp = read_export(write_text(tmp_path / "Dados do gráfico.csv", csv_text(header, rows)))
    assert (imp.platform, imp.kind, imp.rows_in_file, imp.imported) == ("youtube", "daily", 2, 2)
    assert set(imp.table["metric"]) == {"post_estimated_revenue"}


def test_youtube_geography_table_is_audience(tmp_path):
    text = "Geografia,Visualizações\nTotal,100\nBR,75\nNA,25\n"  # NA is Namibia
    imp = read_export(write_text(tmp_path / "Dados da tabela.csv", text), account="kanal")
    t = imp.table.set_index("segment")["value"]
    assert imp.kind == "audience" and imp.rows_in_file == 2
    assert t["BR"] == pytest.approx(0.75) and t["NA"] == pytest.approx(0.25)


# --------------------------------------------------------------------------- TikTok


def test_tiktok_spanish_dates_and_an_unknown_metric(tmp_path):
    header = ["Fecha", "Visualizaciones de videos", "Visualizaciones del perfil", "Me gusta",
              "Métrica nueva"]  # fmt: skip
    rows = [["8 de marzo", "0", "0", "0", "1"], ["9 de marzo", "3", "1", "0", "2"]]
    p = write_text(tmp_path / "Overview.csv", csv_text(header, rows, quote_all=True))
    imp = read_export(p, account="u", export_date="2025-03-20", lang="en")
    assert (imp.platform, imp.kind, imp.rows_in_file, imp.imported) == ("tiktok", "daily", 2, 2)
    assert imp.table["date"].min() == pd.Timestamp("2025-03-08")
    assert sum("Métrica nueva" in n for n in imp.notes) == 1


def test_tiktok_undated_series_is_refused_not_crashed(tmp_path):
    p = write_text(tmp_path / "Overview.csv", csv_text(["Date", "Video Views"], [["?", "1"]]))
    imp = read_export(p, account="u", export_date="2025-03-20")
    assert imp.rows_in_file == 1 and len(imp.skipped) == 1  # no IndexError


# --------------------------------------------------------------------------- folders


def _tiktok_series(path, views="1"):
    rows = [["March 1", views, "0", "0", "0", "0"]]
    header = ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
    return write_text(path, csv_text(header, rows))


def _tiktok_content(path, user):
    header = ["Time", "Video title", "Video link", "Post time", "Total likes", "Total views"]
    rows = [["March 2", "Halo", f"https://www.tiktok.com/@{user}/video/7340000000000000001",
             "March 1", "3", "30"]]  # fmt: skip
    return write_text(path, csv_text(header, rows))


def test_accounts_from_file_subfolder_or_unknown_never_a_folder_name(tmp_path):
    _tiktok_content(tmp_path / "dinas_a" / "Content.csv", "dinas.a")
    _tiktok_series(tmp_path / "dinas_a" / "Overview.csv")
    _tiktok_series(tmp_path / "dinas_b" / "Overview.csv")  # no Content: the sub-folder names it
    _tiktok_series(tmp_path / "pagelevel_daily" / "Overview.csv")  # a download word, no account
    _tiktok_content(tmp_path / "campur" / "Content.csv", "dinas.c")
    _tiktok_content(tmp_path / "campur" / "Content (1).csv", "dinas.d")
    _tiktok_series(tmp_path / "campur" / "Overview.csv")  # two owners: do not guess
    ws = read_folder(tmp_path, export_date="2025-03-03", lang="en")
    got = {i.path.split(tmp_path.name + "/")[1]: (i.account, i.account_source) for i in ws.imports}
    assert got["dinas_a/Overview.csv"] == ("dinas.a", "folder")
    assert got["dinas_b/Overview.csv"] == ("dinas_b", "folder")
    assert got["pagelevel_daily/Overview.csv"][1] == "unknown"
    assert got["campur/Overview.csv"][1] == "unknown"
    assert got["campur/Content.csv"] == ("dinas.c", "file")
    assert "pagelevel_daily" not in ws.accounts_seen() and "campur" not in ws.accounts_seen()


def test_two_youtube_channels_stay_two_accounts(tmp_path):
    text = (
        'Content,Video title,Video publish time,Views\nTotal,,,5\nabcdefghijk,A,"Sep 1, 2025",5\n'
    )
    write_text(tmp_path / "youtube" / "Table data.csv", text)
    write_text(tmp_path / "kanal_b" / "Table data.csv", text.replace("abcdefghijk", "bbbbbbbbbbb"))
    write_text(tmp_path / "yt" / "Table data.csv", text.replace("abcdefghijk", "ccccccccccc"))
    ws = read_folder(tmp_path)
    accounts = {i.account for i in ws.imports}
    assert len(accounts) == 3 and "youtube" not in accounts and "kanal_b" in accounts
    assert {"?youtube/Table data", "?yt/Table data"} <= accounts  # unknown, but not merged


def test_one_reader_bug_does_not_take_the_folder_down(tmp_path, monkeypatch):
    from humaskit.io import tiktok

    _tiktok_series(tmp_path / "Overview.csv")
    write_text(
        tmp_path / "x.csv", "platform,account,date,metric,value\nx,humas,2025-09-01,followers,1\n"
    )

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(tiktok.DAILY, "read", broken)
    ws = read_folder(tmp_path, lang="en")
    bad = [i for i in ws.imports if i.kind == "damaged"]
    assert len(bad) == 1 and "Overview.csv" in bad[0].notes[0] and "KeyError" in bad[0].notes[0]
    assert len(ws.daily) == 1


def test_impor_shows_the_account_and_how(tmp_path):
    from humaskit.cli import impor_text

    _tiktok_content(tmp_path / "Content.csv", "dinas.a")
    _tiktok_series(tmp_path / "Overview.csv")
    _tiktok_series(tmp_path / "dinas_c" / "data" / "Overview.csv")
    ws = read_folder(tmp_path, export_date="2025-03-03")
    text = impor_text(ws, folder="unduhan", lang="id")
    assert "Akun: dinas.a (dari isi berkas)" in text and "Akun: dinas.a (dari folder)" in text
    assert "Akun: dinas_c (dari folder)" in text


def test_meta_posts_in_an_unlisted_language_are_recognised_by_their_values(tmp_path):
    header = [
        "Identyfikator posta",
        "Czas publikacji",
        "Link bezpośredni",
        "Typ posta",
        "Zasięg",
        "Reakcje",
    ]  # fmt: skip  (Polish: no vocabulary lists it)
    rows = [
        ["1234567890_111", "09/01/2025 10:00", "https://www.facebook.com/humas/posts/111",
         "Photos", "50", "4"],
        ["1234567890_112", "09/02/2025 21:15", "https://www.facebook.com/humas/posts/112",
         "Reels", "70", "9"],
    ]  # fmt: skip
    p = write_text(tmp_path / "posty.csv", csv_text(header, rows), encoding="utf-8-sig")
    imp = read_export(p, account="humas", lang="en")
    t = imp.table.set_index("post_id")
    assert (imp.platform, imp.kind, imp.rows_in_file, imp.imported) == ("facebook", "posts", 2, 2)
    assert t.loc["1234567890_112", "post_type"] == "reel"
    assert t.loc["1234567890_111", "published_at"] == pd.Timestamp("2025-09-01 17:00", tz="UTC")
    assert any("Zasięg" in n for n in imp.notes)  # the columns it could not name are listed


def test_a_table_that_cannot_be_merged_is_reported_not_raised(tmp_path, monkeypatch):
    from humaskit.io import readers

    _tiktok_series(tmp_path / "a" / "Overview.csv")
    _tiktok_series(tmp_path / "b" / "Overview.csv")
    real = readers._merge

    def picky(kind, frames):
        if len(frames) > 1:
            raise TypeError("cannot merge")
        return real(kind, frames)

    monkeypatch.setattr(readers, "_merge", picky)
    ws = read_folder(tmp_path, export_date="2025-03-03", lang="en")
    assert [i.kind for i in ws.imports].count("damaged") == 1 and len(ws.daily) == 5


def test_meta_rows_missing_their_last_columns_are_kept(tmp_path):
    header = ["Post ID", "Page name", "Publish time", "Permalink", "Views", "Reach",
              "Reactions", "Comments", "Shares", "Total clicks", "Link Clicks", "Other Clicks"]  # fmt: skip
    full = ["11", "Humas", "01/15/2025 10:00", "https://www.facebook.com/h/posts/11",
            "10", "8", "1", "0", "0", "2", "1", "1"]  # fmt: skip
    old = [
        "12",
        "Humas",
        "01/14/2025 10:00",
        "https://www.facebook.com/h/posts/12",
        "5",
        "4",
        "0",
        "0",
        "0",
    ]  # fmt: skip  (an older post: the last 3 columns not written)
    p = write_text(tmp_path / "posts.csv", csv_text(header, [full, old]), encoding="utf-8-sig")
    imp = read_export(p)
    t = imp.table.set_index("post_id")
    assert imp.imported == 2 and int(t.loc["12", "reach"]) == 4 and pd.isna(t.loc["12", "clicks"])
