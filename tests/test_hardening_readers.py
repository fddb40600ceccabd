"""Issue 19 part 2 for the readers: nothing lost without a line the user sees.

Damaged encodings at several sizes, NUL bytes, special and unreadable files, empty /
binary / cut gzip files, values emptied or rounded, duplicated headers, unclosed quotes
and out-of-range years. Each case checks the row accounting, the note (or reason) the user
sees, and ``humaskit impor``'s output. Inputs are built from the kit's own sample exports.
"""

from __future__ import annotations

import gzip
import os
import re
import socket
import threading
from pathlib import Path

import pandas as pd
import pytest

from humaskit import HumaskitError
from humaskit.cli import main
from humaskit.errors import DataNotFound
from humaskit.io import read_export, read_folder
from humaskit.io.accounting import changed_values
from humaskit.paths import SAMPLES_DIR

EXPORTS = SAMPLES_DIR / "exports"
COMMENTS_HEADER = (
    "platform,akun,id komentar,jenis,waktu,pengirim,komentar,waktu dijawab,dijawab oleh"
)


def comments(n: int, *, emoji: bool = True) -> bytes:
    """A hand-kept comments table of ``n`` distinct rows (UTF-8, with emoji)."""
    lines = [COMMENTS_HEADER]
    for i in range(n):
        day = 1 + i % 28
        text = f"Jalan rusak di RT {i % 9} mohon dicek 🙏 terima kasih" if emoji else f"cek {i}"
        lines.append(
            f"x,humas,k{i:06d},komentar,{day:02d}/09/2025 10:{i % 60:02d},@warga_{i % 97},"
            f'"{text}",,'
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


SIZES = {"small": 200, "big": 3_000}  # under and over the 256 KB head


def _read(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return read_export(path, lang="id")


# --------------------------------------------------------------------------- encoding


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_one_bad_byte_is_replaced_and_counted_at_any_size(tmp_path, capfd, size, where):
    data = comments(SIZES[size])
    assert (size == "big") == (len(data) > 256 * 1024)
    pos = {"start": 200, "middle": len(data) // 2, "end": len(data) - 150}[where]
    pos = data.index(b"Jalan", pos) + 2
    imp = _read(tmp_path, "komentar.csv", data[:pos] + b"\xff" + data[pos:])
    assert imp.rows_in_file == SIZES[size] and imp.imported == SIZES[size] and imp.accounted
    assert any("1 byte rusak" in n for n in imp.notes), imp.notes
    assert imp.table["text"].str.contains("\ufffd").sum() == 1
    assert imp.table["text"].str.contains("🙏").all()  # still read as UTF-8
    assert "Exception ignored" not in capfd.readouterr().err


@pytest.mark.parametrize("size", SIZES)
def test_a_file_cut_mid_emoji_keeps_its_rows(tmp_path, capfd, size):
    data = comments(SIZES[size])
    cut = data + b'x,humas,k999999,komentar,01/09/2025 10:00,@w,"halo ' + "😀".encode()[:2]
    imp = _read(tmp_path, "komentar.csv", cut)
    assert imp.accounted and imp.imported >= SIZES[size]
    assert imp.rows_in_file == SIZES[size] + 1
    assert any("2 byte rusak" in n for n in imp.notes), imp.notes
    assert "Exception ignored" not in capfd.readouterr().err


@pytest.mark.parametrize("size", SIZES)
def test_nul_bytes_are_removed_and_counted_not_binary(tmp_path, size):
    data = comments(SIZES[size], emoji=False)
    lines = data.split(b"\n")
    lines[3] = lines[3] + b"\x00"
    lines[-5] = lines[-5].replace(b",", b",\x00", 1)
    imp = _read(tmp_path, "komentar.csv", b"\n".join(lines))
    assert imp.imported == SIZES[size] and imp.accounted
    assert any("2 byte NUL" in n for n in imp.notes), imp.notes
    assert not imp.table["mention_id"].str.contains("\x00").any()


def test_many_nul_bytes_are_still_binary(tmp_path):
    data = bytes(b if i % 3 else 0 for i, b in enumerate(comments(50)))
    with pytest.raises(HumaskitError, match="biner"):
        _read(tmp_path, "komentar.csv", data)


# --------------------------------------------------------------------------- folders


def _impor(folder: Path, capsys) -> str:
    assert main(["impor", str(folder)]) == 0
    return capsys.readouterr().out


def test_special_files_are_listed_and_never_opened(tmp_path, capsys):
    (tmp_path / "komentar.csv").write_bytes(comments(20))
    os.mkfifo(tmp_path / "pipa.csv")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "soket.csv"))
    os.symlink("/dev/zero", tmp_path / "nol.csv")
    done: list = []
    worker = threading.Thread(target=lambda: done.append(read_folder(tmp_path, lang="id")))
    worker.daemon = True
    worker.start()
    worker.join(60)
    sock.close()
    assert done, "read_folder hung on a special file"
    ws = done[0]
    fates = {Path(i.path).name: (i.kind, i.notes[0] if i.notes else "") for i in ws.imports}
    assert fates["pipa.csv"][0] == "unsupported" and "pipa bernama" in fates["pipa.csv"][1]
    assert "soket" in fates["soket.csv"][1]
    assert "perangkat" in fates["nol.csv"][1]
    assert fates["komentar.csv"][0] == "mentions"
    out = _impor(tmp_path, capsys)
    for name in ("pipa.csv", "soket.csv", "nol.csv"):
        assert name in out


def test_unreadable_subfolder_and_file_are_listed(tmp_path, capsys, monkeypatch):
    (tmp_path / "komentar.csv").write_bytes(comments(20))
    (tmp_path / "rahasia").mkdir()
    (tmp_path / "rahasia" / "a.csv").write_bytes(comments(5))
    (tmp_path / "tertutup.csv").write_bytes(comments(5))
    real_scandir = os.scandir

    def scandir(path="."):  # as a folder without read permission (tests may run as root)
        if isinstance(path, (str, os.PathLike)) and Path(path).name == "rahasia":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    import humaskit.io.files as files

    real_open = open

    def guarded_open(path, *args, **kwargs):
        if Path(path).name == "tertutup.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(files, "open", guarded_open, raising=False)
    ws = read_folder(tmp_path, lang="id")
    fates = {Path(i.path).name: i for i in ws.imports}
    assert fates["rahasia"].kind == "damaged" and "tidak bisa dibuka" in fates["rahasia"].notes[0]
    assert "izin akses" in fates["tertutup.csv"].notes[0]
    out = _impor(tmp_path, capsys)
    assert "rahasia" in out and "tertutup.csv" in out
    assert "3 berkas, 1 dikenali" in " ".join(out.split())


def test_empty_binary_and_cut_gzip_are_named_with_a_reason(tmp_path):
    (tmp_path / "kosong.csv").write_bytes(b"")
    (tmp_path / "biner.csv").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "potong.csv.gz").write_bytes(gzip.compress(comments(400))[:3000])
    with pytest.raises(DataNotFound) as err:
        read_folder(tmp_path, lang="id")
    message = str(err.value)
    assert "kosong.csv kosong" in message
    assert "biner.csv bukan teks" in message
    assert "potong.csv.gz adalah berkas gzip yang terpotong" in message


