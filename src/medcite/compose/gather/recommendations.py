"""Direction and strength of guideline recommendations: from the grade and from the wording.

The grade is looked up in `data/grade_schemes.csv` (publisher-specific schemes first, then
generic ones). The wording rules read the sentence itself. How they combine:

- no direction from the grade (most schemes grade strength only) -> the wording decides;
- no direction from the wording -> the grade decides;
- they disagree -> the more cautious one wins: against > insufficient evidence > individual
  decision > for (a misread "for" is the costly error).

Wording decisions (documented here because they are choices, not facts):
- "consider X" / "X should be considered" (NICE's weaker recommendation) -> FOR, weak;
- "may be considered", "may be reasonable", "may choose to", "is an option", "selectively
  offer", "shared decision", "individual decision", "discuss the risks and benefits" ->
  INDIVIDUAL_DECISION, weak;
- "should only consider/use X ...", "X only if/when/in patients who ...", "reserved for" ->
  INDIVIDUAL_DECISION with conditional=True and the restricting text as the condition: a
  restricted "for" must not read as a plain yes;
- "do not X unless Y" -> AGAINST, conditional, condition "unless Y";
- "should not be delayed/withheld/stopped" (a negated negative) -> FOR;
- imperative "Stop/Discontinue/Withdraw X" -> AGAINST (continuing) X.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from medcite.models import (
    GradeMeaning,
    RecommendationDirection,
    RecommendationSemantics,
    RecommendationStrength,
)

D = RecommendationDirection
S = RecommendationStrength
GRADE_SCHEMES_PATH = Path(__file__).resolve().parents[2] / "data" / "grade_schemes.csv"

# Most cautious first: on a grade/wording disagreement the earlier one wins.
_CAUTION_ORDER = (D.AGAINST, D.INSUFFICIENT_EVIDENCE, D.INDIVIDUAL_DECISION, D.FOR)


@dataclass(frozen=True)
class _GradeRow:
    publisher: re.Pattern[str] | None
    grade: re.Pattern[str]
    meaning: GradeMeaning


class GradeTable:
    """The grade-scheme table, compiled; load once and hold it (it is immutable)."""

    def __init__(self, rows: list[_GradeRow]) -> None:
        self._rows = tuple(rows)

    @classmethod
    def load(cls, path: Path = GRADE_SCHEMES_PATH) -> GradeTable:
        rows = []
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                publisher = row["publisher_pattern"].strip()
                rows.append(
                    _GradeRow(
                        publisher=re.compile(publisher, re.I) if publisher else None,
                        grade=re.compile(row["grade_pattern"], re.I),
                        meaning=GradeMeaning(
                            scheme=row["scheme"],
                            direction=D(row["direction"]),
                            strength=S(row["strength"]),
                            note=row["note"],
                        ),
                    )
                )
        return cls(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def meaning(self, grade: str | None, publisher: str | None = None) -> GradeMeaning | None:
        """What the grade means in the publisher's scheme; None for an unrecognised grade."""
        if not grade:
            return None
        normalized = normalize_grade(grade)
        for row in self._rows:
            if row.publisher is not None and not (publisher and row.publisher.search(publisher)):
                continue
            if row.grade.search(normalized):
                return row.meaning
        return None

    def semantics(
        self, text: str, grade: str | None, publisher: str | None = None, subject: str | None = None
    ) -> RecommendationSemantics:
        """Direction, strength and object of a recommendation (see the module docstring)."""
        return recommendation_semantics(text, grade, publisher, table=self, subject=subject)


def normalize_grade(grade: str) -> str:
    """Lower case, one space, plain hyphens, no surrounding brackets or full stop."""
    text = grade.replace("–", "-").replace("—", "-").lower()
    return re.sub(r"\s+", " ", text).strip(" ()[].")


@dataclass(frozen=True)
class _WordingRule:
    name: str
    pattern: re.Pattern[str]
    direction: RecommendationDirection
    strength: RecommendationStrength = S.UNKNOWN
    object_before: bool = False  # passive voice: the object is the clause's subject
    restricted: bool = False  # the match starts the restricting condition


