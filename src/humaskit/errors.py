"""The one exception family of humaskit.

Every error a user can cause (a wrong parameter, a file the kit cannot read, a table
that does not fit its schema) is a :class:`HumaskitError`. Each message is one plain
sentence in the chosen language that names what was wrong and what was expected, so
notebooks and the command line can show it without a traceback.

Examples
--------
>>> from humaskit.errors import ParameterError
>>> try:
...     raise ParameterError("Parameter 'periode' harus berbentuk YYYY-MM.")
... except ValueError as exc:
...     print(exc)
Parameter 'periode' harus berbentuk YYYY-MM.
"""

from __future__ import annotations

__all__ = [
    "HumaskitError",
    "SchemaError",
    "UnsupportedFile",
    "DamagedFile",
    "ParameterError",
    "DataNotFound",
    "Interrupted",
]


class HumaskitError(Exception):
    """Base class of every error humaskit raises on purpose."""


class SchemaError(HumaskitError, ValueError):
    """A table does not fit its canonical schema (names table, column, rows)."""


class UnsupportedFile(HumaskitError, ValueError):
    """A file is not an export humaskit recognises (says what was recognised)."""


class DamagedFile(UnsupportedFile):
    """A recognised export that is truncated, empty or otherwise unreadable."""


class ParameterError(HumaskitError, ValueError):
    """A function or playbook parameter has a value that cannot be used."""


class DataNotFound(HumaskitError, FileNotFoundError):
    """A file or folder the user named does not exist or holds no usable data."""


class Interrupted(HumaskitError):
    """A run stopped by a signal (Ctrl-C, SIGTERM); ``signal`` is its number.

    Everything the run had started writing was removed; the message says so.
    """

    def __init__(self, message: str = "", *, signal: int = 2) -> None:
        super().__init__(message)
        self.signal = signal
