"""The patient's numbers and the populations a question names: they select among
recommendations, they are not topics."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medcite.compose.understand.allergies import stated_allergies
from medcite.models import PatientFacts, Population

_NUM = r"(\d{1,3}(?:\.\d+)?)"
AGE_PATTERNS = [
    re.compile(rf"\b{_NUM}[- ]?(?:years?|yrs?|y)[- ]?old\b", re.I),
    re.compile(rf"\b{_NUM}[- ]?(?:yo|y/o|y\.o\.)\b", re.I),
    re.compile(rf"\baged? (?:of )?{_NUM}\b", re.I),
    re.compile(
        rf"\b(?:is|am|i'm|i’m|he's|she's|turned|turning) {_NUM}\b"
        r"(?!(?:\s*(?:to|-|–|\+)\s*\d+(?:\.\d+)?)? ?(?:%|percent|mg|weeks?|days?|months?|kg|lbs?|cm))",
        re.I,
    ),
    re.compile(rf"\b{_NUM} ?(?:M|F)\b"),
    # "at her son's 2-year visit", "the 4-year well-child check"
    re.compile(
        rf"\b{_NUM}[- ](?:years?|yr)[- ](?:old )?(?:well[- ]child |well[- ]baby )?"
        r"(?:visit|check-?up|check|appointment|exam)\b",
        re.I,
    ),
    # "My husband, 89, has been unable to urinate"
    re.compile(
        r"\b(?:husband|wife|son|daughter|mother|father|mom|dad|grand(?:son|daughter|mother|"
        r"father)|friend|brother|sister|partner|patient|man|woman|boy|girl)"
        rf"\s*[,(]\s*{_NUM}\s*[,)]",
        re.I,
    ),
    re.compile(
        rf"\bat (?:age |the age of )?{_NUM}\b"
        r"(?!(?:\s*(?:to|-|–)\s*\d+(?:\.\d+)?)? ?"  # "at 24 to 28 weeks" is no age
        r"(?:%|percent|mg|weeks?|days?|months?|hours?|kg|lbs?|cm|degrees|°|mmhg|bpm))",
        re.I,
    ),
]
FEMALE = re.compile(r"\b(woman|women|female|girl|she|her|mother|daughter|wife|mom|lady)\b", re.I)
MALE = re.compile(r"\b(man|men|male|boy|he|his|him|father|son|husband|dad|gentleman)\b", re.I)
# "28+2 weeks" is obstetric notation; preterm labour is a pregnancy
PREGNANT = re.compile(
    r"\b(pregnan\w*|expecting a baby|gestation\w*|trimester|(?:preterm|premature) "
    r"(?:labou?r|birth)|in labou?r|\d{1,2}\+[0-6] ?(?:weeks?|wks?))\b",
    re.I,
)
NOT_PREGNANT = re.compile(r"\bnot pregnant\b|\bnon-?pregnant\b", re.I)
GESTATION = re.compile(
    rf"\b{_NUM}\s?(?:weeks?|wks?)(?: of gestation| gestation| pregnant|'? ?gestational)", re.I
)
GESTATION_WEEK = re.compile(
    rf"\bweek {_NUM} of (?:pregnancy|gestation)\b|\b(\d{{1,2}}\+[0-6]) ?(?:weeks?|wks?)?\b", re.I
)
RISK = re.compile(
    rf"\b(?:10|ten)[- ]year[^.?!%]{{0,40}}?(?:risk|ascvd|cvd)[^.?!%\d]{{0,20}}{_NUM}\s?%"
    rf"|\brisk (?:score )?(?:of |is |= ?)?{_NUM}\s?%"
    rf"|\b{_NUM}\s?%[^.?!%]{{0,30}}\brisk\b",
    re.I,
)
EGFR = re.compile(rf"\begfr\b[^.?!\d]{{0,20}}{_NUM}", re.I)
CKD = re.compile(
    r"\b(?:ckd|chronic kidney disease)\s*(?:stage\s*)?([1-5][ab]?)\b"
    r"|\bstage\s*([1-5][ab]?)\s*(?:ckd|chronic kidney disease)\b",
    re.I,
)
BMI = re.compile(rf"\bbmi\b[^.?!\d]{{0,12}}{_NUM}|{_NUM}\s?kg/m2", re.I)
QUIT_YEARS_AGO = re.compile(
    rf"\b(?:quit|stopped|gave up)(?: smoking| cigarettes)? (?:about |over |almost )?{_NUM} "
    rf"years? ago|\b(?:haven'?t|have not|hasn'?t|has not) smoked (?:in|for) (?:about |over )?"
    rf"{_NUM} years",
    re.I,
)
# Checked first: "has never smoked" also says "smoked".
NEVER_SMOKED = re.compile(
    r"\b(?:never (?:been a )?smok\w*|never (?:tried|used) (?:a )?(?:cigarettes?|tobacco)|"
    r"non-?smok\w*|(?:does|do|did)(?: not|n'?t) smoke)\b",
    re.I,
)
EVER_SMOKED = re.compile(
    r"\b(?:smokers?|smokes|smoked|smoking history|pack[- ]years?|cigarettes? a day|"
    r"quit smoking|stopped smoking|(?:still|currently|i|we|they) smoke)\b",
    re.I,
)


def smoking_status(text: str, never: re.Pattern[str], ever: re.Pattern[str]) -> bool | None:
    """Has smoked (True), never has (False), or not said; "never" is read first, since "has
    never smoked" also says "smoked"."""
    if never.search(text):
        return False
    return True if ever.search(text) else None


