"""One file per trained model: how :mod:`.model` and :mod:`.screen_model` save and load.

A model file is a joblib dictionary holding ``format`` (which model it is),
``format_version``, the humaskit and scikit-learn versions it was made with, and the model's
own parts. Loading checks the format and warns when scikit-learn has changed since.
Only load files your team made or trusts: joblib files can run code when loaded.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from ..errors import DataNotFound, UnsupportedFile
from ..i18n import t


def save_payload(path: str | Path, fmt: str, version: int, parts: dict[str, Any]) -> Path:
    """Write ``parts`` to ``path`` with the format header; return the path."""
    import joblib
    import sklearn

    from .. import __version__

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": fmt,
        "format_version": version,
        "humaskit": __version__,
        "sklearn": sklearn.__version__,
        **parts,
    }
    joblib.dump(payload, path, compress=3)
    return path


def load_payload(path: str | Path, fmt: str, unreadable: str, lang: str | None) -> dict:
    """Read a file written by :func:`save_payload` with format ``fmt``.

    A missing file raises :class:`DataNotFound`; an unreadable one or another format
    :class:`UnsupportedFile` with the message ``unreadable`` (an i18n key). A file made with
    another scikit-learn version is loaded with a warning (pointing at the caller's caller).
    """
    import joblib

    path = Path(path)
    if not path.is_file():
        raise DataNotFound(t("text.model_not_found", lang, path=path))
    try:
        payload = joblib.load(path)
    except Exception:  # noqa: BLE001 - any unreadable file is the same problem for the user
        raise UnsupportedFile(t(unreadable, lang, path=path)) from None
    if not isinstance(payload, dict) or payload.get("format") != fmt:
        raise UnsupportedFile(t(unreadable, lang, path=path))
    import sklearn

    if payload.get("sklearn") != sklearn.__version__:
        warnings.warn(
            t("text.model_version", lang, saved=payload.get("sklearn"), now=sklearn.__version__),
            stacklevel=3,
        )
    return payload
