"""humaskit: the social media workflow of Indonesian government PR teams (humas pemerintah).

Know the audience, plan content, schedule with the platforms in mind, work with
influencers, monitor and evaluate. Notebooks teach it, playbooks run it.

``import humaskit`` stays light: pandas, plotting and scikit-learn load when a module
that needs them is first used (``humaskit.io``, ``humaskit.plots``, ...).

Examples
--------
>>> import humaskit
>>> humaskit.set_language("id")
>>> issubclass(humaskit.SchemaError, humaskit.HumaskitError)
True
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import (
    DamagedFile,
    DataNotFound,
    HumaskitError,
    ParameterError,
    SchemaError,
    UnsupportedFile,
)
from .i18n import get_language, set_language

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "HumaskitError",
    "SchemaError",
    "UnsupportedFile",
    "DamagedFile",
    "ParameterError",
    "DataNotFound",
    "set_language",
    "get_language",
]

_SUBMODULES = {
    "audience",
    "calendar",
    "cli",
    "evaluation",
    "files",
    "fmt",
    "governance",
    "i18n",
    "influencers",
    "io",
    "paths",
    "privacy",
    "planning",
    "playbooks",
    "plots",
    "report",
    "samples",
    "scheduling",
    "schema",
    "teaching",
    "text",
}


def __getattr__(name: str) -> Any:
    """Load a submodule on first use (``humaskit.samples``, ``humaskit.io``, ...)."""
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'humaskit' has no attribute {name!r}")


def _install_notebook_errors() -> None:
    """In IPython, show a HumaskitError as one plain sentence instead of a traceback."""
    import sys

    if "IPython" not in sys.modules:  # not in a notebook: keep `import humaskit` light
        return
    from IPython import get_ipython

    ip = get_ipython()
    if ip is None:
        return

    def _handler(shell, etype, value, tb, tb_offset=None):  # noqa: ANN001
        # One plain sentence instead of a traceback; still an error for papermill/nbval.
        shell._showtraceback(etype, value, [f"{etype.__name__}: {value}"])

    ip.set_custom_exc((HumaskitError,), _handler)


_install_notebook_errors()
