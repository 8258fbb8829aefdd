"""Population criteria of a recommendation, read from its text.

Reads ages, risk thresholds, sex, pregnancy, eGFR, CKD stage and BMI from recommendation text
with regular expressions (compiled once, here). Conventions, chosen to match how guidelines
write abutting groups ("7.5% to 10%" next to "10% or greater"):
- age, eGFR and BMI ranges include both ends ("40 to 75 years", "eGFR 30-59", "BMI 30-34.9");
- a risk range "7.5% to 10%" includes 7.5 and excludes 10, which belongs to "10% or greater";
- age words without numbers: children/adolescents < 18, infants < 1, older adults >= 65,
  adults >= 18 (only when no numeric age is given);
- CKD stages follow KDIGO: G1 >= 90, G2 60-89, G3a 45-59, G3b 30-44, G4 15-29, G5 < 15.
"""

from __future__ import annotations

import re

from medcite.compose.understand.patient import (
    DOSE_AMOUNT,
    LIMITED_RESOURCES,
    dose_number,
    dose_unit,
    obstetric_weeks,
    smoking_status,
)
from medcite.models import NumericRange, PopulationCriteria

_NUM = r"(\d+(?:\.\d+)?)"
_TO = r"\s*(?:to|through|and|-|–|—)\s*"
_GE = r"(?:≥|>=|=>|at\s+least|of\s+at\s+least)"
_GT = r"(?:>|greater\s+than|more\s+than|higher\s+than|above|over|exceeding)"
_LE = r"(?:≤|<=|=<|at\s+most|no\s+more\s+than)"
_LT = r"(?:<|less\s+than|lower\s+than|below|under|fewer\s+than)"
_OR_MORE = r"(?:or|and)\s+(?:greater|higher|more|above|over)"
_OR_LESS = r"(?:or|and)\s+(?:less|lower|below|under)"

