import importlib

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import humaskit as hk
from humaskit import DamagedFile, DataNotFound, ParameterError, SchemaError, UnsupportedFile
from humaskit.files.register import read_register, write_register
from humaskit.i18n import label
from humaskit.influencers import (
    add,
    collaboration_results,
    communities,
    coordination,
    mention_graph,
    opinion_leaders,
    rank_partners,
    register,
    update,
)
from humaskit.plots.influencers import plot_collaborations, plot_leaderboard, plot_network
from humaskit.teaching.influencers import (
    check_partner_without_budget,
    check_top_candidate,
    explore_partners,
    filter_options,
)

network = importlib.import_module("humaskit.influencers.network")

# ---------------------------------------------------------------------------------------
# Synthetic data built here (seeded): a register, posts, and a conversation with planted
# leaders and one planted coordinated cluster.
# ---------------------------------------------------------------------------------------

LEADERS = ["kabar_kota", "kang_budi", "ani.jurnalis", "pakrt_05", "mbak_sehat"]
CLUSTER = [f"baru_{i:02d}" for i in range(15)]


def _register_tables():
    inf = pd.DataFrame(
        {
            "handle": ["@Kang_Budi", "kang_budi", "ani.jurnalis", "mbak_sehat", "kuliner_kota"],
            "platform": ["x", "instagram", "x", "instagram", "instagram"],
            "name": ["Budi Santoso", "Budi  santoso", "Ani", "Sari Nakes", "Kuliner Kota"],
            "role": [
                "influencer",
                "influencer",
                "citizen_journalist",
                "brand_ambassador",
                "influencer",
            ],
            "followers": [12000, 30000, 4000, 9000, 80000],
            "topics": [
                "jalan, banjir",
                "jalan, kuliner",
                "kesehatan, bansos",
                "kesehatan",
                "kuliner, umkm",
            ],
            "region": ["Sukamaju", "Sukamaju", "Sukamaju", "Sukamaju", "Bandung"],
            "relation": ["unpaid", "unpaid", "unpaid", "barter", "paid"],
        }
    )
    col = pd.DataFrame(
        {
            "date": ["2025-08-01", "2025-08-20", "2025-09-02", "2025-09-10", "2025-09-12"],
            "handle": ["kang_budi", "kang_budi", "mbak_sehat", "kuliner_kota", "ani.jurnalis"],
            "platform": ["instagram", "instagram", "instagram", "instagram", "x"],
            "campaign": [
                "Jalan Mulus",
                "Jalan Mulus",
                "Ayo Imunisasi",
                "UMKM Naik Kelas",
                "Bansos Tepat",
            ],
            "post_id": ["p1", "p2", "p3", "p4", "m_ani_1"],
            "reward": ["kaos", "jam tangan", "kaos", "honor", None],
            "cost": [0, 150000, 0, 2000000, 0],
        }
    )
    return inf, col


def _posts():
    rng = np.random.default_rng(5)
    n = 12
    owners = ["kang_budi"] * 6 + ["mbak_sehat"] * 3 + ["kuliner_kota"] * 3
    reach = rng.integers(1000, 5000, n)
    likes = (reach * rng.uniform(0.02, 0.05, n)).astype(int)
    df = pd.DataFrame(
        {
            "platform": "instagram",
            "account": owners,
            "post_id": ["p1", "p2", "q1", "q2", "q3", "q4", "p3", "q5", "q6", "p4", "q7", "q8"],
            "published_at": pd.date_range("2025-08-01", periods=n, freq="5D", tz="UTC"),
            "post_type": "reel",
            "reach": reach,
            "likes": likes,
            "comments": rng.integers(0, 40, n),
            "shares": rng.integers(0, 20, n),
            "text": "info jalan dan kesehatan warga",
        }
    )
    df.loc[df["post_id"] == "p1", "likes"] = 900  # the collaboration did very well
    return df


