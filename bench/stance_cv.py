"""Stance judge evaluation on PubMedQA dev and BioASQ yes/no, with cross-validated fits.

Run: .venv/bin/python bench/stance_cv.py [--data ../shared/data] [--emit]

Evidence mirrors the product: PubMedQA -> LONG_ANSWER sentences (CONCLUSIONS, weight 1.0) +
RESULTS-labelled context sentences (weight 0.5); BioASQ -> gold snippets (weight 1.0 for the
first three, then decreasing). The linear weights are fitted by L2 logistic regression (numpy);
we report 5-fold CV within each set, and cross-set transfer (fit on one, test on the other).
``--emit`` prints the weights fitted on all data, for src/medcite/data/stance_weights.json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

from medcite.compose.judge.stance import (
    StanceEvidence,
    judge_stance,
    split_sentences,
    stance_features,
)
from medcite.ingest.base import as_list, read_json
from medcite.ingest.bioasq import questions

LABELS = ("yes", "no", "maybe")
_POLAR = ("neg", "neg_on", "good_neg", "dir", "affirm")
_SOFT = ("partial", "uncertain", "hedge", "contrast")
YES_KEYS = (
    "bias",
    "cover",
    "missing",
    "missing_ent",
    "missing_tail",
    "opposite",
    "qneg",
    "snippets",
    "asks_same",
    "snip_cover",
    "snip_missing",
    "snip_missing_ent",
    "snip_missing_tail",
    "snip_opposite",
    "prefix_swap",
    "snip_prefix_swap",
    *tuple(p + k for p in ("p_", "s_") for k in _POLAR),
)
MAYBE_KEYS = (
    "bias",
    "cover",
    "p_neg",
    "p_affirm",
    *tuple(p + k for p in ("p_", "s_") for k in _SOFT),
)
L2 = 0.3


def pubmedqa_items(root: Path) -> list[tuple[str, list[StanceEvidence], str]]:
    data = json.loads((root / "eval/pubmedqa/pqal_dev.json").read_text())
    items = []
    for _pmid, it in sorted(data.items()):
        ev = [StanceEvidence(s, "CONCLUSIONS", 1.0) for s in split_sentences(it["LONG_ANSWER"])]
        for ctx, label in zip(it["CONTEXTS"], it["LABELS"], strict=False):
            if label.upper().startswith("RESULT"):
                ev.extend(StanceEvidence(s, label, 0.5) for s in split_sentences(ctx))
        items.append((it["QUESTION"], ev, it["final_decision"]))
    return items


def bioasq_items(root: Path) -> list[tuple[str, list[StanceEvidence], str]]:
    items, seen = [], set()
    for f in sorted((root / "eval/bioasq").rglob("*.json")):
        for q in questions(read_json(f)):
            answer = as_list(q.get("exact_answer"))
            if q.get("type") != "yesno" or not answer or q.get("id") in seen:
                continue
            seen.add(q.get("id"))
            snippets = [
                s["text"] if isinstance(s, dict) else str(s) for s in as_list(q.get("snippets"))
            ]
            ev = [
                StanceEvidence(t.strip(), "", 1.0 if r < 3 else max(0.3, 1.0 - 0.1 * (r - 2)))
                for r, t in enumerate(dict.fromkeys(snippets))
            ]
            items.append((q["body"], ev, str(answer[0]).lower().strip()))
    return items


def with_inline_labels(
    items: list[tuple[str, list[StanceEvidence], str]],
) -> list[tuple[str, list[StanceEvidence], str]]:
    """BioASQ snippets whose text opens with "CONCLUSIONS:" etc. labelled with that section."""
    out = []
    for q, ev, g in items:
        labelled = []
        for e in ev:
            m = re.match(r"\s*([A-Z][A-Z ]{3,40})\s*:\s*", e.text)
            labelled.append(StanceEvidence(e.text, m.group(1).strip() if m else "", e.weight))
        out.append((q, labelled, g))
    return out


def matrix(feats: list[dict[str, float]], keys: tuple[str, ...]) -> np.ndarray:
    return np.array([[f.get(k, 0.0) for k in keys] for f in feats])


def fit_lr(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 400) -> np.ndarray:
    """L2 logistic regression by Newton steps (bias in column 0 is not penalised)."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[0] = 1e-6
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit(train: list[tuple[dict[str, float], str]]) -> tuple[np.ndarray, np.ndarray, float]:
    """YES weights (yes vs no items), MAYBE weights (maybe vs rest) and a maybe threshold."""
    yn = [(f, lab) for f, lab in train if lab != "maybe"]
    wy = fit_lr(
        matrix([f for f, _ in yn], YES_KEYS), np.array([lab == "yes" for _, lab in yn], float)
    )
    has_maybe = any(lab == "maybe" for _, lab in train)
    if not has_maybe:
        return wy, np.zeros(len(MAYBE_KEYS)), 1e9
    xm = matrix([f for f, _ in train], MAYBE_KEYS)
    ym = np.array([lab == "maybe" for _, lab in train], float)
    wm = fit_lr(xm, ym)
    sy = matrix([f for f, _ in train], YES_KEYS) @ wy
    sm = xm @ wm
    gold = [lab for _, lab in train]
    best_t, best_acc = 1e9, -1.0
    for t in [*sorted(set(np.round(sm, 3))), 1000000000.0]:
        acc = np.mean([_label(a, b, t) == g for a, b, g in zip(sy, sm, gold, strict=True)])
        if acc > best_acc:
            best_t, best_acc = float(t), acc
    return wy, wm, best_t


