"""Clinical answer evaluation: labelled questions judged on verdict, key facts, sources,
forbidden bottom-line phrases and audience consistency.

The file is JSON Lines, one labelled question a line (format in evals/README.md). Every
question is asked as written for its audience and again for the other audience; the two
answers must agree on the verdict and on the bottom-line claims.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from statistics import median

from pydantic import BaseModel, Field, ValidationError, field_validator

from medcite.config import Settings
from medcite.engine import Engine
from medcite.ingest.base import LoadError
from medcite.models import Answer, Audience, Verdict
from medcite.verify.invariants import audience_consistent, check_invariants

AskFunction = Callable[[str, Audience], Answer]


class ClinicalItem(BaseModel):
    """One labelled clinical question."""

    question: str = Field(min_length=1, description="The question exactly as a user asks it.")
    audience: Audience = Field(description="Who asks: clinician or patient.")
    expected_verdict: list[Verdict] | None = Field(
        description="Acceptable verdicts (a single value is read as a one-item list); "
        "None for open questions whose verdict is not judged."
    )
    key_facts: list[list[str]] = Field(
        default_factory=list,
        description="Groups of alternative words/phrases; each group must appear in the answer.",
    )
    expected_docs: list[str] = Field(
        default_factory=list, description="Document ids; at least one must be cited."
    )
    forbidden: list[str] = Field(
        default_factory=list, description="Phrases that make a bottom line wrong."
    )
    id: str = Field(default="", description="Stable item id (defaults to 'line-<n>').")
    tags: list[str] = Field(default_factory=list, description="Item categories for per-tag rates.")
    note: str = Field(default="", description="Where the label comes from.")

    @field_validator("expected_verdict", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("key_facts")
    @classmethod
    def _groups_not_empty(cls, groups: list[list[str]]) -> list[list[str]]:
        if any(not group or not all(p.strip() for p in group) for group in groups):
            raise ValueError("every key_facts group needs at least one non-empty phrase")
        return groups


class ItemResult(BaseModel):
    """How one answer fared; reasons list every failed check."""

    id: str
    question: str
    audience: Audience
    tags: list[str]
    passed: bool
    reasons: list[str] = Field(default_factory=list)
    verdict: Verdict
    expected_verdict: list[Verdict] | None
    verdict_ok: bool | None = Field(description="None when the item has no expected verdict.")
    key_facts_found: list[bool] = Field(description="Per key-fact group: anywhere in the answer.")
    key_facts_in_bottom_line: list[bool] = Field(description="Per group: in the bottom line.")
    cited_docs: list[str]
    expected_doc_cited: bool | None = Field(description="None when no documents are expected.")
    forbidden_hits: list[str]
    other_audience_verdict: Verdict
    audience_consistent: bool
    invariants_ok: bool = Field(
        default=True, description="The answer passes every clinical invariant (verify)."
    )
    latency_ms: float


class TagScore(BaseModel):
    questions: int
    pass_rate: float
    verdict_accuracy: float | None
    key_fact_recall: float | None


class ClinicalReport(BaseModel):
    path: str
    questions: int
    pass_rate: float = Field(description="Share of questions passing every check.")
    verdict_accuracy: float | None = Field(description="Over items with an expected verdict.")
    key_fact_recall: float | None = Field(description="Share of key-fact groups found anywhere.")
    key_fact_recall_bottom_line: float | None = Field(
        description="Share of key-fact groups found in the bottom line."
    )
    expected_source_rate: float | None = Field(
        description="Share of items with expected docs that cite at least one of them."
    )
    forbidden_hit_items: int = Field(description="Items whose bottom line has a forbidden phrase.")
    audience_consistency: float = Field(description="Same verdict and bottom-line claims.")
    invariants: float = Field(
        default=1.0, description="Share of answers passing every clinical invariant (verify)."
    )
    abstention_rate: float = Field(description="Share of answers (asked audience) that abstain.")
    latency_ms_p50: float = Field(description="Over every ask, both audiences.")
    latency_ms_p95: float
    per_tag: dict[str, TagScore]
    items: list[ItemResult]
    snapshot: str
    elapsed_s: float


def load_clinical_items(path: Path) -> list[ClinicalItem]:
    """Parse the JSONL file; a malformed line raises LoadError naming the file and line."""
    items: list[ClinicalItem] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            item = ClinicalItem.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise LoadError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "item"
            raise LoadError(f"{path}:{number}: {where}: {first['msg']}") from None
        items.append(item if item.id else item.model_copy(update={"id": f"line-{number}"}))
    if not items:
        raise LoadError(f"{path}: no questions found")
    return items


_RANGE = re.compile(r"(\d[\d.,]*)\s*(?:-|\u2013|\u2014|to|and|through)\s*(\d[\d.,]*)")
_RANGE_JOINER = r"\s*(?:-|\u2013|\u2014|to|and|through)\s*"


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Case-insensitive match of the phrase on word boundaries, any whitespace between words;
    a range of numbers matches however it is joined ("1945 and 1965", "1945-1965", "1945 to
    1965")."""
    parts, at = [], 0
    for m in _RANGE.finditer(phrase):
        parts.append(_words(phrase[at : m.start()]))
        parts.append(re.escape(m.group(1)) + _RANGE_JOINER + re.escape(m.group(2)))
        at = m.end()
    parts.append(_words(phrase[at:]))
    body = r"\s+".join(p for p in parts if p)
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)