def test_a_big_cut_gzip_is_named(tmp_path):
    data = gzip.compress(comments(5_000))
    with pytest.raises(HumaskitError, match="terpotong"):
        _read(tmp_path, "komentar.csv.gz", data[: len(data) * 3 // 4])


# --------------------------------------------------------------------------- values


def _x_posts(tmp_path: Path, changes: dict) -> Path:
    src = EXPORTS / "x" / "tweet_activity_metrics_humaskotacontoh_20250901_20251001_en.csv"
    df = pd.read_csv(src, dtype=str, keep_default_na=False)
    for (row, col), value in changes.items():
        df.loc[row, col] = value
    folder = tmp_path / "x"
    folder.mkdir(exist_ok=True)
    path = folder / src.name
    df.to_csv(path, index=False)
    return path


def test_every_value_changed_is_counted_in_the_cli_and_the_report(tmp_path, capsys):
    path = _x_posts(
        tmp_path,
        {
            (0, "impressions"): "banyak",
            (1, "impressions"): "99999999999999999999999",
            (2, "impressions"): "-500",
            (3, "likes"): "1.5",
        },
    )
    imp = read_export(path, lang="id")
    assert imp.rows_in_file == imp.imported == 30
    assert imp.table.loc[:2, "impressions"].isna().all()
    changed = changed_values(imp, lang="id")
    assert sum(n for *_, n in changed) == 4 and len(changed) == 4
    out = _impor(path.parent, capsys)
    assert "bukan angka" in out and "terlalu besar" in out and "negatif" in out
    assert "dibulatkan" in out
    assert "Nilai yang dikosongkan, dibulatkan atau diganti: 4 di 1 berkas" in out
    from humaskit.report.coverage import section

    html = section(read_folder(path.parent, lang="id"), lang="id").data
    assert "dikosongkan, dibulatkan atau diganti saat impor: 4" in html
    assert "terlalu besar" in html


def test_negative_daily_changes_stay(tmp_path):
    """A daily series may correct a day with a negative value (TikTok): kept."""
    path = tmp_path / "Overview_2026-01-03.csv"
    path.write_text(
        '"Date","Video views","Profile views","Likes","Comments","Shares"\n'
        '"January 1","7","0","0","0","0"\n"January 2","-3","0","0","0","0"\n',
        encoding="utf-8",
    )
    imp = read_export(path, account="a", lang="id")
    assert (imp.table["value"] == -3).sum() == 1 and not changed_values(imp)


# --------------------------------------------------------------------------- layout


def test_duplicated_header_says_which_column_is_used(tmp_path, capsys):
    text = comments(10).decode()
    text = text.replace(",pengirim,", ",komentar,", 1)
    folder = tmp_path / "k"
    folder.mkdir()
    (folder / "komentar.csv").write_text(text, encoding="utf-8")
    imp = read_export(folder / "komentar.csv", lang="id")
    note = next(n for n in imp.notes if "muncul 2 kali" in n)
    assert "komentar" in note and "kolom 6, 7" in note and "dipakai kolom 6" in note
    assert imp.table["text"].str.startswith("@warga").all()
    assert "muncul 2 kali" in _impor(folder, capsys)


@pytest.mark.parametrize("size", SIZES)
def test_unclosed_quote_names_the_lines_it_merged(tmp_path, size):
    lines = comments(SIZES[size]).decode().split("\n")
    lines[5] = lines[5].replace('kasih",,', "kasih,,")  # the quote is never closed
    imp = _read(tmp_path, "komentar.csv", "\n".join(lines).encode())
    assert imp.accounted
    reasons = imp.skipped["reason"].tolist()
    assert any("tanda kutip tidak ditutup" in r for r in reasons), reasons
    if size == "small":
        assert any(re.search(r"baris teks 6-\d+", r) for r in reasons), reasons
    merged = imp.rows_in_file + sum(
        int(m.group(2)) - int(m.group(1))
        for r in reasons
        if (m := re.search(r"baris teks (\d+)-(\d+)", r))
    )
    if size == "small":
        assert merged == SIZES[size]  # every text line is a row or named in a reason


# --------------------------------------------------------------------------- dates

SAMPLE_FILES = sorted(p for p in EXPORTS.rglob("*.csv"))


@pytest.mark.parametrize("year", ["9999", "1677", "1900", "2262"])
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:24])
def test_out_of_range_years_in_every_reader(tmp_path, path, year):
    """The first data row's year made 9999 (or 1677...): no crash, the time emptied or the
    row skipped, with a note or a reason."""
    raw = path.read_bytes()
    enc = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    lines = raw.decode(enc).splitlines(keepends=True)
    i = next((k for k, line in enumerate(lines) if k and "2025" in line), None)
    if i is None:
        pytest.skip("no year written in this export")
    lines[i] = lines[i].replace("2025", year)
    target = tmp_path / path.parent.name / path.name
    target.parent.mkdir()
    target.write_bytes("".join(lines).encode(enc))
    try:
        imp = read_export(target, account="a", export_date="2025-09-30", lang="id")
    except HumaskitError:
        return
    assert imp.accounted
    said = " ".join(imp.notes + imp.skipped["reason"].tolist())
    if year in ("9999", "1677", "1900"):
        changed = "di luar tahun" in said or "tidak bisa dibaca" in said or "lewat" in said
        assert changed or imp.kind == "audience", said