def _rule(name: str, pattern: str, direction: D, strength: S = S.UNKNOWN, **kw: bool) -> _WordingRule:
    return _WordingRule(name, re.compile(pattern, re.I), direction, strength, **kw)


_START = r"(?:^|[,:;]\s+|\]\s*)"  # sentence start, or after a leading clause ("In adults, offer")
_NEG_OF_NEG = r"(?:delay(?:ed)?|withh[oe]ld|withheld|stop(?:ped)?|discontinu\w*|interrupt\w*|defer\w*|den(?:y|ied)|exclud\w*|prevent\w*|preclud\w*|omit\w*)"
_PEOPLE = r"(?:patients|people|persons|individuals|women|men|children|adults|those|cases|selected|circumstances|situations)"

# Ordered by priority: the first rule that matches a sentence decides it.
WORDING_RULES: tuple[_WordingRule, ...] = (
    _rule("insufficient_evidence", r"\b(?:evidence|data)\s+(?:\w+\s+){0,2}(?:is|are|was|were|remains?)\s+(?:currently\s+|still\s+)?(?:insufficient|inadequate|lacking|inconclusive|conflicting|limited)\b|\b(?:insufficient|inadequate)\s+(?:[\w-]+\s+){0,2}(?:evidence|data)\b", D.INSUFFICIENT_EVIDENCE),
    _rule("no_recommendation", r"\b(?:cannot|can\s?not|could\s+not|unable\s+to|does\s+not|do\s+not)\s+(?:make\s+a\s+)?recommend(?:ation)?s?\s+(?:either\s+)?(?:for\s+or\s+against|regarding)|\bneither\s+for\s+nor\s+against\b|\bno\s+recommendation\s+(?:can|could|is|was)\b|\bmakes?\s+no\s+recommendation", D.INSUFFICIENT_EVIDENCE),
    _rule("negated_negative", rf"\b(?:should|must)\s+not\s+(?:be\s+)?{_NEG_OF_NEG}|{_START}(?:do\s+not|don't)\s+{_NEG_OF_NEG}", D.FOR, object_before=True),
    _rule("recommend_against", r"\b(?:recommends?|recommended|suggests?|advises?|cautions?|argues?)\s+(?:strongly\s+)?against\b|\b(?:recommends?|suggests?)\s+(?:that\s+\w+\s+)?not\b|\b(?:recommends?|suggests?)\s+(?:\([^)]{1,12}\)\s+)?that\s+(?:[\w-]+\s+){1,5}not\s+be\b|\b(?:does|do|did)\s+not\s+(?:routinely\s+)?(?:recommend|suggest|advise|support|endorse)\b", D.AGAINST),
    _rule("do_not", rf"{_START}(?:do\s+not|don't|never)\s+(?!need\b|have\b|only\b)", D.AGAINST, S.STRONG),
    _rule("should_not", r"\b(?:should|must|ought\s+to)\s+not\s+(?!only\b|necessarily\b)(?:be\s+)?|\b(?:shouldn't|mustn't)\b|\b(?:should|must)\s+never\b", D.AGAINST),
    _rule("not_recommended", r"\b(?:is|are)\s+(?:(?:generally|currently|usually|presently|still)\s+)?not\s+(?:(?:routinely|currently|generally|usually|yet)\s+)?(?:recommended|indicated|advised|suggested|warranted|appropriate|necessary|required|supported|endorsed)\b|\b(?:is|are)\s+(?:contraindicated|discouraged|inappropriate)\b|\bno\s+(?:role|indication)\s+for\b", D.AGAINST, object_before=True),
    _rule("avoid", rf"{_START}avoid\b|\b(?:should|must)\s+avoid\b|\bdiscourage\b", D.AGAINST),
    _rule("be_avoided", r"\b(?:should|must)\s+be\s+avoided\b", D.AGAINST, object_before=True),
    _rule("discontinue", rf"{_START}(?:stop|discontinue|withdraw)\b", D.AGAINST),
    _rule("restricted_only", rf"{_START}only\s+(?:prescribe|offer|use|give|consider|treat|refer|start)\b|\b(?:should|must)\s+only\s+(?:be\s+)?\w+|\bcan\s+only\s+be\s+\w+|\bonly\s+(?:if|when|after|once|for|in\s+(?:\w+\s+)?{_PEOPLE})\b|\b(?:be|is|are)\s+reserved\s+for\b|{_START}reserve\b|\bshould\s+be\s+(?:limited|restricted)\s+to\b", D.INDIVIDUAL_DECISION, S.WEAK, restricted=True),
    _rule("individual_decision", r"\bdecide\s+for\s+(?:him|her|them)sel(?:f|ves)\b|\bopportunity\s+to\s+decide\b|\binformed\s+(?:and\s+shared\s+)?decision\b|\bindividual\s+(?:one|decision|basis|patients?\s+based)\b|\bshould\s+be\s+individuali[sz]ed\b|\bcase[- ]by[- ]case\b|\bselectively\s+offer|\bshared\s+decision|\bmay\s+choose\s+to\b|(?<!considering\s)\b(?:patient|individual)\s+(?:values\s+and\s+)?preferences?\b", D.INDIVIDUAL_DECISION, S.WEAK),
    _rule("discuss", r"\bdiscuss(?:ing|ion\s+of)?\b[^.;]{0,60}\b(?:risks?|benefits?|options?|pros|harms?)\b", D.INDIVIDUAL_DECISION, S.WEAK),
    _rule("may_be_considered", r"\b(?:may|might|could|can)\s+(?:also\s+)?be\s+(?:considered|reasonable|an\s+option|appropriate|beneficial|useful)\b|\b(?:is|are)\s+(?:an?\s+)?(?:reasonable\s+)?(?:options?|alternatives?)\b|\boptional\b", D.INDIVIDUAL_DECISION, S.WEAK, object_before=True),
    _rule("permitted", r"\b(?:may|can)\s+(?:also\s+|safely\s+)?be\s+(?:used|offered|given|tried|prescribed|continued)\b", D.FOR, S.WEAK, object_before=True),
    _rule("strongly_recommend", r"\bstrongly\s+recommend(?:s|ed)?\b|\bmust\b", D.FOR, S.STRONG),
    _rule("offer", rf"{_START}offer\b|\b(?:should|must)\s+(?:be\s+)?offer(?:ed)?\b", D.FOR, S.STRONG),
    _rule("consider", r"\b(?:should|may)\s+(?:also\s+)?consider\b|" + _START + r"consider\b|\bshould\s+be\s+considered\b", D.FOR, S.WEAK),
    _rule("suggest", r"\b(?:we|panel|group|committee|force|developers|gdg|guideline|society)\s+(?:also\s+)?suggests?\b|\b(?:is|are)\s+suggested\b", D.FOR, S.WEAK),
    _rule("is_recommended", r"\b(?:is|are|be)\s+(?:also\s+|generally\s+|strongly\s+)?(?:recommended|indicated|preferred|required)\b", D.FOR, object_before=True),
    _rule("of_choice", r"\b(?:is|are)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:drugs?|treatments?|agents?|antibiotics?|therap(?:y|ies)|medications?)\s+of\s+choice\b|\b(?:is|are)\s+(?:the\s+)?(?:preferred\s+)?first[- ]line\s+(?:drugs?|treatments?|therap(?:y|ies)|agents?|options?)\b", D.FOR, object_before=True),
    _rule("is_reasonable", r"\b(?:is|are)\s+(?:probably\s+)?(?:reasonable|useful|beneficial|effective|appropriate)\b", D.FOR, S.MODERATE, object_before=True),
    _rule("recommend", r"\brecommends?\b|\bendorses?\b|\badvises?\b|\bencourages?\b", D.FOR),
    _rule("should", r"\b(?:should|ought\s+to)\s+(?:also\s+)?(?:be\s+)?", D.FOR),
    _rule("imperative", rf"{_START}(?:give|use|start|prescribe|treat|refer|ensure|measure|assess|perform|provide|administer|continue|screen|test|monitor|encourage|advise|arrange|check|obtain|evaluate|initiate|manage|explain|inform|include|repeat|vaccinate|immunize|counsel)\b(?!\s+to\s+(?:section|table|figure|appendix|the\s+(?:original|guideline|section|table|full|nice)))", D.FOR),
)

