"""Tests of humaskit.governance (account audit, shared agenda, security checklist), its
checker and chart, and humaskit.files.inventory / files.findings (reading a team's account
inventory, writing the findings)."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from humaskit import DataNotFound, ParameterError, SchemaError, UnsupportedFile, plots, teaching
from humaskit import governance as gov
from humaskit.files import findings as fnd
from humaskit.files import inventory as inv
from humaskit.files.safe import unsafe_cells

TODAY = "2025-09-30"


def _accounts(**overrides) -> pd.DataFrame:
    """A small clean inventory: every check passes unless a test changes a cell."""
    base = pd.DataFrame(
        {
            "institution": "Pemerintah Kota Contoh",
            "unit": ["Dinas Kesehatan", "Dinas Kesehatan", "Dinas Pendidikan", "Dinas Sosial"],
            "platform": ["instagram", "facebook", "instagram", "x"],
            "handle": ["dinkes_contoh", "dinkes.contoh", "disdik_contoh", "dinsos_contoh"],
            "display_name": [
                "Dinas Kesehatan Kota Contoh",
                "Dinas Kesehatan Kota Contoh",
                "Dinas Pendidikan Kota Contoh",
                "Dinas Sosial Kota Contoh",
            ],
            "verified": True,
            "account_type": ["business", "page", "business", "business"],
            "emblem_photo": True,
            "two_factor": True,
            "password_changed_at": "2025-08-01",
            "admins": 2,
            "assignment_letter": True,
            "followers": [5000, 7000, 3000, 1200],
        }
    )
    for col, values in overrides.items():
        base[col] = values
    return base


def _posts(rows) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["platform", "account", "published_at", "campaign", "text"])
    df["post_id"] = [str(i) for i in range(len(df))]
    df["post_type"] = "feed"
    return df


def _row(audit: pd.DataFrame, handle: str, platform: str | None = None) -> pd.Series:
    sel = audit["handle"] == handle
    if platform:
        sel &= audit["platform"] == platform
    assert sel.sum() == 1
    return audit[sel].iloc[0]


# ---------------------------------------------------------------------------------------
# The inconsistent-abbreviation finder
# ---------------------------------------------------------------------------------------


def test_abbreviation_finder_on_pu_beside_pekerjaan_umum():
    acc = pd.DataFrame(
        {
            "institution": "Kota X",
            "unit": ["Dinas PU", "Dinas PU"],
            "platform": ["instagram", "facebook"],
            "handle": ["dpu_x", "dpu.x"],
            "display_name": ["Dinas PU Kota X", "Dinas Pekerjaan Umum Kota X"],
        }
    )
    conflicts = gov.abbreviation_conflicts(acc)
    # a tie with nothing else to go by: both accounts are told about the other form
    assert set(conflicts["handle"]) == {"dpu_x", "dpu.x"}
    assert set(conflicts["abbreviation"]) == {"PU"}
    assert set(conflicts["expansion"]) == {"Pekerjaan Umum"}
    short = conflicts[conflicts["handle"] == "dpu_x"].iloc[0]
    assert short["form"] == "abbreviated"
    assert short["suggested_name"] == "Dinas Pekerjaan Umum Kota X"
    assert short["example"] == "Dinas Pekerjaan Umum Kota X"
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    assert not audit["abbreviation_ok"].any()
    assert "'PU'" in _row(audit, "dpu_x")["abbreviation_reason"]


def test_the_form_most_accounts_use_wins():
    acc = _accounts(
        display_name=[
            "Dinas Kesehatan Kota Contoh",
            "Dinas Kesehatan Kota Contoh",
            "Dinas Pendidikan Kota Contoh",
            "Dinsos Kota Contoh",
        ]
    )
    acc.loc[len(acc)] = acc.loc[3]
    acc.loc[4, ["platform", "display_name"]] = ["facebook", "Dinas Sosial Kota Contoh"]
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    flagged = audit.loc[audit["abbreviation_ok"] == False, "handle"].tolist()  # noqa: E712
    assert flagged == ["dinsos_contoh"]
    assert _row(audit, "dinsos_contoh", "x")["suggested_name"] == "Dinas Sosial Kota Contoh"


def test_abbreviation_pairs_are_learned_from_the_inventory_itself():
    names = ["Bagian PBJ Setda Kota X", "Bagian Pengadaan Barang dan Jasa Setda Kota X"]
    learned = gov.abbreviation_pairs(names)
    row = learned[learned["abbreviation"] == "PBJ"]
    assert len(row) == 1 and row.iloc[0]["expansion"] == "Pengadaan Barang dan Jasa"
    assert row.iloc[0]["source"] == "learned"
    assert gov.abbreviation_pairs(names, learn=False)["abbreviation"].ne("PBJ").all()
    # syllable-style abbreviations are learned too when the rest of the names agree
    pairs = gov.abbreviation_pairs(["Dinkop Kota X", "Dinas Koperasi Kota X"])
    assert "Dinkop" in set(pairs["abbreviation"])


def test_no_conflict_between_different_units_or_institutions():
    acc = pd.DataFrame(
        {
            "institution": ["Kota X", "Kota X", "Kota Y", "Kota Y"],
            "unit": ["A", "B", "C", "D"],
            "platform": "instagram",
            "handle": ["a", "b", "c", "d"],
            "display_name": [
                "Dinas Kesehatan Kota X",
                "Dinas Pendidikan Kota X",
                "Dinkes Kota Y",
                "Disdik Kota Y",
            ],
        }
    )
    assert gov.abbreviation_conflicts(acc).empty
    assert gov.audit_accounts(acc, today=TODAY)["abbreviation_ok"].all()


# ---------------------------------------------------------------------------------------
# Each check
# ---------------------------------------------------------------------------------------


def test_clean_inventory_passes_everything_and_scores_100():
    acc = _accounts()
    audit = gov.audit_accounts(acc, today=TODAY)
    assert (audit["score"] == 100).all()
    assert (audit["failed"] == 0).all()
    assert audit["naming_ok"].isna().all()  # no naming rule given
    assert audit["active_ok"].isna().all()  # no posts given
    assert gov.findings(audit).empty


def test_naming_pattern_with_deviations_and_suggestions():
    acc = _accounts(
        unit_code=["dinkes", "dinkes", "disdik", "dinsos"],
        handle=["dinkes_contoh", "dinkes.kota", "disdik_contoh", "dinsos_contoh"],
        display_name=[
            "Dinas Kesehatan Kota Contoh",
            "Dinkes Kota Contoh",
            "Dinas Pendidikan Kota Contoh",
            "Dinas Sosial Kota Contoh",
        ],
    )
    rules = {
        "display_pattern": "{unit} {region}",
        "region": "Kota Contoh",
        "handle_pattern": "{unit}_contoh",
    }
    audit = gov.audit_accounts(acc, rules=rules, today=TODAY, lang="en")
    fb = _row(audit, "dinkes.kota")
    assert fb["naming_ok"] == False  # noqa: E712
    assert fb["suggested_name"] == "Dinas Kesehatan Kota Contoh"
    assert fb["suggested_handle"] == "dinkes_contoh"
    assert "dinkes.kota" in fb["naming_reason"] and "Dinkes Kota Contoh" in fb["naming_reason"]
    assert audit.loc[audit["handle"] != "dinkes.kota", "naming_ok"].all()


def test_handle_pattern_uses_known_abbreviation_and_per_platform_patterns():
    acc = _accounts(
        handle=["pemkotcontoh_dinkes", "dinkes.contoh", "pemkotcontoh_disdik", "contoh_dinsos"]
    )
    rules = {
        "handle_pattern": {"instagram": "{prefix}_{unit}", "x": "{prefix}{unit}"},
        "prefix": "pemkotcontoh",
    }
    audit = gov.audit_accounts(acc, rules=rules, today=TODAY)
    # "Dinas Kesehatan" becomes "dinkes" from the shipped abbreviation list
    assert _row(audit, "pemkotcontoh_dinkes")["naming_ok"] == True  # noqa: E712
    assert pd.isna(_row(audit, "dinkes.contoh")["naming_ok"])  # no pattern for facebook
    x = _row(audit, "contoh_dinsos")
    assert x["naming_ok"] == False  # noqa: E712
    assert x["suggested_handle"] == "pemkotcontohdinsos"
    assert "15" in x["naming_reason"]  # the suggestion is too long for X


def test_unknown_placeholder_is_a_parameter_error():
    with pytest.raises(ParameterError, match="wilayah"):
        gov.audit_accounts(
            _accounts(), rules={"display_pattern": "{unit} {wilayah}"}, today=TODAY, lang="en"
        )
    with pytest.raises(ParameterError, match="prefix"):
        gov.audit_accounts(
            _accounts(), rules={"handle_pattern": "{prefix}{unit}"}, today=TODAY, lang="en"
        )


def test_name_length_and_platform_handle_limits():
    acc = _accounts(
        handle=["dinkes_contoh", "dinkes.contoh", "disdik_contoh", "dinsos_kota_contoh"],
        display_name=[
            "Dinas Kesehatan Kota Contoh",
            "Dinas Kesehatan Kota Contoh yang Melayani Dengan Sepenuh Hati",
            "Dinas Pendidikan Kota Contoh",
            "Dinas Sosial Kota Contoh",
        ],
    )
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    assert audit["name_length_ok"].tolist() == [True, False, True, False]
    assert "at most 40" in audit.loc[1, "name_length_reason"]
    assert "X (Twitter) limit (15)" in audit.loc[3, "name_length_reason"]
    loose = gov.audit_accounts(acc, rules={"display_name_max": 80}, today=TODAY)
    assert loose["name_length_ok"].tolist() == [True, True, True, False]


@pytest.mark.parametrize(
    "name,needle",
    [
        ("Dinas Kesehatan Kece", "informal"),
        ("Dinas Kesehatan Official", "informal"),
        ("Dinas Kesehatan 🏥", "emoji"),
        ("DINAS KESEHATAN KOTA", "capitals"),
        ("Dinas Kesehatan!!", "repeated"),
    ],
)
def test_formality(name, needle):
    acc = _accounts(display_name=[name, *["Dinas Pendidikan Kota Contoh"] * 3])
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    assert audit.loc[0, "formality_ok"] == False  # noqa: E712
    assert needle in audit.loc[0, "formality_reason"]
    assert audit.loc[1:, "formality_ok"].all()


def test_short_abbreviation_alone_is_not_all_caps():
    acc = _accounts(display_name=["BPBD", "BPBD Kota Contoh", "DPMPTSP Kota Contoh", "DPRD"])
    assert gov.audit_accounts(acc, today=TODAY)["formality_ok"].all()


@pytest.mark.parametrize("check", ["emblem_photo", "verified", "two_factor", "assignment_letter"])
def test_yes_no_checks(check):
    acc = _accounts(**{check: [True, False, None, True]})
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    assert audit[f"{check}_ok"].tolist() == [True, False, False, True]
    assert "not recorded" in audit.loc[2, f"{check}_reason"]
    assert audit.loc[1, "score"] < 100


def test_a_column_the_inventory_does_not_keep_is_not_checked_and_not_scored():
    acc = _accounts().drop(columns=["two_factor", "verified"])
    audit = gov.audit_accounts(acc, today=TODAY)
    assert audit["two_factor_ok"].isna().all() and audit["verified_ok"].isna().all()
    assert (audit["score"] == 100).all()
    acc = _accounts(two_factor=None)
    assert gov.audit_accounts(acc, today=TODAY)["two_factor_ok"].isna().all()


def test_account_type_page_versus_personal_profile():
    acc = _accounts(account_type=["Halaman", "pribadi", "kreator", "something else"])
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    assert audit["account_type_ok"].tolist()[:3] == [True, False, True]
    assert pd.isna(audit.loc[3, "account_type_ok"])
    assert "not known" in audit.loc[3, "account_type_reason"]


def test_password_age_against_the_limit_and_rules():
    acc = _accounts(password_changed_at=["2025-09-01", "2025-01-01", None, "2026-01-01"])
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    assert audit["password_age_ok"].tolist() == [True, False, False, False]
    assert audit["password_age_days"].tolist()[:2] == [29, 272]
    assert "272 days" in audit.loc[1, "password_age_reason"]
    assert "after the reference date" in audit.loc[3, "password_age_reason"]
    strict = gov.audit_accounts(acc, rules={"password_max_age_days": 20}, today=TODAY)
    assert strict.loc[0, "password_age_ok"] == False  # noqa: E712


def test_admins_count_and_roster():
    acc = _accounts(admins=[1, 2, 9, None], admin_names=[None, None, None, "Ani, Budi, Citra"])
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    assert audit["admins_ok"].tolist() == [False, True, False, True]
    assert "only 1 admin" in audit.loc[0, "admins_reason"]
    assert "at most 5" in audit.loc[2, "admins_reason"]


def test_duplicates_several_accounts_of_one_unit_on_one_platform():
    acc = _accounts()
    acc.loc[4] = acc.loc[0]
    acc.loc[4, ["handle", "followers", "verified"]] = ["dinkeskotacontoh", 300, False]
    acc.loc[5] = acc.loc[2]  # the same handle listed twice
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    assert audit["duplicate_ok"].tolist() == [True, True, True, True, False, False]
    assert "@dinkes_contoh" in audit.loc[4, "duplicate_reason"]
    assert "more than once" in audit.loc[5, "duplicate_reason"]


def test_same_display_name_on_one_platform_is_a_duplicate_even_without_unit():
    acc = _accounts(
        unit=[None, None, None, None],
        display_name=["Dinas Kesehatan Kota Contoh"] * 2 + ["Dinas Kesehatan Kota Contoh"] * 2,
        platform=["instagram", "facebook", "instagram", "x"],
    )
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    # disdik_contoh has fewer followers than dinkes_contoh on Instagram: it is the copy
    assert audit["duplicate_ok"].tolist() == [True, True, False, True]


def test_abandoned_accounts_from_the_posts_table():
    acc = _accounts()
    posts = _posts(
        [
            ("instagram", "dinkes_contoh", "2025-09-29 03:00+00", None, "halo"),
            ("facebook", "dinkes.contoh", "2025-03-01 03:00+00", None, "halo"),
            ("instagram", "Disdik_Contoh", "2025-09-10 03:00+00", None, "halo"),
        ]
    )
    audit = gov.audit_accounts(acc, posts=posts, lang="en")
    assert audit.attrs["today"] == "2025-09-29"  # the data's last day by default
    assert audit["active_ok"].tolist()[:3] == [True, False, True]
    assert "days ago" in audit.loc[1, "active_reason"]
    assert pd.isna(audit.loc[3, "active_ok"])  # no X posts in the data at all
    posts.loc[3] = ["x", "other_account", "2025-09-20 03:00+00", None, "halo", "9", "text"]
    audit = gov.audit_accounts(acc, posts=posts, lang="en")
    assert audit.loc[3, "active_ok"] == False  # noqa: E712
    assert "no post" in audit.loc[3, "active_reason"]
    assert audit.loc[0, "last_post_at"] == pd.Timestamp("2025-09-29 03:00", tz="UTC")


def test_every_check_has_one_function_run_in_the_order_of_checks_csv():
    from humaskit.governance.audit import CHECK_FUNCTIONS

    assert list(CHECK_FUNCTIONS) == list(gov.CHECKS)


def test_name_issues_judges_like_the_audit_and_the_checker():
    name = "Dinsos Kece 😎"
    acc = pd.DataFrame(
        {
            "unit": ["Dinas Sosial"],
            "platform": ["facebook"],
            "handle": ["dinsos"],
            "display_name": [name],
        }
    )
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    assert "; ".join(gov.name_issues(name, lang="en")) == audit.loc[0, "formality_reason"]
    assert not teaching.check_name(name, lang="en").correct
    assert gov.name_issues("Dinas Sosial Kota Contoh") == []


def test_score_weights_and_not_checked_checks():
    acc = _accounts(two_factor=[False, True, True, True], verified=[True, False, True, True])
    audit = gov.audit_accounts(acc, today=TODAY)
    weights = gov._checks_table().set_index("check")["weight"]
    checked = [c for c in gov.CHECKS if audit[f"{c}_ok"].notna().all()]
    total = weights[checked].sum()
    assert audit.loc[0, "score"] == pytest.approx(round(100 * (total - 3) / total, 1))
    assert audit.loc[1, "score"] == pytest.approx(round(100 * (total - 1) / total, 1))
    assert audit.loc[0, "score"] < audit.loc[1, "score"]  # 2FA weighs more than the badge


def test_audit_does_not_change_its_input_and_keeps_the_index():
    acc = _accounts(two_factor=[False, True, True, True])
    acc.index = [10, 11, 12, 13]
    before = acc.copy()
    audit = gov.audit_accounts(acc, today=TODAY)
    pd.testing.assert_frame_equal(acc, before)
    assert list(audit.index) == [10, 11, 12, 13]
    assert str(audit["handle"].dtype) == "str"


def test_bad_accounts_table_and_rules_raise_humaskit_errors():
    with pytest.raises(SchemaError, match="handle"):
        gov.audit_accounts(_accounts().drop(columns=["handle"]), today=TODAY)
    with pytest.raises(ParameterError, match="min_admins"):
        gov.audit_accounts(_accounts(), rules={"min_admins": -1}, today=TODAY)
    with pytest.raises(ParameterError, match="kemarin"):
        gov.audit_accounts(_accounts(), today="kemarin")


# ---------------------------------------------------------------------------------------
# Views: findings, unit scores, scorecard, summary, display
# ---------------------------------------------------------------------------------------


@pytest.fixture
def mixed_audit():
    acc = _accounts(
        two_factor=[False, True, True, True],
        admins=[1, 2, 2, 2],
        verified=[True, True, False, True],
    )
    return gov.audit_accounts(acc, today=TODAY, lang="en")


def test_findings_worst_first(mixed_audit):
    f = gov.findings(mixed_audit, lang="en")
    assert len(f) == int(mixed_audit["failed"].sum()) == 3
    assert f["weight"].is_monotonic_decreasing
    assert f.iloc[0]["check"] == "two_factor"
    assert f.iloc[0]["check_label"] == "Two-factor authentication"


def test_unit_scores_worst_first_and_findings_by_unit(mixed_audit):
    units = gov.unit_scores(mixed_audit, lang="en")
    assert units["unit"].tolist()[0] == "Dinas Kesehatan"
    assert units["score"].is_monotonic_increasing
    assert units.set_index("unit").loc["Dinas Kesehatan", "findings"] == 2
    assert units.set_index("unit").loc["Dinas Sosial", "findings"] == 0
    per = gov.findings_by_unit(mixed_audit, lang="en")
    assert list(per) == units["unit"].tolist()
    assert len(per["Dinas Sosial"]) == 0 and len(per["Dinas Kesehatan"]) == 2


def test_scorecard_and_plot(mixed_audit):
    sc = gov.scorecard(mixed_audit)
    assert sc.loc["Dinas Kesehatan", "two_factor"] == 0.5
    assert sc.loc["Dinas Pendidikan", "verified"] == 0.0
    assert "naming" not in sc.columns  # never checked
    ax = plots.plot_scorecard(mixed_audit, lang="en")
    assert ax.get_title() == "Share of accounts passing each check"
    assert len(ax.get_yticklabels()) == len(sc)


def test_summary_is_json_safe_and_has_no_handles(mixed_audit):
    s = gov.audit_summary(mixed_audit)
    text = json.dumps(s)
    assert s["accounts"] == 4 and s["findings"] == 3
    assert s["failed_by_check"]["two_factor"] == 1
    assert "dinkes_contoh" not in text


def test_describe_audit_in_both_languages(mixed_audit):
    en = gov.describe_audit(mixed_audit, lang="en")
    idn = gov.describe_audit(mixed_audit, lang="id")
    assert en[0].startswith("4 accounts of 3 units") and idn[0].startswith("4 akun dari 3 unit")
    assert any("Lowest score: Dinas Kesehatan" in s for s in en)


def test_for_display_translates_headers_and_yes_no(mixed_audit):
    view = gov.for_display(mixed_audit[["handle", "two_factor_ok", "two_factor_reason"]], lang="id")
    assert list(view.columns) == [
        "Handle",
        "Verifikasi dua langkah",
        "Alasan: Verifikasi dua langkah",
    ]
    assert view.iloc[0, 1] == "tidak" and view.iloc[1, 1] == "ya"


# ---------------------------------------------------------------------------------------
# The shared agenda
# ---------------------------------------------------------------------------------------


@pytest.fixture
def agenda_posts():
    rows = [
        ("instagram", "pusat", "2025-08-17 01:00+00", "HUT Kota", "Dirgahayu"),
        ("instagram", "pusat", "2025-08-20 01:00+00", "HUT Kota", "Rangkaian acara"),
        ("x", "pusat", "2025-08-25 01:00+00", None, "Ayo ikut #BebasPungli sekarang"),
        ("instagram", "dinkes", "2025-08-17 05:30+00", "HUT Kota", "Selamat ulang tahun"),
        ("instagram", "dinkes", "2025-08-20 02:00+00", "HUT Kota", "Ikut meramaikan"),
        ("facebook", "dishub", "2025-08-16 00:30+00", "HUT Kota", "Persiapan HUT"),
        ("instagram", "dishub", "2025-08-22 12:00+00", "HUT Kota", "telat"),
        ("x", "dishub", "2025-08-25 02:00+00", None, "Kami dukung #bebaspungli"),
        ("x", "disdik", "2025-08-24 22:00+00", None, "#BebasPungli dari sekarang"),
        ("x", "bpbd", "2025-08-10 00:00+00", None, "siaga"),
    ]
    return _posts(rows)


def test_agenda_amplification_carried_and_delay(agenda_posts):
    amp = gov.agenda_amplification(agenda_posts, centre="pusat", agenda=["HUT Kota"])
    got = amp.set_index("account")
    assert got.loc["dinkes", "carried_posts"] == 2 and bool(got.loc["dinkes", "carried"])
    assert got.loc["dinkes", "delay_hours"] == pytest.approx((4.5 + 1.0) / 2)
    assert got.loc["dinkes", "fastest_hours"] == pytest.approx(1.0)
    # dishub posted before the first centre post (too early) and 59 h after the second
    assert not got.loc["dishub", "carried"] and got.loc["dishub", "carried_posts"] == 0
    assert not got.loc["bpbd", "carried"] and np.isnan(got.loc["bpbd", "delay_hours"])
    wider = gov.agenda_amplification(
        agenda_posts, centre="pusat", agenda=["HUT Kota"], window_hours=72
    ).set_index("account")
    assert wider.loc["dishub", "carried_posts"] == 1


def test_agenda_keywords_hashtags_and_coordinated_release(agenda_posts):
    amp = gov.agenda_amplification(
        agenda_posts, centre="pusat", agenda={"Bebas Pungli": ["BebasPungli"]}
    )
    got = amp.set_index("account")
    assert bool(got.loc["dishub", "carried"]) and got.loc["dishub", "delay_hours"] == 1.0
    # disdik posted 3 h before the centre: outside the 60-minute coordinated lead
    assert not got.loc["disdik", "carried"]
    lead = gov.agenda_amplification(
        agenda_posts, centre="pusat", agenda=["bebaspungli"], lead_minutes=240
    ).set_index("account")
    # a campaign name of several words also matches its one-word hashtag
    spaced = gov.agenda_amplification(
        agenda_posts, centre="pusat", agenda=["Bebas Pungli"]
    ).set_index("account")
    assert bool(spaced.loc["dishub", "carried"])
    assert bool(lead.loc["disdik", "carried"]) and lead.loc["disdik", "delay_hours"] == 0.0


def test_agenda_defaults_to_the_centres_campaigns_and_matrix(agenda_posts):
    amp = gov.agenda_amplification(
        agenda_posts, centre=["Pusat"], accounts=["dinkes", "dishub", "dinsos"]
    )
    assert set(amp["agenda"]) == {"HUT Kota"}
    assert amp["account"].tolist() == ["dinkes", "dishub", "dinsos"]
    m = gov.amplification_matrix(amp, value="carried")
    assert m.loc["dinkes", "HUT Kota"] == True and m.loc["dinsos", "HUT Kota"] == False  # noqa: E712
    d = gov.amplification_matrix(amp)
    assert d.loc["dinkes", "HUT Kota"] == pytest.approx(2.75)
    s = gov.amplification_summary(amp)
    assert s["account"].iloc[-1] == "dinkes"


def test_agenda_errors(agenda_posts):
    with pytest.raises(ParameterError, match="tidak_ada"):
        gov.agenda_amplification(agenda_posts, centre="tidak_ada")
    with pytest.raises(ParameterError):
        gov.agenda_amplification(agenda_posts, centre="pusat", window_hours=0)
    no_campaign = agenda_posts.assign(campaign=None)
    with pytest.raises(ParameterError):
        gov.agenda_amplification(no_campaign, centre="pusat")


def test_central_account_guess():
    acc = _accounts()
    acc.loc[4] = acc.loc[0]
    acc.loc[4, ["unit", "handle", "display_name", "followers"]] = [
        None,
        "pemkotcontoh",
        "Pemerintah Kota Contoh",
        90000,
    ]
    assert gov.central_account(acc) == "pemkotcontoh"
    posts = _posts([("instagram", "PemkotContoh", "2025-09-01 01:00+00", None, "x")])
    assert gov.central_account(acc, posts) == "PemkotContoh"
    assert gov.central_account(None, posts) == "PemkotContoh"


# ---------------------------------------------------------------------------------------
# Security checklist and the exercise checker
# ---------------------------------------------------------------------------------------


def test_security_checklist_items_in_both_languages():
    idn = gov.security_checklist("id")
    en = gov.security_checklist("en")
    assert list(idn["key"]) == list(en["key"]) and len(idn) >= 10
    for key in (
        "password_manager",
        "two_factor_app",
        "recovery_contacts",
        "admin_removal",
        "third_party_apps",
    ):
        assert key in set(idn["key"])
    assert idn["item"].str.len().gt(20).all() and en["how"].str.len().gt(20).all()
    assert idn["due"].all() and idn["done"].isna().all()


def test_security_checklist_with_reviews():
    reviewed = pd.DataFrame(
        {
            "key": ["two_factor_app", "phishing", "backup_codes"],
            "done": ["ya", "belum", True],
            "last_review": ["2025-09-01", "2025-09-01", "2024-01-01"],
        }
    )
    cl = gov.security_checklist("en", reviewed=reviewed, today=TODAY).set_index("key")
    assert bool(cl.loc["two_factor_app", "done"]) and not cl.loc["two_factor_app", "due"]
    assert cl.loc["phishing", "due"]  # not done
    assert cl.loc["backup_codes", "due"]  # done, but reviewed too long ago
    assert cl.loc["two_factor_app", "last_review"] == pd.Timestamp("2025-09-01")
    with pytest.raises(ParameterError, match="password_vault"):
        gov.security_checklist("en", reviewed={"password_vault": "2025-09-01"})
    with pytest.raises(ParameterError, match="mungkin"):
        gov.security_checklist("en", reviewed={"phishing": ("mungkin", "2025-09-01")})


def test_check_name_feedback():
    good = teaching.check_name(
        "Dinas Kesehatan Kota Contoh", others=["Dinas Sosial Kota Contoh"], lang="id"
    )
    assert good.correct and "Bagus" in good.message
    bad = teaching.check_name(
        "Dinkes Contoh Kece 😍",
        others=["Dinas Kesehatan Hewan Kota Contoh", "Dinas Sosial Kota Contoh"],
        lang="en",
    )
    assert not bad.correct
    for needle in ("informal", "emoji", "Dinkes"):
        assert needle in bad.message
    assert not teaching.check_name("   ", lang="en").correct


# ---------------------------------------------------------------------------------------
# Reading the inventory file
# ---------------------------------------------------------------------------------------


@pytest.fixture
def inventory_xlsx(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Akun"
    ws.append(["Inventaris Akun Media Sosial Pemerintah Kota Contoh"])
    ws.append([])
    ws.append(
        [
            "No",
            "Nama Unit",
            "Platform",
            "Nama Akun",
            "Username",
            "Terverifikasi",
            "Foto Profil Lambang",
            "2FA",
            "Tanggal Ganti Kata Sandi",
            "Jumlah Admin",
            "Surat Tugas",
            "Pengikut",
        ]
    )
    ws.append(
        [
            1,
            "Dinas Kesehatan",
            "Instagram",
            "Dinas Kesehatan Kota Contoh",
            "@dinkes_contoh",
            "ya",
            "ya",
            "ya",
            dt.datetime(2025, 8, 1),
            2,
            "800/12/2025",
            "12.500",
        ]
    )
    ws.append(
        [
            2,
            "Dinas PU",
            "IG",
            "Dinas PU Kota Contoh",
            "https://www.instagram.com/dpu_contoh/",
            "tidak",
            "ya",
            "belum",
            "awal tahun",
            "2 orang",
            "tidak",
            "1,2 rb",
        ]
    )
    ws.append(
        [
            3,
            "Dinas PU",
            "Facebook",
            "Dinas Pekerjaan Umum Kota Contoh",
            "dpu.contoh",
            "tidak",
            "mungkin",
            "ya",
            "15/07/2025",
            "banyak",
            "ya",
            None,
        ]
    )
    ws.append(
        [
            4,
            "Dinas Sosial",
            "Threads",
            "Dinas Sosial",
            "dinsos",
            "ya",
            "ya",
            "ya",
            "2025-01-01",
            2,
            "ya",
            None,
        ]
    )
    ws.append(
        [
            5,
            "Dinas Kesehatan",
            "instagram",
            "Dinkes lagi",
            "DINKES_contoh",
            "ya",
            "ya",
            "ya",
            "3 Maret 2025",
            1,
            "ya",
            None,
        ]
    )
    ws.append(
        [
            6,
            "Dinas Sosial",
            "X",
            "Dinas Sosial Kota Contoh",
            "Dinas Sosial",
            "ya",
            "ya",
            "ya",
            "Maret 2025",
            2,
            "ya",
            None,
        ]
    )
    ws.append([])
    path = tmp_path / "inventaris.xlsx"
    wb.save(path)
    return path


def test_inventory_reads_sound_rows_and_lists_each_problem(inventory_xlsx):
    table, problems = inv.read_inventory(inventory_xlsx, lang="en")
    got = inv.read_inventory(inventory_xlsx, lang="en")
    assert got.rows_in_file == 6 and got.skipped == 3 and len(table) == 3
    assert table["handle"].tolist() == ["dinkes_contoh", "dpu_contoh", "dpu.contoh"]
    assert table["platform"].tolist() == ["instagram", "instagram", "facebook"]
    assert table["source_row"].tolist() == [4, 5, 6]
    first = table.iloc[0]
    assert first["password_changed_at"] == pd.Timestamp("2025-08-01")
    assert bool(first["assignment_letter"]) and first["assignment_letter_ref"] == "800/12/2025"
    assert first["followers"] == 12500 and table.iloc[1]["followers"] == 1200
    assert table.iloc[1]["admins"] == 2
    assert table.iloc[2]["password_changed_at"] == pd.Timestamp("2025-07-15")
    by_row = problems.dropna(subset=["row"]).set_index(["row", "column"])["problem"]
    # free text in a date column: row and column named, the row still loads
    assert "awal tahun" in by_row[(5, "Tanggal Ganti Kata Sandi")]
    assert "inventaris.xlsx" in by_row[(5, "Tanggal Ganti Kata Sandi")]
    assert "mungkin" in by_row[(6, "Foto Profil Lambang")]
    assert "banyak" in by_row[(6, "Jumlah Admin")]
    assert "Threads" in by_row[(7, "Platform")] and "skipped" in by_row[(7, "Platform")]
    # a handle on two rows (case does not matter)
    assert "row 4" in by_row[(8, "Username")]
    assert "not a username" in by_row[(9, "Username")]
    whole = problems[problems["row"].isna()]
    assert "Jenis Akun" in set(whole["column"])  # account type not kept: check skipped
    assert "No" not in set(problems["column"])  # a row-number column is fine


def test_inventory_feeds_the_audit(inventory_xlsx):
    table, _ = inv.read_inventory(inventory_xlsx)
    audit = gov.audit_accounts(table, today=TODAY, lang="en")
    assert audit["source_row"].tolist() == [4, 5, 6]
    assert audit["account_type_ok"].isna().all()
    assert audit.loc[1, "password_age_ok"] == False  # noqa: E712  (free text -> not recorded)
    f = gov.findings(audit, lang="en")
    assert "source_row" in f.columns


def test_inventory_csv_english_headers_semicolons_and_month_names(tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(
        "Institution;Unit Name;Platform;Display Name;Handle;Verified;2FA;Password Changed;"
        "Admins;Assignment Letter\n"
        "City X;Health Office;YouTube;Health Office City X;@healthx;yes;no;"
        "12 Agustus 2025;3;yes\n"
        "City X;Health Office;tiktok;Health Office City X;healthx;no;yes;05-09-2025;2;no\n",
        encoding="utf-8",
    )
    got = inv.read_inventory(path)
    assert got.table["password_changed_at"].tolist() == [
        pd.Timestamp("2025-08-12"),
        pd.Timestamp("2025-09-05"),
    ]
    assert got.table["two_factor"].tolist() == [False, True]
    assert got.table["institution"].tolist() == ["City X", "City X"]
    assert got.problems.dropna(subset=["row"]).empty


def test_inventory_without_required_columns_or_readable_file(tmp_path):
    path = tmp_path / "tanpa_platform.csv"
    path.write_text("Nama Unit,Username\nDinas A,dinas_a\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="platform"):
        inv.read_inventory(path, lang="en")
    with pytest.raises(DataNotFound):
        inv.read_inventory(tmp_path / "tidak_ada.xlsx")
    old = tmp_path / "lama.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnsupportedFile, match="xlsx"):
        inv.read_inventory(old, lang="en")


def test_write_findings_one_sheet_per_unit_neutralised(tmp_path):
    import openpyxl

    acc = _accounts(
        two_factor=[False, True, True, True],
        display_name=[
            '=HYPERLINK("http://x")',
            "Dinas Kesehatan Kota Contoh",
            "Dinas Pendidikan Kota Contoh",
            "Dinas Sosial Kota Contoh",
        ],
    )
    audit = gov.audit_accounts(acc, today=TODAY)
    cl = gov.security_checklist(reviewed={"phishing": "2025-09-01"})
    out = inv.write_findings(audit, tmp_path / "temuan.xlsx", checklist=cl)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "Ringkasan",
        "Dinas Kesehatan",
        "Dinas Pendidikan",
        "Dinas Sosial",
        "Daftar periksa keamanan",
    ]
    values = [c.value for row in wb["Dinas Kesehatan"].iter_rows() for c in row]
    assert '=HYPERLINK("http://x")' in values  # exactly as written, stored as text
    assert unsafe_cells(out) == []
    assert wb["Dinas Sosial"]["A2"].value == "Tidak ada temuan untuk unit ini."
    # the team ticks the checklist sheet and it is read back
    back = inv.read_checklist(out)
    reviewed = back.set_index("key")
    assert reviewed.loc["phishing", "last_review"] == pd.Timestamp("2025-09-01")
    again = gov.security_checklist(reviewed=back, today=TODAY).set_index("key")
    assert bool(again.loc["phishing", "done"]) and not again.loc["phishing", "due"]


def test_sheet_names_are_valid_and_unique():
    names = fnd._sheet_names(
        [
            "Dinas A/B",
            "Badan Perencanaan Pembangunan Daerah Kota X",
            "Badan Perencanaan Pembangunan Daerah Kota Y",
        ]
    )
    assert names[0] == "Dinas A-B"
    assert all(len(n) <= 31 for n in names) and len(set(names)) == 3


def test_read_rules(tmp_path):
    path = tmp_path / "aturan.csv"
    path.write_text(
        "# aturan tim\nkey,value,catatan\npassword_max_age_days,90,\n"
        "display_pattern,{unit} {region},\nregion,Kota Contoh,\n",
        encoding="utf-8",
    )
    rules = inv.read_rules(path)
    resolved = gov.resolve_rules(rules)
    assert resolved["password_max_age_days"] == 90
    assert resolved["display_pattern"] == "{unit} {region}"


# ---------------------------------------------------------------------------------------
# The sample institution: every planted governance fault is found
# ---------------------------------------------------------------------------------------

#: Which check finds each planted fault of humaskit.samples.
FAULT_CHECK = {
    "unverified": "verified",
    "naming_inconsistent": "abbreviation",
    "duplicate": "duplicate",
    "password_old": "password_age",
    "single_admin": "admins",
    "no_assignment_letter": "assignment_letter",
    "informal_name": "formality",
    "no_2fa": "two_factor",
    "personal_profile": "account_type",
    "abandoned": "active",
    "no_emblem": "emblem_photo",
}


def _planted():
    samples = pytest.importorskip("humaskit.samples")
    planted = getattr(samples, "PLANTED", None)
    if planted is None:
        pytest.skip("humaskit.samples.PLANTED is not available yet")
    return samples, planted


def _planted_governance(planted) -> list[tuple[str, str, str]]:
    """(platform, handle, fault) from PLANTED, whatever container shape it has."""
    items = (
        planted.get("accounts", planted.get("governance")) if isinstance(planted, dict) else planted
    )
    if isinstance(items, pd.DataFrame):
        items = items.to_dict("records")
    out = []
    for it in items or []:
        if isinstance(it, dict) and it.get("fault") in FAULT_CHECK:
            out.append((it.get("platform"), it.get("handle") or it.get("account"), it["fault"]))
    return out


def test_every_planted_governance_fault_is_found():
    samples, planted = _planted()
    faults = _planted_governance(planted)
    if not faults:
        pytest.skip("PLANTED lists no account faults in a shape this test knows")
    ws = samples.workspace()
    audit = gov.audit_accounts(ws.accounts, posts=ws.posts)
    missed = []
    for platform, handle, fault in faults:
        sel = audit["handle"].map(gov._key) == gov._key(handle)
        if platform:
            sel &= audit["platform"] == platform
        ok = audit.loc[sel, f"{FAULT_CHECK[fault]}_ok"]
        if ok.empty or not (ok == False).any():  # noqa: E712
            missed.append((platform, handle, fault))
    assert not missed, f"planted faults not found: {missed}"


def test_sample_agenda_amplification_runs():
    samples, _ = _planted()
    ws = samples.workspace()
    centre = gov.central_account(ws.accounts, ws.posts)
    assert centre is not None
    amp = gov.agenda_amplification(ws.posts, centre=centre)
    assert len(amp) and amp["carried"].any() and not amp["carried"].all()


def test_sample_agenda_follows_the_planted_propensity_and_lag():
    samples, planted = _planted()
    truth = planted.get("agenda")
    if not truth or "lag_hours" not in truth:
        pytest.skip("PLANTED['agenda'] is not available")
    ws = samples.workspace()
    amp = gov.agenda_amplification(ws.posts, centre=planted["centre"], agenda=truth["campaigns"])
    summary = gov.amplification_summary(amp)
    unit_of = ws.accounts.drop_duplicates("handle").set_index("handle")["unit"]
    main = ~ws.accounts.set_index("handle").index.duplicated()  # noqa: F841 (clarity)
    summary = summary[summary["account"] != "dlhkotasukamaju"]  # the planted duplicate
    summary["unit"] = summary["account"].map(unit_of)
    summary["lag"] = summary["unit"].map(truth["lag_hours"])
    summary["propensity"] = summary["unit"].map(truth["propensity"])
    carried = summary.dropna(subset=["median_delay_hours"])
    assert carried[["median_delay_hours", "lag"]].corr("spearman").iloc[0, 1] > 0.8
    assert summary[["posts_share", "propensity"]].corr("spearman").iloc[0, 1] > 0.6


# ---------------------------------------------------------------------------------------
# Playbook glue and the playbook itself
# ---------------------------------------------------------------------------------------


def test_institution_account_is_not_held_to_the_unit_pattern():
    acc = _accounts()
    acc.loc[4] = acc.loc[0]
    acc.loc[4, ["unit", "handle", "display_name"]] = [
        "Diskominfo",
        "pemkotcontoh",
        "Pemerintah Kota Contoh",
    ]
    acc["institution"] = "Pemerintah Kota Contoh"
    audit = gov.audit_accounts(
        acc, rules={"display_pattern": "{unit} Kota Contoh"}, today=TODAY, lang="en"
    )
    assert pd.isna(audit.loc[4, "naming_ok"])
    assert "own account" in audit.loc[4, "naming_reason"]
    assert audit.loc[:3, "naming_ok"].all()


def test_suggested_names_are_formal():
    acc = _accounts(
        display_name=[
            "DINAS KESEHATAN KOTA CONTOH",
            "Dinas Kesehatan Kota Contoh",
            "Dinas Pendidikan Kota Contoh",
            "Dinsos Kota Contoh Kece 😎",
        ]
    )
    acc.loc[4] = acc.loc[3]
    acc.loc[4, ["platform", "display_name"]] = ["facebook", "Dinas Sosial Kota Contoh"]
    audit = gov.audit_accounts(acc, today=TODAY)
    assert audit.loc[0, "suggested_name"] == "Dinas Kesehatan Kota Contoh"
    assert audit.loc[3, "suggested_name"] == "Dinas Sosial Kota Contoh"
    s = gov.naming_suggestions(audit)
    assert s["handle"].tolist() == ["dinkes_contoh", "dinsos_contoh"]


def test_agenda_on_missing_empty_keeps_a_report_going(agenda_posts):
    amp = gov.agenda_amplification(agenda_posts, centre=None, on_missing="empty", lang="en")
    assert amp.empty and "central account" in amp.attrs["note"]
    assert gov.agenda_note(amp, lang="en") == amp.attrs["note"]
    assert gov.agenda_summary(amp)["items"] == 0
    full = gov.agenda_amplification(agenda_posts, centre="pusat", agenda="HUT Kota")
    s = gov.agenda_summary(full)
    assert s["items"] == 1 and s["posts_share"] == pytest.approx(2 / 8)
    json.dumps(s)


def test_audit_inputs_reads_the_files_the_parameters_name(inventory_xlsx, tmp_path):
    from types import SimpleNamespace

    rules = tmp_path / "aturan.csv"
    rules.write_text(
        "key,value\nmin_admins,3\ndisplay_pattern,{unit} Kota Contoh\n", encoding="utf-8"
    )
    values = {
        "inventaris": str(inventory_xlsx),
        "aturan": str(rules),
        "pola_nama": "",
        "pola_handle": "",
        "maks_umur_sandi_hari": 100,
        "tidak_aktif_hari": 30,
        "min_admin": 1,
        "akun_pusat": "@pusat",
        "berkas_periksa": "",
    }
    got = inv.audit_inputs(SimpleNamespace(values=values, ws=None), lang="en")
    assert len(got.accounts) == 3 and len(got.problems) > 0
    assert got.rules["display_pattern"] == "{unit} Kota Contoh"  # kept from the file
    assert got.rules["min_admins"] == 1  # the parameter wins
    assert got.rules["password_max_age_days"] == 100
    assert got.centre == "pusat" and got.reviewed is None
    assert any("Threads" in line for line in got.problem_lines("en"))
    empty = SimpleNamespace(values={"inventaris": ""}, ws=None)
    with pytest.raises(ParameterError, match="inventaris"):
        inv.audit_inputs(empty, lang="en")


@pytest.fixture(scope="module")
def playbook_run(tmp_path_factory):
    pytest.importorskip("humaskit.samples")
    from humaskit import playbooks

    out = tmp_path_factory.mktemp("audit")
    return playbooks.run("audit-akun", {"data": "contoh"}, out)


def test_playbook_writes_html_xlsx_and_summary(playbook_run):
    import openpyxl

    from humaskit import samples

    folder = playbook_run.parent
    html = playbook_run.read_text(encoding="utf-8")
    assert "Audit Akun Media Sosial" in html and "hk.playbooks" not in html
    assert "Dinas PU Kota Sukamaju" in html  # a finding with its suggested name
    book = openpyxl.load_workbook(folder / "temuan-per-unit.xlsx")
    units = fnd._sheet_names(sorted(set(samples.workspace().accounts["unit"])))
    assert set(units) <= set(book.sheetnames) and "Daftar periksa keamanan" in book.sheetnames
    bundle = json.loads((folder / "ringkasan.json").read_text(encoding="utf-8"))
    ws = samples.workspace()
    expected = gov.audit_summary(gov.audit_accounts(ws.accounts, posts=ws.posts))
    got = bundle["summary"]
    assert got["accounts"] == expected["accounts"] and got["findings"] == expected["findings"]
    assert got["mean_score"] == pytest.approx(expected["mean_score"])
    assert got["failed_by_check"] == expected["failed_by_check"]
    assert got["agenda"]["items"] >= 3 and got["checklist_due"] > 0
    assert "dinkes_sukamaju" not in json.dumps(got)  # unit level only


def test_playbook_refuses_bad_parameters_before_running(tmp_path):
    from humaskit import playbooks

    with pytest.raises(ParameterError, match="min_admin"):
        playbooks.run("audit-akun", {"min_admin": "dua"}, tmp_path)
    with pytest.raises(ParameterError, match="inventaris"):
        playbooks.run("audit-akun", {"inventaris": str(tmp_path / "tidak-ada.xlsx")}, tmp_path)
    assert not any(p.name.startswith("audit-akun") for p in tmp_path.iterdir())


# ---------------------------------------------------------------------------------------
# One voice without configuration: inferred naming pattern, abbreviation style, coverage
# ---------------------------------------------------------------------------------------


def _kota_uji() -> pd.DataFrame:
    """An inventory the inference was not tuned to; no naming rule is configured."""
    return pd.DataFrame(
        {
            "institution": "Pemerintah Kota Uji",
            "unit": [
                "Pemerintah Kota Uji",
                "Dinas Kesehatan",
                "Dinas Perhubungan",
                "Dinas Pendidikan",
                "Dinas Lingkungan Hidup",
                "Dinas Pekerjaan Umum",
                "Dinas Kesehatan",
            ],
            "platform": ["instagram"] * 6 + ["facebook"],
            "handle": [
                "pemkotuji",
                "dinkes.kotauji",
                "dishub.kotauji",
                "disdik.kotauji",
                "dlh_kota_uji_official2",
                "dpu.kotauji",
                "dinkes.kotauji",
            ],
            "display_name": [
                "Pemerintah Kota Uji",
                "Dinkes Kota Uji",
                "Dishub Kota Uji",
                "Disdik Kota Uji",
                "DLH Kota Uji",
                "Dinas Pekerjaan Umum Kota Uji",
                "Dinkes Kota Uji",
            ],
        }
    )


def test_audit_infers_the_naming_pattern_and_flags_the_outlier():
    acc = _kota_uji()
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    dlh = _row(audit, "dlh_kota_uji_official2")
    assert dlh["naming_ok"] == False  # noqa: E712
    assert "{unit}.kotauji" in dlh["naming_reason"]
    assert dlh["suggested_handle"] == "dlh.kotauji"
    # the others follow the pattern; the institution's own account is not held to it
    others = audit[~audit["handle"].isin(["dlh_kota_uji_official2", "pemkotuji"])]
    assert others.loc[others["platform"] == "instagram", "naming_ok"].eq(True).all()
    assert pd.isna(_row(audit, "pemkotuji")["naming_ok"])
    assert pd.isna(_row(audit, "dinkes.kotauji", "facebook")["naming_ok"])  # one account
    patterns = gov.infer_naming_patterns(acc)
    ig = patterns[patterns["platform"] == "instagram"].set_index("field")
    assert ig.loc["handle", "pattern"] == "{unit}.kotauji"
    assert ig.loc["display_name", "pattern"] == "{unit} Kota Uji"
    # a configured pattern still wins over the inferred one
    ruled = gov.audit_accounts(acc, today=TODAY, rules={"handle_pattern": "{unit}_kotauji"})
    assert ruled.loc[ruled["handle"] == "dinkes.kotauji", "naming_ok"].eq(False).all()


def test_inferred_display_pattern_suggests_a_name_in_the_pattern():
    acc = _kota_uji()
    acc.loc[2, "display_name"] = "Dishub Uji Kece"
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    row = _row(audit, "dishub.kotauji")
    assert row["naming_ok"] == False  # noqa: E712
    assert "'{unit} Kota Uji'" in row["naming_reason"]
    assert "Kota Uji" in row["suggested_name"]


def test_audit_flags_a_unit_spelled_out_among_abbreviated_units():
    audit = gov.audit_accounts(_kota_uji(), today=TODAY, lang="en")
    dpu = _row(audit, "dpu.kotauji")
    assert dpu["abbreviation_ok"] == False  # noqa: E712
    assert "Dinas Pekerjaan Umum" in dpu["abbreviation_reason"]
    assert "4 of 5" in dpu["abbreviation_reason"]
    assert dpu["suggested_name"] == "DPU Kota Uji"
    assert audit.loc[audit["handle"] != "dpu.kotauji", "abbreviation_ok"].ne(False).all()


def test_abbreviation_style_the_other_way_round():
    acc = _kota_uji()
    acc["display_name"] = [
        "Pemerintah Kota Uji",
        "Dinas Kesehatan Kota Uji",
        "Dishub Kota Uji",
        "Dinas Pendidikan Kota Uji",
        "Dinas Lingkungan Hidup Kota Uji",
        "Dinas Pekerjaan Umum Kota Uji",
        "Dinas Kesehatan Kota Uji",
    ]
    audit = gov.audit_accounts(acc, today=TODAY, lang="en")
    dishub = _row(audit, "dishub.kotauji")
    assert dishub["abbreviation_ok"] == False  # noqa: E712
    assert dishub["suggested_name"] == "Dinas Perhubungan Kota Uji"
    assert int((audit["abbreviation_ok"] == False).sum()) == 1  # noqa: E712


def test_no_pattern_is_inferred_from_too_few_or_disagreeing_accounts():
    acc = _accounts()
    assert gov.infer_naming_patterns(acc).empty  # 2 instagram accounts at most
    mixed = _kota_uji()
    mixed["handle"] = ["pemkotuji", "dinkes.kotauji", "dishub_uji", "uji-disdik", "dlh2", "pu", "x"]
    ig = gov.infer_naming_patterns(mixed)
    assert ig[(ig["platform"] == "instagram") & (ig["field"] == "handle")].empty


def test_missing_accounts_lists_units_without_a_required_platform():
    acc = _kota_uji()
    miss = gov.missing_accounts(
        acc,
        units=["Dinas Kesehatan", "Dishub", "Dinas Sosial", "BPBD"],
        platforms="instagram, facebook",
        lang="en",
    )
    got = set(zip(miss["unit"], miss["platform"], strict=True))
    assert got == {
        ("Dishub", "facebook"),
        ("Dinas Sosial", "instagram"),
        ("Dinas Sosial", "facebook"),
        ("BPBD", "instagram"),
        ("BPBD", "facebook"),
    }
    assert miss.set_index(["unit", "platform"]).loc[("Dishub", "facebook"), "has_any"]
    # without a unit list, the inventory's own units are checked
    own = gov.missing_accounts(acc, platforms=["instagram"])
    assert own.empty
    assert set(gov.missing_accounts(acc, platforms=["twitter"])["platform"]) == {"x"}
    with pytest.raises(ParameterError, match="friendster"):
        gov.missing_accounts(acc, platforms=["friendster"], lang="en")
    shown = gov.for_display(miss, lang="en")
    assert "Has another account" in shown.columns


def test_sample_inventory_naming_inference_flags_only_departing_accounts():
    from humaskit import samples

    audit = gov.audit_accounts(samples.load("accounts"), today=TODAY, lang="en")
    failed = set(audit.loc[audit["naming_ok"] == False, "handle"])  # noqa: E712
    assert "dlhkotasukamaju" in failed and "dpu_sukamaju" in failed
    assert "dinkes_sukamaju" not in failed and "bpbd_sukamaju" not in failed


def test_playbook_shows_inferred_naming_abbreviation_mix_and_missing_accounts(tmp_path):
    pytest.importorskip("humaskit.samples")
    from humaskit import playbooks

    path = tmp_path / "inventaris-kota-uji.csv"
    _kota_uji().to_csv(path, index=False)
    report = playbooks.run(
        "audit-akun",
        {
            "inventaris": str(path),
            "data": "contoh",
            "unit_wajib": "Dinas Kesehatan, Dinas Sosial",
            "platform_wajib": "instagram, facebook",
            "bahasa": "en",
        },
        tmp_path / "out",
    )
    html = report.read_text(encoding="utf-8")
    assert "dlh.kotauji" in html  # the naming outlier, with the suggested handle
    assert "{unit}.kotauji" in html  # the inferred pattern
    assert "DPU Kota Uji" in html  # the abbreviation mix, with the suggested name
    assert "Dinas Sosial" in html and "Units missing a required account" in html
    bundle = json.loads((report.parent / "ringkasan.json").read_text(encoding="utf-8"))
    assert bundle["summary"]["missing_accounts"] == 2
    with pytest.raises(ParameterError, match="friendster"):
        playbooks.run(
            "audit-akun", {"platform_wajib": "friendster", "bahasa": "en"}, tmp_path / "bad"
        )