def _conversation(seed: int = 11, n_citizens: int = 700, n_rows: int = 5000):
    rng = np.random.default_rng(seed)
    citizens = np.array([f"warga{i:04d}" for i in range(n_citizens)])
    popular = rng.pareto(1.3, n_citizens) + 1
    activity = rng.zipf(1.8, n_citizens).astype(float)
    author = rng.choice(citizens, n_rows, p=activity / activity.sum())
    to_leader = rng.random(n_rows) < 0.22
    leader_w = np.array([0.3, 0.25, 0.2, 0.15, 0.1])
    target = np.where(
        to_leader,
        rng.choice(LEADERS, n_rows, p=leader_w),
        rng.choice(citizens, n_rows, p=popular / popular.sum()),
    )
    how = rng.choice(["to_author", "mentioned", "reply"], n_rows, p=[0.4, 0.4, 0.2])
    t0 = pd.Timestamp("2025-07-01", tz="UTC")
    minutes = np.sort(rng.integers(0, 92 * 24 * 60, n_rows))
    topics = np.array(
        [
            "jalan rusak berlubang dekat pasar",
            "sampah menumpuk di tps",
            "antrean puskesmas panjang sekali",
            "terima kasih pelayanan cepat",
            "izin usaha lama sekali prosesnya",
            "lampu jalan mati sejak minggu",
        ]
    )
    words = np.array(
        [
            "tolong",
            "segera",
            "pak",
            "kapan",
            "mohon",
            "dicek",
            "lagi",
            "wilayah",
            "kami",
            "ya",
            "sudah",
            "lama",
        ]
    )
    texts = [
        f"{topics[rng.integers(0, len(topics))]} {' '.join(rng.choice(words, 3))} {i}"
        for i in range(n_rows)
    ]
    m = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkotsukamaju",
            "mention_id": [f"m{i}" for i in range(n_rows)],
            "kind": "mention",
            "created_at": t0 + pd.to_timedelta(minutes, unit="min"),
            "author": author,
            "author_followers": rng.integers(50, 3000, n_rows),
            "text": texts,
            "in_reply_to": None,
            "to_author": None,
            "mentioned": None,
            "author_type": "citizen",
            "author_created_at": pd.Timestamp("2018-01-01", tz="UTC"),
        }
    )
    m.loc[how == "to_author", "to_author"] = target[how == "to_author"]
    m.loc[how == "mentioned", "mentioned"] = [
        "@" + x + " @pemkotsukamaju" for x in target[how == "mentioned"]
    ]
    # a reply to an earlier mention written by the target (when there is one)
    first_by = pd.Series(np.arange(n_rows), index=author).groupby(level=0).min()
    reply = np.flatnonzero(how == "reply")
    ref = pd.Series(target[reply]).map(first_by)
    ok = ref.notna().to_numpy()
    m.loc[reply[ok], "in_reply_to"] = ["m" + str(int(x)) for x in ref[ok]]
    m.loc[reply[~ok], "in_reply_to"] = "post_123"
    # leaders write too (one row each) and are media / public figures or citizens
    extra = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkotsukamaju",
            "mention_id": [f"L{i}" for i in range(len(LEADERS))],
            "kind": "mention",
            "created_at": t0,
            "author": LEADERS,
            "author_followers": 20000,
            "text": [
                f"kabar {w} dari {h}"
                for w, h in zip(
                    ["jalan", "banjir", "bansos", "rt", "imunisasi"], LEADERS, strict=True
                )
            ],
            "in_reply_to": None,
            "to_author": None,
            "mentioned": "@pemkotsukamaju",
            "author_type": ["media", "influencer", "citizen", "citizen", "influencer"],
            "author_created_at": pd.Timestamp("2016-01-01", tz="UTC"),
        }
    )
    # the planted cluster: 15 new, low-follower accounts, near-same text, 6 minutes
    base = pd.Timestamp("2025-08-20 13:00", tz="UTC")
    msg = "Jembatan Cibeureum ambruk karena dana proyek dikorupsi, pemkot diam saja"
    variants = [msg, msg + "!!!", msg.replace("diam saja", "diam aja"), "VIRALKAN! " + msg]
    cluster = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkotsukamaju",
            "mention_id": [f"c{i}" for i in range(len(CLUSTER))],
            "kind": "mention",
            "created_at": [base + pd.Timedelta(seconds=25 * i) for i in range(len(CLUSTER))],
            "author": CLUSTER,
            "author_followers": rng.integers(0, 60, len(CLUSTER)),
            "text": [f"@pemkotsukamaju {variants[i % 4]}" for i in range(len(CLUSTER))],
            "in_reply_to": None,
            "to_author": None,
            "mentioned": "@pemkotsukamaju",
            "author_type": "citizen",
            "author_created_at": base - pd.Timedelta(days=12),
        }
    )
    # decoys: the same thank-you text spread over 12 days; different texts in one burst
    decoy1 = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkotsukamaju",
            "mention_id": [f"d{i}" for i in range(12)],
            "kind": "mention",
            "created_at": [
                pd.Timestamp("2025-09-01", tz="UTC") + pd.Timedelta(days=i) for i in range(12)
            ],
            "author": citizens[:12],
            "author_followers": 500,
            "text": "terima kasih pemkot sukamaju atas pelayanan yang cepat dan ramah",
            "in_reply_to": None,
            "to_author": None,
            "mentioned": None,
            "author_type": "citizen",
            "author_created_at": pd.Timestamp("2018-01-01", tz="UTC"),
        }
    )
    burst = pd.Timestamp("2025-09-05 02:00", tz="UTC")
    decoy2 = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkotsukamaju",
            "mention_id": [f"e{i}" for i in range(8)],
            "kind": "mention",
            "created_at": [burst + pd.Timedelta(seconds=30 * i) for i in range(8)],
            "author": citizens[20:28],
            "author_followers": 10,
            "text": [
                f"{topics[i % len(topics)]} {words[i]} {words[-i]} nomor {i}" for i in range(8)
            ],
            "in_reply_to": None,
            "to_author": None,
            "mentioned": None,
            "author_type": "citizen",
            "author_created_at": burst - pd.Timedelta(days=5),
        }
    )
    out = pd.concat([m, extra, cluster, decoy1, decoy2], ignore_index=True)
    return hk.schema.validate(out, "mentions")


