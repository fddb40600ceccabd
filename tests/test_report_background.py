"""Issue #20 (report time): charts and the summary card drawn in forked copies of the
kernel under ``humaskit run`` (humaskit.report.background), with the same outputs."""

from __future__ import annotations

import os
import sys

import pytest

from humaskit.report import background

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")

SETUP = """
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import humaskit as hk
from humaskit import report as rp
from humaskit.report import background
figs = []
for i in range(4):
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.bar(["Facebook", "Instagram", "X", "YouTube", "TikTok"], [3, 5 + i, 2, 4, 1])
    ax.set(title=f"Jangkauan {i}", xlabel="Platform", ylabel="Jangkauan")
    figs.append(ax)
"""


def _run(cells: list[str], tmp_path, deferred: bool, monkeypatch, allow_errors=False):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in [SETUP, *cells]]
    if deferred:
        monkeypatch.setenv(background.OUT_ENV, str(tmp_path))
    else:
        monkeypatch.delenv(background.OUT_ENV, raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=120,
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    return nb


def _outputs(nb):
    return [
        [
            (o["output_type"], dict(o.get("data", {})), dict(o.get("metadata", {})))
            for o in c.outputs
        ]
        for c in nb.cells
    ]


def test_deferred_charts_are_the_synchronous_ones(tmp_path, monkeypatch):
    cells = [
        "display(rp.chart(figs[0], lang='id'))\nprint('after')",
        "display(rp.chart(figs[1], lang='id'))\ndisplay(rp.chart(figs[2], lang='id'))",
        "p = hk.files.images.save_figure(figs[3].figure, 'kartu.png')\nprint(p.name)",
        "print(background.pending() >= 0)",
        "import os\nhk.playbooks.summary({'x': 1})\n"
        "print(background.pending(), os.path.exists('kartu.png'))",
    ]
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
    sync = _run(cells, tmp_path / "a", False, monkeypatch)
    card_sync = (tmp_path / "a" / "kartu.png").read_bytes()
    deferred = _run(cells, tmp_path / "b", True, monkeypatch)
    card_deferred = (tmp_path / "b" / "kartu.png").read_bytes()
    a, b = _outputs(sync), _outputs(deferred)
    assert a == b  # same images, metadata (phone rendering, alt text) and order
    pngs = [o for cell in b for o in cell if "image/png" in o[1]]
    assert len(pngs) == 3 and all("phone" in o[2]["image/png"] for o in pngs)
    assert card_sync == card_deferred
    assert deferred.cells[-1].outputs[-1]["text"].strip() == "0 True"


def test_no_placeholder_left_after_a_failed_cell(tmp_path, monkeypatch):
    cells = [
        "display(rp.chart(figs[0], lang='id'))",
        "display(rp.chart(figs[1], lang='id'))\nraise ValueError('stop')",
    ]
    nb = _run(cells, tmp_path, True, monkeypatch, allow_errors=True)
    shown = [o for c in nb.cells for o in c.outputs if o["output_type"] == "display_data"]
    assert len(shown) == 2 and all("image/png" in o["data"] for o in shown)


def test_chart_outside_a_kernel_stays_an_image(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from IPython.display import Image

    from humaskit import report as rp

    monkeypatch.setenv(background.OUT_ENV, "/tmp")
    assert not background.active()  # a script, not a kernel: as before
    fig, ax = plt.subplots()
    ax.set_title("x")
    assert isinstance(rp.chart(ax), Image)


def test_failed_or_stuck_copies_are_done_here(monkeypatch):
    parent = os.getpid()
    monkeypatch.setattr(background, "active", lambda: True)
    monkeypatch.setattr(background, "_hook", lambda: None)
    monkeypatch.setattr(background, "TIMEOUT", 1.0)

    def fails_in_copy():
        if os.getpid() != parent:
            raise RuntimeError("broken copy")
        return b"made here"

    def hangs_in_copy():
        if os.getpid() != parent:
            import time

            time.sleep(60)
        return b"made here too"

    got = []
    background.submit(fails_in_copy, got.append)
    background.submit(hangs_in_copy, got.append)
    background.submit(lambda: b"from the copy", got.append)
    background.finish()
    assert sorted(got) == [b"from the copy", b"made here", b"made here too"]
    assert background.pending() == 0


def test_seaborn_without_scipy_stats_under_humaskit_run(tmp_path):
    """The kit's charts under ``humaskit run`` import seaborn without scipy.stats (0.6 s) and
    ipywidgets; seaborn's density, clustering and palette widgets still work, with scipy and
    ipywidgets loaded on first use."""
    import subprocess

    code = (
        "import sys, numpy as np, pandas as pd\n"
        "import matplotlib; matplotlib.use('Agg')\n"
        "import humaskit.plots as P\n"
        "ax = P.bar(pd.DataFrame({'platform': ['a', 'b'], 'posts': [1, 2]}), x='platform', y='posts')\n"
        "light = not {'scipy.stats', 'scipy.cluster', 'ipywidgets'} & set(sys.modules)\n"
        "from humaskit.plots._seaborn import seaborn\n"
        "sns = seaborn()\n"
        "kde = sns.kdeplot(x=np.arange(20.0) % 7).lines[0].get_ydata()\n"
        "sns.clustermap(pd.DataFrame(np.arange(24.0).reshape(6, 4) % 5))\n"
        "assert sns.widgets.IntSlider(min=2, max=16, value=9).value == 9\n"
        "print(light, round(float(kde.sum()), 6))\n"
    )
    env = {**os.environ, background.OUT_ENV: str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    env.pop(background.OUT_ENV)
    plain = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert plain.returncode == 0, plain.stderr
    light, kde = run.stdout.split()
    assert light == "True" and plain.stdout.split() == ["False", kde]  # same density


def test_finish_draws_the_queued_jobs_in_copies_on_every_core(monkeypatch):
    """Issue #20 (report time): the kernel only waits in ``finish``, so the jobs still queued
    go to copies on every core, none of them to the kernel (which would hold back the next
    copy's start until it is done)."""
    import struct
    import time

    if background.limit(idle=True) < 2:
        pytest.skip("one core: nothing to run side by side")
    parent = os.getpid()
    monkeypatch.setattr(background, "active", lambda: True)
    monkeypatch.setattr(background, "_hook", lambda: None)
    monkeypatch.setattr(background, "limit", lambda idle=False: 2 if idle else 1)

    def job() -> bytes:
        start = time.monotonic()
        time.sleep(0.3)
        return struct.pack("<qdd", os.getpid(), start, time.monotonic())

    got = []
    for _ in range(3):  # the first starts a copy at once; two wait in the queue
        background.submit(job, got.append, local=lambda: struct.pack("<qdd", parent, 0, 0))
    assert background.pending() == 3
    background.finish()
    runs = sorted((struct.unpack("<qdd", b) for b in got), key=lambda r: r[1])
    assert len(runs) == 3 and parent not in [pid for pid, _, _ in runs]
    assert runs[1][1] < runs[0][2]  # a queued job started beside the running copy
    assert background.pending() == 0
