"""The ``humaskit`` command: what ``humaskit list`` prints and its exit codes."""

from __future__ import annotations

import re

import pytest

from humaskit import playbooks
from humaskit.cli import _help, list_text, main

NAMES = playbooks.available()
HEADINGS = {
    "id": ("Parameter", "Jenis", "Bawaan", "Keterangan"),
    "en": ("Parameter", "Type", "Default", "Description"),
}


def _tables(text: str, lang: str) -> dict[str, dict[str, dict[str, str]]]:
    """Read the printed tables back: {playbook: {parameter: {type, default, help}}}.

    Checks on the way that every row and continuation line keeps to its columns.
    """
    heads = HEADINGS[lang]
    lines = text.splitlines()
    out: dict[str, dict[str, dict[str, str]]] = {}
    for i, line in enumerate(lines):
        if not line.startswith("  " + heads[0] + " "):
            continue
        name = lines[i - 3]  # name, a one-line purpose, blank, headings
        assert name in NAMES, name
        cols = [line.index(h) for h in heads]
        assert set(lines[i + 1]) <= {" ", "-"}, "a rule under the headings"
        rows: dict[str, dict[str, str]] = {}
        current = None
        for row in lines[i + 2 :]:
            if not row:
                break
            for c in cols[1:]:  # two spaces before every column
                assert row[c - 2 : c] == "  " or len(row) < c - 1, row
            if row.startswith("  -p "):
                current = row[cols[0] : cols[1]].split()[1]
                assert current not in rows, f"{name}: {current} listed twice"
                rows[current] = {"type": row[cols[1] : cols[2]].strip(), "default": "", "help": ""}
            else:
                assert row[: cols[2]].strip() == "", f"continuation outside its column: {row!r}"
            cell = rows[current]
            cell["default"] = " ".join(
                filter(None, [cell["default"], row[cols[2] : cols[3]].strip()])
            )
            cell["help"] = " ".join(filter(None, [cell["help"], row[cols[3] :].strip()]))
        out[name] = rows
    return out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_list_fits_80_columns_and_lists_each_parameter_once_with_default_and_comment(lang):
    text = list_text(NAMES, lang=lang)
    assert max(len(line) for line in text.splitlines()) <= 80
    tables = _tables(text, lang)
    assert sorted(tables) == NAMES
    for name in NAMES:
        spec = playbooks.parameters(name)
        assert list(tables[name]) == list(spec), name  # each once, in the notebook's order
        for key, p in spec.items():
            shown = tables[name][key]
            expected = _help(name, p, lang)  # the notebook comment; English text under en
            assert shown["help"] == " ".join(expected.split()), (name, key)  # nothing lost
            assert shown["type"] and shown["default"], (name, key)


def test_list_shows_defaults_as_one_would_type_them():
    tables = _tables(list_text(NAMES, lang="id"), "id")
    assert tables["evaluasi-bulanan"]["periode"] == {
        "type": "teks",
        "default": "terakhir",
        "help": 'bulan laporan (YYYY-MM), atau "terakhir" untuk bulan terbaru di data',
    }
    assert tables["evaluasi-bulanan"]["bagian_acuan"]["default"] == "ya"
    assert tables["audit-akun"]["inventaris"]["default"] == "(kosong)"
    assert tables["audit-akun"]["maks_umur_sandi_hari"]["type"] == "angka"
    target = tables["rencana-konten"]["target"]
    assert target["default"] == "instagram=20, facebook=20, x=30, tiktok=12, youtube=4"
    for name in NAMES:  # typed back after -p, every shown default gives the default
        for key, p in playbooks.parameters(name).items():
            shown = tables[name][key]["default"]
            if shown != "(kosong)":
                assert playbooks._coerce(key, shown, p, "id") == p.default, (name, key)


def test_list_in_english_translates_headings_and_purposes():
    text = list_text(["rencana-konten"], lang="en")
    assert "Drafts a month's content plan" in text
    tables = _tables(text, "en")
    assert tables["rencana-konten"]["publik"]["default"] == "(empty)"
    assert tables["rencana-konten"]["cadangan"]["type"] == "decimal"


