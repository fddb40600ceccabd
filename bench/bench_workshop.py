"""A workshop day, measured: every teaching notebook run with scripted trainee answers.

Each notebook in ``notebooks/`` is executed top to bottom (in a scratch copy of the folder,
so files a trainee writes land there and not in the repository) once per scenario:

- ``kanan``  (right)    the answers a trainee who followed the text would give;
- ``salah``  (wrong)    plausible wrong answers of the right kind;
- ``keliru`` (mistyped) answers as people type them: ``"1.190"``, ``"-0,1"``, ``"58%"``,
  a whole table (``jawaban = mentions``), a number where a word is asked, and so on.

The answers are injected by replacing the exercise lines of each notebook before
execution: ``jawaban... = ...``, ``usulan = ...`` and ``latihan = ...`` (the plan a trainee
changes in notebook 02). For each notebook the script prints: cells, seconds, exercises,
and every cell whose output holds a traceback, a truncation (text cut with ``...``/``…``
mid-word), a raw Python repr (dict braces, ``np.float64``, ``PosixPath``, a Series ``dtype``
footer), an English header (a lower-case identifier such as ``in_weight``, or a code name the
kit has no label for, marked by ``hk.teaching.show``) or an English value: a table cell or a
word of a sentence that is one of the kit's English labels (``humaskit.i18n.english_labels``,
the list the browser tests use; columns of names such as Kolom or Akun are left alone). An
exercise line without a scripted answer (or an answer whose exercise is gone) is flagged too,
so a new exercise cannot go undriven.

Set ``HUMASKIT_WORKSHOP_KEEP=/some/folder`` to keep the executed notebooks for a look.

Run from the repository root::

    PYTHONPATH=$PWD/src MPLBACKEND=Agg python bench/bench_workshop.py           # all scenarios
    PYTHONPATH=$PWD/src MPLBACKEND=Agg python bench/bench_workshop.py kanan 00  # one run

The target of issue #18: 0 flagged cells, each notebook under 60 s on 2 cores.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ("kanan", "salah", "keliru")

#: Scripted answers per notebook, in the order the ``jawaban...`` lines appear.
#: Each entry: variable name -> (right, wrong, mistyped), as Python source.
ANSWERS: dict[str, list[tuple[str, str, str, str]]] = {
    "00": [
        ("jawaban", "422", "1190", '"1.190"'),
        ("jawaban", '"mentions"', '"posts"', "mentions"),
    ],
    "01": [
        ("jawaban", '"tiktok"', '"facebook"', '"Tik Tok"'),
        ("jawaban", '"facebook"', '"tiktok"', '"FB"'),
    ],
    "02": [
        (
            "latihan",
            'hk.planning.draft_plan("2025-11", targets={"tiktok": 16}, tone_mix=(60, 30, 10))',
            'hk.planning.draft_plan("2025-11", targets={"tiktok": 16}, tone_mix=(70, 20, 10))',
            'hk.planning.draft_plan("2025-11", targets={"tiktok": 16}, tone_mix="60:30:10")',
        ),
        ("jawaban_tahan", "[1, 2, 4]", "[1]", '"1, 2, 4"'),
        ("jawaban_kosong", "11", "20", '"11"'),
        ("jawaban_format", '"story"', '"feed"', '"Stories"'),
    ],
    "03": [
        ("jawaban_jam", "21", "2", '"21.00"'),
        ("jawaban_hari", '"Minggu"', '"Senin"', '"minggu"'),
        ("jawaban_jam_reels", "20", "9", '"20"'),
        ("jawaban_jam_malam", "20", "7", '"19.00"'),
        ("jawaban_topik", '"banjir"', '"cepat"', '"Banjir "'),
    ],
    "04": [
        (
            "jawaban",
            'tokoh.loc[tokoh["status"] == "candidate", "handle"].iloc[0]',
            '"bukan siapa-siapa"',
            "tokoh",
        ),
        (
            "jawaban",
            'peringkat.loc[peringkat["relation"].isin(["unpaid", "barter"]), "handle"].iloc[0]',
            'peringkat.loc[peringkat["relation"] == "paid", "handle"].iloc[0]',
            "42",
        ),
    ],
    "05": [
        (
            "jawaban_kelas",
            '{"A": "permintaan", "B": "kritik", "C": "serangan", "D": "kritik"}',
            '{"A": "kritik", "B": "kritik", "C": "kritik", "D": "kritik"}',
            '"A"',
        ),
        ("jawaban_panjang", '"16-60 detik"', '"3-10 menit"', "16-60"),
        (
            "jawaban_kampanye",
            'kampanye.sort_values("er_by_reach")["campaign"].iloc[-1]',
            '"Uang Kita Sukamaju"',
            "kampanye",
        ),
        ("jawaban_jeda", "3.5", "210", '"3,5 jam"'),
        ("jawaban_varian", '"impressions"', '"followers"', '"Tayangan "'),
        ("jawaban_sentimen", "-0.1", "0.1", '"-0,1"'),
        (
            "jawaban_jalan",
            'float(per_topik.loc[per_topik["route_topic"] == "jalan", "within_limit_share"].iloc[0])',
            "0.1",
            "f\"{100 * float(per_topik.loc[per_topik.route_topic == 'jalan', 'within_limit_share'].iloc[0]):.0f}%\"",
        ),
        ("jawaban_unit", 'terlambat["unit"].value_counts().index[0]', '"bukan unit"', "s.mentions"),
        ("jawaban_mesin", '"leksikon + label"', '"leksikon"', "hasil"),
    ],
    "06": [
        ("usulan", '"Dinas Perhubungan Kota Sukamaju"', '"DISHUB KECE 🚦"', "12"),
        ("jawaban", '"app"', '"sms"', "aplikasi"),  # no quotes: NameError, explained
    ],
}

_TRACE = re.compile(r"Traceback|Error\b.*\n|^\w+Error:", re.M)
_CUT = re.compile(r"[A-Za-zÀ-ÿ](\.\.\.|…)(?=\S|$)|[A-Za-zÀ-ÿ](\.\.\.|…)\s*</td>")
_REPR = re.compile(
    r"np\.(float|int)\d+\(|PosixPath\(|WindowsPath\(|dtype: \w+|Name: \w+, dtype"
    r"|^\{'|^\{\"|\{'[a-z_]+': |\bnumpy\.\w+\b|<humaskit\.\w+|^\[['\"(]|^\(['\"]"
    r"|^\w+\([a-z_]+=|^[A-Z][A-Za-z]+\([a-z_]+[:=]"
)
_TH = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_RAW_TH = re.compile(r'<th class="hk-raw">(.*?)</th>', re.S)  # a code name without a label
_IDENT = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$|^(er|fit|enough|score|count|evidence)$")


#: An exercise line: the answer a trainee writes (``jawaban... =``, ``usulan =``) or the
#: plan a trainee changes (``latihan =``).
_EXERCISE = re.compile(r"^(jawaban\w*|usulan|latihan)\s*=\s*(.*)$")


def inject(nb: nbformat.NotebookNode, key: str, scenario: str) -> tuple[int, list[str]]:
    """Replace the exercise lines of ``nb`` for ``scenario``.

    Returns the number of exercises found and what is not driven: an exercise line without
    a scripted answer, or a scripted answer whose exercise line is gone.
    """
    plan = list(ANSWERS.get(key, []))
    col = SCENARIOS.index(scenario) + 1
    found, undriven = 0, []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        lines = cell.source.split("\n")
        for i, line in enumerate(lines):
            m = _EXERCISE.match(line)
            if not m:
                continue
            found += 1
            for j, entry in enumerate(plan):
                if entry[0] == m.group(1):
                    lines[i] = f"{m.group(1)} = {entry[col]}"
                    plan.pop(j)
                    break
            else:
                undriven.append(f"exercise without a scripted answer: {m.group(1)}")
        cell.source = "\n".join(lines)
    undriven += [f"scripted answer without an exercise: {entry[0]}" for entry in plan]
    return found, undriven


def _english_words() -> tuple[frozenset[str], re.Pattern]:
    """The kit's English labels (``humaskit.i18n.english_labels``, as the browser tests use).

    Returns the lower-cased labels of any length (a whole table cell is compared with them)
    and a pattern finding the longer ones as words in a sentence the kit writes.
    """
    from humaskit.i18n import english_labels

    extra = ("mention", "mentions", "published", "illustrative", "unpaid", "not a measurement")
    cells = frozenset(w.lower() for w in english_labels(1)) | frozenset(extra)
    words = sorted(set(english_labels()) | set(extra), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'-])(" + "|".join(map(re.escape, words)) + r")(?![\w'-])")
    return cells, pattern


_CELLS, _WORDS = _english_words()
#: Columns holding names a trainee types or data as written (never translated).
_NAME_HEADERS = {
    "Tabel",
    "Kolom",
    "Parameter",
    "Akun",
    "Handle",
    "Penulis",
    "Teks",
    "Judul",
    "Playbook",
}
_TD = re.compile(r"<td([^>]*)>(.*?)</td>", re.S)
_HEAD = re.compile(r'data-label="([^"]*)"')


def _english_values(text: str) -> list[str]:
    """English words of the kit in a table's cells (whole cells) or in its sentences."""
    found = []
    for attrs, cell in _TD.findall(text):
        value = html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
        head = _HEAD.search(attrs)
        if (
            value.lower() in _CELLS
            and html.unescape(head.group(1) if head else "") not in _NAME_HEADERS
        ):
            found.append(value)
    prose = re.sub(r"<table.*?</table>|<style.*?</style>", " ", text, flags=re.S)
    prose = html.unescape(re.sub(r"<[^>]+>", " ", prose))
    prose = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", " ", prose)  # quoted: a name or a value
    found += _WORDS.findall(prose)
    return sorted(set(found))