@pytest.fixture(scope="module")
def conversation():
    return _conversation()


@pytest.fixture(scope="module")
def graph(conversation):
    return mention_graph(conversation)


# ---------------------------------------------------------------------------------------
# Register
# ---------------------------------------------------------------------------------------


def test_register_links_one_person_across_platforms_by_handle_or_name():
    inf, col = _register_tables()
    reg = register(inf, col)
    pid = dict(
        zip(
            zip(reg.influencers["handle"], reg.influencers["platform"], strict=True),
            reg.influencers["person_id"],
            strict=True,
        )
    )
    assert pid[("kang_budi", "x")] == pid[("kang_budi", "instagram")]
    assert len(set(pid.values())) == 4
    assert reg.influencers["handle"].tolist()[0] == "kang_budi"  # normalised
    # linked by name when the handles differ
    inf2 = pd.DataFrame(
        {
            "handle": ["sari_ig", "sari_tt"],
            "platform": ["instagram", "tiktok"],
            "name": ["Sari Nakes", "sari  nakes"],
            "role": ["staff", "staff"],
        }
    )
    assert register(inf2).influencers["person_id"].nunique() == 1


def test_register_keeps_ids_and_never_merges_two_people_the_team_told_apart():
    inf = pd.DataFrame(
        {
            "handle": ["budi_a", "budi_b", "budi_c"],
            "platform": ["x"] * 3,
            "name": ["Budi"] * 3,
            "role": ["influencer"] * 3,
            "person_id": ["P007", "P009", None],
        }
    )
    ids = register(inf).influencers["person_id"].tolist()
    assert ids[0] == "P007" and ids[1] == "P009"
    assert ids[2] in ("P007", "P009")  # joined one of them by name, not a new id


def test_register_does_not_change_its_input_and_ids_stay_after_adding():
    inf, col = _register_tables()
    before = inf.copy()
    reg = register(inf, col)
    pd.testing.assert_frame_equal(inf, before)
    more = add(
        reg,
        influencers={"handle": "baru", "platform": "tiktok", "name": "Baru", "role": "influencer"},
    )
    old = reg.influencers.set_index(["handle", "platform"])["person_id"]
    new = more.influencers.set_index(["handle", "platform"])["person_id"]
    assert (new.reindex(old.index) == old).all()
    assert new[("baru", "tiktok")] not in set(old)


@pytest.mark.parametrize("lang,word", [("id", "baris"), ("en", "rows")])
def test_duplicate_handle_on_one_platform_is_an_error_naming_the_rows(lang, word):
    inf, _ = _register_tables()
    dup = pd.concat([inf, inf.iloc[[2]]], ignore_index=True)
    with pytest.raises(SchemaError) as exc:
        register(dup, lang=lang)
    msg = str(exc.value)
    assert "ani.jurnalis" in msg and "2, 5" in msg and word in msg and "\n" not in msg


def test_collaboration_with_unknown_handle_or_platform_is_an_error():
    inf, col = _register_tables()
    bad = col.copy()
    bad.loc[3, "handle"] = "tidak_ada"
    with pytest.raises(SchemaError, match="tidak_ada.*3"):
        register(inf, bad, lang="en")
    bad = col.copy()
    bad.loc[0, "platform"] = "tiktok"
    with pytest.raises(SchemaError, match="tiktok"):
        register(inf, bad, lang="en")
    bad = col.copy()
    bad.loc[1, "cost"] = -5
    with pytest.raises(SchemaError, match="cost"):
        register(inf, bad, lang="en")


def test_collaboration_platform_is_filled_when_the_handle_has_one_platform():
    inf, col = _register_tables()
    col = col.assign(platform=None)
    reg = register(inf, col)
    got = dict(zip(reg.collaborations["handle"], reg.collaborations["platform"], strict=False))
    assert got["mbak_sehat"] == "instagram"
    assert pd.isna(got["kang_budi"])  # two platforms: left open, not guessed


def test_indonesian_headers_and_values_are_accepted():
    df = pd.DataFrame(
        {
            "Akun": ["@Rina"],
            "Platform": ["Twitter"],
            "Nama": ["Rina"],
            "Peran": ["Jurnalis Warga"],
            "Relasi": ["sukarela"],
            "Pengikut": ["1200"],
        }
    )
    out = register(df).influencers
    assert out.loc[0, ["handle", "platform", "role", "relation"]].tolist() == [
        "rina",
        "x",
        "citizen_journalist",
        "unpaid",
    ]
    assert out.loc[0, "followers"] == 1200


