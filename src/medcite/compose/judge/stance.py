"""Stance judge: does the evidence answer a yes/no question with yes, no or maybe?

Rule-based cues pooled by a tiny linear model. Each evidence sentence is split into clauses
and scanned for denials (negators and their clause, "failed to", "no significant difference",
"without <question term>"), with the question's own polarity ("Is X not ...?" flips the
answer), sameness vs difference ("no difference" denies "does A differ?"; "differs" denies
"is A the same as B?"), "no need for X" answering "can X be omitted?", direction words
against the question's ("reduce" vs "increased"), denied bad outcomes ("no complications"),
and hedges ("remains unclear", "only in selected patients"). Cues are pooled per sentence
weight (evidence weight x section x question coverage), separately for primary evidence (the
conclusion, or the top snippets) and the rest; topic-mismatch features (question terms or
named entities absent from the evidence, "dominant" asked but "recessive" found) matter for
snippet lists. Two linear scorers (yes-vs-no, maybe-vs-rest) use weights fitted offline by
``bench/stance_cv.py`` and stored in ``medcite/data/stance_weights.json`` (a ``StanceModel``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources

from medcite.compose.judge import stance_lexicon as lx
from medcite.compose.judge.stance_topic import arabic, fold_fast, mismatch, terms
from medcite.compose.understand.intent import OPEN_ALTERNATIVE, POLITE_REQUEST
from medcite.text import fold, sentence_spans, unique_terms


class Stance(StrEnum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


@dataclass(frozen=True)
class StanceEvidence:
    text: str
    section: str = ""
    weight: float = 1.0


@dataclass(frozen=True)
class StanceModel:
    """The fitted weights of the two linear scorers (yes vs no; maybe vs the rest)."""

    yes: Mapping[str, float]
    maybe: Mapping[str, float]

    @classmethod
    def shipped(cls) -> StanceModel:
        """The weights shipped in medcite/data/stance_weights.json."""
        raw = json.loads(
            resources.files("medcite.data").joinpath("stance_weights.json").read_text()
        )
        return cls(yes=dict(raw["yes"]), maybe=dict(raw["maybe"]))


@dataclass(frozen=True)
class StanceVerdict:
    stance: Stance
    score: float
    decisive: tuple[int, ...]


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage; abbreviations ("vs.", "et al.", "e.g.") and decimals do not split."""
    return [text[start:end] for start, end in sentence_spans(text)]


def _question_clause(question: str) -> str:
    """The clause that carries the yes/no question ("Title: is it safe?" -> "is it safe?")."""
    # "Is that worth trying??": the second mark makes an empty clause
    clauses = [c for c in lx.QUESTION_CLAUSE.findall(question) if re.search(r"\w", c)]
    return clauses[-1].strip() if clauses else question.strip()


def is_yes_no_question(question: str) -> bool:
    """Yes/no questions: auxiliary-first ("Does X ...?"), bare title questions ("Rotator cuff
    tear--an occupational disease?") and "..., yes or no?" statements; not wh-questions,
    commands ("List ..."), or a closing "A or B?" choice."""
    text = fold(question).strip()
    if lx.YES_OR_NO.search(text):
        return True
    clause = _question_clause(text)
    words = re.findall(r"[a-z']+", clause)
    if not words or lx.COMMAND.match(text) or lx.COMMAND.match(clause) or lx.WH_START.match(text):
        return False
    if POLITE_REQUEST.match(text) or POLITE_REQUEST.match(clause):
        return False
    if lx.CHOICE.search(clause) and "whether" not in clause:
        return False
    if OPEN_ALTERNATIVE.search(clause):
        return False
    if words[0] in lx.YES_NO_OPENERS:
        return True
    return text.endswith("?") and not lx.WH.search(clause)


@dataclass(frozen=True)
class _Question:
    text: str
    core: frozenset[str]
    tail: tuple[str, ...]
    entities: frozenset[str]
    sign: float
    asks_same: bool
    asks_diff: bool
    up: bool
    down: bool
    bad: bool
    removal: bool
    without: bool


def _parse_question(question: str) -> _Question:
    question = arabic(question)
    text = fold(question)
    clause = _question_clause(text)
    question_terms = frozenset(unique_terms(question))
    core = frozenset(t for t in question_terms if t not in lx.GENERIC_TERMS and not t.isdigit())
    main = lx.SUBORDINATE.sub(" ", lx.NOT_A_DENIAL.sub(" ", clause.replace("yes or no", "")))
    negated = bool(lx.Q_NEGATED.search(main))
    return _Question(
        text=text,
        core=core or question_terms,
        tail=tuple(t for t in unique_terms(clause) if t in core)[-2:],
        entities=_entities(question),
        sign=-1.0 if negated else 1.0,
        asks_same=bool(lx.Q_SAME.search(clause)),
        asks_diff=bool(lx.Q_DIFF.search(clause)),
        up=bool(lx.UP.search(clause)),
        down=bool(lx.DOWN.search(clause)),
        bad=bool(lx.BAD_OUTCOMES.search(clause)),
        removal=bool(lx.Q_REMOVAL.search(clause)),
        without=bool(_WITHOUT.search(text)),
    )


