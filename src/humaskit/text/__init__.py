"""Indonesian text engine: normalisation, sentiment, pre-publication screen, keywords, issues.

Everything runs offline on whole columns, with word lists written for humaskit that
live as plain files in ``humaskit/data/text/`` (one entry a line, documented at the
top) so a team can extend them:

- :func:`normalize` - lower case, slang and abbreviations expanded (``gak`` ->
  ``tidak``, ``yg`` -> ``yang``), stretched letters squeezed, leetspeak undone,
  links and handles dropped, emoji kept;
- :func:`sentiment` - ``positive``/``neutral``/``negative`` with a score, by default
  from rules over a lexicon of public-service Indonesian (negation, boosters,
  softeners, contrast, emoji); or from a model trained on the team's own labelled
  mentions (:func:`train_sentiment`), or from a transformer model;
- :func:`screen` - the check before posting: SARA hate speech, abusive words,
  pornography, radicalism, hoax cues, personal data and information exempted under
  UU 14/2008 Pasal 17, with the terms found and a plain reason; or a screen trained on
  the team's own labelled comments on top of those lists (:func:`train_screen`);
- :func:`keywords` and :func:`issues` - top terms and phrases (rising against the
  previous period) and mentions grouped into issues;
- :mod:`humaskit.text.labelling` - which mentions a team should label next (the model's
  uncertainty, spread over topics) and what its labels bring, measured on held-back ones.

Bad input (missing values, numbers, empty or very long texts, broken characters) never
raises: it gives a neutral row without flags.

Examples
--------
>>> import humaskit.text as ht
>>> ht.sentiment(["Pelayanannya cepat, petugasnya ramah 👍",
...               "udah 3 hari lampu jalan mati gak ada yg respon",
...               "Jam berapa kantor buka?"])["label"].tolist()
['positive', 'negative', 'neutral']
>>> ht.screen(["kalian semua goblok"])["abusive"].tolist()
[True]
"""

from __future__ import annotations

from .engine import BACKENDS, screen, sentiment
from .lexicon import default_lexicon, wordlist
from .model import SentimentModel, cross_validate_sentiment, evaluate, load_model, train_sentiment
from .screen_model import ScreenModel, cross_validate_screen, load_screen_model, train_screen
from .screening import CATEGORIES, PERSONAL_DATA_KINDS
from .tokens import normalize
from .topics import issues, keywords

__all__ = [
    "normalize",
    "sentiment",
    "train_sentiment",
    "load_model",
    "SentimentModel",
    "evaluate",
    "cross_validate_sentiment",
    "screen",
    "train_screen",
    "load_screen_model",
    "ScreenModel",
    "cross_validate_screen",
    "keywords",
    "issues",
    "default_lexicon",
    "wordlist",
    "CATEGORIES",
    "PERSONAL_DATA_KINDS",
    "BACKENDS",
]