def test_update_changes_one_account_and_rejects_unknown_columns_and_handles():
    inf, col = _register_tables()
    reg = register(inf, col)
    new = update(reg, "@KANG_BUDI", platform="x", followers=15000, relation="barter")
    row = new.influencers.set_index(["handle", "platform"]).loc[("kang_budi", "x")]
    assert row["followers"] == 15000 and row["relation"] == "barter"
    other = new.influencers.set_index(["handle", "platform"]).loc[("kang_budi", "instagram")]
    assert other["followers"] == 30000
    with pytest.raises(ParameterError, match="folowers"):
        update(reg, "kang_budi", folowers=1)
    with pytest.raises(ParameterError, match="siapa"):
        update(reg, "siapa", followers=1)
    with pytest.raises(SchemaError):
        update(reg, "kang_budi", relation="gratisan")


# ---------------------------------------------------------------------------------------
# Register workbook
# ---------------------------------------------------------------------------------------


def test_register_workbook_round_trip_and_formula_neutralising(tmp_path):
    inf, col = _register_tables()
    inf.loc[4, "topics"] = '=HYPERLINK("http://x")'
    reg = register(inf, col)
    path = write_register(
        reg, tmp_path / "register.xlsx", extra={"hasil": pd.DataFrame({"a": ["@x"]})}
    )
    from openpyxl import load_workbook

    from humaskit.files.safe import unsafe_cells

    wb = load_workbook(path)
    assert {"influencer", "kolaborasi", "hasil"} <= set(wb.sheetnames)
    cells = [c.value for row in wb["influencer"].iter_rows() for c in row]
    assert '=HYPERLINK("http://x")' in cells  # the text exactly, stored as text
    assert unsafe_cells(path) == []
    assert wb["hasil"]["A2"].value == "@x" and wb["hasil"]["A2"].quotePrefix
    back = read_register(path)
    pd.testing.assert_frame_equal(back.influencers, reg.influencers, check_dtype=False)
    pd.testing.assert_frame_equal(back.collaborations, reg.collaborations, check_dtype=False)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_register_workbook_is_written_in_words_and_read_back(tmp_path, lang):
    from openpyxl import load_workbook

    inf, col = _register_tables()
    reg = register(inf, col)
    path = write_register(reg, tmp_path / "register.xlsx", lang=lang)
    ws = load_workbook(path)["influencer"]
    head = [c.value for c in ws[1]]
    values = {c.value for row in ws.iter_rows(min_row=2) for c in row}
    codes = {"citizen_journalist", "brand_ambassador", "public_figure", "x"}
    codes |= {"unpaid", "paid"} if lang == "id" else set()
    assert not codes & values, "coded values are written as words"
    if lang == "id":
        assert head[:4] == ["Akun", "Platform", "Nama", "Peran"]
        assert "X (Twitter)" in values or "Instagram" in values
    follow = head.index(label("followers", lang)) + 1
    cell = ws.cell(row=2, column=follow)
    assert isinstance(cell.value, int | float) and cell.number_format == "#,##0"
    back = read_register(path)
    pd.testing.assert_frame_equal(back.influencers, reg.influencers, check_dtype=False)
    pd.testing.assert_frame_equal(back.collaborations, reg.collaborations, check_dtype=False)
    log = load_workbook(path)["kolaborasi"]
    assert log.cell(row=2, column=1).is_date


def test_register_workbook_with_old_codes_is_still_read(tmp_path):
    inf, col = _register_tables()
    reg = register(inf, col)
    p = _xlsx(tmp_path / "old.xlsx", {"influencer": inf, "kolaborasi": col})
    back = read_register(p)
    pd.testing.assert_frame_equal(back.influencers, reg.influencers, check_dtype=False)


def _xlsx(path, sheets):
    with pd.ExcelWriter(path, engine="openpyxl") as w:
        for name, df in sheets.items():
            df.to_excel(w, sheet_name=name, index=False)
    return path


def test_workbook_errors_name_file_sheet_row_and_column(tmp_path):
    inf, col = _register_tables()
    bad = inf.rename(columns={"followers": "folowers"})
    p = _xlsx(tmp_path / "reg.xlsx", {"influencer": bad})
    with pytest.raises(SchemaError, match=r"reg\.xlsx.*influencer.*folowers"):
        read_register(p, lang="en")
    dup = pd.concat([inf, inf.iloc[[0]]], ignore_index=True)
    p = _xlsx(tmp_path / "dup.xlsx", {"Influencer": dup, "Kolaborasi": col})
    with pytest.raises(SchemaError) as exc:
        read_register(p, lang="en")
    assert "dup.xlsx" in str(exc.value) and "2, 7" in str(exc.value)  # Excel row numbers
    badcol = col.astype({"cost": "object"})
    badcol.loc[2, "cost"] = "mahal"
    p = _xlsx(tmp_path / "cost.xlsx", {"influencer": inf, "kolaborasi": badcol})
    with pytest.raises(SchemaError, match=r"kolaborasi.*cost.*4"):
        read_register(p, lang="en")


def test_workbook_file_problems(tmp_path):
    with pytest.raises(DataNotFound):
        read_register(tmp_path / "tidak_ada.xlsx")
    (tmp_path / "reg.csv").write_text("handle,platform\n", encoding="utf-8")
    with pytest.raises(UnsupportedFile):
        read_register(tmp_path / "reg.csv")
    (tmp_path / "rusak.xlsx").write_bytes(b"bukan zip")
    with pytest.raises(DamagedFile):
        read_register(tmp_path / "rusak.xlsx")
    p = _xlsx(tmp_path / "lain.xlsx", {"data": pd.DataFrame({"a": [1]})})
    with pytest.raises(UnsupportedFile, match="data"):
        read_register(p)


