"""Stance judge: does the evidence answer a yes/no question with yes, no or maybe?

Rule-based cue extraction plus a tiny linear model. Each evidence sentence is split into
clauses; the judge looks for denials (negation and its scope, "failed to", "no difference"),
sameness wording (which means *yes* for "is A as good as B?" and *no* for "does A differ?"),
direction words against the question's ("reduce" vs "increased"), double negatives on bad
outcomes ("no complications" does not deny "is it safe?"), and uncertainty ("remains unclear",
"further studies are needed", "only in selected patients"). Sentence cues are pooled with
weights from the evidence weight, its section and how much of the question it covers; the
pooled features go through two linear scorers (yes-vs-no, maybe-vs-rest) whose weights live in
``stance_weights`` and were fitted offline by ``bench/stance_cv.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from medcite.analysis import STOPWORDS, fold, stem, unique_terms
from medcite.compose import stance_lexicon as lx
from medcite.compose.stance_lexicon import MAYBE_WEIGHTS, YES_WEIGHTS


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
class StanceVerdict:
    stance: Stance
    score: float
    decisive: tuple[int, ...]


_ABBREV = re.compile(
    r"(?:\b(?:vs|et al|e\.g|i\.e|etc|fig|figs|no|nos|approx|ca|cf|dr|mr|mrs|ms|st|resp|"
    r"incl|ref|refs|vol|eq|min|max|sp|spp|[a-z])\.)$",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_QUESTION_CLAUSE = re.compile(r"[^.:?!]*\?")
_Q_NEGATED = re.compile(r"\b(?:not|never|no)\b(?! or\b)|n't\b")
_SUBORDINATE = re.compile(r"\b(?:when|if|who|whom|which|that|because|whether|unless|although)\b.*")


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage; abbreviations ("vs.", "et al.", "e.g.") and decimals do not split."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        head = text[start : m.start()].rstrip()
        if _ABBREV.search(head):
            continue
        if head:
            out.append(head)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _question_clause(question: str) -> str:
    """The clause that carries the yes/no question ("Title: is it safe?" -> "is it safe?")."""
    clauses = _QUESTION_CLAUSE.findall(question)
    return clauses[-1].strip() if clauses else question.strip()


def is_yes_no_question(question: str) -> bool:
    clause = _question_clause(fold(question))
    words = re.findall(r"[a-z']+", clause)
    if not words:
        return False
    if words[0] in lx.YES_NO_OPENERS:
        # "Is it A or B?" asks to choose, unless B is a negation ("or not").
        return not re.search(r"\bor\b(?! not\b)", clause) or "?" not in question
    # Titles ending in a bare question ("Rotator cuff tear--an occupational disease?") are
    # yes/no; wh-questions are not.
    return question.rstrip().endswith("?") and words[0] not in _WH


_WH = frozenset(["what", "which", "who", "whom", "whose", "when", "where", "why", "how"])


@dataclass(frozen=True)
class _Question:
    text: str
    terms: frozenset[str]
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
    text = fold(question)
    clause = _question_clause(text)
    terms = frozenset(unique_terms(question))
    core = frozenset(t for t in terms if t not in lx.GENERIC_TERMS and not t.isdigit())
    main = _SUBORDINATE.sub(" ", lx.NOT_A_DENIAL.sub(" ", clause.replace("yes or no", "")))
    negated = bool(_Q_NEGATED.search(main))
    return _Question(
        text=text,
        terms=terms,
        core=core or terms,
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


_WORD = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+)*")
_SEP = re.compile(r"[-/]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


def _fold(text: str) -> str:
    """analysis.fold, with a fast path for plain ASCII text."""
    return _THOUSANDS.sub("", text.lower()) if text.isascii() else fold(text)


def _tokens(folded: str) -> list[str]:
    """Tokens of already-folded text, hyphenated compounds also joined (as analysis does)."""
    out: list[str] = []
    for tok in _WORD.findall(folded):
        if "-" in tok or "/" in tok:
            parts = _SEP.split(tok)
            out.append("".join(parts))
            out.extend(parts)
        else:
            out.append(tok)
    return out


@lru_cache(maxsize=4096)
def _terms(folded: str) -> frozenset[str]:
    """Stemmed content terms of already-folded text (folding is the slow part of analyze)."""
    return frozenset(stem(w) for w in _tokens(folded) if w not in STOPWORDS)


_WITHOUT = re.compile(r"\b(?:without|absence of|free of)\s+((?:[\w-]+\s+){0,2}[\w-]+)")


def _without_question_term(text: str, q: _Question) -> bool:
    """'rare in patients without neurofibromatosis' denies 'rare in neurofibromatosis?'."""
    return any(_terms(m.group(1)) & q.core for m in _WITHOUT.finditer(text))


def _coverage(folded: str, q: _Question) -> float:
    if not q.core:
        return 0.0
    return len(q.core & _terms(folded)) / len(q.core)


def sentence_cues(folded: str, q: _Question, primary: bool = True) -> dict[str, float]:
    """Cue counts for one (folded) evidence sentence."""
    t = lx.NOT_A_DENIAL.sub(" ", folded)
    partial = len(lx.PARTIAL.findall(t))
    uncertain = len(lx.UNCERTAIN.findall(t))
    if q.removal:  # "no need for X" answers "can X be omitted?" with yes
        t = lx.NEED_DENIAL.sub(" ", t)
    same = bool(lx.SAME.search(t))
    t_rest = lx.SAME.sub(" ", lx.PARTIAL.sub(" ", t))
    neg = good = neg_on = 0.0
    for clause, cw in _clauses(t_rest):
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
        "dir": (1.0 if agree else 0.0) - (1.0 if against and not neg else 0.0),
        "affirm": min(len(lx.AFFIRM.findall(t_rest)), 3) / 3.0,
        "hedge": min(len(lx.HEDGES.findall(t)), 2) / 2.0,
        "partial": min(partial, 2.0),
        "uncertain": min(uncertain, 2.0),
        "contrast": 1.0 if lx.CONTRAST.search(t) else 0.0,
    }


_POLAR = ("neg", "neg_on", "good_neg", "dir", "affirm")


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


def _units(evidence: Sequence[StanceEvidence]) -> list[tuple[int, str, float, bool]]:
    """(evidence index, folded sentence, weight factor, primary?) for every evidence sentence.

    Primary evidence is the conclusion when there is one; otherwise every item carrying at
    least half the top weight (snippet lists have no conclusion to lean on).
    """
    has_conclusion = any(_is_conclusion(ev.section) for ev in evidence)
    top = max((ev.weight for ev in evidence), default=1.0)
    out: list[tuple[int, str, float, bool]] = []
    for idx, ev in enumerate(evidence):
        factor = ev.weight * _section_factor(ev.section)
        primary = _is_conclusion(ev.section) if has_conclusion else ev.weight >= 0.5 * top
        sentences = split_sentences(ev.text) or [ev.text]
        out.extend((idx, _fold(s), factor, primary) for s in sentences)
    return out


def _mismatch(q: _Question, texts: list[str]) -> dict[str, float]:
    """How much of the question the evidence never mentions.

    A question naming "CTG" or "PD-L1" where the evidence only says "CAG" / "PD-1" is usually
    answered no.
    """
    seen: set[str] = set()
    for t in texts:
        seen.update(_terms(t))
    missing = [t for t in q.core if t not in seen]
    lost = [t for t in q.entities if t not in seen]
    return {
        "missing": len(missing) / len(q.core) if q.core else 0.0,
        "missing_tail": sum(t not in seen for t in q.tail) / len(q.tail) if q.tail else 0.0,
        "missing_ent": len(lost) / len(q.entities) if q.entities else 0.0,
        "opposite": _opposite(q, seen),
        "prefix_swap": _prefix_swap(q.text, texts),
    }


def _prefix_swap(question: str, texts: list[str]) -> float:
    """1.0 when a question word is absent but a prefix variant is there (typical/atypical,
    syndromic/non-syndromic, akinesia/dyskinesia, hypo-/hyper-)."""
    words: set[str] = set()
    for t in texts:
        words.update(_tokens(t))
    by_end: dict[str, list[str]] = {}
    for u in words:
        by_end.setdefault(u[-6:], []).append(u)
    for w in set(_tokens(question)) - words:
        if len(w) < 6 or not w.isalpha() or w in STOPWORDS:
            continue
        if any(_same_stem_other_prefix(w, u) for u in by_end.get(w[-6:], ())):
            return 1.0
    return 0.0


def _same_stem_other_prefix(w: str, u: str) -> bool:
    """w and u share a tail of 6+ letters and differ only in a short prefix (<= 5 letters)."""
    for cut in range(6):
        tail = w[cut:]
        if len(tail) < 6:
            break
        head = len(u) - len(tail)
        if 0 <= head <= 5 and u.endswith(tail) and u[:head] != w[:cut]:
            return True
    return False


def _opposite(q: _Question, seen: set[str]) -> float:
    """1.0 when the question names one side of an opposite pair and the evidence only the other."""
    for a, b in _PAIRS:
        for x, y in ((a, b), (b, a)):
            if x in q.terms and y not in q.terms and y in seen and x not in seen:
                return 1.0
    return 0.0


_PAIRS = tuple((unique_terms(a)[0], unique_terms(b)[0]) for a, b in lx.OPPOSITE_PAIRS if a != b)


_SNIPPET_GATED = (
    "cover",
    "missing",
    "missing_ent",
    "missing_tail",
    "opposite",
    "prefix_swap",
)


def stance_features(
    question: str, evidence: Sequence[StanceEvidence]
) -> tuple[dict[str, float], list[tuple[int, float]]]:
    """Pooled features and (evidence index, signed contribution) per sentence.

    Features are pooled separately over primary evidence (the highest-weighted items, e.g. the
    conclusion) as ``p_*`` and over the rest as ``s_*``.
    """
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
        cues = sentence_cues(sent, q, primary)
        for k, v in cues.items():
            key = prefix + k
            pooled[key] = pooled.get(key, 0.0) + w * v * (q.sign if k in _POLAR else 1.0)
        totals[prefix] += w
        polar = sum(YES_WEIGHTS.get(prefix + k, 0.0) * cues[k] for k in _POLAR)
        contrib.append((idx, w * polar * q.sign))
    feats = {k: v / totals[k[:2]] for k, v in pooled.items() if totals[k[:2]]}
    feats["cover"] = cover_max
    feats.update(_mismatch(q, [u[1] for u in units]))
    feats["qneg"] = 1.0 if q.sign < 0 else 0.0
    feats["asks_same"] = 1.0 if q.asks_same else 0.0
    feats["snippets"] = 0.0 if any(_is_conclusion(ev.section) for ev in evidence) else 1.0
    for k in _SNIPPET_GATED:  # snippet lists (no conclusion) lean harder on topic mismatch
        feats["snip_" + k] = feats[k] * feats["snippets"]
    feats["bias"] = 1.0
    return feats, contrib


def _linear(weights: dict[str, float], feats: dict[str, float]) -> float:
    return sum(w * feats.get(k, 0.0) for k, w in weights.items())


def _decisive(contrib: list[tuple[int, float]], score: float) -> tuple[int, ...]:
    ranked = sorted(contrib, key=lambda c: -c[1] * (1 if score >= 0 else -1))
    picked = [i for i, c in ranked if c * score > 0][:3] or [i for i, _ in ranked[:1]]
    return tuple(dict.fromkeys(picked))


def judge_stance(
    question: str, evidence: Sequence[StanceEvidence], *, allow_maybe: bool = True
) -> StanceVerdict:
    """Yes / no / maybe with a signed score; allow_maybe=False forces a yes/no call."""
    if not evidence:
        return StanceVerdict(Stance.MAYBE, 0.0, ())
    feats, contrib = stance_features(question, evidence)
    score = _linear(YES_WEIGHTS, feats)
    if allow_maybe and _linear(MAYBE_WEIGHTS, feats) > 0:
        return StanceVerdict(Stance.MAYBE, score, _decisive(contrib, score))
    stance = Stance.YES if score >= 0 else Stance.NO
    return StanceVerdict(stance, score, _decisive(contrib, score))