def _words(text: str) -> str:
    return r"\s+".join(re.escape(w) for w in text.split())


def contains_phrase(text: str, phrase: str) -> bool:
    return phrase_pattern(phrase).search(text) is not None


def bottom_line_text(answer: Answer) -> str:
    return "\n".join(c.text for c in answer.bottom_line.claims)


def answer_text(answer: Answer) -> str:
    """Every claim: bottom line, sections, algorithm and pitfalls."""
    return "\n".join(c.text for c in answer.all_claims())


def judge_item(item: ClinicalItem, answer: Answer, other: Answer, latency_ms: float) -> ItemResult:
    """All checks of one labelled item on its answer and the other audience's answer."""
    verdict = answer.bottom_line.verdict
    verdict_ok = None if item.expected_verdict is None else verdict in item.expected_verdict
    full, bottom = answer_text(answer), bottom_line_text(answer)
    found = [any(contains_phrase(full, p) for p in g) for g in item.key_facts]
    in_bottom = [any(contains_phrase(bottom, p) for p in g) for g in item.key_facts]
    cited = [r.doc_id for r in answer.references]
    doc_ok = bool(set(item.expected_docs) & set(cited)) if item.expected_docs else None
    bottom_with_lead = f"{answer.bottom_line.lead}\n{bottom}"
    forbidden = [p for p in item.forbidden if contains_phrase(bottom_with_lead, p)]
    consistent = audience_consistent(answer, other)
    reasons = _reasons(item, verdict, verdict_ok, found, doc_ok, forbidden, consistent, other)
    invariants = check_invariants(answer)
    reasons += [f"invariant: {p}" for p in invariants.problems]
    return ItemResult(
        id=item.id,
        question=item.question,
        audience=item.audience,
        tags=item.tags,
        passed=not reasons,
        reasons=reasons,
        verdict=verdict,
        expected_verdict=item.expected_verdict,
        verdict_ok=verdict_ok,
        key_facts_found=found,
        key_facts_in_bottom_line=in_bottom,
        cited_docs=cited,
        expected_doc_cited=doc_ok,
        forbidden_hits=forbidden,
        other_audience_verdict=other.bottom_line.verdict,
        audience_consistent=consistent,
        invariants_ok=invariants.ok,
        latency_ms=round(latency_ms, 1),
    )


