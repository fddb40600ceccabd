"""Quality figures of humaskit.text on the labelled evaluation files in ../shared/eval/.

Evaluation only: nothing here trains anything the package ships, and the files are
read in place (never copied). Prints:

- default ``sentiment`` (lexicon rules) on ``smsa_valid.tsv``: macro-F1 (floor 0.65),
  per-label figures and the confusion table;
- ``train_sentiment`` with 5-fold cross-validation on ``smsa_valid.tsv`` (floor 0.70);
- ``screen`` on ``hatespeech_dev.csv``: precision and recall per category (floors:
  Abusive recall >= 0.90 with precision >= 0.65; HS_Religion + HS_Race together
  recall >= 0.70 with precision >= 0.50).

Run: ``.venv/bin/python bench/eval_text.py`` (about a minute; the cross-validation
is the slow part, skip it with ``--no-cv``).
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def read_smsa(path: Path | None = None) -> pd.DataFrame:
    """The SmSA validation split: ``text<TAB>label``, no header."""
    path = path or EVAL / "smsa_valid.tsv"
    return pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=["text", "label"],
        quoting=csv.QUOTE_NONE,
        dtype="str",
    )


def read_hatespeech(path: Path | None = None) -> pd.DataFrame:
    """The hate speech and abusive language dev file (latin-1 encoded CSV)."""
    path = path or EVAL / "hatespeech_dev.csv"
    return pd.read_csv(path, encoding="latin-1")


def precision_recall(pred: np.ndarray, truth: np.ndarray) -> tuple[float, float, int, int]:
    tp = int((pred & truth).sum())
    precision = tp / max(int(pred.sum()), 1)
    recall = tp / max(int(truth.sum()), 1)
    return precision, recall, int(truth.sum()), int(pred.sum())


def screen_figures(data: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of each screen category against the file's labels."""
    import humaskit.text as ht

    r = ht.screen(data["Tweet"])
    col = {c: data[c].to_numpy() == 1 for c in data.columns if c != "Tweet"}
    sara = (r["sara_religion"] | r["sara_ethnicity"]).to_numpy()
    any_sara = sara | r["intergroup"].to_numpy()
    pairs = [
        ("abusive vs Abusive", r["abusive"].to_numpy(), col["Abusive"]),
        ("religion+ethnicity vs HS_Religion|HS_Race", sara, col["HS_Religion"] | col["HS_Race"]),
        ("sara_religion vs HS_Religion", r["sara_religion"].to_numpy(), col["HS_Religion"]),
        ("sara_ethnicity vs HS_Race", r["sara_ethnicity"].to_numpy(), col["HS_Race"]),
        ("intergroup vs HS_Group", r["intergroup"].to_numpy(), col["HS_Group"]),
        ("any SARA vs HS_Religion|HS_Race", any_sara, col["HS_Religion"] | col["HS_Race"]),
        ("any SARA vs HS", any_sara, col["HS"]),
        ("needs_review vs HS|Abusive", r["needs_review"].to_numpy(), col["HS"] | col["Abusive"]),
    ]
    rows = [(name, *precision_recall(p, t)) for name, p, t in pairs]
    return pd.DataFrame(rows, columns=["comparison", "precision", "recall", "support", "flagged"])


PKI = ["pki", "komunis", "komunisme", "antek pki !"]