# ---------------------------------------------------------------------------------------
# Collaboration results
# ---------------------------------------------------------------------------------------


def test_collaboration_figures_reconcile_with_the_posts_table():
    inf, col = _register_tables()
    reg = register(inf, col)
    posts = _posts()
    res = collaboration_results(reg, posts)
    found = res[res["found_in"] == "posts"]
    assert set(found["post_id"]) == {"p1", "p2", "p3", "p4"}
    ref = posts.set_index("post_id").loc[found["post_id"]]
    assert found["reach"].sum() == ref["reach"].sum()
    eng = ref[["likes", "comments", "shares"]].sum(axis=1)
    assert found["engagements"].sum() == eng.sum()
    # per person totals add up to the per collaboration rows
    per = collaboration_results(reg, posts, by="person")
    assert per["reach"].sum() == found["reach"].sum()
    assert per["collaborations"].sum() == len(col)


def test_rate_against_own_baseline_and_cost_per_thousand():
    inf, col = _register_tables()
    posts = _posts()
    res = collaboration_results(register(inf, col), posts).set_index("post_id")
    own = posts[(posts["account"] == "kang_budi") & ~posts["post_id"].isin(["p1", "p2"])]
    rate = own[["likes", "comments", "shares"]].sum(axis=1) / own["reach"]
    assert res.loc["p1", "baseline_rate"] == pytest.approx(rate.median())
    assert res.loc["p1", "vs_baseline"] == pytest.approx(
        res.loc["p1", "engagement_rate"] / rate.median()
    )
    assert res.loc["p1", "vs_baseline"] > 3
    p2 = posts.set_index("post_id").loc["p2"]
    assert res.loc["p2", "cost_per_1000"] == pytest.approx(150000 / p2["reach"] * 1000)
    assert res.loc["p1", "cost_per_1000"] == 0


def test_unknown_post_is_kept_with_a_note_and_mentions_are_used(conversation):
    inf, col = _register_tables()
    col.loc[2, "post_id"] = "tidak_ada"
    res = collaboration_results(register(inf, col), _posts(), conversation, lang="en")
    row = res.set_index("post_id").loc["tidak_ada"]
    assert pd.isna(row["found_in"]) and pd.isna(row["reach"]) and "tidak_ada" in row["note"]
    assert len(res) == len(col)
    # m_ani_1 is not in the data either; a real mention id is found in mentions
    col.loc[4, "post_id"] = "L2"
    res = collaboration_results(register(inf, col), _posts(), conversation).set_index("post_id")
    assert res.loc["L2", "found_in"] == "mentions"
    assert res.loc["L2", "reach_basis"] == "followers" and res.loc["L2", "reach"] == 20000
    replies = int((conversation["in_reply_to"] == "L2").sum())
    assert res.loc["L2", "engagements"] == replies


def test_platform_must_agree_when_the_log_names_it():
    inf, col = _register_tables()
    posts = _posts()
    posts.loc[posts["post_id"] == "p3", "platform"] = "facebook"
    res = collaboration_results(register(inf, col), posts).set_index("post_id")
    assert pd.isna(res.loc["p3", "found_in"])


# ---------------------------------------------------------------------------------------
# Ranking partners
# ---------------------------------------------------------------------------------------


def test_rank_partners_scores_parts_and_explains():
    inf, col = _register_tables()
    fit = pd.DataFrame(
        {
            "public": ["UMKM", "UMKM", "pelajar", "pelajar"],
            "platform": ["instagram", "x", "instagram", "x"],
            "fit": [0.8, 0.2, 0.3, 0.9],
        }
    )
    r = rank_partners(
        register(inf, col),
        posts=_posts(),
        audience=fit,
        themes=["jalan", "kesehatan"],
        region="Sukamaju",
        lang="en",
    )
    assert r["rank"].tolist() == list(range(1, len(r) + 1))
    assert r["score"].is_monotonic_decreasing
    top = r.iloc[0]
    assert top["handle"] == "kang_budi" and top["platform"] == "instagram"
    assert "usual rate" in top["reasons"]
    kuliner = r.set_index("handle").loc["kuliner_kota"]
    assert kuliner["audience_fit"] == pytest.approx((0.8 + 0.3) / 2 * 0.7)  # other region
    assert kuliner["relevance"] == 0
    x_row = r[(r["platform"] == "x") & (r["handle"] == "ani.jurnalis")].iloc[0]
    assert x_row["best_public"] == "pelajar" and "pelajar" in x_row["publics"]
    assert r["coverage"].between(0, 1).all()