_AGE_RANGE = re.compile(
    rf"\b(?:aged?|ages(?:\s+of)?|between\s+the\s+ages\s+of)\s+{_NUM}{_TO}{_NUM}(?:\s+years)?"
    rf"|\b{_NUM}{_TO}{_NUM}\s+years(?:\s+of\s+age|\s+old)?",
    re.I,
)
_AGE_AT_LEAST = re.compile(
    rf"\b{_NUM}\s+years(?:\s+of\s+age)?\s+(?:or|and)\s+(?:older|over|above)|\baged?\s+{_GE}\s*{_NUM}"
    rf"|\baged?\s+{_NUM}\s+(?:years\s+)?(?:or|and)\s+(?:older|over)|(?<!\w){_GE}\s*{_NUM}\s+years",
    re.I,
)
_AGE_OLDER = re.compile(
    rf"(?:\b(?:older\s+than\s+|over\s+(?:the\s+age\s+of\s+)?|aged?\s+(?:over|more\s+than)\s+)|>\s*)"
    rf"{_NUM}\s*(?:years|yr|y\b)"
    rf"|\b(?:more|greater)\s+than\s+{_NUM}\s+years\s+(?:of\s+age|old)",
    re.I,
)
_AGE_YOUNGER = re.compile(
    rf"\b(?:younger\s+than|under\s+the\s+age\s+of|aged?\s+(?:less\s+than|under|younger\s+than))\s+{_NUM}"
    rf"|(?:\bunder\s+|<\s*){_NUM}\s*(?:years|yr|y\b)"
    rf"|\b(?:less|fewer|younger)\s+than\s+{_NUM}\s+years\s+(?:of\s+age|old)"
    rf"|\b{_NUM}\s+years(?:\s+of\s+age)?\s+(?:or|and)\s+younger",
    re.I,
)
_AGE_GROUPS = (
    (re.compile(r"\b(?:infants?|newborns?|neonates?)\b", re.I), NumericRange(high=1, high_inclusive=False)),
    (re.compile(r"\b(?:children|child|paediatric|pediatric|adolescents?|teenagers?)\b", re.I), NumericRange(high=18, high_inclusive=False)),
    (re.compile(r"\b(?:older|elderly)\s+(?:adults|people|persons|patients|women|men)\b", re.I), NumericRange(low=65)),
    (re.compile(r"\badults?\b", re.I), NumericRange(low=18)),
)
_PERCENT = rf"{_NUM}\s*%"
_RISK_RANGE = re.compile(rf"{_PERCENT}{_TO}{_PERCENT}", re.I)
_RISK_AT_LEAST = re.compile(rf"{_PERCENT}\s+{_OR_MORE}|{_GE}\s*{_PERCENT}", re.I)
_RISK_ABOVE = re.compile(rf"{_GT}\s*{_PERCENT}", re.I)
_RISK_BELOW = re.compile(rf"{_LT}\s*{_PERCENT}|{_PERCENT}\s+{_OR_LESS}", re.I)
_RISK_WORD = re.compile(r"\brisk\b", re.I)
RISK_WINDOW_CHARS = 80
_FEMALE = re.compile(r"\b(?:women|woman|female|females|girls?|mothers?|pregnant|postmenopausal)\b", re.I)
_MALE = re.compile(r"\b(?:men|man|male|males|boys?)\b", re.I)
_NOT_PREGNANT = re.compile(r"\b(?:non-?pregnant|not\s+pregnant)\b", re.I)
_PREGNANT = re.compile(r"\b(?:pregnant|pregnancy|antenatal|prenatal|gestation(?:al)?)\b", re.I)
_EGFR = r"\b(?:e?GFR|glomerular\s+filtration\s+rate)\b(?:\s*\([^)]*\))?(?:\s+(?:of|is|was))?\s*"
_EGFR_RANGE = re.compile(rf"{_EGFR}{_NUM}{_TO}{_NUM}", re.I)
_EGFR_BELOW = re.compile(rf"{_EGFR}(?:{_LT}|{_LE})\s*{_NUM}|{_EGFR}{_NUM}\s+{_OR_LESS}", re.I)
_EGFR_ABOVE = re.compile(rf"{_EGFR}(?:{_GT}|{_GE})\s*{_NUM}|{_EGFR}{_NUM}\s+{_OR_MORE}", re.I)
_CKD_STAGES = re.compile(
    r"\b(?:CKD|chronic\s+kidney\s+disease)?\s*(?:G|stages?\s+)((?:[1-5][ab]?)(?:(?:\s*(?:,|or|and|to|-|–))+\s*(?:G)?[1-5][ab]?)*)"
    r"(?:\s+(?:CKD|chronic\s+kidney\s+disease))?",
    re.I,
)
_KIDNEY = re.compile(r"\b(?:CKD|kidney|renal)\b", re.I)
_BMI = r"\b(?:BMI|body\s+mass\s+index)\b(?:\s*\([^)]*\))?(?:\s+(?:of|is))?\s*"
_BMI_RANGE = re.compile(rf"{_BMI}{_NUM}{_TO}{_NUM}", re.I)
_BMI_AT_LEAST = re.compile(rf"{_BMI}{_GE}\s*{_NUM}|{_BMI}{_NUM}\s*(?:kg/m2|kg/m²)?\s+{_OR_MORE}", re.I)
_BMI_ABOVE = re.compile(rf"{_BMI}{_GT}\s*{_NUM}", re.I)
_BMI_BELOW = re.compile(rf"{_BMI}(?:{_LT}|{_LE})\s*{_NUM}", re.I)
# Doses a recommendation is limited to: "400 IU or less", "greater than 1000 mg", "≥ 2 g".
_DOSE_LIMITS = (
    (re.compile(rf"{DOSE_AMOUNT}\s+{_OR_LESS}", re.I), "high", True),
    (re.compile(rf"(?:{_LE}|up\s+to)\s*{DOSE_AMOUNT}", re.I), "high", True),
    (re.compile(rf"{_LT}\s*{DOSE_AMOUNT}", re.I), "high", False),
    (re.compile(rf"{DOSE_AMOUNT}\s+{_OR_MORE}", re.I), "low", True),
    (re.compile(rf"{_GE}\s*{DOSE_AMOUNT}", re.I), "low", True),
    (re.compile(rf"(?:{_GT}|in\s+excess\s+of)\s*{DOSE_AMOUNT}", re.I), "low", False),
)
# The health system a recommendation is for (WHO: "In well-resourced settings, ...").
_WELL_RESOURCED = re.compile(r"\b(?:well[- ]resourced|high[- ]income|resource[- ]rich)", re.I)
_ALL_STAGES = ("1", "2", "3a", "3b", "4", "5")
STAGE_EGFR = {  # KDIGO G categories, in mL/min/1.73 m2
    "1": NumericRange(low=90),
    "2": NumericRange(low=60, high=90, high_inclusive=False),
    "3": NumericRange(low=30, high=60, high_inclusive=False),
    "3a": NumericRange(low=45, high=60, high_inclusive=False),
    "3b": NumericRange(low=30, high=45, high_inclusive=False),
    "4": NumericRange(low=15, high=30, high_inclusive=False),
    "5": NumericRange(high=15, high_inclusive=False),
}


