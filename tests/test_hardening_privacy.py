"""Hardening (issue 19, part 1): personal data, naming, spreadsheet cells, terminal output.

Property tests (hypothesis) write personal data the many ways people do (separators,
brackets, labels glued to the number, positions in a sentence) and check that not one digit
of the number survives the mask, that ``text.screen`` flags exactly what the mask masks, and
that ordinary numbers (dates, amounts, years, counts, post ids in links) are left alone.
"""

from __future__ import annotations

import re
from datetime import date

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from humaskit import privacy
from humaskit import text as ht
from humaskit.cli import main
from humaskit.files.safe import neutralize, write_csv, write_xlsx
from humaskit.fmt import terminal_safe

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# words around the number: no digits, no "/" or "=" (a number after those is a link's id)
WORDS = st.lists(
    st.sampled_from(
        [
            "tolong",
            "dicek",
            "warga",
            "saya",
            "jalan",
            "rusak",
            "mohon",
            "bantu",
            "ya",
            "pak",
            "bu",
            "segera",
            "di",
            "kelurahan",
            "data",
            "terima",
            "kasih",
            ",",
            ".",
            "!",
            "?",
            ":",
            "-",
            "(",
            ")",
            "😊",
            "\n",
        ]
    ),
    max_size=6,
).map(" ".join)
SEPARATORS = st.sampled_from(["", " ", "-", ".", "_"])


def _split(digits: str, seps: list[str], cuts: list[int]) -> str:
    cuts = sorted(set(c for c in cuts if 0 < c < len(digits)))
    parts, last = [], 0
    for c in cuts:
        parts.append(digits[last:c])
        last = c
    parts.append(digits[last:])
    out = parts[0]
    for i, p in enumerate(parts[1:]):
        out += seps[i % len(seps)] + p
    return out


@st.composite
def written_nik(draw):
    digits = draw(st.from_regex(r"[1-9][0-9]{15}", fullmatch=True))
    cuts = draw(st.lists(st.integers(1, 15), max_size=5))
    seps = draw(st.lists(SEPARATORS, min_size=1, max_size=4))
    label = draw(
        st.sampled_from(
            [
                "",
                "NIK",
                "NIK ",
                "NIK: ",
                "nik_",
                "nik-",
                "No. KTP ",
                "KTP:",
                "no ktp ",
                "e-KTP ",
                "KK ",
                "No. KK: ",
                "nomor KK ",
                "nomor induk kependudukan ",
                "(",
                "[",
                "x",
                "NIK saya ",
            ]
        )
    )
    close = {"(": ")", "[": "]"}.get(label, "")
    number = _split(digits, seps, cuts)
    return draw(WORDS) + " " + label + number + close + draw(st.sampled_from(["", " ", "ya", "."]))


@st.composite
def written_phone(draw):
    rest = draw(st.from_regex(r"8[1-9][0-9]{7,10}", fullmatch=True))
    country = draw(
        st.sampled_from(
            ["0", "+62", "62", "+62 ", "(+62)", "(+62) ", "+62 (0)", "(62) ", "+62-", "+62 0", "(0"]
        )
    )
    if country == "(0":
        head = 3 if len(rest) > 3 else 2
        body = rest[:head] + ")" + draw(st.sampled_from(["", " "])) + rest[head:]
    elif draw(st.booleans()):
        body = "(" + rest[:3] + ")" + draw(st.sampled_from(["", " ", "-"])) + rest[3:]
    else:
        # the mobile prefix (812, 857...) is written whole; separators anywhere after it
        cuts = draw(st.lists(st.integers(2, len(rest) - 1), max_size=3))
        seps = draw(st.lists(st.sampled_from(["", " ", "-", ".", " - "]), min_size=1, max_size=3))
        body = _split(rest, seps, cuts)
    label = draw(st.sampled_from(["", "hp", "HP ", "WA: ", "wa.me/", "telp ", "no hp: ", "x"]))
    return draw(WORDS) + " " + label + country + body + draw(st.sampled_from(["", " ", "ya", "."]))


def _no_digits_left(text: str) -> None:
    masked = privacy.mask_personal_data([text])[0]
    assert not re.search(r"[0-9]", masked), (text, masked)


@PROPERTY
@given(written_nik())
def test_no_digit_of_a_nik_or_kk_survives(text):
    _no_digits_left(text)


@PROPERTY
@given(written_phone())
def test_no_digit_of_a_phone_number_survives(text):
    _no_digits_left(text)


@PROPERTY
@given(
    st.from_regex(r"[a-z][a-z0-9._]{0,10}[a-z0-9]", fullmatch=True),
    st.sampled_from(["gmail.com", "yahoo.co.id", "mail.com", "ymail.com"]),
    WORDS,
)
def test_personal_email_is_masked(local, domain, words):
    text = f"{words} kirim ke {local}@{domain} ya"
    masked = privacy.mask_personal_data([text])[0]
    assert "@" not in masked and domain not in masked