_OBJECT_END = re.compile(
    r"[.;:(\[]|\s(?:in\s+(?:\w+\s+)?(?:patients|adults|people|persons|women|men|children|those|individuals|pregnant|infants|adolescents)"
    r"|among|when|if|unless|because|who|whose|rather\s+than|instead\s+of|in\s+preference\s+to|versus|vs\.?"
    r"|as\s+an?\s+alternative\s+to"
    r"|over(?=\s+(?![\d≥>]|the\s+age|age\b|time\b|a\s+period|the\s+(?:next|past|course|counter))))\s",
    re.I,
)
_ALTERNATIVE = re.compile(
    r"\s(?:rather\s+than|instead\s+of|in\s+preference\s+to|over(?!\s+(?:[\d≥>]|the\s+age|age\b|time\b|a\s+period|the\s+(?:next|past|course|counter))))\s+",
    re.I,
)
_SUBJECT_START = re.compile(r"[,;:]\s+|\bthat\s+", re.I)
_CONDITION_END = re.compile(r"[.;](?:\s|$)")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[\"“])")
_ABBREVIATION_END = re.compile(r"(?:\be\.g|\bi\.e|\bet al|\bvs|\bDr|\bNo|\bFig|\bapprox|\bca)\.$", re.I)
_UNLESS = re.compile(r"\bunless\b", re.I)
_IF = re.compile(r"\b(?:if|when|where)\b", re.I)
_EXCEPTION_CLAUSE = re.compile(r"\b(?:unless|except)\b", re.I)
_PASSIVE_END = re.compile(r"\bbe\s*$", re.I)
MAX_OBJECT_CHARS = 160


