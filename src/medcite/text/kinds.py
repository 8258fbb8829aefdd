"""What kind of statement a sentence is: safety, dosing, an interval, an age, a treatment.

Shared by the writer (which section a claim goes in) and the verifier (a section holds only
claims of its kind; the bottom line gives the thing asked for), so both read claims alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from medcite.models import Intent, Population

SAFETY = re.compile(
    r"\b(adverse|side[- ]effects?|toxicit\w*|harms?\b|safety|unsafe|interact\w*|warning|cautio\w*|"
    r"abuse|misuse|dependence|addiction|overdose|complications?|bleed\w*|hemorrhag\w*|"
    r"haemorrhag\w*|fatal\w*|hazard\w*|withdrawal|tolerab\w*|increased risk of|"
    r"increases? (?:the )?risk|seizures?|"
    # a hypertensive reaction, not "adults who smoke or have ... hypertension"
    r"hepatotox\w*|cardiotox\w*|nephrotox\w*|dissociat\w*|hypotensi\w*|"
    r"hypertensive (?:crisis|crises|reactions?|emergenc\w*|urgenc\w*)|"
    r"respiratory depression|serotonin syndrome|contraindicat\w*|allerg\w*|anaphyla\w*|"
    r"teratogen\w*|malformation\w*|avoid\w*|do not (?:use|take|give|combine)|monitor\w*)",
    re.I,
)
DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:-|to|–)?\s?(?:\d+(?:\.\d+)?\s?)?"
    r"(?:mg|mcg|µg|μg|g|grams?|ml|mL|units?|IU|mmol|mEq|milligrams?|micrograms?)"
    r"(?:\s?/\s?(?:kg|day|d|m2|m²|dose|hour|h|week))?\b",
    re.I,
)
DOSING = re.compile(
    DOSE.pattern + r"|\b(?:dose|doses|dosing|dosage|titrat\w*|infusion|once daily|twice daily|"
    r"(?:once|twice|three times|four times) (?:a|per) (?:day|week)|every \d+ (?:hours|days)|"
    r"per day|for \d+ (?:days|weeks|months)|\d+-day course|course of)\b",
    re.I,
)
INTERVAL = re.compile(
    r"\b(?:every (?:\d+|one|two|three|four|five|ten|other)(?:\s?(?:to|-|–)\s?\d+)? "
    r"(?:years?|months?|weeks?)|annual(?:ly)?|yearly|biennial(?:ly)?|triennial|"
    r"each year|once a year|at intervals? of|interval of|\d+-year intervals?|"
    r"every year|every month)\b",
    re.I,
)
AGE = re.compile(
    r"\b(?:aged? (?:\d+|younger|older)|\d+ (?:years|yrs)(?: of age| old|,? or older| and older)?|"
    r"(?:older|younger) than \d+|\d+ to \d+ years|\d+-\d+ years|\d+ years or older|"
    r"over (?:the age of )?\d+|under (?:the age of )?\d+|beginning at age|starting at age|"
    r"from age \d+|age \d+)\b",
    re.I,
)
# Drug-name endings and treatment words: enough to tell that a sentence names a treatment.
TREATMENT = re.compile(
    r"\b(?:\w+(?:cillin|mycin|micin|floxacin|cycline|azole|conazole|pril|sartan|olol|dipine|"
    r"statin|prazole|tidine|mab|nib|parin|xaban|gatran|triptan|setron|pam|lam|zepam|zolam|"
    r"oxetine|aline|amine|afil|formin|gliptin|gliflozin|glutide|tide|sone|olone|asone|"
    r"vir|furantoin|fosfomycin|trimethoprim|sulfamethoxazole|ketamine|lithium|insulin|"
    r"orphine|adone|trexone|oxone|prosate|sulfiram|piramate|enicline|propion|pentin|gabalin|"
    r"iazid|ampicin|ampin|azinamide|butol)|drug (?:treatments?|therap(?:y|ies))|"
    r"nicotine replacement(?: therapy)?|polyethylene glycol|PEG|lactulose|laxatives?|"
    r"(?:canalith )?repositioning|"
    r"nitrofurantoin|fosfomycin|trimethoprim|amoxicillin|penicillin|aspirin|metformin|"
    r"levothyroxine|warfarin|heparin|paracetamol|acetaminophen|ibuprofen|"
    r"antibiotics?|cephalosporins?|macrolides?|tetracyclines?|fluoroquinolones?|clindamycin|"
    r"doxycycline|azithromycin|clarithromycin|erythromycin|ceph?alexin|cefuroxime|"
    r"antidepressants?|antipsychotics?|anticoagula\w+|vaccin\w+|immunization|"
    r"psychotherapy|cognitive behavio\w+ therapy|CBT|surgery|surgical|radiotherapy|"
    r"chemotherapy|physical therapy|physiotherapy|exercise|counsel\w+|"
    r"electroconvulsive|ECT|rTMS|stimulation|transplant\w*|dialysis|supplement\w*|"
    r"NSAIDs?|nonsteroidal anti-inflammatory|(?:cortico)?steroids?|glucocorticoids?|colchicine|"
    r"opioids?|acupuncture|massage|superficial heat|spinal manipulation|muscle relaxants?|"
    r"(?:pelvic floor )?muscle training|bladder training|diuretics?|thiazides?|beta[- ]blockers?|"
    r"calcium channel blockers?|ACE inhibitors?|bisphosphonates?|antihistamines?)\b",
    re.I,
)


def is_safety(text: str) -> bool:
    return bool(SAFETY.search(text))


def is_dosing(text: str) -> bool:
    return bool(DOSING.search(text))


def gives_interval(text: str) -> bool:
    return bool(INTERVAL.search(text))


def gives_age(text: str) -> bool:
    return bool(AGE.search(text))


def names_treatment(text: str) -> bool:
    return bool(TREATMENT.search(text))


def treatments_named(text: str) -> int:
    """How many different treatments the text names."""
    return len({m.group(0).lower() for m in TREATMENT.finditer(text)})


@dataclass(frozen=True)
class AskedFor:
    """The thing a question asks for, and how to tell that a sentence gives it."""

    label: str  # "an interval", "an age", "a treatment", "a dose"
    given_by: Callable[[str], bool]


_ASKS_INTERVAL = re.compile(r"\b(?:how often|interval|every|frequen\w*|how many years)\b", re.I)
_ASKS_AGE = re.compile(r"\b(?:what age|which age|at what age|how old|age\b|until when)", re.I)


_ASKS_WEEK = re.compile(
    r"\b(?:what|which) weeks?\b|\bhow many weeks\b|\bwhen in (?:the |my |her )?pregnancy\b",
    re.I,
)
_WEEKS = re.compile(r"\b\d{1,2}(?:\s*(?:to|-|–|and)\s*\d{1,2})?\s*weeks\b", re.I)


def gives_weeks(sentence: str) -> bool:
    """The sentence gives a week or span of weeks ("between 24 and 28 weeks of gestation")."""
    return bool(_WEEKS.search(sentence))


def asked_for(intent: Intent, question: str) -> AskedFor | None:
    """What the answer must give for this intent (None: a verdict or any fact will do)."""
    if intent == Intent.SCREENING:
        if _ASKS_WEEK.search(question):  # "At what week do they check for gestational diabetes?"
            return AskedFor("the week of pregnancy", gives_weeks)
        if _ASKS_INTERVAL.search(question):
            return AskedFor("the screening interval", gives_interval)
        if _ASKS_AGE.search(question):
            return AskedFor("the age", gives_age)
        return None
    if intent == Intent.FIRST_LINE:
        return AskedFor("a treatment", names_treatment)
    if intent == Intent.DOSING:
        return AskedFor("a dose", is_dosing)
    if intent == Intent.SYMPTOMS:
        return AskedFor("the symptoms", gives_symptoms)
    return None


_SYMPTOMS = re.compile(
    r"\b(?:symptoms?|signs?)\b[^.;,]{0,40}?\b(?:include|includes|including|is|are|may be|can be|"
    r"such as|like|start|begin|appear)\b|"
    r"\b(?:characteri[sz]ed by|present(?:s|ing)? with|complain\w* of)\b|"
    r"\b(?:may|can|often|usually|typically|might) (?:also )?(?:have|experience|feel|notice|"
    r"develop|cause)\b",
    re.I,
)


def gives_symptoms(sentence: str) -> bool:
    """The sentence tells what a condition is like to have ("Symptoms may include ...",
    "characterized by muscle stiffness", "people may feel ..."), not only that it has
    symptoms ("your provider will look at your symptoms")."""
    return bool(_SYMPTOMS.search(sentence))


# Populations a sentence may be about; a claim about one the question doesn't name is for
# another patient ("aspirin in pregnancy" for a cardiovascular question).
_POPULATION = re.compile(
    r"\b(pregnan\w*|gestation\w*|breastfeed\w*|lactat\w*|neonat\w*|newborn\w*|infants?|"
    r"child(?:ren)?|pediatric|paediatric|adolescen\w*|teen\w*|youths?)\b",
    re.I,
)


_EVERYONE = re.compile(r"\badults\b|\ball (?:people|persons|patients|women|men)\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|as well as|and also)\b[^.;]*", re.I)


_SAME_GROUP = {
    "gesta": "pregn",
    "lacta": "breas",
    "newbo": "neona",
    "paedi": "pedia",
    "teen": "adole",
    "teena": "adole",
    "teens": "adole",
    "youth": "adole",
}


def _group(word: str) -> str:
    """One key per population: "gestation" and "pregnancy" are the same patients."""
    prefix = word.lower()[:5]
    return _SAME_GROUP.get(prefix, prefix)


def without_inclusions(text: str) -> str:
    """The text without "including ..." clauses, which widen who it is for, not narrow it
    ("adults, including those who are pregnant" is not a recommendation for pregnancy)."""
    return _INCLUDING.sub("", text)


# Weeks of pregnancy, labour and conditions only pregnancy has: a question naming them is about
# pregnancy ("How can I lower my chances of getting preeclampsia?")
_OBSTETRIC = re.compile(
    r"\b\d{1,2}\+[0-6] ?(?:weeks?|wks?)\b|\b(?:preterm|premature) (?:labou?r|birth)\b|"
    r"\bin labou?r\b|\b(?:pre-?)?eclampsia\b|\bgestational (?:diabetes|hypertension)\b|"
    r"\bHELLP\b|\bplacenta\w* (?:previa|praevia|abruption|accreta)\b|\bhyperemesis\b|"
    r"\bmiscarriage\b",
    re.I,
)


def other_population(sentence: str, question: str, age: float | None = None) -> bool:
    """The sentence is about a population (pregnancy, children...) the question doesn't name
    (a patient's age names one: a 3-year-old is a child)."""
    named = {_group(m.group(1)) for m in _POPULATION.finditer(question)} | _groups_of_age(age)
    if _OBSTETRIC.search(question):
        named.add("pregn")  # "She's 28+2 weeks ... in established preterm labour"
    restricted = without_inclusions(sentence)
    if _EVERYONE.search(restricted):
        return False  # "adolescents and adults": the general population is named too
    found = {_group(m.group(1)) for m in _POPULATION.finditer(restricted)}
    return bool(found) and not (found & named)


# Forms of a condition that take different advice: acute vs chronic low back pain, type 1 vs
# type 2 diabetes. Each tuple lists patterns naming one form.
_FORMS = (
    (re.compile(r"\bacute\b", re.I), re.compile(r"\b(?:chronic|persistent|long-standing)\b", re.I)),
    (
        re.compile(r"\btype (?:1|i)\b|\bt1dm?\b", re.I),
        re.compile(r"\btype (?:2|ii)\b|\bt2dm?\b", re.I),
    ),
)


def other_form(sentence: str, question: str) -> bool:
    """The sentence is about another form of the condition than the question ("chronic low
    back pain" for a question about acute low back pain)."""
    for one, other in _FORMS:
        q_one, q_other = bool(one.search(question)), bool(other.search(question))
        s_one, s_other = bool(one.search(sentence)), bool(other.search(sentence))
        if q_one != q_other and s_one != s_other and q_one != s_one:
            return True
    return False


def _groups_of_age(age: float | None) -> set[str]:
    if age is None or age >= 18:
        return set()
    if age < 1:
        return {"infan", "neona", "child", "pedia"}
    if age < 12:
        return {"child", "pedia", "infan"}  # "infants and children" guidelines cover them
    return {"adole", "child", "pedia"}


def for_other_patients(sentence: str, question: str, age: float | None = None) -> bool:
    """The sentence is for another population or another form of the condition."""
    return other_population(sentence, question, age) or other_form(sentence, question)


# How sources name each population the question understanding recognises.
_POPULATION_WORDS = {
    Population.PREGNANCY: r"pregnan|gestation|antenatal|prenatal",
    Population.BREASTFEEDING: r"breast-?fe|lactat|nursing|breast milk",
    Population.CHILDREN: r"child|pediatric|paediatric|infant|toddler",
    Population.INFANTS: r"infant|neonat|newborn",
    Population.ADOLESCENTS: r"adolescen|teen|youth",
    Population.OLDER_ADULTS: r"older|elderly|aged|geriatric|65 years|75 years",
    Population.RENAL_IMPAIRMENT: r"renal|kidney|egfr|creatinine clearance|ckd",
    Population.HEPATIC_IMPAIRMENT: r"hepatic|liver|cirrho",
}


def population_named(population: Population, text: str) -> bool:
    """The text is about the population (women and men are not asked of the evidence)."""
    words = _POPULATION_WORDS.get(population)
    return words is None or re.search(words, text, re.I) is not None


_REFERS_BACK = re.compile(
    r"^(?:these|this|those|such|it|they|he|she|others)\b"
    r"(?! (?:condition|disorder|disease|syndrome)\b)"
    r"|\b(?:of|any of|all of|none of) (?:these|those)\b",
    re.I,
)


def refers_back(sentence: str) -> int:
    """1 when the sentence leans on the one before it ("These symptoms ...", "any of these
    signs"), so it cannot stand alone as an answer; else 0. "This condition ..." names the
    topic of the page it is on."""
    return int(bool(_REFERS_BACK.search(sentence)))


_STUDY_AIM = re.compile(
    r"^(?:(?:background|objectives?|aims?|purpose)\s*[:.]\s*)?(?:to (?:compare|determine|assess|"
    r"evaluate|investigate|examine|explore|describe|identify|test|estimate|characteri[sz]e|"
    r"measure|review)\b|(?:the|our) (?:aim|objective|purpose|goal)s? (?:of (?:this|the) "
    r"(?:study|trial|review|analysis) )?(?:was|were|is|are)\b|we (?:aimed|sought|set out|"
    r"hypothesi[sz]ed)\b|this (?:study|trial|review) (?:aimed|aims|was designed|sought|"
    r"was (?:undertaken|conducted|performed|carried out) to)\b)",
    re.I,
)


def states_aim(sentence: str) -> bool:
    """A study's aim ("To compare adherence to ...", "We aimed to ..."): what it set out to
    learn, not what it found, so it answers nothing."""
    return bool(_STUDY_AIM.search(sentence.strip()))
