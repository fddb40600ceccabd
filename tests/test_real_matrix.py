"""Every playbook on every real download folder (issue #14: real folders in, real reports out).

Each playbook runs on each owner folder of ``../shared/real-exports`` (the top-level platform
folders and every ``more/<owner>/``) and on ``semua``, one folder holding all of them, with
the parameters a user would give (see ``tests/playbook_matrix.py``). A run must end in a
report, or, only where the playbook cannot serve at all (the folder has no posts of any
kind), in one plain Indonesian sentence naming what to download. Never a traceback.

The runs execute the playbook notebooks in this process (IPython ``InteractiveShell``, the
parameters injected as papermill does): a kernel per run through papermill would take
several seconds each for some 200 runs. ``test_inprocess_agrees_with_papermill`` checks
that both ways classify alike. Skipped when ``../shared`` is absent.
"""

from __future__ import annotations

import playbook_matrix as pm
import pytest

from conftest import shared_path
from humaskit import playbooks

PLAYBOOKS = playbooks.available()
LABELS = pm.folder_labels() or ["(no ../shared)"]

_STATE: dict[str, pm.Matrix] = {}


def _matrix() -> pm.Matrix:
    shared_path("real-exports")
    if "m" not in _STATE:
        _STATE["m"] = pm.Matrix("inprocess")
    return _STATE["m"]


@pytest.mark.parametrize("folder", LABELS)
@pytest.mark.parametrize("playbook", PLAYBOOKS)
def test_playbook_on_real_folder(playbook, folder):
    res, problem = _matrix().verdict(playbook, folder)
    where = f" (at {res.where}, code cell {res.cell})" if res.where else ""
    assert problem is None, f"{playbook} on {folder}: {problem}{where}"


@pytest.mark.parametrize("folder", LABELS)
def test_schedule_holds_only_accounts_from_the_data(folder):
    """jadwal-posting on a real folder never schedules the sample plan's fictional accounts."""
    res = _matrix().run("jadwal-posting", folder)
    if res.status != "ok":
        pytest.skip(f"jadwal-posting did not report on {folder} (see the matrix test)")
    extra = set(res.extra.get("scheduled_accounts", [])) - set(res.extra.get("data_accounts", []))
    assert not extra, f"jadwal-posting on {folder} schedules accounts not in the data: {extra}"


def test_inprocess_agrees_with_papermill():
    shared_path("real-exports")
    cells = [("evaluasi-bulanan", "tiktok"), ("evaluasi-bulanan", "meta_audience")]
    for row in pm.compare_engines(cells):
        assert row["same"], row


@pytest.mark.parametrize(
    "message,plain",
    [
        ("Folder /x/y_z berisi 3 berkas, tidak ada unggahan: unduh ekspor posting.", True),
        ("KeyError: \"['follower_growth'] not in index\"", False),
        ("Kolom follower_growth tidak ada.", False),
        ("Parameter 'target_file' tidak ada di folder ini.", True),
        ("Tidak ada data. Silakan unduh ekspor.", False),
        ("Traceback (most recent call last):\n  File ...", False),
        ("Nilai <NA> tidak bisa dipakai: float() argument must be a real number", False),
    ],
)
def test_plain_problem(message, plain):
    assert (pm.plain_problem(message) is None) is plain


def test_stop_allowed_only_without_posts():
    no_posts = pm.Folder("meta_audience", pm.REAL / "meta_audience", False)
    with_posts = pm.Folder("facebook", pm.REAL / "facebook", True)
    msg = "Folder ini tidak berisi unggahan: unduh ekspor posting dari Meta Business Suite."
    assert pm.stop_problem("evaluasi-bulanan", no_posts, msg) is None
    assert pm.stop_problem("evaluasi-bulanan", with_posts, msg)
    assert pm.stop_problem("rencana-konten", no_posts, msg)
    assert pm.stop_problem("evaluasi-bulanan", no_posts, "The folder holds no posts.")
    assert pm.stop_problem("evaluasi-bulanan", no_posts, "Folder ini tidak berisi unggahan.")


def test_a_path_names_no_download():
    no_posts = pm.Folder("meta_audience", pm.REAL / "meta_audience", False)
    msg = "Parameter 'data': '/work/shared/real-exports/x' tidak berisi data unggahan."
    assert pm.stop_problem("evaluasi-bulanan", no_posts, msg) == "does not name what to download"
    msg = "Tidak ada bundel di '/tmp/a/b'; isi folder itu dengan ringkasan.json dari tiap unit."
    assert pm.stop_problem("forum-banding", no_posts, msg) is None
