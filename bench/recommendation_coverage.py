"""Coverage of recommendation semantics over the NGC guideline recommendations in the index.

Reads every passage of kind 'recommendation' (read-only) and reports how many have a grade,
how many grades the grade table recognises (and with what strength / direction), how many get
a direction from the grade or the wording, the rules that fired, the top unrecognised grades,
and the time per passage.

    .venv/bin/python bench/recommendation_coverage.py [--index PATH] [--publisher USPSTF]
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections import Counter
from pathlib import Path

from medcite.compose.gather.recommendations import GradeTable, recommendation_semantics
from medcite.config import Settings
from medcite.models import RecommendationDirection, RecommendationStrength

QUERY = (
    "SELECT p.text, p.grade, d.publisher FROM passages p JOIN documents d ON d.id = p.doc_id "
    "WHERE p.kind = 'recommendation' AND d.collection = 'ngc' AND d.publisher LIKE ?"
)


def _rows(index: Path, publisher: str) -> list[tuple[str, str | None, str | None]]:
    with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as conn:
        return conn.execute(QUERY, (f"%{publisher}%",)).fetchall()


def _pct(n: int, total: int) -> str:
    return f"{n:>7,}  {100 * n / max(total, 1):5.1f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=Settings().index_path)
    parser.add_argument("--publisher", default="", help="Only publishers containing this text.")
    args = parser.parse_args()

    started = time.perf_counter()
    table = GradeTable.load()
    load_ms = 1000 * (time.perf_counter() - started)
    rows = _rows(args.index, args.publisher)

    graded = recognised = grade_with_strength = grade_with_direction = 0
    directions: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    schemes: Counter[str] = Counter()
    unrecognised: Counter[str] = Counter()
    started = time.perf_counter()
    for text, grade, publisher in rows:
        meaning = table.meaning(grade, publisher)
        semantics = recommendation_semantics(text, grade, publisher, table=table)
        graded += grade is not None
        if meaning:
            recognised += 1
            schemes[meaning.scheme] += 1
            grade_with_strength += meaning.strength is not RecommendationStrength.UNKNOWN
            grade_with_direction += meaning.direction is not RecommendationDirection.NONE
        elif grade:
            unrecognised[grade] += 1
        directions[semantics.direction.value] += 1
        rules[semantics.rule] += 1
    per_passage_us = 1e6 * (time.perf_counter() - started) / max(len(rows), 1)

    total = len(rows)
    print(f"recommendation passages: {total:,}   (index {args.index})")
    print(f"  with a grade string                  {_pct(graded, total)}")
    print(f"  grade recognised by the table        {_pct(recognised, total)}"
          f"   ({100 * recognised / max(graded, 1):.1f}% of graded)")
    print(f"    ... giving a strength              {_pct(grade_with_strength, total)}")
    print(f"    ... giving a direction             {_pct(grade_with_direction, total)}")
    with_direction = total - directions[RecommendationDirection.NONE.value]
    print(f"  direction (grade or wording)         {_pct(with_direction, total)}")
    print("\ndirection")
    for name, n in directions.most_common():
        print(f"  {name:<24}{_pct(n, total)}")
    print("\ndeciding rule")
    for name, n in rules.most_common():
        print(f"  {name:<24}{_pct(n, total)}")
    print("\ngrade scheme")
    for name, n in schemes.most_common():
        print(f"  {name:<24}{_pct(n, total)}")
    print("\ntop unrecognised grades")
    for grade, n in unrecognised.most_common(15):
        print(f"  {n:>5}  {grade[:80]}")
    print(f"\ntable load {load_ms:.1f} ms; {per_passage_us:.1f} µs per passage (grade + wording)")


if __name__ == "__main__":
    main()
