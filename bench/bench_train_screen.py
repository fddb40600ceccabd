"""Cross-validated figures of ``humaskit.text.train_screen`` on ../shared/eval/hatespeech_dev.csv.

Evaluation only: the file is read in place (never copied) and nothing trained here is
shipped. The data set's labels stand in for a team's moderation labels:
HS_Religion -> ``sara_religion``, HS_Race -> ``sara_ethnicity``, HS_Group ->
``intergroup`` (antargolongan, where hostility against PKI/communism belongs) and
Abusive -> ``abusive``. SARA is any of the three. Each tweet is screened by a model
trained on the other folds, its thresholds chosen from those folds' labels only; the
fixed lists are measured on the same tweets. Printed: recall and precision per category
for each fold and their mean, then all tweets pooled (the figures the floors are held to).

Floors (issue 16): SARA recall >= 0.75 at precision >= 0.65; abusive recall >= 0.90 at
precision >= 0.80.

Run: ``.venv/bin/python bench/bench_train_screen.py [--folds 5]`` (a few minutes).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
LABELS = {
    "HS_Religion": "sara_religion",
    "HS_Race": "sara_ethnicity",
    "HS_Group": "intergroup",
    "Abusive": "abusive",
}
FLOORS = {"sara": (0.75, 0.65), "abusive": (0.90, 0.80)}


def labels_of(data: pd.DataFrame) -> pd.DataFrame:
    """The data set's columns as screen categories (1 = yes)."""
    return pd.DataFrame({cat: data[col] == 1 for col, cat in LABELS.items()})


def main() -> None:
    import humaskit.text as ht

    path = EVAL / "hatespeech_dev.csv"
    if not path.exists():
        print(f"{path} is not available on this machine: nothing to measure.")
        return
    folds = int(sys.argv[sys.argv.index("--folds") + 1]) if "--folds" in sys.argv else 5
    data = pd.read_csv(path, encoding="latin-1")
    t0 = time.perf_counter()
    cv = ht.cross_validate_screen(data["Tweet"], labels_of(data), folds=folds, seed=0, by_fold=True)
    took = time.perf_counter() - t0
    t0 = time.perf_counter()
    ht.train_screen(data["Tweet"], labels_of(data), seed=0)
    fit = time.perf_counter() - t0
    pd.set_option("display.width", 120)
    print(
        f"== train_screen, {folds}-fold cross-validation on hatespeech_dev.csv "
        f"({len(data)} tweets, {took:.0f} s; one training on all of them {fit:.0f} s)"
    )
    per_fold = cv[cv["fold"] != "all"]
    table = per_fold.pivot(index="fold", columns="category", values=["recall", "precision"])
    table = table.swaplevel(axis=1)[[c for c in cv["category"].unique()]]
    table.loc["mean"] = table.mean()
    print("-- recall / precision per category and fold (mean of the folds last)")
    print(table.round(3).to_string())
    print()
    pooled = cv[cv["fold"] == "all"].drop(columns="fold")
    print("-- all tweets pooled (each screened by the model of the other folds); the lists alone")
    print(pooled.round(3).to_string(index=False))
    print()
    for cat, (recall, precision) in FLOORS.items():
        row = pooled.set_index("category").loc[cat]
        ok = row["recall"] >= recall and row["precision"] >= precision
        print(
            f"{cat}: recall {row['recall']:.3f} (floor {recall}), precision "
            f"{row['precision']:.3f} (floor {precision}) -> {'met' if ok else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