def _reasons(
    item: ClinicalItem,
    verdict: Verdict,
    verdict_ok: bool | None,
    found: list[bool],
    doc_ok: bool | None,
    forbidden: list[str],
    consistent: bool,
    other: Answer,
) -> list[str]:
    reasons = []
    if verdict_ok is False:
        wanted = "/".join(v.value for v in item.expected_verdict or [])
        reasons.append(f"verdict {verdict.value}, expected {wanted}")
    missing = [" | ".join(g) for g, ok in zip(item.key_facts, found, strict=True) if not ok]
    if missing:
        reasons.append("missing key facts: " + "; ".join(missing))
    if doc_ok is False:
        reasons.append("cites none of " + ", ".join(item.expected_docs))
    if forbidden:
        reasons.append("bottom line has forbidden: " + "; ".join(forbidden))
    if not consistent:
        reasons.append(
            f"audiences disagree ({verdict.value} vs {other.bottom_line.verdict.value}"
            " or different bottom-line claims)"
        )
    return reasons


def ask_with(engine: Engine) -> AskFunction:
    """The one place that calls the library: an Engine's ask, for one audience."""

    def ask_one(question: str, audience: Audience) -> Answer:
        return engine.ask(question, audience=audience)

    return ask_one


def other_audience(audience: Audience) -> Audience:
    return Audience.PATIENT if audience == Audience.CLINICIAN else Audience.CLINICIAN


def run_items(
    items: Iterable[ClinicalItem], ask_one: AskFunction
) -> tuple[list[ItemResult], list[float]]:
    """Ask every item for its audience and the other; results and every ask's latency (ms)."""
    results, latencies = [], []
    for item in items:
        t0 = time.perf_counter()
        answer = ask_one(item.question, item.audience)
        t1 = time.perf_counter()
        other = ask_one(item.question, other_audience(item.audience))
        t2 = time.perf_counter()
        latencies += [(t1 - t0) * 1000, (t2 - t1) * 1000]
        results.append(judge_item(item, answer, other, (t1 - t0) * 1000))
    return results, latencies


def _share(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 4) if flags else None


def _tag_score(results: list[ItemResult]) -> TagScore:
    return TagScore(
        questions=len(results),
        pass_rate=_share([r.passed for r in results]) or 0.0,
        verdict_accuracy=_share([r.verdict_ok for r in results if r.verdict_ok is not None]),
        key_fact_recall=_share([f for r in results for f in r.key_facts_found]),
    )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1) if ordered else 0.0


def summarize_results(
    path: str, results: list[ItemResult], latencies: list[float], snapshot: str, elapsed_s: float
) -> ClinicalReport:
    tags = sorted({t for r in results for t in r.tags})
    return ClinicalReport(
        path=path,
        questions=len(results),
        pass_rate=_share([r.passed for r in results]) or 0.0,
        verdict_accuracy=_share([r.verdict_ok for r in results if r.verdict_ok is not None]),
        key_fact_recall=_share([f for r in results for f in r.key_facts_found]),
        key_fact_recall_bottom_line=_share(
            [f for r in results for f in r.key_facts_in_bottom_line]
        ),
        expected_source_rate=_share(
            [r.expected_doc_cited for r in results if r.expected_doc_cited is not None]
        ),
        forbidden_hit_items=sum(bool(r.forbidden_hits) for r in results),
        audience_consistency=_share([r.audience_consistent for r in results]) or 0.0,
        invariants=_share([r.invariants_ok for r in results]) or 0.0,
        abstention_rate=_share([r.verdict == Verdict.ABSTAIN for r in results]) or 0.0,
        latency_ms_p50=round(median(latencies), 1) if latencies else 0.0,
        latency_ms_p95=_percentile(latencies, 0.95),
        per_tag={t: _tag_score([r for r in results if t in r.tags]) for t in tags},
        items=results,
        snapshot=snapshot,
        elapsed_s=elapsed_s,
    )


def evaluate_clinical(
    path: Path, settings: Settings | None = None, limit: int | None = None
) -> ClinicalReport:
    """Ask every labelled question (both audiences) against the index and score the answers."""
    started = time.perf_counter()
    settings = settings or Settings()
    if not settings.index_path.is_file():
        raise FileNotFoundError(f"no index at {settings.index_path}; run `medcite ingest` first")
    items = load_clinical_items(path)
    items = items[:limit] if limit else items
    with Engine(settings) as engine:
        results, latencies = run_items(items, ask_with(engine))
        snapshot = engine.store.snapshot_id()
    return summarize_results(
        str(path), results, latencies, snapshot, round(time.perf_counter() - started, 1)
    )