def test_rank_partners_weights_can_change_the_order():
    inf, col = _register_tables()
    reg = register(inf, col)
    by_reach = rank_partners(
        reg,
        weights={
            k: 0
            for k in (
                "delivered",
                "audience_fit",
                "relevance",
                "sentiment",
                "cost_score",
                "relationship",
            )
        },
    )
    assert by_reach.iloc[0]["handle"] == "kuliner_kota"
    with pytest.raises(ParameterError, match="popularity"):
        rank_partners(reg, weights={"popularity": 1})


def test_explore_partners_filters_for_the_widgets():
    inf, col = _register_tables()
    fit = pd.DataFrame(
        {"public": ["UMKM", "pelajar"], "platform": ["instagram", "x"], "fit": [0.8, 0.9]}
    )
    r = rank_partners(register(inf, col), audience=fit, lang="id")
    opts = filter_options(r)
    assert opts["public"][0] == "semua" and "UMKM" in opts["public"]
    assert "instagram" in opts["platform"] and "kesehatan" in opts["topic"]
    out = explore_partners(r, public="pelajar", platform="semua", topic="semua")
    assert set(out["Akun"]) == {"kang_budi", "ani.jurnalis"}
    out = explore_partners(r, topic="kuliner", lang="en")
    assert set(out["Handle"]) == {"kang_budi", "kuliner_kota"}


# ---------------------------------------------------------------------------------------
# Opinion leaders and the network
# ---------------------------------------------------------------------------------------


def test_planted_leaders_are_in_the_top_ten(graph):
    lead = opinion_leaders(graph, top=10, pseudonymize=False)
    assert set(LEADERS) <= set(lead["handle"])


def test_leaders_marked_registered_or_candidate_and_citizens_pseudonymised(graph):
    inf, col = _register_tables()
    reg = register(inf, col)
    lead = opinion_leaders(graph, register=reg, top=10, salt="rahasia")
    by = lead.set_index("handle")
    for h in ("kang_budi", "ani.jurnalis", "mbak_sehat"):
        assert by.loc[h, "status"] == "registered"  # registered partners stay named
    assert by.loc["kabar_kota", "status"] == "candidate"  # media: named, not registered
    token = hk.privacy.pseudonymize(["pakrt_05"], salt="rahasia")[0]
    assert token in by.index and by.loc[token, "status"] == "candidate"
    assert "pakrt_05" not in set(lead["handle"])
    assert not lead["handle"].str.fullmatch(r"warga\d{4}").any()
    assert (
        by.loc["kang_budi", "person_id"]
        == reg.influencers.set_index("handle").loc["kang_budi", "person_id"].iloc[0]
    )


def test_pagerank_and_betweenness_agree_with_networkx(graph):
    ref = nx.pagerank(graph.to_networkx(), weight="weight", tol=1e-12, max_iter=500)
    ours = graph.pagerank()
    assert np.allclose([ref[i] for i in range(graph.n)], ours, atol=1e-8)
    small = pd.DataFrame(
        {"platform": "x", "author": list("aabbccddeef"), "to_author": list("bcacdaedfaa")}
    )
    g = mention_graph(small)
    exact = nx.betweenness_centrality(g.to_networkx(), normalized=True)
    assert np.allclose([exact[i] for i in range(g.n)], g.betweenness())


def test_self_loops_missing_authors_and_institution_are_handled():
    m = pd.DataFrame(
        {
            "platform": "x",
            "account": "pemkot",
            "mention_id": ["1", "2", "3", "4", "5", "6"],
            "author": ["ani", "ani", None, "budi", "cici", "dodi"],
            "to_author": ["ani", None, "budi", None, "ani", None],
            "mentioned": [None, "@Budi, @pemkot", None, "ani;cici", None, None],
            "in_reply_to": [None, None, None, None, None, "2"],
        }
    )
    g = mention_graph(m)
    assert g.dropped == {
        "missing_author": 1,
        "institution": 1,
        "self_loops": 1,
        "replies_to_posts": 0,
    }
    edges = {
        (g.nodes.loc[s, "handle"], g.nodes.loc[t, "handle"])
        for s, t in zip(g.edges["source"], g.edges["target"], strict=True)
    }
    assert edges == {
        ("ani", "budi"),
        ("budi", "ani"),
        ("budi", "cici"),
        ("cici", "ani"),
        ("dodi", "ani"),
    }
    assert "pemkot" not in set(g.nodes["handle"])


def test_mentions_without_any_link_column_are_refused():
    with pytest.raises(SchemaError, match="to_author"):
        mention_graph(pd.DataFrame({"author": ["a"], "text": ["x"]}))
    empty = opinion_leaders(pd.DataFrame({"author": ["a"], "to_author": [None]}))
    assert empty.empty and "pagerank" in empty.columns


def test_communities_are_found_and_labelled_by_their_own_terms():
    rows = []
    for grp, topic in ((0, "sampah menumpuk bau"), (1, "jalan rusak berlubang")):
        people = [f"g{grp}_{i}" for i in range(8)]
        for i, a in enumerate(people):
            for j in (1, 2):
                rows.append(
                    {
                        "platform": "x",
                        "author": a,
                        "to_author": people[(i + j) % 8],
                        "text": f"{topic} kota sukamaju",
                    }
                )
    c = communities(pd.DataFrame(rows), pseudonymize=False)
    assert sorted(c["accounts"]) == [8, 8]
    labels = " | ".join(c["terms"])
    assert "sampah" in labels and "jalan" in labels
    assert all(("sampah" in x) != ("jalan" in x) for x in c["terms"])