def test_list_narrow_terminal_puts_descriptions_under_their_parameter():
    for name in NAMES:
        lines = list_text([name], lang="id", width=60).splitlines()
        assert max(len(line) for line in lines) <= 60, name
        for key, p in playbooks.parameters(name).items():
            rows = [i for i, line in enumerate(lines) if line.startswith(f"  -p {key} ")]
            assert len(rows) == 1, (name, key)
            block = " ".join(lines[rows[0] : rows[0] + 8]).split("  -p ")[1]
            assert " ".join(p.help.split()[:3]) in " ".join(block.split()), (name, key)


def test_cli_list_prints_all_playbooks_and_exits_0(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert all(f"\n{name}\n" in out for name in NAMES)
    assert max(len(line) for line in out.splitlines()) <= 80


def test_cli_list_unknown_playbook_exits_2_with_one_sentence(capsys):
    assert main(["--lang", "en", "list", "laporan-ajaib"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "laporan-ajaib" in captured.err and "evaluasi-bulanan" in captured.err
    assert "Traceback" not in captured.err


def test_cli_without_a_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "humaskit" in capsys.readouterr().out


def _copy_sample_exports(tmp_path):
    import shutil

    from humaskit.paths import SAMPLES_DIR

    folder = tmp_path / "unduhan"
    shutil.copytree(SAMPLES_DIR / "exports", folder)
    return folder


def _impor_numbers(line: str) -> list[int]:
    return [int(x.replace(".", "").replace(",", "")) for x in re.findall(r"\d[\d.,]*", line)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_impor_accounts_for_every_row_of_every_file(tmp_path, capsys, lang):
    from humaskit import io as hio

    folder = _copy_sample_exports(tmp_path)
    (folder / "catatan.txt").write_text("rapat humas senin", encoding="utf-8")
    (folder / "x" / "kosong.csv").write_text('"Date","Hour","Active followers"\n')
    assert main(["impor", str(folder), "--lang", lang]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    lines = lines[lines.index("") + 1 :]  # after the opening sentence
    ws = hio.read_folder(folder)
    # every file has its block: its name on a line of its own
    names = [line for line in lines if line.endswith((".csv", ".xlsx", ".txt"))]
    assert len(names) == len(ws.imports) and "catatan.txt" in names
    # each block's numbers add up, and the total is the sum of the blocks
    counts = [_impor_numbers(line) for line in lines if re.match(r"  \d.* = \d", line)]
    assert counts and all(rows == imp + skip for rows, imp, skip in counts)
    total = next(line for line in lines if line.startswith(("Jumlah:", "Total:")))
    assert _impor_numbers(total) == [sum(c[i] for c in counts) for i in range(3)]
    # a header-only file says so instead of looking broken
    hint = "hanya berisi judul kolom" if lang == "id" else "column headers only"
    assert hint in out.replace("\n  ", " ")


def test_impor_contoh_reads_the_sample_exports_and_a_missing_folder_is_one_sentence(capsys):
    assert main(["impor", "contoh"]) == 0
    out = capsys.readouterr().out
    assert "Membaca folder contoh" in out and "Jumlah:" in out
    assert main(["impor", "folder-yang-tidak-ada"]) == 2
    err = capsys.readouterr().err.strip()
    assert "folder-yang-tidak-ada" in err and len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_every_playbook_parameter_has_an_english_description_and_none_is_stale():
    import json

    from humaskit.paths import package_file

    english = json.loads(package_file("playbooks", "parameters_en.json").read_text("utf-8"))
    english.pop("_about", None)
    assert set(english) == set(NAMES)
    for name in NAMES:
        assert set(english[name]) == set(playbooks.parameters(name)), name
        assert all(text.strip() for text in english[name].values())
    # and `humaskit list --lang en` shows them instead of the notebook comments
    text = list_text(["rencana-konten"], lang="en")
    assert "share of reserve slots for current issues" in " ".join(text.split())
    assert "porsi slot cadangan" not in text
