"""Hardening (issue 19, parts 3-5): no traceback a user can reach, messages in their words.

- Injection payloads (``$$``, ``\\``, ``<script>``, ``=HYPERLINK(...)``) in every field each
  playbook displays (category, campaign, unit, account, handle, text) run through the
  in-process runner of ``tests/playbook_matrix.py``: every playbook reports, and no xlsx it
  writes holds a formula.
- Every parameter of every playbook with bad values (wrong type, out of range, empty,
  inf/nan, a file that does not exist, dates that do not exist or have no data) stops with
  one sentence naming the parameter as typed.
- ``--out`` unusable (a file, under a file, not writable): one sentence, exit 2, nothing
  made; a failed run leaves no empty output folder; SIGINT and SIGTERM leave nothing behind
  and say so.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import hardening_cases as hc
import openpyxl
import playbook_matrix as pm
import pytest

from conftest import default_signals, start_report
from humaskit import playbooks
from humaskit.cli import main
from humaskit.errors import HumaskitError, ParameterError

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------------------------
# Injection payloads through every playbook
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def payload_data(tmp_path_factory):
    base = tmp_path_factory.mktemp("payload")
    return hc.payload_folder(base / "data"), hc.payload_bundles(base / "bundel")


def _formulas(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*.xlsx"):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                found += [f"{path.name}!{c.coordinate}" for c in row if c.data_type == "f"]
    return found


@pytest.mark.parametrize("name", playbooks.available())
def test_payloads_in_every_displayed_field(name, payload_data, tmp_path):
    data, bundles = payload_data
    params = {"bundel": str(bundles)} if name == "forum-banding" else {"data": str(data)}
    if name == "audit-akun":
        params["inventaris"] = ""  # the accounts table of the data, payload units and all
    out = pm.run_inprocess(name, params, tmp_path)
    assert out.status == "ok", (out.detail, out.message, out.where)
    assert _formulas(tmp_path) == []


# ---------------------------------------------------------------------------------------
# Bad values of every parameter
# ---------------------------------------------------------------------------------------

CASES = hc.bad_values()


def _ns(name: str, key: str, value) -> dict:
    ns = {k: p.default for k, p in playbooks.parameters(name).items()}
    ns[key] = value
    return ns


@pytest.mark.parametrize(
    ("name", "key", "value"), CASES, ids=[f"{n}-{k}-{v!r}" for n, k, v in CASES]
)
def test_bad_value_stops_naming_the_parameter(name, key, value, tmp_path):
    err = None
    try:
        playbooks.validate(name, _ns(name, key, value), load=True)
    except BaseException as exc:  # noqa: BLE001 - judged below
        err = exc
    message = str(err) if err is not None else ""
    if err is None:  # checked further in the notebook (an account, a unit, a zone...)
        out = pm.run_inprocess(name, {key: value}, tmp_path)
        if out.status == "ok":
            err, message = None, ""
        else:
            crash = out.detail.startswith("crash")  # else a humaskit error (maybe "unclear")
            err = RuntimeError(out.message) if crash else HumaskitError(out.message)
            message = out.message
    why = hc.judge_stop(key, err, message)
    assert why is None, why


# ---------------------------------------------------------------------------------------
# Output folder, failed runs, signals
# ---------------------------------------------------------------------------------------


def _bad_outs(tmp_path: Path) -> list[str]:
    a_file = tmp_path / "berkas.txt"
    a_file.write_text("x", encoding="utf-8")
    outs = [str(a_file), str(a_file / "sub"), "/dev/null/x"]
    if Path("/sys").is_dir():
        outs.append("/sys/humaskit-uji")  # not writable, even for root
    return outs


def test_bad_out_is_one_sentence_through_the_cli(tmp_path, capsys):
    for out in _bad_outs(tmp_path):
        code = main(["run", "audit-akun", "--out", out])
        err = capsys.readouterr().err
        assert code == 2, (out, err)
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert "Traceback" not in err and "--out" in lines[-1], err
        assert len(lines) == 2, err  # "Menjalankan ..." and the one sentence


def test_bad_out_is_a_humaskit_error_in_python(tmp_path):
    for out in _bad_outs(tmp_path):
        with pytest.raises(ParameterError, match="--out"):
            playbooks.run("audit-akun", {}, out)
    assert not (tmp_path / "berkas.txt" / "sub").exists()


def test_failed_run_leaves_no_output_folder(tmp_path):
    out = tmp_path / "baru" / "laporan"
    with pytest.raises(ParameterError, match="akun"):
        playbooks.run("evaluasi-bulanan", {"akun": "tidakada"}, out, html=False)
    assert not (tmp_path / "baru").exists()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_run_leaves_nothing_and_says_so(sig, tmp_path):
    out = tmp_path / "keluaran" / "laporan"
    proc = start_report(out)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if out.is_dir() and any(p.name.startswith(".evaluasi-bulanan-") for p in out.iterdir()):
                break
            time.sleep(0.1)
        assert proc.poll() is None, proc.communicate()
        time.sleep(1.0)  # the kernel is starting or running cells
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + int(sig), err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("Laporan dihentikan"), err
    assert not (tmp_path / "keluaran").exists(), list((tmp_path / "keluaran").rglob("*"))


# ---------------------------------------------------------------------------------------
# Odd inputs named in the issue
# ---------------------------------------------------------------------------------------


def _optional_inventory_columns() -> list[str]:
    from humaskit import samples

    cols = samples.workspace().accounts.columns
    return [c for c in cols if c not in ("platform", "handle")]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_landing_in_an_asyncio_callback_still_stops_the_run(sig):
    # papermill's event loop runs callbacks; asyncio logs and drops most exceptions raised
    # in one, and a run whose loop-stopping callback was cut short that way hung (seen
    # once in a full test run). The signal here lands inside a plain callback.
    import asyncio

    from humaskit.errors import Interrupted
    from humaskit.files.runfolder import interruptible

    async def work() -> None:
        asyncio.get_running_loop().call_soon(os.kill, os.getpid(), sig)
        await asyncio.sleep(5)

    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    default_signals()  # (ignored when the test run was started in the background)
    started = time.monotonic()
    try:
        with pytest.raises(Interrupted) as caught, interruptible("id"):
            asyncio.run(work())
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)
    assert caught.value.signal == sig
    assert time.monotonic() - started < 4  # stopped at once, not after the sleep


@pytest.mark.parametrize("column", _optional_inventory_columns())
def test_audit_without_each_optional_inventory_column(column, tmp_path):
    from humaskit import samples

    inv = tmp_path / f"inventaris-tanpa-{column}.csv"
    samples.workspace().accounts.drop(columns=[column]).to_csv(inv, index=False)
    out = pm.run_inprocess("audit-akun", {"inventaris": str(inv)}, tmp_path)
    assert out.status == "ok", (out.detail, out.message, out.where)


def test_a_comments_table_given_as_rules_is_a_stop(tmp_path):
    from humaskit import samples

    comments = tmp_path / "komentar.csv"
    samples.workspace().mentions.head(20).to_csv(comments, index=False)
    out = pm.run_inprocess("audit-akun", {"aturan": str(comments)}, tmp_path)
    assert out.status != "ok" and not out.detail.startswith("crash"), out
    assert "'aturan'" in out.message and "komentar.csv" in out.message


@pytest.mark.parametrize(
    ("name", "params", "words"),
    [
        ("pantau-isu", {"mulai": "2030-01-01", "sampai": "2030-01-31"}, ["mulai", "2025-09-30"]),
        ("pantau-isu", {"mulai": "2025-02-30"}, ["mulai"]),
        ("pantau-isu", {"sampai": "1970-01-31"}, ["sampai", "2025-04-14"]),
        ("layanan-aduan", {"waktu_acuan": "1970-01-01 00:00"}, ["waktu_acuan", "2025-09-30"]),
        ("evaluasi-bulanan", {"periode": "2030-01"}, ["periode", "2025-09"]),
        ("forum-banding", {"periode": "1970-01"}, ["periode", "2025-09"]),
        ("audit-akun", {"akun_pusat": "tidakada"}, ["akun_pusat", "tidakada"]),
        ("jadwal-posting", {"jarak_jam": "inf"}, ["jarak_jam", "168"]),
        ("rencana-konten", {"target": "instagram=1000000"}, ["target instagram", "300"]),
        ("pemetaan-influencer", {"jumlah_bulan": "0"}, ["jumlah_bulan"]),
        ("pemetaan-influencer", {"jumlah_tokoh": "-1"}, ["jumlah_tokoh"]),
        ("audit-akun", {"maks_umur_sandi_hari": "-5"}, ["maks_umur_sandi_hari"]),
        ("jadwal-posting", {"batas_harian": "instagram=0"}, ["batas_harian instagram"]),
        ("rencana-konten", {"cadangan": "0.9"}, ["cadangan"]),
    ],
)
def test_stops_name_what_the_user_typed(name, params, words, tmp_path):
    out = pm.run_inprocess(name, params, tmp_path)
    assert out.status != "ok" and not out.detail.startswith("crash"), out
    for w in words:
        assert w in out.message, (w, out.message)
    assert not re.search(r"\b(months|top|reserve|cap_per_day|password_max_age_days)\b", out.message)
