"""The public sentiment and screen entry points: one call, several engines.

:func:`sentiment` picks the engine: the lexicon rules of :mod:`humaskit.text.polarity`
(default, offline), a model trained by :func:`humaskit.text.train_sentiment`
(:mod:`humaskit.text.model`), or an optional transformers model. :func:`screen` runs the
rules of :mod:`humaskit.text.screening`, or a screen trained by
:func:`humaskit.text.train_screen` (:mod:`humaskit.text.screen_model`). It sits above the
engines so that none imports its caller (no import circle).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from .polarity import lexicon_sentiment
from .screening import screen as rule_screen

__all__ = ["sentiment", "screen", "BACKENDS"]

#: The engines :func:`sentiment` can use.
BACKENDS = ("lexicon", "model", "transformers")


def sentiment(
    texts: object,
    *,
    lexicon: object = None,
    model: object = None,
    backend: str = "lexicon",
    labels: dict[str, str] | None = None,
    batch_size: int = 32,
    lang: str | None = None,
) -> pd.DataFrame:
    """Label texts ``positive``, ``neutral`` or ``negative``, with a score from -1 to +1.

    Parameters
    ----------
    texts : Series, list of str, str, or DataFrame with a ``text`` column
        Comments, mentions, captions. Missing values, numbers, empty or broken text
        give ``neutral`` with score 0 (never an error).
    lexicon : dict, Series or DataFrame[term, score], optional
        Extra lexicon entries (score -3..+3) added to the bundled lexicon, e.g. local
        words: ``{"mantul": 3, "banjir rob": -2}``. Lexicon backend only.
    model : SentimentModel, str or Path, optional
        A model from :func:`humaskit.text.train_sentiment` (or the path of a saved one)
        - then the model labels the texts. For ``backend="transformers"``: a Hugging
        Face hub id or a local folder.
    backend : {"lexicon", "model", "transformers"}
        ``"lexicon"`` (default, offline rules; switches to ``"model"`` when ``model``
        is a trained model), ``"model"`` or ``"transformers"`` (optional extra:
        ``pip install humaskit[transformers]``; a hub id needs internet once).
    labels : dict, optional
        Transformers only: the model's label names mapped to ``positive``,
        ``neutral``, ``negative`` (e.g. ``{"LABEL_0": "negative", ...}``). Names that
        already say pos/neu/neg are understood without it.
    batch_size : int
        Transformers only: texts per batch.
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    DataFrame
        ``label`` (str) and ``score`` (float, -1..+1), with the index of ``texts``.

    Examples
    --------
    >>> out = sentiment(["mantap, langsung diperbaiki 👍", "pungli di loket!!", None])
    >>> out["label"].tolist(), out["score"].round(2).tolist()
    (['positive', 'negative', 'neutral'], [0.95, -0.83, 0.0])
    """
    if backend not in BACKENDS:
        raise ParameterError(
            t("text.bad_backend", lang, backend=backend, backends=", ".join(BACKENDS))
        )
    if backend == "transformers":
        from .model import transformers_sentiment

        return transformers_sentiment(
            texts, model=model, labels=labels, batch_size=batch_size, lang=lang
        )
    if model is not None or backend == "model":
        from .model import as_model

        return as_model(model, lang=lang).predict(texts)
    return lexicon_sentiment(texts, lexicon=lexicon)


def screen(
    texts: object,
    *,
    extra: Mapping[str, Iterable[str]] | None = None,
    model: object = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Check texts before publication; one row per text with flags, terms and reasons.

    The rules and lists of :func:`humaskit.text.screening.screen` (see there for the
    categories and the list syntax of ``extra``), or, with ``model``, a screen trained on
    the team's own labels (:func:`humaskit.text.train_screen`): the same columns, the
    trained categories flagged by the model.

    Parameters
    ----------
    texts : Series, list of str, str, or DataFrame with a ``text`` column
        Captions, drafts or comments.
    extra : dict, optional
        Extra terms per list, e.g. ``{"abusive": ["kata1"]}``.
    model : ScreenModel, str or Path, optional
        A model from :func:`humaskit.text.train_screen` or the path of a saved one.
    lang : {"id", "en"}, optional
        Language of ``reasons``.

    Returns
    -------
    DataFrame
        One boolean column per category, ``matched``, ``needs_review``, ``reasons``.

    Examples
    --------
    >>> screen(["kalian semua goblok", "Selamat pagi"])["needs_review"].tolist()
    [True, False]
    """
    if model is None:
        return rule_screen(texts, extra=extra, lang=lang)
    from .screen_model import as_screen_model

    return as_screen_model(model, lang=lang).screen(texts, extra=extra, lang=lang)