def _numbers(match: re.Match[str]) -> list[float]:
    return [float(g) for g in match.groups() if g is not None]


def _first_number(match: re.Match[str]) -> float:
    return _numbers(match)[0]


def parse_age(text: str) -> NumericRange | None:
    """Age range in years from 'aged 40 to 75 years', '65 years or older', 'younger than 21', 'children'."""
    if m := _AGE_RANGE.search(text):
        low, high = _numbers(m)[:2]
        return NumericRange(low=low, high=high, text=m.group())
    if m := _AGE_AT_LEAST.search(text):
        return NumericRange(low=_first_number(m), text=m.group())
    if m := _AGE_OLDER.search(text):
        return NumericRange(low=_first_number(m), low_inclusive=False, text=m.group())
    if m := _AGE_YOUNGER.search(text):
        inclusive = "younger" in m.group().lower() and "than" not in m.group().lower()
        return NumericRange(high=_first_number(m), high_inclusive=inclusive, text=m.group())
    found = [(m, r) for pattern, r in _AGE_GROUPS if (m := pattern.search(text))]
    # "older adults" is one group, not "older adults" and "adults".
    groups = [
        (m, r)
        for m, r in found
        if not any(o is not m and o.start() <= m.start() and m.end() <= o.end() for o, _ in found)
    ]
    if len(groups) > 1:
        return None  # "adolescents and adults": several age groups, no single range
    if groups:
        m, age_range = groups[0]
        return age_range.model_copy(update={"text": m.group()})
    return None


def _near_risk(text: str, match: re.Match[str]) -> bool:
    window = text[max(0, match.start() - RISK_WINDOW_CHARS) : match.end() + RISK_WINDOW_CHARS]
    return bool(_RISK_WORD.search(window))


def parse_risk(text: str) -> NumericRange | None:
    """Risk threshold in percent from '10% or greater', '7.5% to 10%', '<5%' near the word risk."""
    readings = (
        (_RISK_RANGE, lambda a: NumericRange(low=a[0], high=a[1], high_inclusive=False)),
        (_RISK_AT_LEAST, lambda a: NumericRange(low=a[0])),
        (_RISK_ABOVE, lambda a: NumericRange(low=a[0], low_inclusive=False)),
        (_RISK_BELOW, lambda a: NumericRange(high=a[0], high_inclusive=False)),
    )
    for pattern, build in readings:
        for m in pattern.finditer(text):
            if _near_risk(text, m):
                return build(_numbers(m)).model_copy(update={"text": m.group()})
    return None