_ENTITY = re.compile(r"\b[\w-]*(?:[A-Z][\w-]*[A-Z]|\d)[\w-]*\b")


def _entities(question: str) -> frozenset[str]:
    """Terms of the question's named things: acronyms, gene/drug codes, numbers (CTG, PD-L1)."""
    out: set[str] = set()
    for m in _ENTITY.finditer(question):
        out.update(t for t in unique_terms(m.group(0)) if len(t) > 1)
    return frozenset(out)


def _clauses(text: str) -> list[tuple[str, float]]:
    """Clauses with a weight: concessive ones ("although ...") count less."""
    out = []
    for c in lx.CLAUSE_BREAK.split(text):
        c = c.strip() if c else ""
        if c:
            out.append((c, 0.3 if lx.CONCESSIVE.match(c) else 1.0))
    return out


def _denied(clause: str, q: _Question) -> tuple[float, float]:
    """(denial, good_denial) for one clause: is something negated, and is it a bad outcome?"""
    tokens = clause.split()
    for i, tok in enumerate(tokens):
        if tok.strip(".,'\"") in lx.NEGATORS:
            after = " ".join(tokens[i + 1 : i + 6])
            if lx.BAD_OUTCOMES.search(after) and not q.bad:
                return 0.0, 1.0
            return 1.0, 0.0
    for m in lx.NEG_PHRASES.finditer(clause):
        if m.group(0) in q.text:  # the question's own wording ("lack of X") is topic, not stance
            continue
        if lx.BAD_OUTCOMES.search(clause) and not q.bad:
            return 0.0, 1.0
        return 1.0, 0.0
    return 0.0, 0.0


_WITHOUT = re.compile(r"\b(?:without|absence of|free of)\s+((?:[\w-]+\s+){0,2}[\w-]+)")


def _without_question_term(text: str, q: _Question) -> bool:
    """'rare in patients without neurofibromatosis' denies 'rare in neurofibromatosis?'."""
    return any(terms(m.group(1)) & q.core for m in _WITHOUT.finditer(text))


def _coverage(folded: str, q: _Question) -> float:
    if not q.core:
        return 0.0
    return len(q.core & terms(folded)) / len(q.core)


def _sentence_cues(folded: str, q: _Question, primary: bool = True) -> dict[str, float]:
    """Cue counts for one (folded) evidence sentence."""
    t = lx.NOT_A_DENIAL.sub(" ", folded)
    partial = len(lx.PARTIAL.findall(t))
    uncertain = len(lx.UNCERTAIN.findall(t))
    if q.removal:  # "no need for X" answers "can X be omitted?" with yes
        t = lx.NEED_DENIAL.sub(" ", t)
    same = bool(lx.SAME.search(t))
    t_rest = lx.SAME.sub(" ", lx.PARTIAL.sub(" ", t))
    neg = good = neg_on = 0.0
    maybe_denied = lx.NEGATOR_WORD.search(t_rest) or lx.NEG_PHRASES.search(t_rest)
    for clause, cw in _clauses(t_rest) if maybe_denied else ():
        d, g = _denied(clause, q)
        neg += d * cw
        good += g * cw
        if d:
            neg_on += cw * min(1.0, 2.0 * _coverage(clause, q))
    if not q.without and _without_question_term(t, q):
        neg += 1.0
        neg_on += 1.0
    # Sameness vs difference deny the question only when it asks about the other one.
    no_diff = not q.asks_same and (
        (q.asks_diff and same) or (primary and bool(lx.NO_DIFFERENCE.search(t)))
    )
    if no_diff or (q.asks_same and not neg and lx.DIFFER.search(t_rest)):
        neg += 1.0
        neg_on += min(1.0, 2.0 * _coverage(t, q))
    up, down = bool(lx.UP.search(t_rest)), bool(lx.DOWN.search(t_rest))
    against = (q.up and down and not up) or (q.down and up and not down)
    agree = (q.up and up and not down) or (q.down and down and not up)
    return {
        "neg": min(neg, 2.0),
        "neg_on": min(neg_on, 2.0),
        "good_neg": min(good, 1.0),
        "dir": 0.0 if neg else (1.0 if agree else 0.0) - (1.0 if against else 0.0),
        "affirm": min(len(lx.AFFIRM.findall(t_rest)), 3) / 3.0,
        "hedge": min(len(lx.HEDGES.findall(t)), 2) / 2.0,
        "partial": min(partial, 2.0),
        "uncertain": min(uncertain, 2.0),
        "contrast": 1.0 if lx.CONTRAST.search(t) else 0.0,
    }


_POLAR = ("neg", "neg_on", "good_neg", "dir", "affirm")


