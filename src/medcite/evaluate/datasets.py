"""Evaluation questions with gold documents, read from BioASQ and PubMedQA files as distributed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from medcite.ingest.base import LoadError, as_list, read_json
from medcite.ingest.bioasq import pmid_from_url, questions
from medcite.ingest.pubmedqa import is_pubmedqa


@dataclass
class EvalQuestion:
    id: str
    text: str
    gold_pmids: set[str]
    qtype: str = ""
    answer: str = ""
    ideal_answer: list[str] = field(default_factory=list)


def dataset_files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*.json")) if path.is_dir() else [path]


def load_questions(path: Path) -> tuple[str, list[EvalQuestion]]:
    """('bioasq' | 'pubmedqa', questions) for a BioASQ folder/file or a PubMedQA file."""
    files = dataset_files(path)
    if not files:
        raise LoadError(f"{path}: no .json files found")
    out: list[EvalQuestion] = []
    kinds = set()
    for file in files:
        data = read_json(file)
        if is_pubmedqa(data):
            kinds.add("pubmedqa")
            out.extend(
                EvalQuestion(
                    id=str(pmid),
                    text=str(item["QUESTION"]),
                    gold_pmids={str(pmid)},
                    qtype="yesno",
                    answer=str(item.get("final_decision", "")),
                    ideal_answer=[str(item.get("LONG_ANSWER", ""))],
                )
                for pmid, item in data.items()
            )
        else:
            kinds.add("bioasq")
            out.extend(_bioasq_question(q) for q in questions(data) if q.get("body"))
    if len(kinds) > 1:
        raise LoadError(f"{path}: mixes BioASQ and PubMedQA files; evaluate them separately")
    return kinds.pop(), out


def _bioasq_question(q: dict) -> EvalQuestion:
    exact = as_list(q.get("exact_answer"))
    return EvalQuestion(
        id=str(q.get("id", "")),
        text=str(q["body"]),
        gold_pmids={pmid_from_url(str(u)) for u in as_list(q.get("documents"))},
        qtype=str(q.get("type", "")),
        answer=str(exact[0]) if q.get("type") == "yesno" and exact else "",
        ideal_answer=[str(a) for a in as_list(q.get("ideal_answer"))],
    )