def _label(sy: float, sm: float, t: float) -> str:
    if sm > t:
        return "maybe"
    return "yes" if sy >= 0 else "no"


def predict(
    model: tuple[np.ndarray, np.ndarray, float], feats: list[dict[str, float]], allow_maybe: bool
) -> list[str]:
    wy, wm, t = model
    sy = matrix(feats, YES_KEYS) @ wy
    sm = matrix(feats, MAYBE_KEYS) @ wm
    return [_label(a, b, t if allow_maybe else 1e9) for a, b in zip(sy, sm, strict=True)]


def report(name: str, gold: list[str], pred: list[str]) -> float:
    labels = [lab for lab in LABELS if lab in gold or lab in pred]
    acc = float(np.mean([g == p for g, p in zip(gold, pred, strict=True)]))
    maj = max(gold.count(lab) for lab in labels) / len(gold)
    print(f"{name}: acc {acc:.3f}  (n={len(gold)}, majority {maj:.3f})")
    for lab in labels:
        n = gold.count(lab)
        hit = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        print(f"    recall {lab:5s} {hit}/{n} = {hit / n if n else 0:.3f}")
    print("    confusion (rows gold, cols pred): " + " ".join(f"{lab:>6s}" for lab in labels))
    for g in labels:
        row = [sum(a == g and b == p for a, b in zip(gold, pred, strict=True)) for p in labels]
        print(f"        {g:>6s} " + " ".join(f"{c:6d}" for c in row))
    return acc


def repeated_cv(rows: list[tuple[dict[str, float], str]], allow_maybe: bool, part: slice) -> str:
    """Mean and spread of accuracy over 5 reshuffled 5-fold CVs (less split luck)."""
    accs = []
    for seed in range(5):
        pred = cross_val(rows, allow_maybe, seed=seed)[part]
        gold = [g for _, g in rows][part]
        accs.append(np.mean([p == g for p, g in zip(pred, gold, strict=True)]))
    return f"{np.mean(accs):.3f} (min {min(accs):.3f}, max {max(accs):.3f})"


def cross_val(
    rows: list[tuple[dict[str, float], str]], allow_maybe: bool, k: int = 5, seed: int = 13
) -> list[str]:
    idx = list(range(len(rows)))
    random.Random(seed).shuffle(idx)
    pred = [""] * len(rows)
    for fold in range(k):
        test = [i for n, i in enumerate(idx) if n % k == fold]
        train = [rows[i] for n, i in enumerate(idx) if n % k != fold]
        out = predict(fit(train), [rows[i][0] for i in test], allow_maybe)
        for i, p in zip(test, out, strict=True):
            pred[i] = p
    return pred


