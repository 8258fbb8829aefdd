"""Cue lexicon for the stance judge: negation, hedging, equivalence and direction words.

Patterns are matched against folded (lower-case, accent-free) text. They are general English /
biomedical-writing cues, not phrases taken from particular evaluation items.
"""

from __future__ import annotations

import re

# Sentence splitting: a boundary is end punctuation + space + capital/digit, unless the text
# before it ends in an abbreviation.
QUESTION_CLAUSE = re.compile(r"[^.:?!]*\?")
Q_NEGATED = re.compile(r"\b(?:not|never|no)\b(?! or\b)|n't\b")
SUBORDINATE = re.compile(r"\b(?:when|if|who|whom|which|that|because|whether|unless|although)\b.*")


WH = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how)\b")
COMMAND = re.compile(r"^\s*(?:list|name|describe|give|enumerate|explain|define|summari[sz]e)\b")
YES_OR_NO = re.compile(r"[,;:]?\s*(?:yes\s+or\s+no|true\s+or\s+false)\s*[?.]?\s*$")
# "..., A or B?" at the very end asks to pick one ("are they the same or different?").
CHOICE = re.compile(r"\b(?!not\b)[a-z][a-z-]+ or (?:an? |the )?(?!not\b)[a-z][a-z-]+\s*\?$")

WH_START = re.compile(
    r"^(?:(?:in|for|from|to|by|of|at|on|with|as|under|during) )?(?:what|which|who|whom|whose|when|where|why|how)\b"
)


ROMAN = re.compile(r"\b(phase|type|grade|stage|class|step|level)\s+(iv|iii|ii|i)\b", re.I)
ROMAN_DIGIT = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}

# Auxiliaries that open a yes/no question.
YES_NO_OPENERS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "should",
        "would",
        "will",
        "has",
        "have",
        "had",
        "may",
        "might",
        "must",
        "shall",
        "isn't",
        "aren't",
        "doesn't",
        "don't",
        "didn't",
        "can't",
        "cannot",
    ]
)