def sentences(text: str) -> list[str]:
    """Split a recommendation into sentences (keeps 'e.g.' and 'et al.' inside)."""
    pieces: list[str] = []
    for piece in _SENTENCE_BREAK.split(text.strip()):
        if pieces and _ABBREVIATION_END.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return [p for p in pieces if p]


def _phrase_end(text: str) -> int:
    """Where a noun phrase stops; a parenthesis that closes is read through, not stopped at."""
    position = 0
    while stop := _OBJECT_END.search(text, position):
        close = text.find(")", stop.start()) if text[stop.start()] == "(" else -1
        if close < 0:
            return stop.start()
        position = close + 1
    return len(text)


def _object_after(sentence: str, end: int) -> tuple[str | None, str | None]:
    rest = sentence[end:].lstrip(" ,")
    phrase = rest[: _phrase_end(rest)]
    alternative = None
    if alt := _ALTERNATIVE.search(rest):
        tail = rest[alt.end() :]
        alternative = tail[: _phrase_end(tail)].strip(" ,.") or None
    return phrase.strip(" ,.")[:MAX_OBJECT_CHARS] or None, alternative


def _object_before(sentence: str, start: int) -> str | None:
    head = sentence[:start]
    starts = [m.end() for m in _SUBJECT_START.finditer(head)]
    phrase = head[starts[-1] :] if starts else head
    return phrase.strip(" ,.")[-MAX_OBJECT_CHARS:] or None


_WHOM = re.compile(r"\b(?:(?:for|in) whom|who)\b", re.I)


def _condition(sentence: str, start: int) -> str:
    tail = sentence[start:]
    stop = _CONDITION_END.search(tail)
    return (tail[: stop.start()] if stop else tail).strip()


