"""The team's own sentiment labels: one CSV the team keeps, written as it labels.

File format (UTF-8 CSV with a header, one label a row, opened fine by Excel)::

    mention_id,label,text,labelled_at,labeller
    m-0012,negatif,jalan depan pasar rusak lagi min,2025-10-01T09:12:03+07:00,sari

``label`` is written in Indonesian (``positif``, ``netral``, ``negatif``, or ``lewati``
for a mention skipped); English words (``positive``/``neutral``/``negative``/``skip``)
are read too. :func:`read_labels` returns the English labels that
:func:`humaskit.text.train_sentiment` uses. A mention labelled twice keeps its latest
label. ``text`` is kept so the file alone can train a model; citizens' ``@handles``
in it are pseudonymised and phone numbers, NIK and e-mails masked before writing.

The file lives beside the notebook, one per trainee (:func:`label_path`), never inside
the installed package.

Examples
--------
>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as d:
...     path = os.path.join(d, "label.csv")
...     _ = add_label(path, "m1", "negatif", text="jalan rusak @budi_88", labeller="sari")
...     _ = add_label(path, "m2", "lewati", text="kapan buka")
...     _ = add_label(path, "m1", "netral", text="jalan rusak @budi_88")
...     read_labels(path)[["mention_id", "label"]].values.tolist()
[['m1', 'neutral'], ['m2', 'skip']]
"""

from __future__ import annotations

import csv
import getpass
import re
from datetime import datetime
from pathlib import Path

import pandas as pd

from ..errors import ParameterError, UnsupportedFile
from ..i18n import t
from ..paths import PACKAGE_DIR
from ..privacy import mask_handles, mask_personal_data
from .safe import neutralize_text

__all__ = ["COLUMNS", "WORDS", "label_path", "read_labels", "add_label", "training_labels"]

#: Columns of the label file, in order.
COLUMNS = ["mention_id", "label", "text", "labelled_at", "labeller"]
#: Indonesian label words and the labels they stand for.
WORDS = {"positif": "positive", "netral": "neutral", "negatif": "negative", "lewati": "skip"}
_TO_WORD = {v: k for k, v in WORDS.items()}


def label_path(folder: str | Path | None = None, *, user: str | None = None) -> Path:
    """Where a trainee's label file goes: beside the notebook, one file per trainee.

    ``folder`` defaults to the current folder (the notebook's); a folder inside the
    installed package is replaced by the home folder. The name carries the user name,
    so trainees on one shared server never write into each other's file.

    Examples
    --------
    >>> label_path("/tmp", user="Sari W.").name
    'label-sentimen-sari-w.csv'
    """
    base = Path(folder) if folder is not None else Path.cwd()
    base = base.expanduser().resolve()
    if base == PACKAGE_DIR or PACKAGE_DIR in base.parents:
        base = Path.home()
    if user is None:
        try:
            user = getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name: one shared file is still fine
            user = "tim"
    slug = re.sub(r"[^a-z0-9]+", "-", str(user).lower()).strip("-") or "tim"
    return base / f"label-sentimen-{slug}.csv"


def _canonical(value: object, lang: str | None) -> str:
    word = str(value).strip().lower()
    if word in WORDS:
        return WORDS[word]
    if word in _TO_WORD:
        return word
    raise ParameterError(t("labelling.bad_label", lang, label=value))


def read_labels(path: str | Path, *, lang: str | None = None) -> pd.DataFrame:
    """Read a label file; a file not there yet is an empty table.

    Returns
    -------
    DataFrame
        ``mention_id, label, text, labelled_at, labeller``; ``label`` in English
        (``positive``/``neutral``/``negative``/``skip``); one row per mention (its
        latest label), in the order first labelled.
    """
    path = Path(path)
    empty = pd.DataFrame({c: pd.Series(dtype="str") for c in COLUMNS})
    if not path.exists():
        return empty
    try:
        raw = pd.read_csv(path, dtype="str", keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError):
        raise UnsupportedFile(t("labelling.bad_file", lang, path=path)) from None
    if not {"mention_id", "label"} <= set(raw.columns):
        raise UnsupportedFile(t("labelling.bad_file", lang, path=path))
    for col in COLUMNS:
        if col not in raw.columns:
            raw[col] = ""
    raw = raw[COLUMNS].copy()
    raw["mention_id"] = raw["mention_id"].str.lstrip("'")
    raw["text"] = raw["text"].str.removeprefix("'")
    bad = [v for v in raw["label"].unique() if str(v).strip().lower() not in {*WORDS, *_TO_WORD}]
    if bad:
        raise ParameterError(t("labelling.bad_label_in_file", lang, label=bad[0], path=path))
    raw["label"] = [_canonical(v, lang) for v in raw["label"]]
    first = raw.drop_duplicates("mention_id", keep="first")["mention_id"]
    latest = raw.drop_duplicates("mention_id", keep="last").set_index("mention_id")
    out = latest.loc[first.to_numpy()].reset_index()
    return out[COLUMNS].astype("str")


def add_label(
    path: str | Path,
    mention_id: object,
    label: str,
    *,
    text: object = "",
    labeller: str = "",
    salt: str | None = None,
    lang: str | None = None,
) -> Path:
    """Append one label to the file (created with its header when missing).

    ``label`` is ``positif``/``netral``/``negatif``/``lewati`` (or the English words).
    Citizens' handles in ``text`` are pseudonymised and personal data masked first.
    """
    word = _TO_WORD[_canonical(label, lang)]
    path = Path(path)
    clean = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    if clean:
        clean = mask_personal_data(mask_handles([clean], salt=salt), lang="id").iloc[0]
        clean = " ".join(clean.split())
    row = [
        neutralize_text(str(mention_id)),
        word,
        neutralize_text(clean),
        datetime.now().astimezone().isoformat(timespec="seconds"),
        neutralize_text(str(labeller)),
    ]
    new = not path.exists() or path.stat().st_size == 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", newline="", encoding="utf-8-sig" if new else "utf-8") as fh:
        writer = csv.writer(fh)
        if new:
            writer.writerow(COLUMNS)
        writer.writerow(row)
    return path


def training_labels(labels: pd.DataFrame) -> pd.DataFrame:
    """The labels a model learns from: skipped mentions and empty texts left out.

    Examples
    --------
    >>> df = pd.DataFrame({"mention_id": ["a", "b"], "label": ["positive", "skip"],
    ...                    "text": ["bagus", "x"]})
    >>> training_labels(df)["mention_id"].tolist()
    ['a']
    """
    keep = (labels["label"] != "skip") & (labels["text"].astype("str").str.strip() != "")
    return labels[keep].reset_index(drop=True)
