"""Quality figures of humaskit.text on the labelled evaluation files in ../shared/eval/.

Evaluation only: nothing here trains anything the package ships, and the files are
read in place (never copied). Prints:

- default ``sentiment`` (lexicon rules) on ``smsa_valid.tsv``: macro-F1 (floor 0.65),
  per-label figures and the confusion table;
- ``train_sentiment`` with 5-fold cross-validation on ``smsa_valid.tsv`` (floor 0.70);
- ``screen`` on ``hatespeech_dev.csv``: precision and recall per category (floor:
  Abusive recall >= 0.90 with precision >= 0.65). SARA is measured as in Indonesian
  usage: any of suku/ras (``sara_ethnicity``), agama (``sara_religion``) and
  antargolongan (``intergroup``, where hostility against PKI/communism belongs) against
  HS_Religion | HS_Race | HS_Group. The fixed lists reach about 0.61 recall at 0.50
  precision on it; a screen trained on a team's labels does better
  (``bench/bench_train_screen.py``).

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


def sara_truth(data: pd.DataFrame) -> np.ndarray:
    """SARA in the data set's labels: hate speech on religion, race or a group."""
    return (
        (data["HS_Religion"] == 1) | (data["HS_Race"] == 1) | (data["HS_Group"] == 1)
    ).to_numpy()


def screen_figures(data: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of each screen category against the file's labels."""
    import humaskit.text as ht

    r = ht.screen(data["Tweet"])
    col = {c: data[c].to_numpy() == 1 for c in data.columns if c != "Tweet"}
    any_sara = (r["sara_religion"] | r["sara_ethnicity"] | r["intergroup"]).to_numpy()
    pairs = [
        ("abusive vs Abusive", r["abusive"].to_numpy(), col["Abusive"]),
        ("SARA (any) vs HS_Religion|HS_Race|HS_Group", any_sara, sara_truth(data)),
        ("sara_religion vs HS_Religion", r["sara_religion"].to_numpy(), col["HS_Religion"]),
        ("sara_ethnicity vs HS_Race", r["sara_ethnicity"].to_numpy(), col["HS_Race"]),
        ("intergroup vs HS_Group", r["intergroup"].to_numpy(), col["HS_Group"]),
        ("SARA (any) vs HS", any_sara, col["HS"]),
        ("needs_review vs HS|Abusive", r["needs_review"].to_numpy(), col["HS"] | col["Abusive"]),
    ]
    rows = [(name, *precision_recall(p, t)) for name, p, t in pairs]
    return pd.DataFrame(rows, columns=["comparison", "precision", "recall", "support", "flagged"])


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
    print("floor: abusive recall >= 0.90 with precision >= 0.65")
    print(
        "SARA = any of suku/ras, agama, antargolongan (PKI/communism is antargolongan); "
        "a trained screen: bench/bench_train_screen.py"
    )


if __name__ == "__main__":
    main()
