"""Infer what kind of research a PubMed record is, from publication types, MeSH and text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from medcite.models import SourceType

_REVIEW_TYPES = {"systematic review", "meta-analysis", "network meta-analysis"}
_TRIAL_TYPES = {
    "randomized controlled trial",
    "controlled clinical trial",
    "clinical trial",
    "clinical trial, phase i",
    "clinical trial, phase ii",
    "clinical trial, phase iii",
    "clinical trial, phase iv",
    "pragmatic clinical trial",
    "equivalence trial",
}
_GUIDELINE_TYPES = {"practice guideline", "guideline", "consensus development conference"}
_REVIEW_TEXT = re.compile(
    r"\b(systematic(ally)? review|meta-analys[ie]s|meta-analytic|pooled analysis of)\b", re.I
)
_TRIAL_TEXT = re.compile(
    r"(?<!non-)(?<!non)\b(randomi[sz]ed\b[\w ,-]{0,40}?\b(trial|study)|"
    r"randomly (assigned|allocated)|double-blind(ed)?,? placebo-controlled)\b",
    re.I,
)


def infer_source_type(
    publication_types: Iterable[str] = (), mesh: Iterable[str] = (), text: str = ""
) -> SourceType:
    """Most specific type the evidence supports; plain 'research' when nothing says more."""
    labels = {t.strip().lower() for t in [*publication_types, *mesh]}
    if labels & _GUIDELINE_TYPES:
        return SourceType.GUIDELINE
    if labels & _REVIEW_TYPES or _REVIEW_TEXT.search(text[:3000]):
        return SourceType.SYSTEMATIC_REVIEW
    if labels & _TRIAL_TYPES or (
        "randomized controlled trials as topic" in labels and _TRIAL_TEXT.search(text)
    ):
        return SourceType.TRIAL
    if _TRIAL_TEXT.search(text[:3000]):
        return SourceType.TRIAL
    return SourceType.RESEARCH


def pubmed_url(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
