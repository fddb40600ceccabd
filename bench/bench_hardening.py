"""Hardening bench (issue 19): personal data, naming, spreadsheet cells, terminal, no
traceback a user can reach, nothing lost without a line the user sees, and the reader fuzz.

Tries a fixed grid of bad inputs per family and prints, for each, how many were tried, how
many were handled and how many are defects:

- personal data: NIK, KK, phone, e-mail, bank account, plate and address written in many
  forms (separators, brackets, labels glued to the number, position in the text). Handled:
  no digit of the number is left after ``privacy.mask_personal_data`` and ``text.screen``
  flags the text (the two agree).
- ordinary numbers: dates, times, amounts, years, counts, post ids in links, office numbers.
  Handled: left as written and not flagged (a defect is a false alarm).
- naming: handles that only look public, citizen-typed authors of the samples, and accounts
  the data says are public. Handled: ``privacy.is_public_account`` decides as the data says.
- writer injection: formula payloads in every column type, the index, headers and sheet
  names, through ``files.safe.write_xlsx`` and ``write_csv``. Handled: no formula cell.
- terminal: escape sequences and control characters in file names, folder names and
  values the CLI echoes. Handled: nothing reaches the terminal raw, no fake line.

- chart text: ``$$``, ``\\``, ``_``, ``^``, ``<script>``, formulas as categories, units,
  places, handles, campaigns and titles of every chart. Handled: drawn, and drawn as given.
- playbook payloads: the sample data with payloads in every displayed field, through every
  playbook (in-process runner of ``tests/playbook_matrix.py``). Handled: the report is made
  and no xlsx holds a formula.
- missing inventory columns: audit-akun on the sample inventory without each optional
  column in turn. Handled: the report is made.
- bad parameters: every parameter of every playbook with bad values
  (``tests/hardening_cases.py``). Handled: a humaskit stop in one sentence naming the
  parameter as typed.
- output folder: ``--out`` a file, under a file, ``/dev/null/x``, not writable. Handled:
  exit 2, one sentence, nothing made.
- signals: SIGINT and SIGTERM during ``humaskit run``. Handled: exit 128+signal, one
  sentence, no folder left.

- reader encoding: a comments table under and over the 256 KB head with one bad byte at
  its start, middle or end, or cut mid-emoji. Handled: every row imported, the bytes
  counted in a note, no "Exception ignored" on stderr.
- reader NUL bytes: 1, 2 or 5 NUL bytes at both sizes. Handled: not "binary", every row
  imported, a note.
- special files: a named pipe, a socket, a device in the folder. Handled: listed with a
  reason, ``read_folder`` returns within 30 s.
- values changed: ``banyak``, a 23-digit number, a negative count, ``1.5`` in a count,
  each in its own file. Handled: counted by ``io.accounting.changed_values``.
- duplicated headers: each column of the comments table written twice. Handled: a note
  naming the header and the column used.
- unclosed quotes: at a row near the start, the middle and the end, at both sizes.
  Handled: the row skipped with a reason naming the quote, every row accounted.
- out-of-range years: the first year of each sample export made 9999, 1677 or 1900.
  Handled: a result accounting for every row, or a humaskit error.
- reader fuzz: 300 seeded damaged files from the sample exports (``tests/reader_fuzz.py``;
  the same operations as the hypothesis fuzz). Handled: every row accounted or a humaskit
  error, within the time bound.

Run: ``python bench/bench_hardening.py`` (``--quick`` skips the playbook runs and signals).
It never fails; it prints its figures.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from humaskit import privacy
from humaskit import text as ht

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

DIGIT = re.compile(r"[0-9]")


def _groupings(digits: str, sizes: list[list[int]], seps: list[str]) -> list[str]:
    out = []
    for size in sizes:
        parts, i = [], 0
        for n in size:
            parts.append(digits[i : i + n])
            i += n
        for sep in seps:
            out.append(sep.join(parts))
    return out


def personal_data_cases() -> dict[str, list[str]]:
    nik = "3201123456780001"
    seps = ["", " ", "-", ".", "_"]
    nik_forms = _groupings(nik, [[16], [4, 4, 4, 4], [6, 6, 4], [2, 2, 2, 6, 4]], seps)
    labels = ["", "NIK", "NIK ", "NIK: ", "nik_", "No. KTP ", "KTP:", "e-KTP ", "(", "x"]
    around = [("", ""), ("tolong cek ", " ya"), ("data saya\n", "."), ("", "!!")]
    cases: dict[str, list[str]] = {"nik": [], "kk": [], "phone": []}
    for form, label, (a, b) in itertools.product(nik_forms, labels, around):
        close = ")" if label == "(" else ""
        cases["nik"].append(f"{a}{label}{form}{close}{b}")
    for form, label in itertools.product(nik_forms, ["KK ", "No. KK: ", "nomor KK ", "kk_"]):
        cases["kk"].append(f"{label}{form}")
    for bad in ("3201999999990001", "320112345678000", "32011234567800012"):  # odd but labelled
        for label in ("NIK ", "KTP ", "No KK "):
            cases["kk" if "KK" in label else "nik"].append(label + bad)
    mobiles = ["812", "857", "878", "896"]
    prefixes = ["0", "+62", "62", "+62 ", "(+62)", "(+62) ", "+62 (0)", "+62-", "(62) "]
    for m, p in itertools.product(mobiles, prefixes):
        rest = "34567890"
        for body in (
            m + rest,
            f"{m} {rest[:4]} {rest[4:]}",
            f"{m}-{rest[:4]}-{rest[4:]}",
            f"{m}.{rest[:4]}.{rest[4:]}",
            f"({m}) {rest[:4]}-{rest[4:]}",
            f"{m} - {rest[:4]} - {rest[4:]}",
        ):
            for label in ("", "hp", "WA ", "telp: ", "wa.me/"):
                cases["phone"].append(f"hubungi {label}{p}{body} segera")
    cases["phone"] += ["(0812) 3456 7890", "0812 3456 7890 0813 1234 5678"]
    cases["landline"] = [
        f"telp rumah {n}"
        for n in ("(021) 555 1234", "021-5551234", "0274 123456", "+62 21 5551234")
    ]
    cases["email"] = [
        f"kirim ke {u}@{d}"
        for u in ("budi.santoso88", "ani_w", "x.y-z")
        for d in ("gmail.com", "yahoo.co.id", "mail.com")
    ]
    cases["bank"] = [
        f"{cue} {num} a.n. Budi"
        for cue in ("rek", "no. rek", "rekening", "norek", "BCA", "BRI", "Mandiri", "transfer ke")
        for num in ("1234567890", "123 456 7890", "0123-01-012345-50-1", "1234.5678.9012")
    ]
    cases["plate"] = [f"mobil {p} parkir" for p in ("B 1234 XYZ", "D 12 AB", "AB1234CD", "L 1 A")]
    cases["address"] = ["rumah di Jl. Melati Indah No. 12", "alamat RT 03/RW 05 Kel. Sukajadi"]
    return cases


ORDINARY = [
    "tahun 2025 ada 12 kecamatan",
    "tgl 17-08-2025 jam 09.00 - 10.30 WIB",
    "17/08/2025, 2025-08-17, 17 Agustus 2025",
    "harga Rp 150.000",
    "anggaran Rp 1.500.000.000",
    "dana desa Rp 62.812.345.678",
    "anggaran 1.500.000 rupiah",
    "naik 12,5% dari 2024",
    "peserta nomor 12 dan 13 lolos",
    "https://www.facebook.com/pemkot/posts/1234567890123456",
    "https://x.com/pemkot/status/1834567890123456789",
    "https://example.com/?id=3201123456780001",
    "lulusan S1 TI",
    "kantor (021) 555-1234",
    "call center 112, hotline (0274) 123456",
    "email resmi pengaduan@sukamajukota.go.id",
    "Rp 37.020.000.000 untuk 2.000 warga",
]


def family_personal_data() -> tuple[int, int, int, dict[str, tuple[int, int]]]:
    cases = personal_data_cases()
    texts = [t for kind in cases for t in cases[kind]]
    kinds = [kind for kind in cases for _ in cases[kind]]
    masked = privacy.mask_personal_data(texts)
    flagged = ht.screen(texts)["personal_data"].to_numpy()
    ok = np.array([not DIGIT.search(m) for m in masked]) & flagged
    per_kind: dict[str, tuple[int, int]] = {}
    for k in cases:
        sel = np.array([x == k for x in kinds])
        per_kind[k] = (int(sel.sum()), int(ok[sel].sum()))
    return len(texts), int(ok.sum()), int((~ok).sum()), per_kind


def family_ordinary() -> tuple[int, int, int]:
    masked = privacy.mask_personal_data(ORDINARY)
    flagged = ht.screen(ORDINARY)["personal_data"].to_numpy()
    ok = (masked.to_numpy() == np.array(ORDINARY, dtype=object)) & ~flagged
    return len(ORDINARY), int(ok.sum()), int((~ok).sum())


def family_naming() -> tuple[int, int, int]:
    from humaskit import samples

    tried = handled = 0
    look_public = [
        "bencihumas",
        "anti_pemkot_garis_keras",
        "agus_today",
        "budi_fm",
        "info_novi7053",
        "info_agus2984",
        "beritawarga",
        "pemkot_fans",
        "dinkes_kw",
    ]
    out = privacy.is_public_account(look_public)
    tried += len(out)
    handled += int((~out).sum())
    m = samples.load("mentions")
    a = m[["author", "author_type", "author_followers"]].drop_duplicates("author")
    public = privacy.is_public_account(a["author"], author_types=a["author_type"])
    citizen = (a["author_type"] == "citizen").to_numpy()
    tried += int(citizen.sum())
    handled += int((~public.to_numpy()[citizen]).sum())
    typed = a["author_type"].isin(privacy.PUBLIC_AUTHOR_TYPES).to_numpy()
    tried += int(typed.sum())
    handled += int(public.to_numpy()[typed].sum())
    named = privacy.is_public_account(
        ["kompascom", "mitra_a", "pemkot_a", "verif_a"],
        register=["mitra_a"],
        institution_accounts=["pemkot_a"],
        verified={"verif_a": True},
    )
    tried += len(named)
    handled += int(named.sum())
    return tried, handled, tried - handled


PAYLOADS = [
    '=HYPERLINK("http://evil","c")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "=1+1",
]


def family_writers() -> tuple[int, int, int]:
    import openpyxl

    from humaskit.files.safe import write_csv, write_xlsx

    tried = handled = 0
    with tempfile.TemporaryDirectory() as tmp:
        for p in PAYLOADS:
            frames = {
                "str": pd.DataFrame({"x": pd.Series([p, "ok"], dtype="str")}),
                "pyarrow": pd.DataFrame({"x": pd.Series([p, "ok"], dtype="string[pyarrow]")}),
                "object": pd.DataFrame({"x": pd.Series([p, 1], dtype=object)}),
                "category": pd.DataFrame({"x": pd.Categorical([p, "ok"])}),
                "header": pd.DataFrame({p: [1, 2]}),
                "index": pd.DataFrame({"x": [1, 2]}, index=[p, "b"]),
                "list": pd.DataFrame({"x": pd.Series([[p], 2], dtype=object)}),
            }
            for kind, df in frames.items():
                tried += 2
                path = write_xlsx({p if kind == "header" else kind: df}, Path(tmp) / "x.xlsx")
                wb = openpyxl.load_workbook(path)
                formulas = sum(
                    c.data_type == "f" for ws in wb.worksheets for r in ws.iter_rows() for c in r
                )
                handled += formulas == 0
                cpath = write_csv(df, Path(tmp) / "x.csv")
                back = pd.read_csv(cpath, dtype=str, keep_default_na=False, header=None)
                cells = [c for c in back.to_numpy().ravel() if isinstance(c, str)]
                handled += not any(
                    c.startswith(("=", "+", "@")) or re.match(r"-[^0-9]|-\d+\+", c) for c in cells
                )
    return tried, handled, tried - handled


TERMINAL = [
    "\x1b[2J",
    "\x1b[31m",
    "\x1b]0;judul\x07",
    "\x9b2J",
    "\r",
    "\x08\x08",
    "\x00",
    "\u202e",
    "\nJumlah: 999 baris",
]


def family_terminal() -> tuple[int, int, int]:
    from humaskit.cli import main
    from humaskit.paths import SAMPLES_DIR

    src = (SAMPLES_DIR / "exports" / "facebook" / "Follows.csv").read_bytes()
    tried = handled = 0

    def clean(text: str) -> bool:
        raw = re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", text)
        fake = any(line.startswith("Jumlah: 999") for line in text.splitlines())
        return not raw and not fake

    for payload in TERMINAL:
        name = payload.replace("\x00", "\x01")  # a file name cannot hold NUL
        runs = []
        with tempfile.TemporaryDirectory() as tmp:
            try:
                (Path(tmp) / f"a{name}b.csv").write_bytes(src)
                runs.append(["impor", tmp])
            except (OSError, ValueError):
                pass
            runs += [
                ["impor", str(Path(tmp) / f"tidak{name}ada")],
                ["list", f"x{payload}"],
                ["--lang", payload],
                ["run", f"x{payload}"],
            ]
            for argv in runs:
                out, err = io.StringIO(), io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    try:
                        main(argv)
                    except SystemExit:
                        pass
                tried += 1
                handled += clean(out.getvalue() + err.getvalue())
    return tried, handled, tried - handled


def family_charts() -> tuple[int, int, int]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import test_hardening_charts as tc

    tried = handled = 0
    for fn in (
        tc.test_plain_is_exact,
        tc.test_bar_performance_trend,
        tc.test_evaluation_charts,
        tc.test_governance_scorecard,
        tc.test_audience_charts,
        tc.test_scheduling_charts,
        tc.test_influencer_charts,
        tc.test_summary_card,
    ):
        tried += 1
        try:
            fn()
            handled += 1
        except Exception:  # noqa: BLE001 - counted
            pass
        plt.close("all")
    return tried, handled, tried - handled  # chart groups, each with every payload


def _formulas(folder: Path) -> int:
    import openpyxl

    n = 0
    for path in folder.rglob("*.xlsx"):
        for ws in openpyxl.load_workbook(path).worksheets:
            n += sum(c.data_type == "f" for r in ws.iter_rows() for c in r)
    return n


def family_playbook_payloads() -> tuple[int, int, int]:
    import hardening_cases as hc
    import playbook_matrix as pm

    from humaskit import playbooks

    tried = handled = 0
    with tempfile.TemporaryDirectory() as tmp:
        data = hc.payload_folder(Path(tmp) / "data")
        bundles = hc.payload_bundles(Path(tmp) / "bundel")
        for name in playbooks.available():
            params = {"bundel": str(bundles)} if name == "forum-banding" else {"data": str(data)}
            out_dir = Path(tmp) / name
            out_dir.mkdir()
            try:
                out = pm.run_inprocess(name, params, out_dir)
                ok = out.status == "ok" and _formulas(out_dir) == 0
            except Exception:  # noqa: BLE001 - counted
                ok = False
            tried += 1
            handled += ok
    return tried, handled, tried - handled


def family_inventory_columns() -> tuple[int, int, int]:
    import playbook_matrix as pm

    from humaskit import samples

    acc = samples.workspace().accounts
    tried = handled = 0
    with tempfile.TemporaryDirectory() as tmp:
        for col in acc.columns:
            if col in ("platform", "handle"):
                continue
            f = Path(tmp) / f"inventaris-tanpa-{col}.csv"
            acc.drop(columns=[col]).to_csv(f, index=False)
            out = pm.run_inprocess("audit-akun", {"inventaris": str(f)}, Path(tmp))
            tried += 1
            handled += out.status == "ok"
    return tried, handled, tried - handled


def family_bad_parameters() -> tuple[int, int, int, list[str]]:
    import hardening_cases as hc
    import playbook_matrix as pm

    from humaskit import playbooks
    from humaskit.errors import HumaskitError

    tried = handled = 0
    defects = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, key, value in hc.bad_values():
            ns = {k: p.default for k, p in playbooks.parameters(name).items()} | {key: value}
            err = None
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                try:
                    playbooks.validate(name, ns, load=True)
                except BaseException as exc:  # noqa: BLE001 - judged
                    err = exc
                message = str(err) if err is not None else ""
                if err is None:
                    out = pm.run_inprocess(name, {key: value}, Path(tmp))
                    if out.status != "ok":
                        crash = out.detail.startswith("crash")
                        err = RuntimeError(out.message) if crash else HumaskitError(out.message)
                        message = out.message
            why = hc.judge_stop(key, err, message)
            tried += 1
            handled += why is None
            if why:
                defects.append(f"{name} {key}={value!r}: {why}")
    return tried, handled, tried - handled, defects


def family_out_folder() -> tuple[int, int, int]:
    from humaskit.cli import main as cli

    tried = handled = 0
    with tempfile.TemporaryDirectory() as tmp:
        a_file = Path(tmp) / "berkas.txt"
        a_file.write_text("x", encoding="utf-8")
        for out in (str(a_file), str(a_file / "sub"), "/dev/null/x", "/sys/humaskit-uji"):
            err = io.StringIO()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                code = cli(["run", "audit-akun", "--out", out])
            lines = [ln for ln in err.getvalue().splitlines() if ln.strip()]
            tried += 1
            handled += code == 2 and len(lines) == 2 and "Traceback" not in err.getvalue()
    return tried, handled, tried - handled


def family_signals() -> tuple[int, int, int]:
    root = Path(__file__).resolve().parents[1]
    tried = handled = 0
    for sig in (signal.SIGINT, signal.SIGTERM):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "keluaran" / "laporan"
            env = {**os.environ, "PYTHONPATH": str(root / "src"), "MPLBACKEND": "Agg"}
            cmd = [sys.executable, "-m", "humaskit.cli", "run", "evaluasi-bulanan"]
            proc = subprocess.Popen(
                [*cmd, "--out", str(out)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and proc.poll() is None:
                if out.is_dir() and any(p.name.startswith(".") for p in out.iterdir()):
                    break
                time.sleep(0.1)
            time.sleep(1.0)
            proc.send_signal(sig)
            _, err = proc.communicate(timeout=120)
            tried += 1
            handled += (
                proc.returncode == 128 + int(sig)
                and "Traceback" not in err
                and not (Path(tmp) / "keluaran").exists()
            )
    return tried, handled, tried - handled


def _stderr_of(fn):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        out = fn()
    return out, err.getvalue()


def family_reader_encoding() -> tuple[int, int, int]:
    from test_hardening_readers import SIZES, comments

    from humaskit.io import read_export

    tried = handled = 0
    with tempfile.TemporaryDirectory() as tmp:
        for size, n in SIZES.items():
            data = comments(n)
            for where in ("start", "middle", "end", "emoji"):
                if where == "emoji":
                    bad = data + b'x,humas,k9,komentar,01/09/2025 10:00,@w,"a ' + "😀".encode()[:2]
                    rows = n + 1
                else:
                    pos = {"start": 200, "middle": len(data) // 2, "end": len(data) - 150}[where]
                    pos = data.index(b"Jalan", pos) + 2
                    bad, rows = data[:pos] + b"\xff" + data[pos:], n
                path = Path(tmp) / f"{size}-{where}.csv"
                path.write_bytes(bad)
                tried += 1
                try:
                    imp, err = _stderr_of(lambda p=path: read_export(p, lang="en"))
                except Exception:  # noqa: BLE001 - counted
                    continue
                handled += (
                    imp.rows_in_file == rows
                    and imp.accounted
                    and any("damaged bytes" in x for x in imp.notes)
                    and "Exception ignored" not in err
                )
    return tried, handled, tried - handled


def family_reader_nul() -> tuple[int, int, int]:
    from test_hardening_readers import SIZES, comments

    from humaskit.io import read_export

    tried = handled = 0
    with tempfile.TemporaryDirectory() as tmp:
        for size, n in SIZES.items():
            for k in (1, 2, 5):
                lines = comments(n, emoji=False).split(b"\n")
                for i in range(k):
                    lines[3 + i * (n // 6)] += b"\x00"
                path = Path(tmp) / f"{size}-{k}.csv"
                path.write_bytes(b"\n".join(lines))
                tried += 1
                try:
                    imp = read_export(path, lang="en")
                except Exception:  # noqa: BLE001 - counted
                    continue
                handled += imp.imported == n and any(f"{k} NUL" in x for x in imp.notes)
    return tried, handled, tried - handled


def family_special_files() -> tuple[int, int, int]:
    import socket
    import threading

    from test_hardening_readers import comments

    from humaskit.io import read_folder

    tried = handled = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "komentar.csv").write_bytes(comments(10))
        os.mkfifo(folder / "pipa.csv")
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(folder / "soket.csv"))
        os.symlink("/dev/zero", folder / "nol.csv")
        done: list = []
        worker = threading.Thread(target=lambda: done.append(read_folder(folder)), daemon=True)
        worker.start()
        worker.join(30)
        sock.close()
        fates = {Path(i.path).name: i for i in done[0].imports} if done else {}
        for name in ("pipa.csv", "soket.csv", "nol.csv"):
            tried += 1
            imp = fates.get(name)
            handled += imp is not None and imp.kind == "unsupported" and bool(imp.notes)
    return tried, handled, tried - handled


def family_values_changed() -> tuple[int, int, int]:
    from humaskit.io import read_export
    from humaskit.io.accounting import changed_values
    from humaskit.paths import SAMPLES_DIR

    src = SAMPLES_DIR / "exports" / "x"
    src = next(src.glob("tweet_activity_metrics_*.csv"))
    base = pd.read_csv(src, dtype=str, keep_default_na=False)
    tried = handled = 0
    with tempfile.TemporaryDirectory() as tmp:
        for col, value in (
            ("impressions", "banyak"),
            ("impressions", "99999999999999999999999"),
            ("impressions", "-500"),
            ("likes", "1.5"),
            ("retweets", "banyak"),
            ("replies", "-1"),
        ):
            df = base.copy()
            df.loc[3, col] = value
            path = Path(tmp) / src.name
            df.to_csv(path, index=False)
            tried += 1
            try:
                imp = read_export(path, lang="en")
            except Exception:  # noqa: BLE001 - counted
                continue
            handled += sum(n for *_, n in changed_values(imp, lang="en")) == 1
    return tried, handled, tried - handled


def family_duplicated_headers() -> tuple[int, int, int]:
    from test_hardening_readers import COMMENTS_HEADER, comments

    from humaskit.io import read_export

    tried = handled = 0
    names = COMMENTS_HEADER.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        for j, name in enumerate(names):
            rows = [r.split(",") for r in comments(20, emoji=False).decode().splitlines()]
            rows = [r[: j + 1] + r[j : j + 1] + r[j + 1 :] for r in rows]
            path = Path(tmp) / "komentar.csv"
            path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
            tried += 1
            try:
                imp = read_export(path, lang="en")
            except Exception:  # noqa: BLE001 - counted
                continue
            handled += any(f"Header {name} appears 2 times" in x for x in imp.notes)
    return tried, handled, tried - handled


def family_unclosed_quotes() -> tuple[int, int, int]:
    from test_hardening_readers import SIZES, comments

    from humaskit.io import read_export

    tried = handled = 0
    with tempfile.TemporaryDirectory() as tmp:
        for size, n in SIZES.items():
            for at in (5, n // 2, n - 2):
                lines = comments(n).decode().split("\n")
                lines[at] = lines[at].replace('kasih",,', "kasih,,")
                path = Path(tmp) / f"{size}-{at}.csv"
                path.write_text("\n".join(lines), encoding="utf-8")
                tried += 1
                try:
                    imp = read_export(path, lang="en")
                except Exception:  # noqa: BLE001 - counted
                    continue
                said = " ".join(imp.skipped["reason"])
                handled += imp.accounted and "quote is not closed" in said
    return tried, handled, tried - handled


def family_years() -> tuple[int, int, int]:
    from humaskit import HumaskitError
    from humaskit.io import read_export
    from humaskit.paths import SAMPLES_DIR

    tried = handled = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((SAMPLES_DIR / "exports").rglob("*.csv")):
            raw = path.read_bytes()
            enc = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
            lines = raw.decode(enc).splitlines(keepends=True)
            i = next((k for k, line in enumerate(lines) if k and "2025" in line), None)
            if i is None:
                continue
            for year in ("9999", "1677", "1900"):
                changed = [*lines[:i], lines[i].replace("2025", year), *lines[i + 1 :]]
                target = Path(tmp) / path.parent.name / path.name
                target.parent.mkdir(exist_ok=True)
                target.write_bytes("".join(changed).encode(enc))
                tried += 1
                try:
                    imp = read_export(target, account="a", export_date="2025-09-30")
                    handled += imp.accounted
                except HumaskitError:
                    handled += 1
                except Exception:  # noqa: BLE001 - counted
                    pass
    return tried, handled, tried - handled


def family_reader_fuzz(n: int = 300) -> tuple[int, int, int, list[str]]:
    import reader_fuzz as rf

    with tempfile.TemporaryDirectory() as tmp:
        tried, handled, defects = rf.run_seeded(Path(tmp), n)
    return tried, handled, tried - handled, defects


def main() -> None:
    quick = "--quick" in sys.argv
    print("family                 tried  handled  defects")
    tried, handled, defects, per_kind = family_personal_data()
    print(f"{'personal data':<22} {tried:>5}  {handled:>7}  {defects:>7}")
    for k, (n, ok) in per_kind.items():
        print(f"  {k:<20} {n:>5}  {ok:>7}  {n - ok:>7}")
    for label, fn in (
        ("ordinary numbers", family_ordinary),
        ("naming (public acct.)", family_naming),
        ("writer injection", family_writers),
        ("terminal output", family_terminal),
        ("chart text (groups)", family_charts),
        ("output folder", family_out_folder),
        ("reader encoding", family_reader_encoding),
        ("reader NUL bytes", family_reader_nul),
        ("special files", family_special_files),
        ("values changed", family_values_changed),
        ("duplicated headers", family_duplicated_headers),
        ("unclosed quotes", family_unclosed_quotes),
        ("out-of-range years", family_years),
    ):
        tried, handled, defects = fn()
        print(f"{label:<22} {tried:>5}  {handled:>7}  {defects:>7}")
    tried, handled, defects, which = family_reader_fuzz(100 if quick else 300)
    print(f"{'reader fuzz (seeded)':<22} {tried:>5}  {handled:>7}  {defects:>7}")
    for line in which[:10]:
        print(f"  {line[:160]}")
    if not quick:
        tried, handled, defects, which = family_bad_parameters()
        print(f"{'bad parameters':<22} {tried:>5}  {handled:>7}  {defects:>7}")
        for line in which:
            print(f"  {line}")
        for label, fn in (
            ("playbook payloads", family_playbook_payloads),
            ("inventory columns", family_inventory_columns),
            ("signals", family_signals),
        ):
            tried, handled, defects = fn()
            print(f"{label:<22} {tried:>5}  {handled:>7}  {defects:>7}")
    n = 100_000
    texts = pd.Series(
        [
            f"WA 0812-{i % 10_000:04d}-{i // 10_000:04d} NIK 3201 1234 5678 {i % 10_000:04d}"
            if i % 3 == 0
            else f"jalan rusak nomor {i} tahun 2025 jam 09.00"
            if i % 3 == 1
            else f"terima kasih pak {i}"
            for i in range(n)
        ],
        dtype="str",
    )  # all different: no text is read twice
    t0 = time.perf_counter()
    privacy.mask_personal_data(texts)
    print(
        f"mask_personal_data on {len(texts):,} distinct texts (a third with personal data): "
        f"{time.perf_counter() - t0:.2f} s"
    )


if __name__ == "__main__":
    main()