def _texts(cell: nbformat.NotebookNode) -> list[tuple[str, str]]:
    out = []
    for o in cell.get("outputs", []):
        if o.output_type == "error":
            out.append(("error", "Traceback " + o.get("ename", "") + ": " + o.get("evalue", "")))
        elif o.output_type == "stream":
            out.append(("text", o.get("text", "")))
        else:
            data = o.get("data", {})
            if "text/html" in data:
                out.append(("html", data["text/html"]))
            elif "text/markdown" in data:
                out.append(("text", data["text/markdown"]))
            elif "text/plain" in data and "image/png" not in data:
                if "application/vnd.jupyter.widget-view+json" not in data:
                    out.append(("text", data["text/plain"]))
    return out


def problems(cell: nbformat.NotebookNode) -> list[str]:
    """What is wrong with one executed cell's output, as short labels."""
    found = []
    for kind, text in _texts(cell):
        if kind == "error" or _TRACE.search(text):
            found.append("traceback: " + text.strip().splitlines()[-1][:80])
        plain = re.sub(r"<[^>]+>", " ", text) if kind == "html" else text
        if kind == "html" and re.search(r"[A-Za-z](\.\.\.|…)\s*</td>", text):
            found.append("truncation")
        elif _CUT.search(html.unescape(plain)):
            m = _CUT.search(html.unescape(plain))
            found.append("truncation: …" + html.unescape(plain)[max(0, m.start() - 30) : m.end()])
        if kind != "html" and _REPR.search(text):
            found.append("repr: " + _REPR.search(text).group(0))
        if kind == "html":
            heads = {html.unescape(h).strip() for h in _TH.findall(text)}
            raw = {html.unescape(h).strip() for h in _RAW_TH.findall(text)}
            bad = sorted(h for h in heads if _IDENT.match(h) or h in raw)
            if bad:
                found.append("english header: " + ", ".join(bad[:6]))
        if kind != "error":
            english = _english_values(text)
            if english:
                found.append("english value: " + ", ".join(english[:6]))
    return found


