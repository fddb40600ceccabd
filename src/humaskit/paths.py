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