def _read_sentence(sentence: str) -> RecommendationSemantics | None:
    if sentence.rstrip().endswith("?"):
        return None  # a key question, not a recommendation
    for rule in WORDING_RULES:
        match = rule.pattern.search(sentence)
        if not match:
            continue
        before, after = match.start(), match.end()
        exception = _EXCEPTION_CLAUSE.search(sentence, 0, before) or (
            # "if Y is contraindicated", "patients ... for whom statins are contraindicated"
            "contraindicated" in match.group().lower()
            and (_IF.search(sentence, 0, before) or _WHOM.search(sentence, 0, before))
        )
        if rule.direction is D.AGAINST and exception:
            # "offer X unless it is contraindicated", "offer X if Y is contraindicated": the
            # negative is the exception
            continue
        if rule.object_before or _PASSIVE_END.search(match.group()):
            phrase, alternative = _object_before(sentence, before), None
            if not phrase:
                phrase, alternative = _object_after(sentence, after)
        else:
            phrase, alternative = _object_after(sentence, after)
            if not phrase:
                phrase = _object_before(sentence, before)
        condition = None
        if rule.restricted:
            condition = _condition(sentence, match.start())
        elif rule.direction is D.AGAINST and (unless := _UNLESS.search(sentence, match.end())):
            condition = _condition(sentence, unless.start())
        return RecommendationSemantics(
            direction=rule.direction,
            strength=rule.strength,
            wording_direction=rule.direction,
            rule=rule.name,
            sentence=sentence,
            conditional=condition is not None,
            condition=condition,
            object_phrase=phrase,
            alternative_phrase=alternative,
        )
    return None


def wording_statements(text: str) -> list[RecommendationSemantics]:
    """One reading per sentence whose wording carries a direction, in text order."""
    return [r for s in sentences(text) if (r := _read_sentence(s)) is not None]


def _mentions(statement: RecommendationSemantics, subject: str) -> int:
    needle = subject.lower()
    if statement.object_phrase and needle in statement.object_phrase.lower():
        return 2
    return 1 if statement.sentence and needle in statement.sentence.lower() else 0


def _pick_statement(
    statements: list[RecommendationSemantics], subject: str | None
) -> RecommendationSemantics | None:
    if not statements:
        return None
    if subject:
        best = max(statements, key=lambda s: _mentions(s, subject))
        if _mentions(best, subject):
            return best
    return statements[0]


def _combine(grade_direction: D, wording_direction: D) -> D:
    if grade_direction is D.NONE or grade_direction is wording_direction:
        return wording_direction
    if wording_direction is D.NONE:
        return grade_direction
    return min(grade_direction, wording_direction, key=_CAUTION_ORDER.index)


def recommendation_semantics(
    text: str,
    grade: str | None,
    publisher: str | None = None,
    *,
    table: GradeTable,
    subject: str | None = None,
) -> RecommendationSemantics:
    """Direction, strength, grade scheme, deciding rule, condition and object of a recommendation.

    With `subject` (e.g. the drug asked about), the sentence whose object names it is read;
    otherwise the first sentence with a direction (the lead) is.
    """
    meaning = table.meaning(grade, publisher)
    statement = _pick_statement(wording_statements(text), subject)
    grade_direction = meaning.direction if meaning else D.NONE
    if statement is None:
        return RecommendationSemantics(
            direction=grade_direction,
            strength=meaning.strength if meaning else S.UNKNOWN,
            grade_scheme=meaning.scheme if meaning else None,
            grade_direction=grade_direction,
            rule=f"grade:{meaning.scheme}" if meaning else "none",
        )
    direction = _combine(grade_direction, statement.wording_direction)
    strength = meaning.strength if meaning and meaning.strength is not S.UNKNOWN else statement.strength
    rule = statement.rule if direction is statement.wording_direction else f"grade:{meaning.scheme}"  # type: ignore[union-attr]
    return statement.model_copy(
        update={
            "direction": direction,
            "strength": strength,
            "grade_scheme": meaning.scheme if meaning else None,
            "grade_direction": grade_direction,
            "rule": rule,
        }
    )
