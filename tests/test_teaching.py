"""The teaching layer answers trainees as they write, and shows tables for people (issue #18)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import humaskit as hk
from humaskit import schema
from humaskit.errors import ParameterError
from humaskit.teaching import display
from humaskit.teaching.core import read_number, read_text


@pytest.fixture(scope="module")
def posts():
    return hk.samples.load("posts")


@pytest.mark.parametrize(
    ("written", "value"),
    [
        (1190, 1190.0),
        ("1190", 1190.0),
        ("1.190", 1190.0),
        ("1,19", 1.19),
        ("-0,1", -0.1),
        ("-0.1", -0.1),
        ("58%", 0.58),
        ("58 %", 0.58),
        ("Rp 1.250.000", 1250000.0),
        (np.int64(7), 7.0),
        (" '12' ", 12.0),
    ],
)
def test_numbers_are_read_as_trainees_write_them(written, value):
    assert read_number(written) == pytest.approx(value)


@pytest.mark.parametrize("written", [None, "banyak", True, float("nan"), ""])
def test_what_is_not_a_number_is_none(written):
    assert read_number(written) is None


def test_text_answers_lose_stray_quotes_and_spaces():
    assert read_text(' "TikTok" ') == "TikTok"
    assert read_text("“Senin”") == "Senin"


def test_first_exercise_accepts_the_count_written_with_a_thousands_dot(posts):
    truth = hk.evaluation.kpis(posts, "2025-09", by="platform").set_index("platform")["posts"]
    n = int(truth["instagram"])
    for written in (n, str(n), f"{n:,}".replace(",", ".")):
        assert hk.teaching.check_post_count(written, posts, platform="Instagram", period="2025-09")
        fb = hk.teaching.check_post_count(written, posts, platform="IG", period="2025-09")
        assert fb.correct, written


def test_the_all_months_count_gets_a_hint_about_months(posts):
    every = int((posts["platform"] == "instagram").sum())
    fb = hk.teaching.check_post_count(
        f"{every:,}".replace(",", "."), posts, platform="instagram", period="2025-09", lang="id"
    )
    assert not fb.correct and "semua bulan" in fb.message


def test_a_whole_table_as_answer_gets_a_sentence_not_an_echo(posts):
    fb = hk.teaching.check_post_count(posts, posts, platform="instagram", period="2025-09")
    assert not fb.correct
    assert len(fb.message) < 200 and "tabel" in fb.message
    fb = hk.teaching.check_table_for_question("who_commented", posts)
    assert not fb.correct and "tanda kutip" in fb.message


def test_a_decimal_comma_without_quotes_is_explained():
    fb = hk.teaching.check_net_sentiment((0, 1), positive=120, neutral=300, negative=180)
    assert not fb.correct and "titik" in fb.message
    assert hk.teaching.check_net_sentiment("-0,1", positive=120, neutral=300, negative=180).correct


def test_best_hour_rule_is_stated_for_hours_with_few_posts():
    h = pd.DataFrame(
        {
            "hour": [2, 9, 21],
            "posts": [2, 140, 29],
            "engagements": [37.0, 18000.0, 6000.0],
            "score": [79.0, 45.0, 69.0],
        }
    )
    fb = hk.teaching.check_best_hour(2, h, lang="id")
    assert not fb.correct and "5 unggahan" in fb.message
    assert hk.teaching.check_best_hour("21.00", h).correct


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Instagram", "instagram"),
        ("IG", "instagram"),
        ("twitter", "x"),
        ("X (Twitter)", "x"),
        ("Tik Tok", "tiktok"),
        ("fb", "facebook"),
        ("You-Tube", "youtube"),
    ],
)
def test_platform_names_are_read_once_for_the_whole_kit(written, code):
    assert schema.platform_code(written) == code
    assert hk.audience.platform_key(written) == code


def test_an_unknown_platform_is_a_sentence_and_twitter_is_not_zeros(posts):
    with pytest.raises(ParameterError, match="facebook, instagram"):
        schema.platform_code("friendster")
    h = hk.scheduling.hourly_totals(posts, platform="twitter")
    assert int(h["posts"].sum()) == int((posts["platform"] == "x").sum()) > 0


def test_show_translates_headers_formats_numbers_and_keeps_full_text():
    long = "kata " * 40 + "akhir"
    out = display.show(
        pd.DataFrame({"platform": ["x"], "reach": [1190], "text": [long]}), lang="id"
    ).data
    assert "Jangkauan" in out and "1.190" in out and "akhir" in out
    assert "…" not in out and "<th>reach</th>" not in out


def test_show_hides_series_footer_and_index():
    out = display.show(pd.Series([3, 1], index=["instagram", "x"], name="count")).data
    assert "dtype" not in out and "Name:" not in out and "Jumlah" in out


def test_show_puts_the_kits_codes_in_words_and_leaves_names_alone():
    table = pd.DataFrame(
        {
            "handle": ["high", "ani"],
            "priority": ["high", "low"],
            "status": ["candidate", "registered"],
            "qc_status": ["ok", "perlu_revisi"],
        }
    )
    out = display.show(table, lang="id").data
    assert "tinggi" in out and "rendah" in out and "kandidat baru" in out
    assert "Perlu revisi" in out and "perlu_revisi" not in out
    assert ">high<" in out  # a handle stays as written


def test_show_names_a_rows_fields_and_drops_old_row_numbers():
    row = pd.DataFrame({"cleared": [True], "gate_action": ["Rina"]}).iloc[0]
    out = display.show(row, lang="id").data
    assert "Boleh tayang" in out and "gate_action" not in out
    filtered = pd.DataFrame({"reach": [1, 2, 3]}).iloc[[2, 0]]
    assert "Hal" not in display.show(filtered, lang="id").data


def test_show_marks_a_code_name_without_a_label():
    out = display.show(pd.DataFrame({"no_such_column": [1], "Kata": [2]}), lang="id").data
    assert '<th class="hk-raw">No such column</th>' in out and "<th>Kata</th>" in out


def test_a_list_of_sentences_reads_one_a_line():
    text = display._joined(["Instagram: 11 dari 31 hari tanpa unggahan.", "X: hadir"], "id")
    assert text.splitlines() == ["• Instagram: 11 dari 31 hari tanpa unggahan.", "• X: hadir"]


def test_show_says_when_nothing_is_left():
    assert "Tidak ada baris" in display.show(pd.DataFrame({"a": []}), lang="id").data


def test_values_read_as_sentences(tmp_path):
    assert display.describe_value(np.float64(0.899), "id") == "0,90"
    assert "tersimpan" in display.describe_value(tmp_path / "a.xlsx", "id")
    assert display.describe_value(True, "id") == "ya"


def test_trainee_files_go_beside_the_notebook_per_trainee(tmp_path):
    folder = display.my_folder("latihan", base=tmp_path)
    assert folder.parent == tmp_path and folder.name.startswith("latihan-")
    assert folder.is_dir()
    assert Path(hk.paths.package_file()).resolve() not in folder.resolve().parents


def test_widgets_have_indonesian_labels_and_a_chosen_value():
    w = display.choice("Publik", ["semua", "Pelajar"])
    assert w.description == "Publik" and w.value == "semua"
    s = display.slider("Batas unggahan per hari", 1, 5, value=2)
    assert s.description.startswith("Batas") and s.value == 2


def test_every_checker_says_no_answer_yet_for_the_placeholder():
    """The exercise cells start with ``jawaban = None``: run before the learner writes an
    answer, every checker says so in one plain sentence (no 'None', no traceback), and the
    rest of its arguments are not looked at yet."""
    import inspect

    from humaskit import teaching
    from humaskit.i18n import t

    learner = {"answer", "hour"}  # the arguments a learner fills in
    checkers = {
        name: getattr(teaching, name) for name in dir(teaching) if name.startswith("check_")
    }
    for module in (
        "audience",
        "evaluation",
        "governance",
        "influencers",
        "labelling",
        "planning",
        "scheduling",
    ):
        mod = __import__(f"humaskit.teaching.{module}", fromlist=["_"])
        checkers.update({n: getattr(mod, n) for n in dir(mod) if n.startswith("check_")})
    asked = 0
    for name, check in sorted(checkers.items()):
        params = inspect.signature(inspect.unwrap(check)).parameters
        filled = [p for p in params if p in learner]
        if not filled or name == "check_platform_for_public":
            continue  # (a learner's table or name: other sentences; the platform checker
            # lists the choices with its own, see test_audience)
        args = {
            p: (None if p in learner else "Senin" if p == "day" else "x")
            for p, v in params.items()
            if v.default is inspect.Parameter.empty
        }
        for lang in ("id", "en"):
            got = check(**args, lang=lang)
            assert not got.correct, name
            assert got.message == t("exercises.no_answer", lang), (name, got.message)
        asked += 1
    assert asked >= 20
