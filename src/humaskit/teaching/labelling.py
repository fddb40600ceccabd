"""Notebook helpers for labelling the team's own mentions (notebook 05, "Beri label sendiri").

The loop a team runs, one call per step:

1. :func:`next_batch` - the next mentions to label, chosen by the model's uncertainty
   and spread over topics (:func:`humaskit.text.labelling.choose_to_label`);
2. :func:`label_widget` - buttons ``positif``/``netral``/``negatif``/``lewati``, one
   mention at a time, a progress line, each click saved at once to the team's label
   file (:mod:`humaskit.files.labels`, beside the notebook, one per trainee);
3. :func:`retrain` - a new model from the labels (building on the shipped lexicon),
   measured on the labels held back, next to the lexicon and a model from zero;
4. :func:`check_best_engine` - the Latihan: which engine did best on the held-back labels.

:func:`label_from_sample` stands in for a colleague's clicks when the sample data is used
(the sample mentions carry the sentiment they were written with).

Examples
--------
>>> import tempfile, os, pandas as pd
>>> m = pd.DataFrame({"mention_id": [f"m{i}" for i in range(6)],
...                   "text": ["bagus", "jelek", "oke", "rusak", "mantap", "lambat"],
...                   "true_sentiment": ["positive", "negative"] * 3})
>>> with tempfile.TemporaryDirectory() as d:
...     path = os.path.join(d, "label.csv")
...     batch = next_batch(m, path, n=4)
...     label_from_sample(batch, m, path)
...     len(batch), len(read_labels(path))
(4, 4)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..files.labels import WORDS, add_label, label_path, read_labels, training_labels
from ..i18n import resolve, t
from ..privacy import mask_handles, mask_personal_data
from ..text.labelling import choose_to_label, compare_on_held_back, held_back, topic_groups
from .core import Feedback, answer_guard

__all__ = [
    "next_batch",
    "label_widget",
    "label_from_sample",
    "batch_table",
    "simulate_rounds",
    "result_table",
    "retrain",
    "label_progress",
    "check_best_engine",
    "label_path",
    "read_labels",
]

_GROUPS: dict[tuple, pd.Series] = {}
#: Engines of :func:`humaskit.text.labelling.compare_on_held_back`, best kept for ties.
_ENGINES = ("lexicon+labels", "zero", "lexicon")


def _groups(mentions: pd.DataFrame, seed: int) -> pd.Series:
    """Topic groups of a mentions table, computed once per table (kept across batches)."""
    ids = mentions["mention_id"] if "mention_id" in mentions.columns else mentions.index
    key = (len(mentions), hash(tuple(map(str, ids))), seed)
    if key not in _GROUPS:
        _GROUPS.clear()
        _GROUPS[key] = topic_groups(mentions["text"], seed=seed)
    return _GROUPS[key]


def next_batch(
    mentions: pd.DataFrame,
    path: str | Path,
    *,
    model: object = None,
    n: int = 10,
    seed: int = 0,
    lang: str | None = None,
) -> pd.DataFrame:
    """The next ``n`` mentions to label: not labelled yet in ``path``, chosen by the loop.

    Without ``model`` (the first round) the batch is spread over the topics; with the
    model of the previous round, most are the mentions it is least sure about.
    """
    if not isinstance(mentions, pd.DataFrame) or "text" not in mentions.columns:
        raise ParameterError(t("labelling.needs_table", lang))
    done = read_labels(path, lang=lang)
    labelled = len(done)
    return choose_to_label(
        mentions,
        labelled=done,
        model=model,
        n=n,
        groups=_groups(mentions, seed),
        seed=seed + labelled,
        lang=lang,
    )


def _shown(texts: pd.Series, salt: str | None, keep: Any = None) -> list[str]:
    """Texts as the widget shows them: citizens' handles pseudonymised, personal data masked.

    ``keep``: handles that stay named (the institution's own accounts, registered partners).
    """
    return mask_personal_data(mask_handles(texts.astype("str"), salt=salt, keep=keep)).tolist()


def label_progress(path: str | Path, *, lang: str | None = None) -> str:
    """One line: how many mentions are labelled in ``path``, by label.

    Examples
    --------
    >>> label_progress("/tmp/tidak-ada.csv", lang="id")
    'Sudah diberi label: 0 sebutan (positif 0, netral 0, negatif 0, dilewati 0).'
    """
    labels = read_labels(path, lang=lang)["label"].value_counts()
    return t(
        "labelling.progress",
        lang,
        n=int(labels.sum()),
        positive=int(labels.get("positive", 0)),
        neutral=int(labels.get("neutral", 0)),
        negative=int(labels.get("negative", 0)),
        skip=int(labels.get("skip", 0)),
    )


def label_widget(
    batch: pd.DataFrame,
    path: str | Path,
    *,
    labeller: str = "",
    salt: str | None = None,
    keep: Any = None,
    lang: str | None = None,
) -> Any:
    """Buttons to label ``batch`` one mention at a time; each click is saved to ``path``.

    ``keep``: handles shown by name (the institution's own accounts, registered partners);
    by default the accounts the batch's ``account`` column names.

    Shows the mention (citizens' handles pseudonymised, phone numbers and NIK masked),
    a progress line and four buttons: ``positif``, ``netral``, ``negatif``, ``lewati``.
    Returns the ipywidgets box (display it, or let it be a cell's last line).
    """
    import ipywidgets as w

    if keep is None and "account" in batch.columns:
        keep = batch["account"].dropna().astype("str").unique().tolist()
    texts = _shown(batch["text"], salt, keep) if len(batch) else []
    ids = batch["mention_id"].astype("str").tolist() if len(batch) else []
    state = {"i": 0}
    header = w.HTML()
    body = w.HTML(layout=w.Layout(min_height="4em", width="100%"))
    progress = w.HTML()
    styles = {"positif": "success", "netral": "info", "negatif": "danger", "lewati": ""}
    buttons = [
        w.Button(description=t(f"labelling.button_{word}", lang), button_style=styles[word])
        for word in WORDS
    ]

    def show() -> None:
        i = state["i"]
        progress.value = "<i>" + _html(label_progress(path, lang=lang)) + "</i>"
        if i >= len(ids):
            header.value = "<b>" + _html(t("labelling.batch_done", lang, n=len(ids))) + "</b>"
            body.value = ""
            for b in buttons:
                b.disabled = True
            return
        header.value = "<b>" + _html(t("labelling.mention_of", lang, i=i + 1, n=len(ids))) + "</b>"
        body.value = (
            "<div style='font-size:1.1em;white-space:pre-wrap'>" + _html(texts[i]) + "</div>"
        )

    def click(word: str):
        def on_click(_button) -> None:
            i = state["i"]
            if i >= len(ids):
                return
            add_label(
                path,
                ids[i],
                word,
                text=batch["text"].iloc[i],
                labeller=labeller,
                salt=salt,
                lang=lang,
            )
            state["i"] = i + 1
            show()

        return on_click

    for b, word in zip(buttons, WORDS, strict=True):
        b.on_click(click(word))
    show()
    return w.VBox([header, body, w.HBox(buttons), progress])


def _html(text: str) -> str:
    import html

    return html.escape(str(text))


def label_from_sample(batch: pd.DataFrame, mentions: pd.DataFrame, path: str | Path) -> None:
    """Save the sample's own sentiment for the mentions of ``batch`` not labelled yet.

    Stands in for a colleague's clicks, and only for the sample data, whose mentions
    carry ``true_sentiment``: a team's own mentions are labelled with :func:`label_widget`.
    """
    truth = mentions.set_index(mentions["mention_id"].astype("str"))["true_sentiment"]
    done = set(read_labels(path)["mention_id"])
    for mid, text in zip(batch["mention_id"].astype("str"), batch["text"], strict=True):
        if mid not in done:
            add_label(path, mid, str(truth.get(mid, "skip")), text=text, labeller="contoh")


def batch_table(batch: pd.DataFrame, *, salt: str | None = None, lang: str | None = None):
    """The chosen mentions as a table to read: text (handles hidden), topic, why chosen."""
    from ..report import table

    why = {w: t(f"labelling.why_{w}", lang) for w in ("uncertain", "coverage")}
    shown = pd.DataFrame(
        {
            t("labelling.col_text", lang): _shown(batch["text"], salt) if len(batch) else [],
            t("labelling.col_group", lang): (batch["group"] + 1).astype("int64").to_numpy(),
            t("labelling.col_why", lang): [why.get(w, w) for w in batch["why"]],
        }
    )
    shown.columns = [_capital(c) for c in shown.columns]
    return table(shown, lang=lang, max_chars=400)


def _capital(text: str) -> str:
    """A header as a table starts it: with a capital letter."""
    return text[:1].upper() + text[1:]


def result_table(table: pd.DataFrame, *, lang: str | None = None):
    """Show a table of :func:`retrain` or :func:`simulate_rounds`: scores with two decimals."""
    from ..fmt import fmt_number
    from ..report import table as html_table

    shown = table.copy()
    for col in shown.columns:
        if pd.api.types.is_float_dtype(shown[col]):
            shown[col] = [fmt_number(v, lang, 2) for v in shown[col]]
    shown.columns = [_capital(str(c)) for c in shown.columns]
    return html_table(shown, lang=lang)


def simulate_rounds(
    mentions: pd.DataFrame,
    path: str | Path,
    *,
    rounds: int = 4,
    n: int = 40,
    seed: int = 0,
    lang: str | None = None,
) -> pd.DataFrame:
    """Run the loop ``rounds`` times on the sample, labels from :func:`label_from_sample`.

    Each round: choose ``n`` mentions (with the model of the round before), label them,
    retrain, measure. Returns one row per round (Indonesian headers): labels so far and
    the macro-F1 of the lexicon and of the model on the held-back labels.
    """
    model = None
    rows = []
    for i in range(1, rounds + 1):
        batch = next_batch(mentions, path, model=model, n=n, seed=seed, lang=lang)
        label_from_sample(batch, mentions, path)
        model, result = retrain(path, seed=seed, lang=lang)
        engines = result.attrs.get("engines", [])
        f1 = dict(zip(engines, result.iloc[:, 1], strict=True)) if engines else {}
        rows.append(
            (
                i,
                len(training_labels(read_labels(path))),
                f1.get("lexicon"),
                f1.get("lexicon+labels"),
            )
        )
    cols = [t(f"labelling.col_{c}", lang) for c in ("round", "labels", "lexicon_f1", "model_f1")]
    return pd.DataFrame(rows, columns=cols)


def retrain(
    path: str | Path, *, share: float = 0.2, seed: int = 0, lang: str | None = None
) -> tuple[Any, pd.DataFrame]:
    """Train a model on the labels in ``path`` and measure it on the labels held back.

    About ``share`` of the labels (the same mentions every round) are held back; the
    model learns from the rest, building on the shipped lexicon. Returns ``(model,
    table)``: the table (Indonesian headers) compares the shipped lexicon, a model from
    zero and the model building on the lexicon on the held-back labels. ``model`` is
    None while the labels are too few (fewer than two kinds, or nothing held back).
    """
    labels = training_labels(read_labels(path, lang=lang))
    held = held_back(labels["mention_id"], share=share, lang=lang)
    cols = [
        t(f"labelling.col_{c}", lang) for c in ("engine", "macro_f1", "accuracy", "train", "test")
    ]
    if (
        labels["label"].nunique() < 2
        or held.all()
        or not held.any()
        or (labels.loc[~held, "label"].nunique() < 2)
    ):
        return None, pd.DataFrame(columns=cols)
    table = compare_on_held_back(labels["text"], labels["label"], held, seed=seed, lang=lang)
    model = table.attrs.get("model")
    shown = pd.DataFrame(
        {
            cols[0]: [t(f"labelling.engine_{e}", lang) for e in table["engine"]],
            cols[1]: table["macro_f1"].round(2),
            cols[2]: table["accuracy"].round(2),
            cols[3]: table["n_train"],
            cols[4]: table["n_test"],
        }
    )
    shown.attrs["engines"] = table["engine"].tolist()
    return model, shown


_ANSWERS = {
    "lexicon+labels": (
        "leksikon+label",
        "leksikon + label",
        "lexicon+labels",
        "lexicon + labels",
        "model tim",
        "model",
        "model di atas leksikon",
        "di atas leksikon",
    ),
    "zero": ("nol", "dari nol", "model dari nol", "zero", "from zero"),
    "lexicon": ("leksikon", "leksikon bawaan", "lexicon", "bawaan"),
}


@answer_guard
def check_best_engine(answer: object, table: pd.DataFrame, *, lang: str | None = None) -> Feedback:
    """Latihan: which engine had the highest macro-F1 on the held-back labels?

    ``answer`` is ``"leksikon"``, ``"nol"`` or ``"leksikon+label"`` (other spellings of
    the engine names in the table are understood too).

    Examples
    --------
    >>> tab = pd.DataFrame({"mesin": ["a", "b", "c"], "macro-F1": [0.5, 0.6, 0.8]})
    >>> tab.attrs["engines"] = ["lexicon", "zero", "lexicon+labels"]
    >>> check_best_engine("leksikon+label", tab, lang="id").correct
    True
    """
    engines = table.attrs.get("engines") if isinstance(table, pd.DataFrame) else None
    if not engines or len(table) == 0:
        return Feedback(False, t("labelling.no_table", lang))
    f1 = [round(float(x), 2) for x in table.iloc[:, 1]]  # as the table shows them
    best = engines[max(range(len(f1)), key=lambda i: (f1[i], -_ENGINES.index(engines[i])))]
    if not isinstance(answer, str):
        return Feedback(False, t("labelling.answer_text", lang))
    said = " ".join(answer.strip().strip("'\"").lower().split())
    match = next((e for e, words in _ANSWERS.items() if said in words or said == e), None)
    if match is None:
        shown = t(f"labelling.engine_{best}", lang)
        return Feedback(False, t("labelling.answer_unknown", lang, answer=answer, example=shown))
    name = t(f"labelling.engine_{best}", lang)
    score = f"{max(f1):.2f}"
    if resolve(lang) == "id":
        score = score.replace(".", ",")
    if match in engines and f1[engines.index(match)] == max(f1):  # a tie: both are right
        name = t(f"labelling.engine_{match}", lang)
        return Feedback(True, t("labelling.best_right", lang, engine=name, f1=score))
    return Feedback(
        False, t("labelling.best_wrong", lang, engine=t(f"labelling.engine_{match}", lang))
    )