def test_a_header_of_100k_columns_says_so(tmp_path):
    header = ",".join(f"kolom{i}" for i in range(100_000))
    path = tmp_path / "lebar.csv"
    path.write_text(header + "\n" + ",".join("1" * 100_000) + "\n", encoding="utf-8")
    with pytest.raises(HumaskitError, match="lebih panjang dari 256 KB"):
        read_export(path, lang="id")


def test_hidden_files_and_lock_files_are_listed(tmp_path, capsys):
    (tmp_path / "komentar.csv").write_bytes(comments(10))
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "~$laporan.xlsx").write_bytes(b"kunci")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref")
    ws = read_folder(tmp_path, lang="id")
    fates = {Path(i.path).name: i for i in ws.imports}
    assert set(fates) == {"komentar.csv", ".DS_Store", "~$laporan.xlsx", ".git"}
    assert all("tersembunyi" in fates[n].notes[0] for n in (".DS_Store", "~$laporan.xlsx", ".git"))
    out = _impor(tmp_path, capsys)
    assert ".DS_Store" in out and ".git" in out


def test_a_big_meta_daily_series_counts_its_damaged_bytes(tmp_path):
    # Meta's day-by-day series are read whole (blocks, not the grid); over the 256 KB head
    days = pd.date_range("1995-01-01", periods=12_000, freq="D")
    rows = [f'"{d:%Y-%m-%d}T00:00:00","{i % 50}"' for i, d in enumerate(days)]
    lines = ["sep=,", '"Facebook follows (é)"', '"Date","Primary"', *rows, ""]
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    assert len(data) > 256 * 1024
    pos = data.index(b"2020-06-01") + 11
    path = tmp_path / "facebook" / "Follows.csv"
    path.parent.mkdir()
    path.write_bytes(data[:pos] + b"\xff" + data[pos:])
    imp = read_export(path, account="pemkot", lang="id")
    assert imp.accounted and imp.kind == "daily" and imp.rows_in_file == 12_000
    assert any("1 byte rusak" in n for n in imp.notes), imp.notes