POPULATION_PATTERNS: dict[Population, re.Pattern[str]] = {
    Population.PREGNANCY: re.compile(
        r"(?<!non-)(?<!non )(?<!not )\b(pregnan\w*|trimester|gestation\w*|expecting)\b", re.I
    ),
    Population.BREASTFEEDING: re.compile(
        r"\b(breast-?feed\w*|breast feeding|lactat\w*|nursing mothers?|breastfed)\b", re.I
    ),
    # "baby aspirin" is a dose and "trying for a baby" a pregnancy plan, not an infant.
    Population.INFANTS: re.compile(
        r"\b(infants?|newborns?|neonat\w*|(?<!for a )(?<!have a )(?<!having a )(?<!expecting a )"
        r"bab(?:y|ies)(?! aspirin| boomers?))\b",
        re.I,
    ),
    Population.CHILDREN: re.compile(r"\b(child\w*|kids?|pediatric|paediatric|toddlers?)\b", re.I),
    Population.ADOLESCENTS: re.compile(r"\b(adolescen\w*|teen\w*|youth)\b", re.I),
    Population.OLDER_ADULTS: re.compile(
        r"\b(elderly|older (adults?|people|patients|women|men|persons)|geriatric|aged 65|seniors?)\b",
        re.I,
    ),
    Population.RENAL_IMPAIRMENT: re.compile(
        r"\b(ckd|chronic kidney disease|renal (impairment|insufficiency|failure)|"
        r"kidney (disease|failure|impairment)|dialysis|egfr)\b",
        re.I,
    ),
    Population.HEPATIC_IMPAIRMENT: re.compile(
        r"\b(hepatic (impairment|insufficiency)|liver (disease|failure|impairment)|cirrhosis)\b",
        re.I,
    ),
}


def names_population(text: str) -> bool:
    """The text names a population ("pregnant", "children", "older adults")."""
    return any(pattern.search(text) for pattern in POPULATION_PATTERNS.values())


_SON_OR_DAUGHTER = re.compile(r"\b(my|our) (son|daughter)\b", re.I)


@dataclass
class PatientDetails:
    facts: PatientFacts
    spans: list[tuple[int, int]]  # character spans of the numbers, not to be searched


def _first(pattern: re.Pattern[str], text: str) -> tuple[float | str | None, tuple[int, int]]:
    m = pattern.search(text)
    if not m:
        return None, (0, 0)
    value = next(g for g in m.groups() if g is not None)
    return value, m.span()


# Care in a health system short of resources, in a question or a recommendation.
LIMITED_RESOURCES = re.compile(
    r"\b(?:limited[- ]resource|low[- ]resource|resource[- ](?:poor|limited|constrained)|"
    r"low[- ] and middle[- ]income|low[- ]income countr|developing countr)",
    re.I,
)


# A dose as written: "400 IU", "1,000 mg", "2.5 mcg".
DOSE_AMOUNT = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(mg|mcg|µg|ug|g|IU|iu|units?)\b"
_DOSE = re.compile(DOSE_AMOUNT)