# Negation cue words (token level). "no"/"not" etc. open a scope to the right.
NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "neither",
        "nor",
        "none",
        "nothing",
        "cannot",
        "can't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "won't",
        "shouldn't",
        "couldn't",
        "hasn't",
        "haven't",
    ]
)
NEGATOR_WORD = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, NEGATORS)) + r")(?![\w'])")
# Phrasal negation: the verb/adjective itself says "no" (scope = rest of clause).
NEG_PHRASES = re.compile(
    r"\b(?:fail(?:s|ed)? to|unable to|lack(?:s|ed|ing)? (?:of )?|absence of|"
    r"unrelated|independent(?:ly)? of|irrespective of|regardless of|insufficient|"
    r"did not|does not|do not|is not|are not|was not|were not|has not|have not|"
    r"unlikely|ineffective|not (?:significant|useful|effective|associated|predictive)|"
    r"inadequate|unnecessary|unjustified|unreliable|inaccurate|ruled? out|"
    r"no longer|non[- ]?significant|did not reach|disappointing|poor|"
    r"un(?:affected|changed|altered|disturbed|impaired|necessary)|remained (?:stable|unchanged)|"
    r"little|limited (?:value|role|benefit|use|utility|effect|impact)|low yield|negligible|"
    r"marginal|minimal|trivial|rarely|seldom|deficit)\b"
)
# Negator followed by these is not a denial ("not only", "whether or not", ...).
NOT_A_DENIAL = re.compile(
    r"\b(?:not only|not just|whether or not|no doubt|not to be missed|not uncommon|not rare|"
    r"not infrequent|not unusual|if not|no matter|not ?withstanding|"
    r"(?:who|whom|whose|those) (?:\w+ )?(?:did|do|does|had|have|has|were|was|are|is)? ?"
    r"(?:not|lack\w*))\b"
)
# "not always", "not necessarily", "may or may not": partial denial -> maybe.
PARTIAL = re.compile(
    r"\b(?:not always|not necessarily|not all|not entirely|not completely|not fully|"
    r"may or may not|might or might not|to some extent|partial(?:ly)?|in part|only partly|"
    r"in (?:some|selected|certain|a subset of|a subgroup of) (?:\w+ ){0,2}"
    r"(?:patients|cases|women|men|children|subjects|individuals|populations?)|"
    r"only (?:in|for|when|if)|depend(?:s|ing|ent)? (?:on|upon)|selected patients|"
    r"subgroups?|some (?:patients|cases|aspects))\b"
)
# Uncertainty about the conclusion itself -> maybe.
UNCERTAIN = re.compile(
    r"\b(?:remains? (?:unclear|uncertain|unknown|controversial|to be (?:\w+ed))|"
    r"(?:is|are|was|were) (?:still )?(?:unclear|uncertain|unknown|controversial|debatable)|"
    r"unclear|uncertain|inconclusive|conflicting|controversial|equivocal|"
    r"not (?:yet )?(?:clear|known|established|be determined)|"
    r"cannot be (?:excluded|ruled out|confirmed|determined|established|recommended)|"
    r"(?:further|more|additional|larger|prospective|randomi[sz]ed|future) "
    r"(?:\w+ ){0,3}(?:stud(?:y|ies)|research|trials?|investigations?|evaluation|data|work)"
    r" (?:is|are|will be|would be)? ?(?:needed|required|warranted|necessary)|"
    r"(?:needs?|need) (?:further|more|to be) (?:\w+ )?(?:investigat|stud|evaluat|confirm|clarif)\w*|"
    r"warrants? further|limited (?:evidence|data)|insufficient (?:evidence|data)|"
    r"preliminary|trend(?:ed)? (?:toward|towards)|did not reach (?:statistical )?significance)"
)
# Softening modals: weaker than a flat assertion, common in both yes and maybe conclusions.
HEDGES = re.compile(
    r"\b(?:may|might|could|possibly|possible|potential(?:ly)?|probabl[ey]|perhaps|appears?|"
    r"seems?|suggests?|suggested|likely|presumably)\b"
)
# Affirmative result vocabulary.
AFFIRM = re.compile(
    r"\b(?:significant(?:ly)?|effective(?:ly)?|efficacious|improv\w*|benefi\w*|useful|"
    r"valuable|safe(?:ly)?|feasible|reliable|accurate(?:ly)?|valid|associated|correlat\w*|"
    r"predict\w*|superior|better|increas\w*|reduc\w*|decreas\w*|higher|lower|"
    r"independent (?:risk|predictor|prognostic)|risk factor|confirm\w*|demonstrat\w*|"
    r"support\w*|recommend\w*|should be|is (?:a|an) (?:\w+ )?(?:option|alternative|tool|marker))\b"
)
# Sameness wording: "no difference", "similar", "comparable", "non-inferior".
SAME = re.compile(
    r"\b(?:similar(?:ly)?|comparable|equivalent|equal(?:ly)?|same|identical|"
    r"non-?inferior(?:ity)?|not inferior|as (?:\w+ ){1,2}as|"
    r"no (?:\w+ ){0,3}differen\w*|did not differ|do not differ|does not differ|"
    r"not (?:\w+ ){0,2}different\b|indistinguishable|interchangeabl\w*)\b"
)
# The plain "no difference" finding (a subset of SAME).
NO_DIFFERENCE = re.compile(
    r"\b(?:no (?:\w+ ){0,3}differen\w*|(?:did|do|does) not (?:\w+ )?differ|"
    r"not (?:\w+ )?different)\b"
)
# Strict sameness questions ("are they the same?"): without sameness evidence the answer is no.
Q_SAME = re.compile(
    r"\b(?:same|similar|equal(?:ly)?|equivalent|identical|comparable|as (?:\w+ ){1,2}as)\b"
)
# Questions about doing without something ("can STIR be omitted?"): "no need for X" means yes.
Q_REMOVAL = re.compile(
    r"\b(?:omit\w*|avoid\w*|replace\w*|substitut\w*|stop\w*|discontinu\w*|withh[oe]ld\w*|"
    r"withdraw\w*|abandon\w*|eliminat\w*|spar(?:e|ed|ing)|dispens\w*|unnecessary|obsolete|"
    r"de-?escalat\w*|without)\b"
)
NEED_DENIAL = re.compile(
    r"\b(?:(?:is|are|was|were|be) not (?:\w+ )?(?:required|needed|necessary|indicated|mandatory|"
    r"essential|warranted|justified)|no (?:\w+ )?need|unnecessary|need not|"
    r"can (?:safely )?be (?:omitted|avoided|replaced|limited|stopped|discontinued|withheld))\b"
)
# Question asks whether something differs / has an effect (so SAME evidence means no).
Q_DIFF = re.compile(r"\b(?:differ\w*|vary|varies|distinct|superior|inferior|better|worse)\b")

