"""humaskit.planning: drafting, adapting, quality control, sign-off; teaching.planning: Latihan checker."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from humaskit import ParameterError, calendar, planning, schema, teaching
from humaskit.teaching import Feedback

OCT = calendar.momentum(2025, months=10, lang="id")


def _within_one(counts: dict[str, int], shares: dict[str, float], n: int) -> bool:
    total = sum(shares.values())
    return all(abs(counts.get(k, 0) - n * s / total) <= 1 + 1e-9 for k, s in shares.items())


def test_plan_is_canonical_and_meets_targets_exactly():
    targets = {"instagram": 20, "facebook": 20, "x": 30, "tiktok": 12, "youtube": 4}
    plan = planning.draft_plan("2025-10", targets=targets, momentum=OCT)
    schema.validate(plan, "plan")  # raises if not canonical
    assert plan.groupby("platform").size().to_dict() == targets
    assert (plan["date"].dt.to_period("M") == pd.Period("2025-10")).all()
    assert (plan["status"] == "draf").all()
    assert plan["plan_id"].is_unique
    assert set(planning.EXTRA_COLUMNS) <= set(plan.columns)
    assert plan["date"].is_monotonic_increasing


@pytest.mark.parametrize("n", range(1, 41))
def test_tone_mix_70_20_10_within_one_post_for_any_target(n):
    plan = planning.draft_plan("2026-02", targets={"x": n}, momentum=False)
    assert len(plan) == n
    counts = plan["tone"].value_counts().to_dict()
    assert _within_one(counts, dict(zip(planning.TONES, (70, 20, 10), strict=True)), n)
    cats = plan["category"].value_counts().to_dict()
    assert _within_one(cats, planning.default_mix(), n)


@pytest.mark.parametrize("seed", [0, 1, 7])
@pytest.mark.parametrize("tone_mix", [(70, 20, 10), (60, 30, 10), (50, 25, 25)])
def test_mixes_per_platform_with_custom_category_mix(seed, tone_mix):
    mix = {"isu_terkini": 20, "siaran_pers": 10, "layanan": 30, "edukasi": 30, "tematik": 10}
    targets = {"instagram": 23, "x": 31, "tiktok": 9}
    plan = planning.draft_plan(
        "2025-10", targets=targets, mix=mix, tone_mix=tone_mix, momentum=OCT, seed=seed
    )
    for platform, part in plan.groupby("platform"):
        n = targets[platform]
        assert _within_one(
            part["tone"].value_counts().to_dict(),
            dict(zip(planning.TONES, tone_mix, strict=True)),
            n,
        )
        assert _within_one(part["category"].value_counts().to_dict(), mix, n)
    assert teaching.check_mix(plan, tone_mix).correct


def test_thematic_posts_land_on_their_days_and_spread():
    plan = planning.draft_plan("2025-11", targets={"instagram": 20, "tiktok": 12})
    fixed = plan[plan["fixed_date"]]
    assert (fixed["category"] == planning.THEMATIC).all()
    nov = calendar.momentum(2025, months=11)
    for _, row in fixed.iterrows():
        on_day = nov[nov["date"] == row["date"]]
        assert row["momentum"] in set(on_day["name"])
    # Hari Pahlawan (priority 1) is planned on every platform, on 10 November
    pahlawan = plan[plan["momentum"] == "Hari Pahlawan"]
    assert set(pahlawan["platform"]) == {"instagram", "tiktok"}
    assert set(pahlawan["date"].dt.day) == {10}


def test_own_anniversary_is_a_fixed_date_post():
    own = pd.DataFrame({"tanggal": ["1998-10-15"], "nama": ["HUT Dinas Kominfo"]})
    moments = calendar.momentum(2025, months=10, anniversaries=own)
    before = moments.copy()
    plan = planning.draft_plan("2025-10", targets={"facebook": 20}, momentum=moments)
    pd.testing.assert_frame_equal(moments, before)  # input not changed
    row = plan[plan["momentum"] == "HUT Dinas Kominfo"]
    assert len(row) == 1 and row["date"].iloc[0] == pd.Timestamp("2025-10-15")
    assert bool(row["fixed_date"].iloc[0])


def test_no_thematic_day_without_momentum_but_count_kept():
    plan = planning.draft_plan("2025-10", targets={"instagram": 20}, momentum=False)
    assert not plan["fixed_date"].any()
    assert (plan["category"] == planning.THEMATIC).sum() == 3


def test_reserve_slots_are_current_issues_spread_over_the_month():
    plan = planning.draft_plan("2025-10", targets={"x": 30}, momentum=OCT)
    res = plan[plan["reserve"]]
    assert len(res) == round(0.15 * 30 + 1e-9)  # 4.5 -> 5 (half up)
    assert (res["category"] == planning.CURRENT).all()
    assert res["date"].dt.day.max() - res["date"].dt.day.min() >= 15
    none = planning.draft_plan("2025-10", targets={"x": 30}, reserve=0, momentum=OCT)
    assert not none["reserve"].any()
    with pytest.raises(ParameterError, match="isu_terkini"):
        planning.draft_plan("2025-10", targets={"x": 30}, reserve=0.5)


def test_posts_are_spread_and_daily_load_respected_when_possible():
    plan = planning.draft_plan("2025-10", targets={"instagram": 20, "x": 31}, momentum=OCT)
    per_day = plan.groupby(["platform", "date"]).size()
    assert per_day.max() == 1
    assert plan.loc[plan["platform"] == "x", "date"].nunique() == 31
    # formats rotate: no platform posts only one format
    assert plan[plan["platform"] == "instagram"]["format"].nunique() >= 3


def test_same_seed_same_plan_and_seed_changes_ideas():
    a = planning.draft_plan("2025-10", targets={"instagram": 20}, momentum=OCT, seed=3)
    b = planning.draft_plan("2025-10", targets={"instagram": 20}, momentum=OCT, seed=3)
    pd.testing.assert_frame_equal(a, b)
    c = planning.draft_plan("2025-10", targets={"instagram": 20}, momentum=OCT, seed=4)
    assert not a["idea"].equals(c["idea"])


def test_publics_fit_scores_choose_publics_per_platform():
    fit = pd.DataFrame(
        {
            "public": ["Pelajar", "ASN", "UMKM", "Petani"] * 2,
            "platform": ["tiktok"] * 4 + ["facebook"] * 4,
            "fit": [1.0, 0.2, 0.5, 0.0, 0.1, 1.0, 0.8, 0.6],
        }
    )
    plan = planning.draft_plan(
        "2025-10", targets={"tiktok": 12, "facebook": 20}, publics=fit, momentum=OCT
    )
    tt = plan[(plan["platform"] == "tiktok") & ~plan["reserve"]]["public"].value_counts()
    fb = plan[(plan["platform"] == "facebook") & ~plan["reserve"]]["public"].value_counts()
    assert "Petani" not in tt and tt.idxmax() == "Pelajar"
    assert set(fb.index) == {"ASN", "UMKM", "Petani"} and fb.idxmax() == "ASN"
    assert plan.loc[plan["reserve"], "public"].isna().all()


def test_single_public_with_preferred_formats_shapes_formats():
    publics = pd.DataFrame({"public": ["Pelajar"], "preferred_formats": ["short;reel;story"]})
    plan = planning.draft_plan("2025-10", targets={"instagram": 20}, publics=publics, momentum=OCT)
    assert set(plan["format"]) <= {"reel", "story"}
    assert (plan.loc[~plan["reserve"], "public"] == "Pelajar").all()


def test_accounts_and_pics_fill_the_plan():
    accounts = pd.DataFrame(
        {
            "platform": ["instagram", "instagram"],
            "handle": ["dinas_kecil", "pemkot_utama"],
            "followers": [100, 5000],
        }
    )
    plan = planning.draft_plan(
        "2025-10",
        targets={"instagram": 4},
        accounts=accounts,
        pics=["Rina", "Budi"],
        momentum=False,
    )
    assert set(plan["account"]) == {"pemkot_utama"}
    assert plan["pic"].tolist() == ["Rina", "Budi", "Rina", "Budi"]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"month": "Oktober 2025"}, "YYYY-MM"),
        ({"month": "2025-13"}, "YYYY-MM"),
        ({"targets": {"myspace": 3}}, "myspace"),
        ({"targets": {"x": -1}}, "x"),
        ({"targets": "x=banyak"}, "banyak"),
        ({"tone_mix": (70, 30)}, "tone_mix"),
        ({"mix": {"edukasi": -5}}, "mix"),
        ({"reserve": 1.5}, "reserve"),
        ({"momentum": "hari besar"}, "momentum"),
    ],
)
def test_bad_parameters_are_one_plain_sentence(kwargs, match):
    args = {"month": "2025-10", "targets": {"x": 10}} | kwargs
    month = args.pop("month")
    with pytest.raises(ParameterError, match=match):
        planning.draft_plan(month, lang="en", **args)


def test_parse_targets_accepts_text_and_dicts():
    assert planning.parse_targets("instagram=20, facebook=20, x=30, tiktok=12, youtube=4") == {
        "instagram": 20,
        "facebook": 20,
        "x": 30,
        "tiktok": 12,
        "youtube": 4,
    }
    assert planning.parse_targets({"Twitter": "5"}) == {"x": 5}
    zero = planning.draft_plan("2025-10", targets={"x": 0, "instagram": 2}, momentum=False)
    assert set(zero["platform"]) == {"instagram"}


# --- adapt -----------------------------------------------------------------------------


def test_adapt_gives_a_checklist_per_platform_variant():
    text = "Daftar vaksin gratis di https://dinkes.example.go.id #sehat #vaksin"
    out = planning.adapt(text, lang="id")
    assert set(out["platform"]) == set(schema.PLATFORMS)
    assert {"hook", "hashtags", "link"} <= set(out["item"])
    link = out[out["item"] == "link"].groupby("platform")["status"].first()
    assert link["instagram"] == "perlu_revisi" and link["tiktok"] == "perlu_revisi"
    assert link["x"] == "ok" and link["facebook"] == "ok"
    hook = out[(out["platform"] == "tiktok") & (out["item"] == "hook")]["instruction"].item()
    assert "15 detik" in hook


def test_adapt_checks_lengths_and_titles():
    long = "Kabar " * 60  # 360 characters
    out = planning.adapt({"title": "J" * 120, "caption": long}, platforms=["x", "youtube"])
    x = out[(out["platform"] == "x") & (out["item"] == "caption")]
    assert x["status"].item() == "perlu_revisi"
    yt = out[(out["platform"] == "youtube") & (out["item"] == "title")]
    assert set(yt["status"]) == {"perlu_revisi"}
    with pytest.raises(ParameterError):
        planning.adapt(42)


# --- quality control -------------------------------------------------------------------


def _one(platform, caption, fmt="text", **extra):
    row = {
        "date": "2025-10-06",
        "platform": platform,
        "format": fmt,
        "category": "edukasi",
        "title": "Info layanan",
        "caption": caption,
    } | extra
    return pd.DataFrame([row])


def test_qc_catches_a_too_long_x_post():
    ok = planning.quality_check(_one("x", "a" * 280))
    assert ok["qc_status"].item() == "ok"
    long = planning.quality_check(_one("x", "a" * 281), lang="en")
    assert long["qc_status"].item() == "perlu_revisi"
    assert "281" in long["qc_reasons"].item() and "280" in long["qc_reasons"].item()
    # a link counts 23 characters on X, however long it is written
    link = "https://example.go.id/" + "p" * 100
    fits = planning.quality_check(_one("x", "b" * 250 + " " + link))
    assert fits["qc_status"].item() == "ok"


def test_qc_catches_a_link_in_an_instagram_caption():
    row = _one("instagram", "Daftar di www.contoh.go.id/daftar sekarang", fmt="reel")
    out = planning.quality_check(row, lang="id")
    assert out["qc_status"].item() == "perlu_revisi"
    assert "tautan" in out["qc_reasons"].item()
    same_on_fb = planning.quality_check(
        _one("facebook", "Daftar di www.contoh.go.id/daftar sekarang", fmt="video")
    )
    assert same_on_fb["qc_status"].item() == "ok"


def test_qc_catches_a_caption_with_a_nik():
    row = _one(
        "facebook", "Selamat kepada Budi, NIK 3201014506900001, penerima bantuan.", fmt="video"
    )
    out = planning.quality_check(row, lang="id")
    assert out["qc_status"].item() == "perlu_revisi"
    clean = planning.quality_check(
        _one("facebook", "Selamat kepada penerima bantuan.", fmt="video")
    )
    assert clean["qc_status"].item() == "ok"


def test_qc_platform_checks_hashtags_alt_text_load_and_empty_captions():
    rows = pd.DataFrame(
        {
            "date": ["2025-10-06"] * 4 + ["2025-10-07"],
            "platform": ["instagram"] * 5,
            "format": ["feed", "reel", "carousel", "story", "feed"],
            "category": ["edukasi"] * 5,
            "title": ["a", "b", "c", "d", "e"],
            "caption": ["Teks #satu #dua #tiga #empat #lima #enam", "Teks", "Teks", "Teks", ""],
            "alt_text": ["foto petugas", None, None, None, "foto"],
        }
    )
    out = planning.quality_check(rows, lang="en")
    reasons = out["qc_reasons"].fillna("").tolist()
    assert "6 hashtags" in reasons[0]
    assert "alt text" in reasons[2] and "alt text" not in reasons[1]  # reels have no alt text
    assert all("3 Instagram posts on 2025-10-06" in r for r in reasons[:3])
    assert "posts on" not in reasons[3]  # stories do not count
    assert "no caption" in reasons[4]
    assert out["qc_status"].tolist() == ["perlu_revisi"] * 3 + ["ok", "perlu_revisi"]


def test_qc_keeps_the_plan_and_handles_a_drafted_plan():
    plan = planning.draft_plan("2025-10", targets={"instagram": 6}, momentum=OCT)
    out = planning.quality_check(plan)
    assert len(out) == len(plan)
    pd.testing.assert_frame_equal(
        out.drop(columns=["qc_status", "qc_reasons"]),
        plan.drop(columns=["qc_status", "qc_reasons"]),
    )
    assert set(out["qc_status"]) == {"perlu_revisi"}  # no captions written yet
    reserve_reason = out.loc[out["reserve"], "qc_reasons"].iloc[0]
    assert "cadangan" in reserve_reason


def test_sign_off_needs_a_check_and_respects_revisions():
    plan = pd.concat(
        [_one("x", "Jadwal layanan hari ini."), _one("x", "a" * 300)], ignore_index=True
    )
    with pytest.raises(ParameterError, match="quality_check"):
        planning.sign_off(plan, [0], "Rina")
    checked = planning.quality_check(plan)
    signed = planning.sign_off(checked, [0], "Rina")
    assert signed.loc[0, "status"] == "disetujui" and signed.loc[0, "pic"] == "Rina"
    assert pd.isna(checked.loc[0, "status"])  # input unchanged
    with pytest.raises(ParameterError, match="override"):
        planning.sign_off(checked, [1], "Rina")
    forced = planning.sign_off(checked, [1], "Rina", override=True)
    assert forced.loc[1, "status"] == "disetujui"
    rejected = planning.sign_off(checked, np.array([False, True]), "Rina", status="ditolak")
    assert rejected.loc[1, "status"] == "ditolak"
    with pytest.raises(ParameterError):
        planning.sign_off(checked, [5], "Rina")
    with pytest.raises(ParameterError):
        planning.sign_off(checked, [0], " ")
    with pytest.raises(ParameterError):
        planning.sign_off(checked, [0], "Rina", status="oke")


def test_sign_off_by_plan_id():
    plan = planning.draft_plan("2025-10", targets={"x": 3}, momentum=False)
    plan["caption"] = "Informasi layanan."
    checked = planning.quality_check(plan)
    pid = checked["plan_id"].iloc[1]
    out = planning.sign_off(checked, [pid], "Budi", override=True)
    assert out.loc[out["plan_id"] == pid, "status"].item() == "disetujui"


# --- Latihan checker and views ---------------------------------------------------------


def test_check_mix_feedback():
    plan = planning.draft_plan("2025-10", targets={"instagram": 20, "x": 30}, momentum=OCT)
    good = teaching.check_mix(plan, (70, 20, 10), lang="id")
    assert isinstance(good, Feedback) and good.correct and "Tepat" in good.message
    bad = teaching.check_mix(plan, (40, 40, 20), lang="id")
    assert not bad.correct and "Instagram" in bad.message
    tampered = plan.copy()
    tampered.loc[tampered["platform"] == "x", "tone"] = "promosi"
    assert not teaching.check_mix(tampered).correct
    cat = teaching.check_mix(plan, planning.default_mix())
    assert cat.correct
    assert not teaching.check_mix("rencana saya").correct
    assert not teaching.check_mix(plan, (70, "dua puluh", 10)).correct


def test_summary_grid_and_preview():
    plan = planning.draft_plan("2025-10", targets={"instagram": 20, "x": 30}, momentum=OCT)
    s = planning.summarize(plan)
    assert s.set_index("platform").loc["total", "posts"] == 50
    assert s.set_index("platform").loc["x", "reserve"] == int(
        plan.loc[plan["platform"] == "x", "reserve"].sum()
    )
    grid = planning.month_grid(plan, lang="en")
    assert len(grid) == 31 and {"Instagram", "X (Twitter)"} <= set(grid.columns)
    assert "Pancasila" in grid.loc[0, "momentum"]
    view = teaching.preview("2025-10", "tiktok", "Pelajar", lang="id")
    assert len(view) == 12 and "Tanggal" in view.columns
    everyone = teaching.preview("2025-10", "tiktok", "semua", lang="id")
    assert not view.equals(everyone)


def test_platform_limits_table():
    lim = planning.platform_limits()
    assert set(lim["platform"]) == set(schema.PLATFORMS)
    x = lim.set_index("platform").loc["x"]
    assert x["caption_max"] == 280 and bool(x["links_clickable"])
    assert not bool(lim.set_index("platform").loc["instagram", "links_clickable"])


def test_qc_posting_load_counts_each_account_separately():
    rows = pd.DataFrame(
        {
            "date": ["2025-10-06"] * 3,
            "platform": ["instagram"] * 3,
            "format": ["reel"] * 3,
            "category": ["edukasi"] * 3,
            "title": ["a", "b", "c"],
            "caption": ["Teks"] * 3,
            "account": ["pemkot", "dinkes", "dishub"],
        }
    )
    assert set(planning.quality_check(rows)["qc_status"]) == {"ok"}
    same = planning.quality_check(rows.assign(account="pemkot"), lang="en")
    assert same["qc_reasons"].str.contains("3 Instagram posts").all()