def dose_unit(unit: str) -> str:
    """One name per unit: 'µg' and 'ug' are 'mcg', 'units' is 'unit', 'IU' is 'iu'."""
    unit = unit.lower()
    return {"µg": "mcg", "ug": "mcg", "units": "unit"}.get(unit, unit)


def dose_number(number: str) -> float:
    return float(number.replace(",", ""))


def question_doses(text: str) -> dict[str, list[float]] | None:
    """The doses a question names, by unit."""
    doses: dict[str, list[float]] = {}
    for m in _DOSE.finditer(text):
        doses.setdefault(dose_unit(m.group(2)), []).append(dose_number(m.group(1)))
    return doses or None


# WHO adult BMI classes, in kg/m2: what a guideline's "who are overweight or obese" means.
_BMI_CLASSES = ((30.0, "obese obesity"), (25.0, "overweight"))


def implied_words(facts: PatientFacts) -> str:
    """Words the patient's numbers imply ("BMI 31": obese), for matching the groups
    recommendations name."""
    if facts.bmi is None:
        return ""
    return next((words for low, words in _BMI_CLASSES if facts.bmi >= low), "")


def patient_facts(text: str) -> PatientDetails:
    spans: list[tuple[int, int]] = []
    facts = PatientFacts()
    for pattern in AGE_PATTERNS:
        value, span = _first(pattern, text)
        if value is not None and 0 < float(value) < 120:
            facts.age = float(value)
            spans.append(span)
            break
    numeric = {
        "risk_percent": RISK,
        "egfr": EGFR,
        "bmi": BMI,
        "years_since_quit_smoking": QUIT_YEARS_AGO,
    }
    for field, pattern in numeric.items():
        value, span = _first(pattern, text)
        if value is not None:
            setattr(facts, field, float(value))
            spans.append(span)
    stage, span = _first(CKD, text)
    if stage is not None:
        facts.ckd_stage = str(stage).lower()
        spans.append(span)
    facts.sex = _sex(text)
    facts.ever_smoked = smoking_status(text, NEVER_SMOKED, EVER_SMOKED)
    if LIMITED_RESOURCES.search(text):
        facts.limited_resources = True
    facts.doses = question_doses(text)
    facts.allergies = stated_allergies(text) or None
    if NOT_PREGNANT.search(text):
        facts.pregnant = False
    elif PREGNANT.search(text):
        facts.pregnant = True
        week, span = _first(GESTATION, text)
        week = week if week is not None else _first(GESTATION_WEEK, text)[0]
        facts.gestational_week = obstetric_weeks(str(week)) if week is not None else None
    return PatientDetails(facts, spans)


def obstetric_weeks(notation: str) -> float:
    """'28+2' (obstetric weeks+days) -> 28.29 weeks; '28' -> 28."""
    week, _, days = notation.partition("+")
    return float(week) + (float(days) / 7 if days else 0.0)


def _sex(text: str) -> str | None:
    female, male = FEMALE.search(text), MALE.search(text)
    if female and not male:
        return "female"
    if male and not female:
        return "male"
    if female and male:  # the first named is usually the patient ("my son ... she said")
        return "female" if female.start() < male.start() else "male"
    return None


def populations(text: str, facts: PatientFacts, older_age: float = 65.0) -> list[Population]:
    found = [p for p, pattern in POPULATION_PATTERNS.items() if pattern.search(text)]
    if facts.age is None and _SON_OR_DAUGHTER.search(text):
        found.append(Population.CHILDREN)  # "my daughter is 20" is an adult
    if facts.age is not None:
        by_age = (
            Population.OLDER_ADULTS
            if facts.age >= older_age
            else Population.ADOLESCENTS
            if 12 <= facts.age < 18
            else Population.CHILDREN
            if facts.age < 12
            else None
        )
        if by_age and by_age not in found:
            found.append(by_age)
    if facts.ckd_stage or facts.egfr is not None:
        found.append(Population.RENAL_IMPAIRMENT)
    if facts.pregnant and Population.PREGNANCY not in found:
        found.append(Population.PREGNANCY)  # "28+2 weeks", "in preterm labour"
    return list(dict.fromkeys(found))
