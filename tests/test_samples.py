"""The sample institution: deterministic, valid, and carrying the structure it promises."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from humaskit import ParameterError, samples, schema
from humaskit.paths import SAMPLES_DIR

TZ = "Asia/Jakarta"


@pytest.fixture(scope="module")
def small():
    return samples.generate(seed=11, months=2, scale=0.1, end="2025-05")


@pytest.fixture(scope="module")
def bundled():
    return samples.workspace()


def _er(posts: pd.DataFrame) -> pd.DataFrame:
    p = posts.copy()
    local = p["published_at"].dt.tz_convert(TZ)
    p["hour"] = local.dt.hour
    eng = p[["likes", "comments", "shares", "saves"]].fillna(0).sum(axis=1)
    exposure = p["reach"].fillna(p["impressions"].where(p["platform"] == "x")).fillna(p["views"])
    p["er"] = (eng / exposure).astype(float)
    p["eng"] = eng.astype(float)
    return p


# --------------------------------------------------------------------------- determinism


def test_same_seed_gives_identical_tables(small):
    again = samples.generate(seed=11, months=2, scale=0.1, end="2025-05")
    for name in samples.TABLES:
        pd.testing.assert_frame_equal(getattr(small, name), getattr(again, name))


def test_other_seed_gives_other_tables(small):
    other = samples.generate(seed=12, months=2, scale=0.1, end="2025-05")
    assert not small.posts["published_at"].equals(other.posts["published_at"])
    assert not small.mentions["text"].equals(other.mentions["text"])


# --------------------------------------------------------------------------- validity


@pytest.mark.parametrize("name", samples.TABLES)
def test_every_table_validates_and_is_filled(small, bundled, name):
    for ws in (small, bundled):
        df = getattr(ws, name)
        assert len(df) > 0
        out = schema.validate(df, name)
        assert list(out.columns[: len(schema.columns(name))]) == schema.columns(name)
        for col in df.columns:  # text stays pyarrow-backed str, never object
            assert df[col].dtype != object, (name, col)


def test_window_months_and_timezone(small):
    local = small.posts["published_at"].dt.tz_convert(TZ)
    months = set(local.dt.strftime("%Y-%m"))
    # the abandoned account keeps a few old posts from before the window
    assert {"2025-04", "2025-05"} <= months
    old = small.posts[local < pd.Timestamp("2025-04-01", tz=TZ)]
    assert set(old["account"]) == {"dinsos_sukamaju"}
    m_local = small.mentions["created_at"].dt.tz_convert(TZ)
    assert m_local.min() >= pd.Timestamp("2025-04-01", tz=TZ)
    assert m_local.max() < pd.Timestamp("2025-06-01", tz=TZ)
    assert str(small.posts["published_at"].dt.tz) == "UTC"


def test_accounts_are_consistent_handles(bundled):
    handles = set(bundled.accounts["handle"])
    assert all(h == h.lower() and not h.startswith("@") for h in handles)
    for name in ("posts", "mentions", "audience", "daily"):
        assert set(getattr(bundled, name)["account"]) <= handles, name
    assert (bundled.accounts["handle"] == bundled.accounts["account"]).all()
    centre = bundled.accounts[bundled.accounts["handle"] == "pemkotsukamaju"]
    assert set(centre["platform"]) == set(schema.PLATFORMS)
    assert 30 <= len(bundled.accounts) <= 40


# --------------------------------------------------------------------------- metrics


def test_metrics_are_na_exactly_where_the_platform_does_not_report(bundled):
    posts = bundled.posts
    metrics = [*schema.METRICS, "avg_view_pct"]
    for (platform, ptype), group in posts.groupby(["platform", "post_type"]):
        reported = set(samples.REPORTED[(platform, ptype)])
        for m in metrics:
            if m in reported:
                assert group[m].notna().all(), (platform, ptype, m)
            else:
                assert group[m].isna().all(), (platform, ptype, m)
    # reported engagement is not 0-filled: most posts have likes
    assert (posts["likes"] > 0).mean() > 0.8
    assert posts.loc[posts["platform"] == "x", "reach"].isna().all()
    assert posts.loc[posts["platform"] == "instagram", "impressions"].isna().all()


def test_reach_is_heavy_tailed_and_followers_grow(bundled):
    reach = bundled.posts.loc[bundled.posts["platform"] == "instagram", "reach"].astype(float)
    assert reach.max() > 8 * reach.median()
    d = bundled.daily
    fol = d[
        (d["account"] == "pemkotsukamaju")
        & (d["platform"] == "tiktok")
        & (d["metric"] == "followers")
    ].sort_values("date")["value"]
    assert fol.iloc[-1] > fol.iloc[0] * 1.1
    p = bundled.posts[
        (bundled.posts["account"] == "pemkotsukamaju") & (bundled.posts["platform"] == "tiktok")
    ].sort_values("published_at")
    assert p["followers_at_post"].iloc[-1] > p["followers_at_post"].iloc[0]


@pytest.mark.parametrize("platform", ["facebook", "instagram", "tiktok", "x"])
def test_prime_time_beats_office_hours(bundled, platform):
    p = _er(bundled.posts)
    p = p[p["platform"] == platform]
    prime = p.loc[p["hour"].between(19, 21), "er"].median()
    office = p.loc[p["hour"].between(9, 11), "er"].median()
    assert prime > office * 1.1


def test_reels_and_shorts_beat_static_posts(bundled):
    er = _er(bundled.posts).groupby(["platform", "post_type"])["er"].median()
    assert er["instagram", "reel"] > 1.5 * er["instagram", "feed"]
    assert er["facebook", "reel"] > 1.5 * er["facebook", "feed"]
    assert er["youtube", "short"] > er["youtube", "video"]
    cat = _er(bundled.posts).groupby("category")["er"].median()
    assert cat["isu_terkini"] > cat["siaran_pers"] * 1.3


def test_office_hours_confound(bundled):
    p = _er(bundled.posts)
    assert p["hour"].between(8, 15).mean() > 0.55
    assert p["hour"].mode().iloc[0] in (9, 10)
    totals = p.groupby("hour")["eng"].sum()
    assert totals.loc[8:11].sum() > totals.loc[19:22].sum()  # raw totals follow volume
    per_post = p[p["platform"] == "instagram"].groupby("hour")["er"].median()
    busy = per_post[p[p["platform"] == "instagram"].groupby("hour").size() >= 10]
    assert busy.idxmax() in samples.PLANTED["prime_time"] + (12, 18, 22)


def test_night_viral_is_planted(bundled):
    nv = samples.PLANTED["night_viral"]
    t = pd.Timestamp(nv["local_time"], tz=TZ)
    p = bundled.posts
    local = p["published_at"].dt.tz_convert(TZ).dt.floor("min")
    row = p[(local == t) & (p["account"] == nv["account"]) & (p["platform"] == nv["platform"])]
    assert len(row) == 1
    ig = p[p["platform"] == "instagram"]
    assert row["reach"].iloc[0] > ig["reach"].quantile(0.99)


# --------------------------------------------------------------------------- mentions


def test_mentions_shape_and_labels(bundled):
    m = bundled.mentions
    assert set(m["kind"]) == set(schema.MENTION_KINDS)
    assert set(m["true_sentiment"]) == {"positive", "neutral", "negative"}
    assert m["author"].notna().all() and m["text"].str.len().gt(0).all()
    for intent in ("complaint", "praise", "question", "chatter", "abusive"):
        assert (m["intent"] == intent).sum() > 50, intent
    routing = samples.PLANTED["routing"]
    routed = m[m["topic"].isin(list(routing))]
    assert (routed["true_unit"] == routed["topic"].map(routing)).all()
    # slang, lowercase, emoji and personal data all occur
    assert m["text"].str.contains(r"\b(?:gak|tdk|yg|bgt|udh)\b", regex=True).sum() > 100
    assert m["text"].str.contains(r"\b3276\d{12}\b", regex=True).any()
    assert m["text"].str.contains(r"\b08\d{9,10}\b", regex=True).any()
    # heavy-tailed activity: few citizens write a lot, most once or twice
    counts = m.loc[m["author_type"] == "citizen", "author"].value_counts()
    assert counts.iloc[0] > 20 * counts.median()


def test_reply_links_resolve(bundled):
    m, posts = bundled.mentions, bundled.posts
    comments = m[m["kind"] == "comment"]
    assert comments["in_reply_to"].isin(posts["post_id"]).all()
    per_post = comments["in_reply_to"].value_counts()
    allowed = posts.set_index("post_id")["comments"].reindex(per_post.index)
    assert (per_post <= allowed).all()
    replies = m[m["kind"] == "reply"]
    assert replies["in_reply_to"].isin(m["mention_id"]).all()
    reposts = m[m["text"].str.startswith("RT @")]
    assert len(reposts) > 100 and reposts["in_reply_to"].isin(m["mention_id"]).all()
    original = m.set_index("mention_id").loc[reposts["in_reply_to"]]
    assert (original["author"].to_numpy() == reposts["to_author"].to_numpy()).all()
    assert replies["to_author"].notna().all()
    assert m["mention_id"].is_unique and not set(m["mention_id"]) & set(posts["post_id"])


def test_responses_share_over_24_hours(bundled):
    m = bundled.mentions
    answered = m["responded_at"].notna()
    assert (answered == m["responder"].notna()).all()
    delay = (m["responded_at"] - m["created_at"]).dt.total_seconds() / 3600
    assert (delay[answered] > 0).all()
    share = (delay[answered] > 24).mean()
    assert 0.25 <= share <= 0.40
    complaints = m[m["intent"] == "complaint"]
    assert 0.5 < complaints["responded_at"].notna().mean() < 0.95
    assert m.loc[m["kind"] == "reply", "responded_at"].isna().all()
    assert set(m.loc[answered, "responder"]) <= set(bundled.accounts["handle"])


def test_planted_leaders_top_pagerank(bundled):
    nx = pytest.importorskip("networkx")
    m = bundled.mentions
    g = nx.DiGraph()
    for a, b in m.dropna(subset=["to_author"])[["author", "to_author"]].itertuples(index=False):
        g.add_edge(a, b)
    men = m.dropna(subset=["mentioned"])
    for a, hs in zip(men["author"], men["mentioned"], strict=True):
        for h in hs.split():
            if h != a:
                g.add_edge(a, h)
    pr = nx.pagerank(g)
    top = sorted(pr, key=pr.get, reverse=True)[:10]
    truth = samples.PLANTED
    assert set(truth["leaders"]) <= set(top)
    register = set(bundled.influencers["handle"])
    assert set(truth["leaders_registered"]) <= register
    assert not set(truth["leaders_new"]) & register


def test_planted_cluster(bundled):
    truth = samples.PLANTED["cluster"]
    m = bundled.mentions
    c = m[m["author"].isin(truth["handles"])]
    assert set(c["author"]) == set(truth["handles"]) and len(truth["handles"]) >= 15
    assert (c["platform"] == truth["platform"]).all()
    age = (c["created_at"] - c["author_created_at"]).dt.days
    assert age.max() <= 14 and c["author_followers"].max() < 50
    first = c["created_at"].dt.tz_convert(TZ)
    start, end = (pd.Timestamp(x, tz=TZ) for x in truth["waves"][0])
    wave = c[(first >= start) & (first <= end + pd.Timedelta(minutes=1))]
    assert len(wave) == truth["size"]
    assert (wave["text"].str.contains("dipotong 50%", case=False)).all()
    # nobody else posts that text
    others = m[~m["author"].isin(truth["handles"])]
    assert not others["text"].str.contains("dipotong 50%", regex=False).any()


def test_collaborations_point_at_partner_posts(bundled):
    col, m = bundled.collaborations, bundled.mentions
    assert len(col) >= 10
    joined = col.merge(m, left_on="post_id", right_on="mention_id", how="left")
    assert joined["mention_id"].notna().all()
    assert (joined["author"] == joined["handle"]).all()
    assert set(col["handle"]) <= set(bundled.influencers["handle"])
    drew = m["in_reply_to"].isin(col["post_id"])
    assert drew.sum() > len(col)  # replies and reposts reconcile to the partners' posts
    assert set(col["reward"]) <= {
        "kaos",
        "jam tangan",
        "plakat",
        "honor",
        "voucher UMKM",
        "sertifikat",
    }
    inf = bundled.influencers
    assert inf.groupby("person_id")["handle"].nunique().max() >= 2
    assert 20 <= len(inf) <= 30


# --------------------------------------------------------------------------- other tables


def test_governance_faults_are_in_the_inventory(bundled):
    acc = bundled.accounts.set_index(["platform", "handle"])
    end = pd.Timestamp("2025-09-30")
    faults = samples.PLANTED["faults"]
    for key in faults["no_2fa"]:
        assert not acc.loc[key, "two_factor"]
    for key in faults["password_old"]:
        assert (end - acc.loc[key, "password_changed_at"]).days > 180
    for key in faults["personal_profile"]:
        assert acc.loc[key, "account_type"] == "personal"
    for key in faults["no_emblem"]:
        assert not acc.loc[key, "emblem_photo"]
    for key in faults["single_admin"]:
        assert acc.loc[key, "admins"] == 1
    for key in faults["no_assignment_letter"]:
        assert not acc.loc[key, "assignment_letter"]
    for key in faults["unverified"]:
        assert not acc.loc[key, "verified"]
    ok = acc.drop(index=[k for keys in faults.values() for k in keys], errors="ignore")
    assert ok["two_factor"].all() and ok["verified"].all()
    (dup,) = faults["duplicate"]
    a = bundled.accounts
    same = (a["unit"] == acc.loc[dup, "unit"]) & (a["platform"] == dup[0])
    assert same.sum() == 2
    (abandoned,) = faults["abandoned"]
    p = bundled.posts
    last = p[(p["platform"] == abandoned[0]) & (p["account"] == abandoned[1])]["published_at"].max()
    assert (pd.Timestamp("2025-09-30", tz="UTC") - last).days >= 120
    names = set(acc.loc[acc["unit"] == "Dinas Pekerjaan Umum", "display_name"])
    assert {"Dinas PU Kota Sukamaju", "Dinas Pekerjaan Umum Kota Sukamaju"} <= names


def test_audience_shares_and_platform_profiles(bundled):
    a = bundled.audience
    sums = a.groupby(["platform", "account", "as_of", "dimension"])["value"].sum()
    assert np.allclose(sums.to_numpy(dtype=float), 1.0, atol=1e-3)
    assert a["as_of"].nunique() == 2
    age = a[a["dimension"] == "age"]
    young = age[age["segment"].isin(["13-17", "18-24"])].groupby("platform")["value"].mean()
    assert young["tiktok"] > young["instagram"] > young["facebook"]
    assert {"Sukamaju", "other"} <= set(a.loc[a["dimension"] == "city", "segment"])
    shift = samples.PLANTED["audience_shift"]
    s = age[
        (age["platform"] == shift["platform"])
        & (age["account"] == shift["account"])
        & (age["segment"] == shift["segment"])
    ].sort_values("as_of")["value"]
    assert s.iloc[1] - s.iloc[0] == pytest.approx(shift["change"], abs=0.005)


def test_plan_is_next_month_with_momentum_days(bundled):
    plan = bundled.plan
    assert plan["date"].dt.strftime("%Y-%m").eq("2025-10").all()
    assert 60 <= len(plan) <= 130
    fixed = plan[plan["fixed_date"].fillna(False).astype(bool)]
    assert pd.Timestamp("2025-10-28") in set(fixed["date"])
    assert fixed["title"].str.contains("Sumpah Pemuda").any()
    assert set(plan["platform"]) <= set(schema.PLATFORMS)


# --------------------------------------------------------------------------- bundled copy


def test_bundled_copy_matches_the_generator(bundled):
    fresh = samples.generate(
        **{k: v for k, v in samples.BUNDLED.items() if k in ("seed", "months", "scale")},
        end=samples.BUNDLED["end"],
        tz=samples.BUNDLED["tz"],
    )
    for name in samples.TABLES:
        pd.testing.assert_frame_equal(getattr(bundled, name), getattr(fresh, name))


def test_bundled_copy_is_small():
    files = [p for p in SAMPLES_DIR.iterdir() if p.is_file() and p.name.endswith((".csv", ".gz"))]
    assert {p.name.split(".")[0] for p in files} == set(samples.TABLES)
    assert sum(p.stat().st_size for p in files) < 2.5 * 1024 * 1024


def test_load_returns_fresh_copies():
    a = samples.load("accounts")
    a.loc[0, "handle"] = "changed"
    assert samples.load("accounts").loc[0, "handle"] != "changed"


def test_unknown_table_and_bad_parameters():
    with pytest.raises(ParameterError, match="posts, mentions"):
        samples.load("nope")
    with pytest.raises(ParameterError, match="months"):
        samples.generate(months=0)
    with pytest.raises(ParameterError, match="scale"):
        samples.generate(scale=-1)
    with pytest.raises(ParameterError, match="YYYY-MM"):
        samples.generate(end="2025-13")
    with pytest.raises(ParameterError, match="Mars/Base"):
        samples.generate(tz="Mars/Base")
    with pytest.raises(ParameterError, match="seed"):
        samples.generate(seed="x")


def test_write_round_trips(tmp_path, small):
    samples.write(small, tmp_path)
    assert (tmp_path / "posts.csv.gz").exists() and (tmp_path / "plan.csv").exists()
    back = samples._read(tmp_path / "mentions.csv.gz", "mentions")
    pd.testing.assert_frame_equal(back, small.mentions)


def test_scale_grows_volume_and_time_zone_moves_effects():
    ws = samples.generate(seed=3, months=1, scale=0.2, end="2025-09", tz="Asia/Jayapura")
    big = samples.generate(seed=3, months=1, scale=0.8, end="2025-09", tz="Asia/Jayapura")
    assert len(big.posts) > 3 * len(ws.posts)
    assert len(big.mentions) > 3 * len(ws.mentions)
    hours = big.posts["published_at"].dt.tz_convert("Asia/Jayapura").dt.hour
    assert hours.mode().iloc[0] in (9, 10)


def test_flood_event_and_programme_gap(bundled):
    m, truth = bundled.mentions, samples.PLANTED
    local = m["created_at"].dt.tz_convert(TZ)
    ev = truth["event"]
    day = pd.Timestamp(ev["local_start"]).date()
    flood = m[(m["topic"] == ev["topic"]) & (local.dt.date == day)]
    per_day = m[m["topic"] == ev["topic"]].groupby(local.dt.date).size()
    assert per_day.idxmax() == day and per_day.max() > 5 * per_day.median()
    from humaskit.samples._text import words

    text = flood["text"].str.lower()
    named = text.str.contains("|".join(w.lower() for w in words("places.txt")))
    planted = text.str.contains("|".join(w.lower() for w in ev["places"]))
    assert planted[named].mean() > 0.8 and planted.sum() > 50
    posts = bundled.posts
    p_local = posts["published_at"].dt.tz_convert(TZ)
    warned = posts[(p_local.dt.date == day) & posts["text"].str.contains("banjir|BPBD", case=False)]
    assert set(map(tuple, warned[["platform", "account"]].to_numpy())) >= set(ev["posts"])
    gap = truth["programme_gap"]
    about = m[m["text"].str.contains(gap["program"], regex=False)]
    where = about["text"].str.extract("(" + "|".join(gap["places"]) + ")")[0]
    recent = local[about.index].dt.strftime("%Y-%m") == gap["month"]
    assert (where.notna() & recent).sum() > 50
    assert (about.loc[where.notna() & recent, "true_unit"] == gap["unit"]).all()


def test_stored_sample_tables_equal_the_csv(tmp_path, monkeypatch):
    """The copy kept between runs (issue #20: report time) is the table read from the CSV,
    dtypes included; a cache folder that cannot be written only means reading the CSV."""
    from humaskit.samples import _file, _read, _read_stored

    monkeypatch.setenv("HUMASKIT_CACHE", str(tmp_path / "cache"))
    for name in ("mentions", "accounts"):
        path = _file(name, SAMPLES_DIR)
        fresh = _read(path, name)
        first, second = _read_stored(path, name), _read_stored(path, name)
        assert len(list((tmp_path / "cache").glob(f"sample-{name}-*.pkl"))) == 1
        for got in (first, second):
            pd.testing.assert_frame_equal(got, fresh, check_exact=True)
            assert list(got.dtypes) == list(fresh.dtypes)
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("HUMASKIT_CACHE", str(blocked / "cache"))
    path = _file("accounts", SAMPLES_DIR)
    pd.testing.assert_frame_equal(_read_stored(path, "accounts"), _read(path, "accounts"))