@PROPERTY
@given(
    st.sampled_from(
        [
            "rek",
            "rek.",
            "rekening",
            "no rek",
            "No. Rek:",
            "norek",
            "BCA",
            "BRI",
            "BNI",
            "Mandiri",
            "a.n",
            "transfer ke",
            "nomor rekening BRI",
        ]
    ),
    st.from_regex(r"[0-9]{8,18}", fullmatch=True),
    st.lists(st.integers(1, 17), max_size=3),
    SEPARATORS,
    WORDS,
)
def test_no_digit_of_a_bank_account_survives(cue, digits, cuts, sep, words):
    number = _split(digits, [sep], cuts)
    _no_digits_left(f"{words} {cue} {number} a.n. Budi")


@pytest.mark.parametrize(
    "text",
    [
        "NIK3201123456780001",
        "NIK 3201 1234 5678 0001",
        "3201-1234-5678-0001",
        "3201.1234.5678.0001",
        "nik_3201123456780001",
        "(+62)81234567890",
        "+62 (812) 3456-7890",
        "hp081234567890",
        "KTP 3201999999990001",  # labelled: masked although the date digits are impossible
        "no KK: 320112345678000",  # labelled: a digit short, still masked
        "NIK 3201123456780001 hp 0812-3456-7890 rek BRI 1234 5678 9012 345",
        "mobil B 1234 XYZ dan D 12 AB",
        "0812 3456 7890 0813 1234 5678",
        "NIK 3201 1234 5678 0001 0812 3456 7890",
        "https://wa.me/6281234567890",
        "rumah di Jl. Melati No. 12, RT 03/RW 05",
    ],
)
def test_issue_forms_are_masked_and_flagged(text):
    _no_digits_left(text)
    assert ht.screen([text]).loc[0, "personal_data"]


ORDINARY = [
    "tahun 2025 ada 12 kecamatan dan 3 kelurahan",
    "tgl 17-08-2025 jam 09.00 - 10.30 WIB",
    "tanggal 2025-08-17, 17/08/2025, 17 Agustus 2025",
    "harga Rp 150.000, anggaran Rp 1.500.000.000",
    "dana desa Rp 62.812.345.678 sudah cair",
    "anggaran 1.500.000 rupiah",
    "naik 12,5% dari 2024",
    "https://www.facebook.com/pemkot/posts/1234567890123456",
    "https://x.com/pemkot/status/1834567890123456789",
    "lihat https://example.com/?id=3201123456780001",
    "lulusan S1 TI dan D3 akuntansi",
    "kantor (021) 555-1234, call center 112",
    "email resmi pengaduan@sukamajukota.go.id",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_numbers_are_left_alone(text):
    assert privacy.mask_personal_data([text])[0] == text
    assert privacy.find_personal_data([text]).empty
    assert not ht.screen([text]).loc[0, "personal_data"]


@PROPERTY
@given(
    st.integers(1, 10**12),
    # years a report can hold: a date in year 6281 written twice ("01-01-6281 (6281-01-01")
    # is a run of digits opening with 62 81, the Indonesian mobile prefix, and is masked
    st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)),
    st.integers(0, 23),
    st.integers(0, 59),
    st.integers(1, 999),
)
def test_ordinary_numbers_property(amount, day, hour, minute, count):
    rp = f"{amount:,}".replace(",", ".")
    text = (
        f"Rp {rp} untuk {count} warga pada {day:%d-%m-%Y} ({day:%Y-%m-%d}) "
        f"pukul {hour:02d}.{minute:02d} tahun {day.year}"
    )
    assert privacy.mask_personal_data([text])[0] == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(written_nik(), written_phone(), st.sampled_from(ORDINARY)))
def test_screen_and_mask_agree(text):
    found = not privacy.find_personal_data([text]).empty
    masked = privacy.mask_personal_data([text])[0] != text
    assert found == masked == bool(ht.screen([text]).loc[0, "personal_data"])


# --- naming: only what the data says --------------------------------------------------


def test_citizens_are_not_named_for_how_their_handle_looks():
    handles = [
        "info_novi7053",
        "info_agus2984",
        "bencihumas",
        "anti_pemkot_garis_keras",
        "agus_today",
        "budi_fm",
        "beritawarga",
        "pemkot_fans",
    ]
    types = pd.Series(["citizen", "citizen"] + [None] * 6)
    assert not privacy.is_public_account(handles, author_types=types).any()
    assert not privacy.is_public_account(handles).any()


def test_public_when_the_data_says_so():
    handles = pd.Series(["a", "b", "c", "d", "kompascom", "e"])
    out = privacy.is_public_account(
        handles,
        author_types=pd.Series(["media", None, None, None, None, "citizen"]),
        verified=pd.Series([False, True, False, False, False, True]),
        register=["c"],
        institution_accounts=pd.DataFrame({"handle": ["@D"]}),
    )
    # a: media type; b: verified (type unknown); c: registered; d: own account;
    # kompascom: shipped list; e: verified but the data says citizen
    assert out.tolist() == [True, True, True, True, True, False]


