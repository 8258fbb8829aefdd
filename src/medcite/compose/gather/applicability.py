"""Whether a recommendation's population criteria (gather/criteria.py) cover the patient
in the question: each criterion the text states is met, failed, or unknown because the
question gives no number for it."""

from __future__ import annotations

from datetime import date

from medcite.compose.gather.criteria import STAGE_EGFR
from medcite.models import Applicability, NumericRange, PatientFacts, PopulationCriteria


def _in_range(criterion: NumericRange | None, value: float | None) -> Applicability | None:
    if criterion is None:
        return None
    if value is None:
        return Applicability.UNKNOWN
    return Applicability.APPLIES if criterion.contains(value) else Applicability.DOES_NOT_APPLY


def _stage_match(stages: list[str], facts: PatientFacts) -> Applicability | None:
    if not stages:
        return None
    if facts.ckd_stage:
        stage = facts.ckd_stage.lower().removeprefix("g")
        if stage in stages or stage[:1] in stages:
            return Applicability.APPLIES
        if stage == "3" and ("3a" in stages) != ("3b" in stages):
            return Applicability.UNKNOWN  # '3' could be either half
        return Applicability.DOES_NOT_APPLY
    if facts.egfr is not None:
        inside = any(STAGE_EGFR[s].contains(facts.egfr) for s in stages if s in STAGE_EGFR)
        return Applicability.APPLIES if inside else Applicability.DOES_NOT_APPLY
    return Applicability.UNKNOWN


def _egfr_match(criterion: NumericRange | None, facts: PatientFacts) -> Applicability | None:
    if criterion is None or facts.egfr is not None or not facts.ckd_stage:
        return _in_range(criterion, facts.egfr)
    band = STAGE_EGFR.get(facts.ckd_stage.lower().removeprefix("g"))
    if band is None:
        return Applicability.UNKNOWN
    band_low, band_high = band.low or 0.0, band.high or 200.0
    if criterion.contains(band_low) and criterion.contains(band_high - 0.01):
        return Applicability.APPLIES  # the whole stage lies inside the criterion
    low = criterion.low if criterion.low is not None else float("-inf")
    high = criterion.high if criterion.high is not None else float("inf")
    overlaps = low < band_high and high > band_low
    return Applicability.UNKNOWN if overlaps else Applicability.DOES_NOT_APPLY


def _categorical(criterion: object, value: object) -> Applicability | None:
    if criterion is None:
        return None
    if value is None:
        return Applicability.UNKNOWN
    return Applicability.APPLIES if criterion == value else Applicability.DOES_NOT_APPLY


def applicability_details(
    criteria: PopulationCriteria, facts: PatientFacts, this_year: int | None = None
) -> dict[str, Applicability]:
    """Criterion name -> whether the patient meets it (only criteria the text states); a
    birth cohort is judged from the patient's age as of `this_year` (default: today's)."""
    pregnant = facts.pregnant
    if criteria.pregnant and pregnant is None and facts.sex == "male":
        pregnant = False
    results = {
        "age": _in_range(criteria.age, facts.age),
        "risk_percent": _in_range(criteria.risk_percent, facts.risk_percent),
        "sex": _categorical(criteria.sex, facts.sex),
        "pregnant": _categorical(criteria.pregnant, pregnant),
        # judged only when the question gives a week: without one it asks about any time
        "gestation": _in_range(criteria.gestational_weeks, facts.gestational_week)
        if facts.gestational_week is not None
        else None,
        "egfr": _egfr_match(criteria.egfr, facts),
        "ckd_stage": _stage_match(criteria.ckd_stages, facts),
        "bmi": _in_range(criteria.bmi, facts.bmi),
        "smoking": _categorical(criteria.ever_smoked, facts.ever_smoked),
        "quit_smoking": _quit_within(criteria.quit_smoking_within_years, facts),
        "birth_years": _born_within(criteria.birth_years, facts, this_year),
        # a question that does not say otherwise is asked in a well-resourced setting
        "resources": _categorical(criteria.limited_resources, bool(facts.limited_resources)),
        "dose": _dose_match(criteria.doses, facts.doses),
    }
    return {name: result for name, result in results.items() if result is not None}


def _dose_match(
    limits: dict[str, NumericRange] | None, doses: dict[str, list[float]] | None
) -> Applicability | None:
    """Judged only on the units the question gives a dose in: a question naming no dose asks
    about the drug at any dose."""
    units = [u for u in (limits or {}) if u in (doses or {})]
    if not units or limits is None or doses is None:
        return None
    fits = all(any(limits[u].contains(v) for v in doses[u]) for u in units)
    return Applicability.APPLIES if fits else Applicability.DOES_NOT_APPLY


def _born_within(
    years: NumericRange | None, facts: PatientFacts, this_year: int | None
) -> Applicability | None:
    """A patient of a given age was born in one of two years; either may be in the cohort."""
    if years is None:
        return None
    if facts.age is None:
        return Applicability.UNKNOWN
    born = (this_year or date.today().year) - facts.age
    inside = years.contains(born) or years.contains(born - 1)
    return Applicability.APPLIES if inside else Applicability.DOES_NOT_APPLY


def _quit_within(years: float | None, facts: PatientFacts) -> Applicability | None:
    """Only a patient who says when they quit is judged: a current smoker also qualifies."""
    if years is None or facts.years_since_quit_smoking is None:
        return None
    quit = facts.years_since_quit_smoking
    return Applicability.APPLIES if quit < years else Applicability.DOES_NOT_APPLY


def applicability(
    criteria: PopulationCriteria, facts: PatientFacts, this_year: int | None = None
) -> Applicability:
    """Does the recommendation's population cover the patient? Any criterion failed: no; any the
    question gives no number for: unknown; all met (or none stated): applies."""
    return overall(applicability_details(criteria, facts, this_year))


def overall(details: dict[str, Applicability]) -> Applicability:
    """One answer from the criteria's: any failed, no; any unknown, unknown; else applies."""
    results = details.values()
    if Applicability.DOES_NOT_APPLY in results:
        return Applicability.DOES_NOT_APPLY
    if Applicability.UNKNOWN in results:
        return Applicability.UNKNOWN
    return Applicability.APPLIES
