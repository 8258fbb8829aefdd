"""What the patient is said not to have or to have normal: "no cough", "I don't have hot
flashes", "has never had a stroke", "no one in my family has had breast cancer", "kidneys are
fine". Those words are patient details, never the question's topic or condition."""

from __future__ import annotations

from medcite.compose.understand.tokens import Token
from medcite.text import STOPWORDS

_NORMAL = frozenset(["fine", "normal", "ok", "okay", "good", "unremarkable", "healthy"])


def normal_findings(tokens: list[Token]) -> set[int]:
    """'kidneys are fine', 'liver tests normal', 'blood pressure and cholesterol are normal': a
    normal finding is a patient detail."""
    out: set[int] = set()
    for i in range(len(tokens) - 1):
        verb = tokens[i + 1].key in ("is", "are", "was", "were")
        j = i + 2 if verb else i + 1
        if j < len(tokens) and tokens[j].key in _NORMAL and tokens[i].key not in STOPWORDS:
            out.update(range(i, j + 1))
            out.update(_coordinated_before(tokens, i))
    return out


def _coordinated_before(tokens: list[Token], i: int, span: int = 3) -> set[int]:
    """The words joined to tokens[i] by 'and'/'or' before it: 'blood pressure and [i]'."""
    if i < 2 or tokens[i - 1].key not in ("and", "or"):
        return set()
    out = {i - 1}
    for k in range(i - 2, max(i - 2 - span, -1), -1):
        if tokens[k].key in STOPWORDS:
            break
        out.add(k)
    return out


NEGATORS = frozenset(["no", "without", "denies", "denied", "never", "not"]) | frozenset(
    ["don't", "doesn't", "didn't", "haven't", "hasn't", "hadn't", "dont", "doesnt", "didnt"]
)
_ARTICLES = frozenset(["a", "an", "the"])
# Verbs between a negator and what is denied: "I don't have hot flashes", "never had a fall".
_DENIED_VERBS = frozenset(
    ["have", "has", "had", "get", "gets", "got", "any", "experience", "experienced", "feel"]
)
_TOPIC_LEADS = frozenset(["about", "on", "regarding", "concerning"])


def denied_findings(tokens: list[Token], span: int = 3) -> set[int]:
    """'no cough, no breathlessness', 'no BRCA mutation': what the patient doesn't have is a
    patient detail, not a topic (up to the next stop word or punctuation)."""
    out: set[int] = set()
    for i, token in enumerate(tokens):
        if token.key not in NEGATORS:
            continue
        if i > 0 and tokens[i - 1].key in _TOPIC_LEADS:
            continue  # "talking about not starting smoking" is the topic, not a finding
        first = i + 1
        while first < len(tokens) and tokens[first].key in _DENIED_VERBS | _ARTICLES:
            first += 1
        for j in range(first, min(first + span, len(tokens))):
            if tokens[j].key in STOPWORDS or not tokens[j].key[:1].isalnum():
                break
            out.add(j)
    return out | _denied_family_history(tokens)


def no_history_of(tokens: list[Token], i: int) -> bool:
    """'no family history of lazy eye', 'no history of stroke': token i is denied."""
    before = [t.key for t in tokens[max(i - 4, 0) : i]]
    return before[-2:] == ["history", "of"] and any(k in NEGATORS for k in before[:-2])


_FAMILY_NONE = frozenset(["nobody", "none", "one"])  # "no one", "nobody", "none" in my family
_HAD = frozenset(["has", "had", "have", "ever", "been", "diagnosed", "with"])


def _denied_family_history(tokens: list[Token], span: int = 4) -> set[int]:
    """'No one in my family has had breast or ovarian cancer': the conditions denied."""
    out: set[int] = set()
    keys = [t.key for t in tokens]
    for i, key in enumerate(keys):
        if key not in _FAMILY_NONE or "family" not in keys[i + 1 : i + 5]:
            continue
        j = keys.index("family", i + 1) + 1
        while j < len(keys) and keys[j] in _HAD:
            j += 1
        for k in range(j, min(j + span, len(keys))):
            if keys[k] in STOPWORDS and keys[k] not in ("or", "and"):
                break
            out.add(k)
    return out
