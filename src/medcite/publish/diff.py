"""A readable diff of two article versions: the answer as lines, compared line by line."""

from __future__ import annotations

import difflib
from enum import StrEnum

from pydantic import BaseModel

from medcite.publish.models import ArticleVersion
from medcite.render import bottom_line_text, cite, reference_text


class LineChange(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


class DiffLine(BaseModel):
    change: LineChange
    text: str
    heading: bool = False


def version_lines(version: ArticleVersion) -> list[tuple[str, bool]]:
    """(text, is_heading) for everything a reader sees, in reading order."""
    answer = version.answer
    lines: list[tuple[str, bool]] = [("Bottom line", True), (bottom_line_text(answer), False)]
    for section in answer.sections:
        lines.append((section.heading, True))
        lines += [(f"• {c.text} {cite(c)}", False) for c in section.claims]
    for title, claims in (("Decision algorithm", answer.algorithm), ("Key pitfalls", answer.pitfalls)):
        if claims:
            lines.append((title, True))
            lines += [(f"{i}. {c.text} {cite(c)}", False) for i, c in enumerate(claims, 1)]
    if answer.evidence_gaps:
        lines.append(("Evidence gaps", True))
        lines += [(g.text, False) for g in answer.evidence_gaps]
    if version.reviewer_notes:
        lines.append(("Reviewer notes", True))
        lines += [(f"{n.author}: {n.text}", False) for n in version.reviewer_notes]
    lines.append(("References", True))
    lines += [(f"[{r.number}] {reference_text(r)}", False) for r in answer.references]
    return lines


def diff_versions(old: ArticleVersion, new: ArticleVersion) -> list[DiffLine]:
    before, after = version_lines(old), version_lines(new)
    out: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [DiffLine(change=LineChange.SAME, text=t, heading=h) for t, h in before[i1:i2]]
            continue
        out += [DiffLine(change=LineChange.REMOVED, text=t, heading=h) for t, h in before[i1:i2]]
        out += [DiffLine(change=LineChange.ADDED, text=t, heading=h) for t, h in after[j1:j2]]
    return out
