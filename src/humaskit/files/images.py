"""Images the kit writes beside a report (the summary card to forward in a chat).

Examples
--------
>>> import tempfile, pathlib, matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> save_figure(fig, pathlib.Path(tempfile.mkdtemp()) / "kartu.png").suffix
'.png'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["save_figure"]


def save_figure(fig: Any, path: str | Path, *, dpi: int | None = None) -> Path:
    """Save a matplotlib figure as PNG at its own size (or ``dpi``), close it, return the path.

    Under ``humaskit run`` a forked copy writes the file while the playbook goes on
    (:mod:`humaskit.report.background`); it is there when the playbook has ended.
    """
    import matplotlib.pyplot as plt

    from ..report import background

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    dpi, face = dpi or fig.dpi, fig.get_facecolor()
    if not background.active():
        fig.savefig(path, format="png", dpi=dpi, facecolor=face)
        plt.close(fig)
        return path

    def write() -> bytes:
        fig.savefig(path, format="png", dpi=dpi, facecolor=face)
        return b"ok"

    plt.close(fig)  # under humaskit run: written by a forked copy, by the playbook's end
    background.submit(write, lambda _: None)
    return path