def test_the_type_citizen_wins_over_list_and_patterns_but_not_over_registration():
    out = privacy.is_public_account(
        ["kompascom", "warga1", "warga2"],
        author_types=["citizen"] * 3 and pd.Series(["citizen"] * 3),
        register=["warga2"],
        patterns=[r"warga\d"],
    )
    assert out.tolist() == [False, False, True]


def test_samples_never_name_a_citizen_typed_author():
    from humaskit import samples
    from humaskit.influencers import coordination

    m = samples.load("mentions")
    citizens = set(m.loc[m["author_type"] == "citizen", "author"].str.lower())
    out = coordination(m, detail=True, salt="uji")
    shown = set(out["author"].astype("str").str.lower()) if "author" in out else set()
    assert not (shown & citizens)
    public = privacy.is_public_account(m["author"], author_types=m["author_type"])
    assert not public[m["author_type"] == "citizen"].any()


# --- spreadsheet cells ----------------------------------------------------------------

EVIL = '=HYPERLINK("http://evil","c")'


def _frame() -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "cat": pd.Categorical([EVIL, "aman", EVIL]),
            "mixed": pd.Series([EVIL, 5, "+62812"], dtype=object),
            "arrow": pd.Series(["@SUM(A1)", "ok", None], dtype="string[pyarrow]"),
            "str": pd.Series(["-1+2", "ok", "x"], dtype="str"),
            "n": [-1, 2, 3],
            "obj": pd.Series([["=x"], b"=1+1", {"a": 1}], dtype=object),
            EVIL: [1, 2, 3],
        }
    )
    df.index = pd.Index(["=1+1", "b", "c"])
    return df


def test_every_cell_type_is_neutralised():
    out = neutralize(_frame())
    for col in out.columns:
        assert not str(col).startswith(("=", "+", "-", "@"))
        if col == "n":
            assert out[col].tolist() == [-1, 2, 3]
            continue
        for v in out[col]:
            if isinstance(v, str):
                assert not v.startswith(("=", "+", "-", "@")), (col, v)
    assert out.index[0] == "'=1+1"


def test_xlsx_has_no_formula_cell(tmp_path):
    path = write_xlsx(
        {"=evil[1]:*?/x": _frame(), "a" * 40: _frame(), "a" * 41: _frame()}, tmp_path / "x.xlsx"
    )
    wb = openpyxl.load_workbook(path)
    assert len(wb.sheetnames) == 3 and len(set(wb.sheetnames)) == 3
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


def test_csv_has_no_formula_cell(tmp_path):
    path = write_csv(_frame(), tmp_path / "x.csv")
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in back.columns:
        assert not col.startswith(("=", "+", "-", "@"))
        assert not back[col].str.startswith(("=", "+", "@")).any()
        assert not back[col].str.match(r"-[^0-9]").any()


def test_xlsx_survives_control_characters_and_time_zones(tmp_path):
    df = pd.DataFrame(
        {
            "t": ["a\x00b\x1b[2J", "ok"],
            "when": pd.Series(
                [pd.Timestamp("2025-09-01 10:00", tz="Asia/Jakarta"), "x"], dtype=object
            ),
        }
    )
    path = write_xlsx(df, tmp_path / "c.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert "\x1b" not in str(ws["A2"].value)


# --- terminal ---------------------------------------------------------------------------


def test_terminal_safe_writes_controls_out():
    assert terminal_safe("a\x1b[2Jb\nc\rd\te\x07\u202e") == "a\\x1b[2Jb\\nc\\rd\\te\\x07\\u202e"
    assert terminal_safe(None) == ""
    assert terminal_safe("Data Sukamaju 😊 é.csv") == "Data Sukamaju 😊 é.csv"


def test_impor_prints_file_names_safely(tmp_path, capsys):
    from humaskit.paths import SAMPLES_DIR

    src = SAMPLES_DIR / "exports" / "facebook" / "Follows.csv"
    evil = "evil\x1b[2J\x1b[31m\nJumlah: 999 baris.csv"
    (tmp_path / evil).write_bytes(src.read_bytes())
    (tmp_path / "kosong\x07.csv").write_text("")
    assert main(["impor", str(tmp_path), "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "evil\\x1b[2J\\x1b[31m\\nJumlah: 999 baris.csv" in out
    assert not any(line.startswith("Jumlah: 999") for line in out.splitlines())


def test_error_messages_echo_values_safely(tmp_path, capsys):
    assert main(["impor", str(tmp_path / "tidak\x1b[2J\nada"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and err.count("\n") == 1 and "\\x1b[2J\\nada" in err
    assert main(["list", "x\x1b]0;judul\x07\nFake"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and err.count("\n") == 1
    with pytest.raises(SystemExit):
        main(["--lang", "\x1b[2J"])
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2J" in err


def test_csv_cell_with_a_carriage_return_cannot_start_a_row(tmp_path):
    import csv

    path = write_csv(pd.DataFrame({"x": ["\r=1+1", "a\r=2+2", "ok"]}), tmp_path / "cr.csv")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        cells = [row[0] for row in csv.reader(fh)]
    assert cells == ["x", "'\r=1+1", "a\r=2+2", "ok"]  # one cell each, nothing split off