# Evidence says the groups differ (a denial for "is A the same as B?").
DIFFER = re.compile(
    r"\b(?:differ(?:s|ed|ing|ent|ence|ences)?|distinct|dissimilar|"
    r"(?:more|less|fewer|\w{3,}er) (?:\w+ ){0,3}than|superior to|inferior to|variabilit\w*|"
    r"discrepan\w*|disagree\w*|mismatch\w*)\b"
)
UP = re.compile(
    r"\b(?:increas\w*|higher|greater|more|elevat\w*|rais\w*|rise|rising|longer|enhanc\w*|"
    r"improv\w*|better|promot\w*|boost\w*|upregulat\w*|gain)\b"
)
DOWN = re.compile(
    r"\b(?:decreas\w*|reduc\w*|lower\w*|less|fewer|declin\w*|diminish\w*|shorter|"
    r"prevent\w*|attenuat\w*|inhibit\w*|suppress\w*|downregulat\w*|loss|worse|impair\w*)\b"
)
# Outcomes whose absence is good news: "no complications" is not a denial of "is X safe?".
BAD_OUTCOMES = re.compile(
    r"\b(?:complication\w*|adverse|side[- ]effects?|toxicit\w*|morbidit\w*|mortality|death\w*|"
    r"recurren\w*|relapse\w*|infection\w*|bleeding|harm\w*|injur\w*|risk|failure\w*|"
    r"problem\w*|deterioration|loss|leak\w*|bias|difficult\w*|obstacle\w*|"
    r"contraindicat\w*|detriment\w*|deleterious|negative (?:effect|impact)|"
    r"worsen\w*|impair\w*|damage\w*|abnormal\w*|disturb\w*|"
    r"increase in (?:complications|mortality|morbidity))\b"
)
# Clause boundaries that end a negation's scope.
CLAUSE_BREAK = re.compile(
    r"[,;:()]|\b(?=(?:but|however|whereas|while|although|though|yet|except|instead|rather|despite)\b)"
)
CONCESSIVE = re.compile(r"^(?:although|though|even though|while|despite|in spite of)\b")
CONTRAST = re.compile(
    r"\b(?:but|however|whereas|although|though|nevertheless|nonetheless|despite|in contrast)\b"
)
# Generic question words that say nothing about the claim's content.
GENERIC_TERMS = frozenset(
    [
        "patient",
        "studi",
        "effect",
        "role",
        "use",
        "us",
        "clinic",
        "associ",
        "relat",
        "predict",
        "improv",
        "affect",
        "influenc",
        "differ",
        "chang",
        "factor",
        "outcom",
        "result",
        "increas",
        "reduc",
        "decreas",
        "treatment",
        "treat",
        "need",
        "risk",
        "allevi",
        "reliev",
        "amelior",
        "attenu",
        "benefit",
        "help",
        "work",
        "caus",
        "lead",
        "link",
        "involv",
    ]
)

# Opposites: a question naming one side, answered by evidence naming only the other, is a "no".
# Word prefixes ("activat" = activate/activation/activator, not "activity"); "=" marks a whole word.
_OPPOSITES = """
dominan recessiv | activat inhibit | activat repress | activat suppress | induc repress |
agonist antagonist | upregulat downregulat | overexpress underexpress | increas decreas |
increas reduc | =higher =lower | =gain =loss | positiv negativ | benign malignan |
=acute =chronic | kinase phosphatase | oncogen suppressor | proapoptot antiapoptot |
=single =double | =dna =rna | monoclonal polyclonal | hypermethyl hypomethyl |
excitat inhibit | sensitiv resistan | =male =female | autosomal xlinked | envelop nonenvelop |
segmented nonsegmented | =plant =animal | grampositive gramnegative |
intracellular extracellular | =nuclear cytoplasm | =early =late | =viral =bacterial |
inherit sporadic | =safe unsafe | effective ineffective | =common =rare | =present =absent |
essential dispensable | enrich deplet | stimulat block | promot suppress | promot inhibit |
tighten loosen | protective harmful | =oral intravenous | =local =systemic
"""
OPPOSITE_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (a, b) for pair in _OPPOSITES.split("|") for a, b in [pair.split()]
)