def test_opinion_leaders_scale_is_handled_by_the_large_graph_path(monkeypatch, conversation):
    """The approximate paths (sampled betweenness, louvain on the top) still find leaders."""
    monkeypatch.setattr(network, "EXACT_BETWEENNESS_MAX", 50)
    monkeypatch.setattr(network, "LOUVAIN_MAX_LINKS", 100)
    monkeypatch.setattr(network, "LOUVAIN_TOP", 200)
    g = mention_graph(conversation)
    lead = opinion_leaders(g, top=10, pseudonymize=False)
    assert set(LEADERS) <= set(lead["handle"])
    assert (g.communities() >= 0).mean() > 0.9


def test_samples_planted_leaders_in_top_ten_when_samples_exist():
    samples = pytest.importorskip("humaskit.samples")
    planted = getattr(samples, "PLANTED", None)
    if not planted or "leaders" not in planted:
        pytest.skip("humaskit.samples has no planted leaders")
    ws = samples.workspace()
    lead = opinion_leaders(
        ws.mentions,
        register=ws.influencers,
        top=10,
        pseudonymize=False,
        institution_accounts=ws.accounts,
    )
    assert set(planted["leaders"]) <= set(lead["handle"])
    registered = set(lead.loc[lead["status"] == "registered", "handle"])
    assert set(planted.get("leaders_registered", [])) <= registered
    assert not set(planted.get("leaders_new", [])) & registered


# ---------------------------------------------------------------------------------------
# Coordination
# ---------------------------------------------------------------------------------------


def test_planted_cluster_is_flagged_with_evidence_and_decoys_are_not(conversation):
    groups = coordination(conversation, pseudonymize=False, lang="en")
    assert len(groups) == 1
    g = groups.iloc[0]
    flagged = set(g["authors"].split(", "))
    assert flagged == set(CLUSTER)
    assert g["new_accounts"] == 1.0 and g["low_followers"] == 1.0
    assert g["minutes"] <= 10 and g["accounts"] == len(CLUSTER) and g["priority"] == "high"
    assert "For a person to check" in g["note"]
    assert "new" in g["signals"] or "created" in g["signals"]


def test_coordination_detail_and_pseudonyms(conversation):
    det = coordination(conversation, detail=True, salt="s")
    assert len(det) == len(CLUSTER) and set(det["group"]) == {1}
    assert det["account_age_days"].max() < 90
    assert not det["author"].isin(CLUSTER).any()
    assert det["similarity"].min() >= 0.8


def test_coordination_parameters_matter(conversation):
    # a group needs enough accounts; a tight window splits the burst
    assert coordination(conversation, min_accounts=16).empty
    assert coordination(conversation, window_minutes=0.2).empty
    with pytest.raises(ParameterError):
        coordination(conversation, similarity=1.5)
    with pytest.raises(SchemaError, match="created_at"):
        coordination(pd.DataFrame({"author": ["a"], "text": ["b"]}))


def test_samples_planted_cluster_is_flagged_when_samples_exist():
    samples = pytest.importorskip("humaskit.samples")
    planted = getattr(samples, "PLANTED", None)
    if not planted or "cluster" not in planted:
        pytest.skip("humaskit.samples has no planted cluster")
    cluster = planted["cluster"]
    handles = set(cluster["handles"] if isinstance(cluster, dict) else cluster)
    groups = coordination(samples.load("mentions"), pseudonymize=False)
    high = groups[groups["priority"] == "high"]
    flagged = set()
    for authors in high["authors"]:
        flagged |= set(authors.split(", "))
    assert len(handles & flagged) >= 0.8 * len(handles)
    assert len(flagged - handles) <= 0.2 * len(flagged)
    assert list(groups["priority"].iloc[: len(high)]) == ["high"] * len(high)  # first


# ---------------------------------------------------------------------------------------
# Plots and exercises
# ---------------------------------------------------------------------------------------


def test_network_plot_labels_are_pseudonymised(graph):
    ax = plot_network(graph, top=80, labels=10, salt="s", lang="en")
    numbers = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert numbers == [str(i) for i in range(1, 11)]
    key = [t.get_text() for t in ax.texts if not t.get_text().isdigit()][0]
    assert key.count("\n") == 10 and "kabar_kota" in key
    assert "warga0" not in key and "pakrt_05" not in key and "warga-" in key
    assert "80" in ax.get_title()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(x.startswith("Community 0") for x in legend)