def _parse_threshold(
    text: str, ranged: re.Pattern[str], at_least: re.Pattern[str] | None,
    above: re.Pattern[str], below: re.Pattern[str],
) -> NumericRange | None:
    if m := ranged.search(text):
        low, high = _numbers(m)[:2]
        return NumericRange(low=low, high=high, text=m.group())
    if at_least is not None and (m := at_least.search(text)):
        return NumericRange(low=_first_number(m), text=m.group())
    if m := above.search(text):
        inclusive = bool(re.search(r"≥|>=|at\s+least|or\s+(?:more|greater|higher)", m.group(), re.I))
        return NumericRange(low=_first_number(m), low_inclusive=inclusive, text=m.group())
    if m := below.search(text):
        inclusive = bool(re.search(r"≤|<=|at\s+most|or\s+(?:less|lower)", m.group(), re.I))
        return NumericRange(high=_first_number(m), high_inclusive=inclusive, text=m.group())
    return None


def _expand_stages(spec: str) -> list[str]:
    tokens = re.findall(r"[1-5][ab]?|to|-|–", spec.lower())
    stages: list[str] = []
    for i, token in enumerate(tokens):
        if token in ("to", "-", "–") and stages and i + 1 < len(tokens):
            first, last = stages[-1], tokens[i + 1]
            span = _ALL_STAGES[_ALL_STAGES.index(_stage_key(first)) : _ALL_STAGES.index(_stage_key(last, end=True)) + 1]
            stages.extend(s for s in span if s not in stages)
        elif token[0].isdigit() and token not in stages:
            stages.append(token)
    return stages


def _stage_key(stage: str, end: bool = False) -> str:
    if stage == "3":
        return "3b" if end else "3a"
    return stage


def parse_ckd_stages(text: str) -> list[str]:
    """CKD stages named in a kidney context: 'stage 3b', 'stages 3 to 5', 'G4'."""
    if not _KIDNEY.search(text):
        return []
    stages: list[str] = []
    for m in _CKD_STAGES.finditer(text):
        stages.extend(s for s in _expand_stages(m.group(1)) if s not in stages)
    return stages


def population_criteria(text: str, heading: str = "") -> PopulationCriteria:
    """Population criteria from a recommendation (its section heading fills in what it lacks)."""
    criteria = _criteria(text)
    if heading:
        from_heading = _criteria(heading)
        update = {k: v for k, v in from_heading if v not in (None, []) and getattr(criteria, k) in (None, [])}
        criteria = criteria.model_copy(update=update)
    return criteria


# Weeks of pregnancy, in obstetric notation too ("24+0", "29+6": weeks+days).
_WEEK = r"(\d{1,2}(?:\+[0-6])?)"
_OF_PREGNANCY = r"\s*(?:weeks?|wks?)(?:'|’)?(?:\s+(?:of\s+)?(?:gestation|pregnancy))?"
_GESTATION_RANGE = re.compile(rf"\b{_WEEK}{_TO}{_WEEK}{_OF_PREGNANCY}", re.I)
_GESTATION_FROM = re.compile(
    rf"\b(?:after|from|beyond|at\s+or\s+after|at\s+least|{_GE}|{_GT})\s*{_WEEK}{_OF_PREGNANCY}"
    rf"|\b{_WEEK}{_OF_PREGNANCY}\s+(?:or|and)\s+(?:more|over|later|beyond)",
    re.I,
)
_GESTATION_BEFORE = re.compile(
    rf"\b(?:before|up\s+to|{_LT}|{_LE})\s*{_WEEK}{_OF_PREGNANCY}"
    rf"|\b{_WEEK}{_OF_PREGNANCY}\s+(?:or|and)\s+(?:less|under|earlier)",
    re.I,
)