def sara_misses(data: pd.DataFrame) -> pd.DataFrame:
    """Missed HS_Religion|HS_Race items by what the rule can see in them.

    The rule flags a religion or ethnicity group term standing with an insult or
    violence term. A missed item either has both (reach, negation or an ambiguous
    word kept it out), only a group term, only a hostile term (often PKI/communism,
    an inter-group term under the rule) or neither.
    """
    import humaskit.text as ht
    from humaskit.text import screening as sc
    from humaskit.text.tokens import as_texts, to_arrow, tokenize

    r = ht.screen(data["Tweet"])
    truth = ((data["HS_Religion"] == 1) | (data["HS_Race"] == 1)).to_numpy()
    flagged = (r["sara_religion"] | r["sara_ethnicity"]).to_numpy()
    hits = sc._token_hits(tokenize(to_arrow(as_texts(data["Tweet"]))), sc._lists())
    base = hits["kind"].str.rstrip("~!^?")

    def rows_with(kinds: list[str]) -> np.ndarray:
        out = np.zeros(len(data), dtype=bool)
        out[hits.loc[base.isin(kinds), "row"].to_numpy(dtype=np.int64)] = True
        return out

    group = rows_with(["sara_religion", "sara_ethnicity"])
    hostile = rows_with(["insult", "abusive"])
    pki = data["Tweet"].str.lower().str.contains(r"\bpki\b|komunis", regex=True).to_numpy()
    miss = truth & ~flagged
    rows = [
        ("labelled HS_Religion|HS_Race", int(truth.sum())),
        ("found", int((truth & flagged).sum())),
        ("missed", int(miss.sum())),
        ("  group term and hostile term", int((miss & group & hostile).sum())),
        ("  group term, nothing hostile", int((miss & group & ~hostile).sum())),
        (
            "  hostile term, no group term: PKI/communism",
            int((miss & ~group & hostile & pki).sum()),
        ),
        ("  hostile term, no group term: other", int((miss & ~group & hostile & ~pki).sum())),
        ("  neither", int((miss & ~group & ~hostile).sum())),
        (
            "ceiling of the rule (found + both terms present)",
            int((truth & flagged).sum() + (miss & group & hostile).sum()),
        ),
    ]
    out = pd.DataFrame(rows, columns=["items", "count"])
    out["share"] = (out["count"] / max(int(truth.sum()), 1)).round(3)
    return out


def pki_alternatives(data: pd.DataFrame) -> pd.DataFrame:
    """The religion+ethnicity measure under other placements of communism/PKI.

    The shipped lists place PKI/komunis among inter-group terms (antargolongan), as
    the Indonesian meaning of SARA does; this data set labels most hostility against
    PKI as HS_Race. Printed so the choice is visible, not made silently.
    """
    import humaskit.text as ht

    truth = ((data["HS_Religion"] == 1) | (data["HS_Race"] == 1)).to_numpy()
    rows = []
    for name, extra in [
        ("shipped (PKI inter-group)", None),
        ("PKI as an ethnicity/descent group", {"sara_ethnicity": PKI}),
        ("PKI as a religion/belief group", {"sara_religion": PKI}),
    ]:
        r = ht.screen(data["Tweet"], extra=extra)
        pred = (r["sara_religion"] | r["sara_ethnicity"]).to_numpy()
        rows.append((name, *precision_recall(pred, truth)))
    return pd.DataFrame(rows, columns=["placement", "precision", "recall", "support", "flagged"])


def main() -> None:
    import humaskit.text as ht

    if not EVAL.exists():
        print(f"{EVAL} is not available on this machine: nothing to measure.")
        return
    pd.set_option("display.width", 120)
    smsa = read_smsa()
    t0 = time.perf_counter()
    pred = ht.sentiment(smsa["text"])
    ev = ht.evaluate(pred["label"], smsa["label"])
    print(
        f"== sentiment (lexicon) on smsa_valid.tsv, {len(smsa)} texts, "
        f"{time.perf_counter() - t0:.2f} s"
    )
    print(f"macro-F1 {ev.macro_f1:.3f} (floor 0.65), accuracy {ev.accuracy:.3f}")
    print(ev.per_label.round(3).to_string(index=False))
    print(ev.confusion.to_string())

    if "--no-cv" not in sys.argv:
        t0 = time.perf_counter()
        cv = ht.cross_validate_sentiment(smsa["text"], smsa["label"], folds=5, seed=0)
        print(
            f"\n== train_sentiment, 5-fold cross-validation on smsa_valid.tsv "
            f"({time.perf_counter() - t0:.0f} s)"
        )
        print(cv.round(3).to_string(index=False))
        print(f"mean macro-F1 {cv['macro_f1'].mean():.3f} (floor 0.70)")

    hs = read_hatespeech()
    t0 = time.perf_counter()
    fig = screen_figures(hs)
    print(f"\n== screen on hatespeech_dev.csv, {len(hs)} tweets, {time.perf_counter() - t0:.2f} s")
    print(fig.round(3).to_string(index=False))
    print(
        "floors: abusive recall >= 0.90 with precision >= 0.65; "
        "religion+ethnicity recall >= 0.70 with precision >= 0.50"
    )
    print("\n== SARA religion+ethnicity: where the missed items fall")
    print(sara_misses(hs).to_string(index=False))
    print("\n== the same measure if communism/PKI counted as a religion or ethnicity group")
    print(pki_alternatives(hs).round(3).to_string(index=False))


if __name__ == "__main__":
    main()
