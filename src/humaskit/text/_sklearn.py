"""scikit-learn parts of the trained sentiment model (imported only when a model is used).

Kept in their own module so that ``import humaskit.text`` does not import scikit-learn,
and so saved models can find these classes again when loaded.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .polarity import token_effects
from .tokens import as_texts, to_arrow, tokenize

__all__ = ["LexiconFeatures"]


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """Rule-based lexicon figures of each text as features for a linear model.

    Columns: squashed raw score, positive strength, negative strength (both log1p)
    and whether any sentiment word was found, each multiplied by ``weight``.
    """

    def __init__(self, weight: float = 1.0):
        self.weight = weight

    def fit(self, X, y=None):  # noqa: N803 - scikit-learn's naming
        return self

    def transform(self, X):  # noqa: N803
        tok = tokenize(to_arrow(as_texts(list(X))))
        n = tok.n
        eff, hit = token_effects(tok)
        if len(eff):
            raw = np.bincount(tok.row, weights=eff, minlength=n)
            pos = np.bincount(tok.row, weights=np.clip(eff, 0, None), minlength=n)
            neg = np.bincount(tok.row, weights=np.clip(-eff, 0, None), minlength=n)
            found = np.bincount(tok.row, weights=hit, minlength=n) > 0
        else:
            raw = pos = neg = np.zeros(n)
            found = np.zeros(n, dtype=bool)
        feats = np.column_stack(
            [raw / np.sqrt(raw * raw + 4.0), np.log1p(pos), np.log1p(neg), found.astype(float)]
        )
        return feats * self.weight

    def get_feature_names_out(self, input_features=None):
        return np.array(["lex_score", "lex_positive", "lex_negative", "lex_found"], dtype=object)