def test_leaderboard_and_collaboration_plots(graph):
    lead = opinion_leaders(graph, top=8, lang="id")
    ax = plot_leaderboard(lead, lang="id")
    assert ax.get_xlabel().startswith("PageRank")
    assert len(ax.patches) >= 8
    inf, col = _register_tables()
    res = collaboration_results(register(inf, col), _posts())
    ax = plot_collaborations(res, lang="en")
    assert ax.get_ylabel() == "Reach" and len(ax.collections) >= 1
    with pytest.raises(ParameterError):
        plot_leaderboard(pd.DataFrame({"x": [1]}))


def test_exercise_checkers_give_instant_feedback(graph):
    inf, col = _register_tables()
    lead = opinion_leaders(graph, register=register(inf, col), top=10, salt="s")
    best = lead[lead["status"] == "candidate"].iloc[0]["handle"]
    assert check_top_candidate(best, lead).correct
    assert not check_top_candidate("kang_budi", lead).correct
    assert "register" in check_top_candidate("kang_budi", lead, lang="en").message
    assert not check_top_candidate("", lead).correct
    r = rank_partners(register(inf, col), posts=_posts())
    free = r[r["relation"].isin(["unpaid", "barter"])].iloc[0]["handle"]
    assert check_partner_without_budget(free, r).correct
    assert "berbayar" in check_partner_without_budget("kuliner_kota", r, lang="id").message


# ---------------------------------------------------------------------------------------
# Report helpers
# ---------------------------------------------------------------------------------------


def test_select_period_counts_months_in_local_time():
    from humaskit.influencers import select_period

    m = pd.DataFrame(
        {
            "created_at": pd.to_datetime(
                ["2025-06-30 16:59", "2025-06-30 17:00", "2025-09-30 16:00", "2025-09-30 17:30"],
                utc=True,
            )
        }
    )
    got = select_period(m, "2025-09", months=3)
    assert got.index.tolist() == [1, 2]  # 17:00 UTC on 30 June is 1 July in WIB
    log = pd.DataFrame({"date": pd.to_datetime(["2025-08-31", "2025-09-01"])})
    assert select_period(log, "2025-09").index.tolist() == [1]
    with pytest.raises(ParameterError):
        select_period(m, "September")


def test_refresh_followers_and_candidate_rows(conversation, graph):
    from humaskit.influencers import candidate_rows, follower_changes, refresh_followers

    inf, col = _register_tables()
    inf.loc[2, "platform"] = "x"
    reg = register(inf, col)
    m = conversation.copy()
    m.loc[m["author"] == "ani.jurnalis", "author_followers"] = 4321
    changes = follower_changes(reg, m)
    assert changes.set_index("handle").loc["ani.jurnalis", "followers_now"] == 4321
    new = refresh_followers(reg, m)
    assert new.influencers.set_index("handle").loc["ani.jurnalis", "followers"] == 4321
    assert reg.influencers.set_index("handle").loc["ani.jurnalis", "followers"] == 4000
    lead = opinion_leaders(graph, register=reg, top=10, salt="s")
    rows = candidate_rows(lead)
    assert len(rows) == int((lead["status"] == "candidate").sum())
    assert set(rows.columns) >= {"handle", "platform", "followers", "topics", "notes"}


def test_headline_narrative_and_report_tables(graph, conversation):
    from humaskit.influencers import for_report, headline, headline_cards, narrative

    inf, col = _register_tables()
    reg = register(inf, col)
    res = collaboration_results(reg, _posts())
    lead = opinion_leaders(graph, register=reg, top=10, salt="s")
    rank = rank_partners(reg, posts=_posts())
    groups = coordination(conversation, salt="s")
    h = headline(reg=reg, results=res, leaders=lead, ranking=rank, groups=groups)
    assert h["people"] == 4 and h["collaborations"] == 5 and h["collaborations_measured"] == 4
    assert h["reach_delivered"] == res["reach"].sum()
    assert h["coordination_high"] == 1
    named = " ".join(h["top_leaders_named"])
    assert "pakrt_05" not in named and "warga-" not in named  # private leaders left out
    import json

    json.dumps(h)  # JSON-safe
    cards = headline_cards(h, lang="en")
    assert [c[1] for c in cards][0] == "4"
    text = " ".join(narrative(h, leaders=lead, ranking=rank, groups=groups, lang="id"))
    assert "perlu dicek manusia" in text and "kang_budi" in text
    shown = for_report(lead, "leaders", lang="id")
    assert set(shown["status"]) <= {"sudah terdaftar", "kandidat baru"}
    assert "pagerank" not in shown.columns
    co = for_report(groups, "coordination", lang="en")
    assert co.loc[0, "priority"] == "high" and co.loc[0, "new_accounts"] == "100%"
    with pytest.raises(ParameterError):
        for_report(lead, "semua")


def test_load_register_from_file_or_workspace(tmp_path):
    from humaskit.files.register import load_register
    from humaskit.io import Workspace

    inf, col = _register_tables()
    ws = Workspace.from_tables({"influencers": inf, "collaborations": col})
    assert len(load_register("", workspace=ws).influencers) == len(inf)
    assert len(load_register(None).influencers) == 0  # no register at all: allowed
    path = write_register(register(inf, col), tmp_path / "r.xlsx")
    assert len(load_register(str(path)).collaborations) == len(col)