def emit(model: tuple[np.ndarray, np.ndarray, float]) -> None:
    wy, wm, t = model
    yes = {k: round(float(v), 3) for k, v in zip(YES_KEYS, wy, strict=True)}
    maybe = {k: round(float(v), 3) for k, v in zip(MAYBE_KEYS, wm, strict=True)}
    maybe["bias"] = round(maybe["bias"] - t, 3)  # fold the threshold into the bias
    print(json.dumps({"yes": yes, "maybe": maybe}, indent=2))  # for data/stance_weights.json


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data"
    )
    ap.add_argument("--emit", action="store_true")
    args = ap.parse_args()
    pmqa, bioasq = pubmedqa_items(args.data), bioasq_items(args.data)

    t0 = time.perf_counter()
    pm_pred = [judge_stance(q, ev).stance.value for q, ev, _ in pmqa]
    bq_pred = [judge_stance(q, ev, allow_maybe=False).stance.value for q, ev, _ in bioasq]
    ms = 1000 * (time.perf_counter() - t0) / (len(pmqa) + len(bioasq))
    print(f"== shipped judge (weights fitted on all dev data; optimistic), {ms:.2f} ms/call")
    report("PubMedQA", [g for *_, g in pmqa], pm_pred)
    report("BioASQ (yes/no forced)", [g for *_, g in bioasq], bq_pred)
    strict = [judge_stance(q, ev).stance.value for q, ev, _ in bioasq]
    report("BioASQ (maybe allowed, counted wrong)", [g for *_, g in bioasq], strict)
    labelled = [
        judge_stance(q, ev, allow_maybe=False).stance.value
        for q, ev, _ in with_inline_labels(bioasq)
    ]
    report(
        "BioASQ, snippets' inline labels as sections (robustness)",
        [g for *_, g in bioasq],
        labelled,
    )

    pm_rows = [(stance_features(q, ev)[0], g) for q, ev, g in pmqa]
    bq_rows = [(stance_features(q, ev)[0], g) for q, ev, g in bioasq]
    pm_gold, bq_gold = [g for _, g in pm_rows], [g for _, g in bq_rows]
    pooled, n_pm = pm_rows + bq_rows, len(pm_rows)
    print("\n== pooled 5-fold CV: the shipped recipe (fit on PubMedQA + BioASQ), figures to quote")
    report("PubMedQA (CV)", pm_gold, cross_val(pooled, True)[:n_pm])
    report("BioASQ (CV, yes/no)", bq_gold, cross_val(pooled, False)[n_pm:])
    print("  repeated pooled CV, 5 shuffles:")
    print("    PubMedQA", repeated_cv(pooled, True, slice(0, n_pm)))
    print("    BioASQ  ", repeated_cv(pooled, False, slice(n_pm, None)))

    print("\n== within-set 5-fold CV")
    report("PubMedQA only", pm_gold, cross_val(pm_rows, True))
    report("BioASQ only (yes/no)", bq_gold, cross_val(bq_rows, False))

    print("\n== cross-set transfer (fit on one set, score the other)")
    report("fit PubMedQA -> BioASQ", bq_gold, predict(fit(pm_rows), [f for f, _ in bq_rows], False))
    model_bq, model_pm = fit(bq_rows), fit(pm_rows)
    transfer = (model_bq[0], model_pm[1], model_pm[2])
    report(
        "fit BioASQ (yes/no weights; maybe weights from PubMedQA) -> PubMedQA",
        pm_gold,
        predict(transfer, [f for f, _ in pm_rows], True),
    )
    if args.emit:
        print("\n== weights fitted on all data (PubMedQA + BioASQ)")
        emit(fit(pooled))
    return 0


if __name__ == "__main__":
    sys.exit(main())
