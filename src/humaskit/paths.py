"""Every path humaskit uses, built from this file's location (one place to change).

Examples
--------
>>> from humaskit import paths
>>> paths.PACKAGE_DATA.name
'data'
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: Word lists, routing tables, benchmark tables, platform limits shipped in the package.
PACKAGE_DATA = PACKAGE_DIR / "data"
#: nbconvert templates of the kit's own report pages (``templates/laporan``).
TEMPLATES_DIR = PACKAGE_DIR / "templates"
#: The project checkout (editable install: ``pip install -e .``).
PROJECT_DIR = PACKAGE_DIR.parent.parent
#: Small generated sample institution (canonical tables) and sample platform exports.
SAMPLES_DIR = PROJECT_DIR / "data" / "samples"
#: Parameterized report notebooks run by :mod:`humaskit.playbooks`.
PLAYBOOKS_DIR = PROJECT_DIR / "playbooks"
#: Teaching notebooks.
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
#: Default output folder for executed playbooks (ignored by git).
REPORTS_DIR = PROJECT_DIR / "reports"


def package_file(*parts: str) -> Path:
    """Return the path of a data file shipped inside the package.

    Examples
    --------
    >>> package_file("i18n").name
    'i18n'
    """
    return PACKAGE_DATA.joinpath(*parts)


def cache_dir() -> Path:
    """Where the kit keeps what it can compute again (read sample tables, holiday lists):
    ``$HUMASKIT_CACHE``, else ``$XDG_CACHE_HOME/humaskit`` or ``~/.cache/humaskit``.

    Examples
    --------
    >>> import os
    >>> cache_dir() == Path(os.environ["HUMASKIT_CACHE"]) if os.environ.get("HUMASKIT_CACHE") else (
    ...     cache_dir().name == "humaskit")
    True
    """
    import os

    if os.environ.get("HUMASKIT_CACHE"):
        return Path(os.environ["HUMASKIT_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "humaskit"


def read_json_cache(name: str) -> dict:
    """The dict kept as ``name`` in :func:`cache_dir`; empty when missing or unreadable."""
    import json

    try:
        data = json.loads((cache_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json_cache(name: str, data: dict) -> None:
    """Keep ``data`` as ``name`` in :func:`cache_dir` (replaced whole; skipped if unwritable).

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["HUMASKIT_CACHE"] = tempfile.mkdtemp()
    >>> write_json_cache("x.json", {"a": 1}); read_json_cache("x.json")
    {'a': 1}
    >>> del os.environ["HUMASKIT_CACHE"]
    """
    import json
    import os

    path = cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
