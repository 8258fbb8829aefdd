"""Citation integrity and traceability of an Answer against the store it was composed from.

An answer passes when every [n] resolves to a reference, every reference is cited, every
claim's text equals the exact source span it names (so numbers and doses are the source's),
each cited document is the claim's span document, and references are numbered in order of
first citation. Any composer (extractive or LLM) must pass these checks before publication.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from medcite.index.base import Store
from medcite.models import Answer


class IntegrityReport(BaseModel):
    citations_resolve: bool = Field(description="Every [n] in a claim has a reference n.")
    references_cited: bool = Field(description="Every reference is cited by some claim.")
    spans_match: bool = Field(description="Every claim equals its source span's text exactly.")
    numbered_in_order: bool = Field(description="References numbered by first citation.")
    problems: list[str] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.citations_resolve
            and self.references_cited
            and self.spans_match
            and self.numbered_in_order
        )


def check_answer(answer: Answer, store: Store) -> IntegrityReport:
    problems: list[str] = []
    refs = {r.number: r for r in answer.references}
    claims = answer.all_claims()
    cited_order: list[int] = []
    unresolved = False
    for claim in claims:
        if not claim.citations:
            problems.append(f"claim without citation: {claim.text[:60]!r}")
            unresolved = True
        for n in claim.citations:
            if n not in refs:
                problems.append(f"[{n}] has no reference")
                unresolved = True
            elif n not in cited_order:
                cited_order.append(n)
    uncited = sorted(set(refs) - set(cited_order))
    problems += [f"reference [{n}] is never cited" for n in uncited]
    in_order = cited_order == list(range(1, len(cited_order) + 1))
    if not in_order:
        problems.append(f"references are not numbered by first citation: {cited_order}")
    spans_ok = _check_spans(answer, store, problems)
    return IntegrityReport(
        citations_resolve=not unresolved,
        references_cited=not uncited,
        spans_match=spans_ok,
        numbered_in_order=in_order,
        problems=problems,
    )


def _check_spans(answer: Answer, store: Store, problems: list[str]) -> bool:
    refs = {r.number: r for r in answer.references}
    claims = answer.all_claims()
    docs = store.get_documents({span.doc_id for c in claims for span in c.spans})
    ok = True
    for claim in claims:
        if not claim.spans:
            problems.append(f"claim without source span: {claim.text[:60]!r}")
            ok = False
            continue
        pieces = []
        for span in claim.spans:
            doc = docs.get(span.doc_id)
            if doc is None:
                problems.append(f"span document {span.doc_id} is not in the index")
                ok = False
                continue
            pieces.append(doc.text[span.start : span.end])
        if " ".join(pieces) != claim.text:
            problems.append(f"claim text differs from its source span: {claim.text[:60]!r}")
            ok = False
        cited_docs = {refs[n].doc_id for n in claim.citations if n in refs}
        if not {s.doc_id for s in claim.spans} <= cited_docs:
            problems.append(f"claim cites other documents than its source: {claim.text[:60]!r}")
            ok = False
    return ok