def parse_gestation(text: str) -> NumericRange | None:
    """Weeks of pregnancy a recommendation is for ("between 24+0 and 29+6 weeks of
    pregnancy", "after 12 weeks of gestation", "before 16 weeks"); read only in text about
    pregnancy, so an infant's "6 to 8 weeks" is no gestation."""
    if not _PREGNANT.search(text):
        return None
    if m := _GESTATION_RANGE.search(text):
        low, high = (obstetric_weeks(g) for g in m.groups()[:2])
        # "24 to 28 weeks" covers all of week 28; "29+6" is its own last day
        high = high if "+" in m.group(2) else high + 6 / 7
        return NumericRange(low=low, high=high, text=m.group())
    if m := _GESTATION_FROM.search(text):
        week = next(g for g in m.groups() if g is not None)
        exclusive = bool(re.match(r"after|beyond|>|greater|more|over|higher|above", m.group(), re.I))
        return NumericRange(low=obstetric_weeks(week), low_inclusive=not exclusive, text=m.group())
    if m := _GESTATION_BEFORE.search(text):
        week = next(g for g in m.groups() if g is not None)
        inclusive = bool(re.search(r"up\s+to|≤|<=|at\s+most|or\s+(?:less|under|earlier)", m.group(), re.I))
        return NumericRange(high=obstetric_weeks(week), high_inclusive=inclusive, text=m.group())
    return None


# Who a recommendation is for by smoking: "a 30 pack-year smoking history", "men who have
# ever smoked"; "women who have never smoked" (checked first).
_NEVER_SMOKED = re.compile(r"\b(?:never smoked|non-?smokers?|nonsmoking)\b", re.I)
_EVER_SMOKED = re.compile(
    r"\b(?:pack-year smoking history|who (?:currently )?smoke or|(?:have|has) ever smoked|"
    r"current or former smokers?)\b",
    re.I,
)


# "who smoke or quit smoking less than 15 years ago", "have quit within the past 15 years"
_QUIT_WITHIN = re.compile(
    rf"\bquit(?:\s+smoking)?\s+(?:(?:with)?in\s+the\s+(?:past|last)|less\s+than|{_LT}|within)"
    rf"\s+{_NUM}\s+years",
    re.I,
)


# "adults born between 1945 and 1965", "persons born from 1945 through 1965"
_BORN_BETWEEN = re.compile(
    r"\bborn (?:between|from|during) (19\d\d|20\d\d)\s*(?:and|through|to|-|–)\s*(19\d\d|20\d\d)\b",
    re.I,
)


def _birth_years(text: str) -> NumericRange | None:
    m = _BORN_BETWEEN.search(text)
    if not m:
        return None
    return NumericRange(low=float(m.group(1)), high=float(m.group(2)), text=m.group(0))


def _dose_limits(text: str) -> dict[str, NumericRange] | None:
    """Unit -> the dose range a recommendation is limited to (the first limit per unit)."""
    limits: dict[str, NumericRange] = {}
    for pattern, bound, inclusive in _DOSE_LIMITS:
        for m in pattern.finditer(text):
            unit, value = dose_unit(m.group(2)), dose_number(m.group(1))
            if unit not in limits:
                limits[unit] = NumericRange(
                    **{bound: value, f"{bound}_inclusive": inclusive}, text=m.group(0)
                )
    return limits or None


def _limited_resources(text: str) -> bool | None:
    if LIMITED_RESOURCES.search(text):
        return True
    return False if _WELL_RESOURCED.search(text) else None


def _criteria(text: str) -> PopulationCriteria:
    female, male = bool(_FEMALE.search(text)), bool(_MALE.search(text))
    pregnant = False if _NOT_PREGNANT.search(text) else (True if _PREGNANT.search(text) else None)
    return PopulationCriteria(
        age=parse_age(text),
        risk_percent=parse_risk(text),
        sex="female" if female and not male else "male" if male and not female else None,
        pregnant=pregnant,
        gestational_weeks=parse_gestation(text) if pregnant else None,
        egfr=_parse_threshold(text, _EGFR_RANGE, None, _EGFR_ABOVE, _EGFR_BELOW),
        ckd_stages=parse_ckd_stages(text),
        bmi=_parse_threshold(text, _BMI_RANGE, _BMI_AT_LEAST, _BMI_ABOVE, _BMI_BELOW),
        ever_smoked=smoking_status(text, _NEVER_SMOKED, _EVER_SMOKED),
        quit_smoking_within_years=float(m.group(1)) if (m := _QUIT_WITHIN.search(text)) else None,
        birth_years=_birth_years(text),
        limited_resources=_limited_resources(text),
        doses=_dose_limits(text),
    )