def run(path: Path, scenario: str, workdir: Path) -> dict:
    """Execute one notebook for one scenario; return its figures and flagged cells."""
    nb = nbformat.read(path, as_version=4)
    key = path.name[:2]
    exercises, undriven = inject(nb, key, scenario)
    client = NotebookClient(
        nb,
        timeout=180,
        startup_timeout=120,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(workdir)}},
    )
    start = time.perf_counter()
    stopped = None
    try:
        client.execute()
    except Exception as exc:  # noqa: BLE001 - a hung or dead kernel is a finding, not a crash
        stopped = f"run stopped: {type(exc).__name__}"
    seconds = time.perf_counter() - start
    keep = Path(__import__("os").environ.get("HUMASKIT_WORKSHOP_KEEP", ""))
    if keep.name:
        keep.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, keep / f"{path.stem}-{scenario}.ipynb")
    flagged = [(-1, stopped)] if stopped else []
    flagged += [(-1, u) for u in undriven]
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for p in problems(cell):
                flagged.append((i, p))
    return {
        "cells": len(nb.cells),
        "seconds": seconds,
        "exercises": exercises,
        "flagged": flagged,
    }


def main(argv: list[str]) -> int:
    scenarios = [a for a in argv if a in SCENARIOS] or list(SCENARIOS)
    only = [a for a in argv if a not in SCENARIOS]
    books = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if only:
        books = [b for b in books if any(b.name.startswith(o) for o in only)]
    total_flagged = 0
    with tempfile.TemporaryDirectory(prefix="humaskit-workshop-") as tmp:
        scratch = Path(tmp) / "kit"
        shutil.copytree(ROOT / "notebooks", scratch / "notebooks")
        if (ROOT / "data").exists():
            shutil.copytree(ROOT / "data", scratch / "data")
        print(f"{'notebook':28} {'scenario':8} {'cells':>5} {'s':>6} {'exercises':>9} flagged")
        for book in books:
            for scenario in scenarios:
                res = run(book, scenario, scratch / "notebooks")
                total_flagged += len(res["flagged"])
                print(
                    f"{book.name:28} {scenario:8} {res['cells']:5d} {res['seconds']:6.1f} "
                    f"{res['exercises']:9d} {len(res['flagged'])}"
                )
                for i, p in res["flagged"]:
                    print(f"    cell {i}: {p}")
    print(f"flagged cells in total: {total_flagged}")
    return 0 if total_flagged == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