@lru_cache(maxsize=256)
def _section_factor(section: str) -> float:
    s = section.upper()
    if "CONCLU" in s or "INTERPRET" in s or "IMPLICATION" in s:
        return 1.5
    if s.startswith("RESULT") or "FINDING" in s:
        return 1.0
    if any(k in s for k in ("BACKGROUND", "OBJECTIVE", "INTRODUCTION", "PURPOSE", "AIM")):
        return 0.3
    return 1.0


def _is_conclusion(section: str) -> bool:
    return _section_factor(section) > 1.0


def _leads_with_conclusion(evidence: Sequence[StanceEvidence]) -> bool:
    top = max((ev.weight for ev in evidence), default=1.0)
    return any(_is_conclusion(ev.section) and ev.weight >= top for ev in evidence)


def _units(evidence: Sequence[StanceEvidence]) -> list[tuple[int, str, float, bool]]:
    """(evidence index, folded sentence, weight factor, primary?) for every evidence sentence.

    Primary evidence is the conclusion when a top-weighted item is one; otherwise every item
    carrying at least half the top weight (snippet lists have no conclusion to lean on).
    """
    has_conclusion = _leads_with_conclusion(evidence)
    top = max((ev.weight for ev in evidence), default=1.0)
    out: list[tuple[int, str, float, bool]] = []
    for idx, ev in enumerate(evidence):
        factor = ev.weight * _section_factor(ev.section)
        heavy = ev.weight >= 0.5 * top
        primary = heavy and (_is_conclusion(ev.section) or not has_conclusion)
        sentences = split_sentences(ev.text) or [ev.text]
        out.extend((idx, fold_fast(s), factor, primary) for s in sentences)
    return out


_GATED = ("cover", "missing", "missing_ent", "missing_tail", "opposite", "prefix_swap")


def stance_features(
    question: str, evidence: Sequence[StanceEvidence], model: StanceModel | None = None
) -> tuple[dict[str, float], list[tuple[int, float]]]:
    """Pooled features and (evidence index, signed contribution) per sentence.

    Features are pooled separately over primary evidence (the highest-weighted items, e.g. the
    conclusion) as ``p_*`` and over the rest as ``s_*``.
    """
    yes_weights = (model or StanceModel.shipped()).yes
    q = _parse_question(question)
    units = _units(evidence)
    pooled: dict[str, float] = {}
    totals = {"p_": 0.0, "s_": 0.0}
    cover_max = 0.0
    contrib: list[tuple[int, float]] = []
    for n, (idx, sent, factor, primary) in enumerate(units):
        cov = _coverage(sent, q)
        cover_max = max(cover_max, cov)
        w = factor * (0.3 + cov) * (1.5 if n == 0 else 1.0)
        prefix = "p_" if primary else "s_"
        cues = _sentence_cues(sent, q, primary)
        for k, v in cues.items():
            key = prefix + k
            pooled[key] = pooled.get(key, 0.0) + w * v * (q.sign if k in _POLAR else 1.0)
        totals[prefix] += w
        polar = sum(yes_weights.get(prefix + k, 0.0) * cues[k] for k in _POLAR)
        contrib.append((idx, w * polar * q.sign))
    feats = {k: v / totals[k[:2]] for k, v in pooled.items() if totals[k[:2]]}
    feats["cover"] = cover_max
    feats.update(mismatch(q.text, q.core, q.tail, q.entities, [u[1] for u in units]))
    feats["qneg"] = 1.0 if q.sign < 0 else 0.0
    feats["asks_same"] = 1.0 if q.asks_same else 0.0
    feats["snippets"] = 0.0 if _leads_with_conclusion(evidence) else 1.0
    for k in _GATED:  # snippet lists (no conclusion) lean harder on topic mismatch
        feats["snip_" + k] = feats[k] * feats["snippets"]
    feats["bias"] = 1.0
    return feats, contrib


def _linear(weights: Mapping[str, float], feats: dict[str, float]) -> float:
    return sum(w * feats.get(k, 0.0) for k, w in weights.items())


def _decisive(contrib: list[tuple[int, float]], score: float) -> tuple[int, ...]:
    ranked = sorted(contrib, key=lambda c: -c[1] * (1 if score >= 0 else -1))
    picked = [i for i, c in ranked if c * score > 0][:3] or [i for i, _ in ranked[:1]]
    return tuple(dict.fromkeys(picked))


def judge_stance(
    question: str,
    evidence: Sequence[StanceEvidence],
    model: StanceModel | None = None,
    *,
    allow_maybe: bool = True,
) -> StanceVerdict:
    """Yes / no / maybe with a signed score; allow_maybe=False forces a yes/no call.

    Callers that judge many questions pass the model they loaded once.
    """
    if not evidence:
        return StanceVerdict(Stance.MAYBE, 0.0, ())
    model = model or StanceModel.shipped()
    feats, contrib = stance_features(question, evidence, model)
    score = _linear(model.yes, feats)
    if allow_maybe and _linear(model.maybe, feats) > 0:
        return StanceVerdict(Stance.MAYBE, score, _decisive(contrib, score))
    stance = Stance.YES if score >= 0 else Stance.NO
    return StanceVerdict(stance, score, _decisive(contrib, score))
