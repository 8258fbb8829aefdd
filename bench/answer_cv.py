"""End-to-end cross-validated stance accuracy of `medcite ask` on PubMedQA dev and BioASQ yes/no.

The stance judge's linear weights were fitted on these dev sets (bench/stance_cv.py), so the
answer-level accuracy with the shipped weights is in-sample. Here every question is answered
by the full product (retrieval, evidence selection, bottom line) with weights fitted only on
the other 4 of 5 folds (pooled PubMedQA + BioASQ, the shipped recipe), so no question is
judged by weights that saw it.

    .venv/bin/python bench/answer_cv.py [--index bench/out/index.sqlite]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from stance_cv import MAYBE_KEYS, YES_KEYS, bioasq_items, fit, pubmedqa_items

from medcite.compose.composer import Composer
from medcite.compose.judge.stance import StanceModel, stance_features
from medcite.config import Settings
from medcite.evaluate.answers import stance_of, stance_scores
from medcite.index.sqlite import SqliteStore
from medcite.retrieve.searcher import Searcher

FOLDS = 5


def as_model(fitted: tuple) -> StanceModel:
    """A StanceModel from weights fitted by bench/stance_cv.py's recipe."""
    wy, wm, threshold = fitted
    yes = {k: float(v) for k, v in zip(YES_KEYS, wy, strict=True)}
    maybe = {k: float(v) for k, v in zip(MAYBE_KEYS, wm, strict=True)}
    maybe["bias"] = maybe.get("bias", 0.0) - threshold
    return StanceModel(yes=yes, maybe=maybe)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, default=Path("bench/out/index.sqlite"))
    parser.add_argument(
        "--items",
        type=Path,
        help="also write each question's predicted and gold stance here (JSON), to compare runs",
    )
    args = parser.parse_args()
    settings = Settings(index_path=args.index)
    items = [("pubmedqa", *i) for i in pubmedqa_items(settings.data_dir)]
    items += [("bioasq", *i) for i in bioasq_items(settings.data_dir)]
    rows = [(stance_features(q, ev)[0], gold) for _, q, ev, gold in items]
    order = list(range(len(items)))
    random.Random(13).shuffle(order)
    fold_of = {i: n % FOLDS for n, i in enumerate(order)}
    searcher = Searcher(SqliteStore(args.index, read_only=True), settings)
    predicted: dict[int, str] = {}
    for fold in range(FOLDS):
        model = as_model(fit([rows[i] for i in range(len(rows)) if fold_of[i] != fold]))
        composer = Composer(searcher, stance_model=model)
        for i in (i for i in range(len(items)) if fold_of[i] == fold):
            predicted[i] = stance_of(composer.answer(items[i][1]))
    if args.items:
        per_item = [
            {
                "dataset": items[i][0],
                "question": items[i][1],
                "predicted": predicted[i],
                "gold": items[i][3],
            }
            for i in sorted(predicted)
        ]
        args.items.write_text(json.dumps(per_item, indent=1))
    results = {}
    for name in ("pubmedqa", "bioasq"):
        ids = [i for i, item in enumerate(items) if item[0] == name]
        scores = stance_scores([items[i][3] for i in ids], [predicted[i] for i in ids])
        results[name] = scores.model_dump()
    print(json.dumps({"folds": FOLDS, "cv_end_to_end": results}, indent=2))


if __name__ == "__main__":
    main()
