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
    """Save a matplotlib figure as PNG at its own size (or ``dpi``), close it, return the path."""
    import matplotlib.pyplot as plt

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png", dpi=dpi or fig.dpi, facecolor=fig.get_facecolor())
    plt.close(fig)
    return path
