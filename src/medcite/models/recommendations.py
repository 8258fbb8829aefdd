"""What a guideline recommendation says: direction, strength, population criteria, fit."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class RecommendationDirection(StrEnum):
    """What a guideline recommendation says to do about its object."""

    FOR = "for"
    AGAINST = "against"
    INDIVIDUAL_DECISION = "individual_decision"  # selectively offer, shared decision, only if ...
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    NONE = "none"  # not a recommendation, or the direction cannot be told


class RecommendationStrength(StrEnum):
    """How firmly the guideline makes the recommendation, whatever its grading scheme."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"
    EXPERT_OPINION = "expert_opinion"  # consensus, good-practice point, clinical principle
    UNKNOWN = "unknown"


class GradeMeaning(BaseModel):
    """What a grade string means in its publisher's rating scheme (a row of grade_schemes.csv)."""

    scheme: str = Field(description="Rating scheme family, e.g. 'uspstf', 'grade', 'acc_aha'.")
    direction: RecommendationDirection = Field(
        description="Direction the grade itself carries; NONE when the scheme grades strength only."
    )
    strength: RecommendationStrength
    note: str = Field(default="", description="The scheme's definition of the grade, in brief.")


class RecommendationSemantics(BaseModel):
    """Direction and strength of one recommendation, and what it is about."""

    direction: RecommendationDirection
    strength: RecommendationStrength
    grade_scheme: str | None = Field(default=None, description="Scheme the grade matched, if any.")
    grade_direction: RecommendationDirection = Field(
        default=RecommendationDirection.NONE, description="Direction from the grade alone."
    )
    wording_direction: RecommendationDirection = Field(
        default=RecommendationDirection.NONE, description="Direction from the sentence alone."
    )
    rule: str = Field(description="Name of the wording rule (or 'grade:<scheme>') that decided.")
    sentence: str | None = Field(
        default=None, description="The sentence of the text the wording rule fired in, verbatim."
    )
    conditional: bool = Field(
        default=False, description="Restricted to a subgroup or circumstance ('only if ...')."
    )
    condition: str | None = Field(
        default=None, description="The restricting text, verbatim ('only if the potential ...')."
    )
    object_phrase: str | None = Field(
        default=None, description="What the recommendation is about: the phrase the verb governs."
    )
    alternative_phrase: str | None = Field(
        default=None,
        description="What it is preferred over ('X rather than Y' -> Y); the direction does not apply to it.",
    )


class Applicability(StrEnum):
    """Whether a recommendation's population covers the patient the question describes."""

    APPLIES = "applies"
    DOES_NOT_APPLY = "does_not_apply"
    UNKNOWN = "unknown"  # the question does not give the number or state a criterion needs


class NumericRange(BaseModel):
    """An interval of a patient number, e.g. age 40 to 75 or risk >= 10 %."""

    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    text: str = Field(default="", description="The source words the range was read from.")

    def contains(self, value: float) -> bool:
        """True when value lies in the interval."""
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        return not (
            self.high is not None
            and (value > self.high or (value == self.high and not self.high_inclusive))
        )


class PopulationCriteria(BaseModel):
    """Who a recommendation is for, as far as its text says (None: not restricted)."""

    age: NumericRange | None = Field(default=None, description="Age in years.")
    risk_percent: NumericRange | None = Field(default=None, description="Stated risk, in percent.")
    sex: str | None = Field(default=None, description="'female' or 'male'.")
    pregnant: bool | None = Field(default=None, description="True: pregnant; False: not pregnant.")
    gestational_weeks: NumericRange | None = Field(
        default=None, description="Weeks of pregnancy ('between 24+0 and 29+6 weeks')."
    )
    egfr: NumericRange | None = Field(default=None, description="eGFR in mL/min/1.73 m2.")
    ckd_stages: list[str] = Field(
        default_factory=list, description="CKD stages named ('3a', '3b', '4', '5')."
    )
    bmi: NumericRange | None = Field(default=None, description="Body-mass index in kg/m2.")
    ever_smoked: bool | None = Field(
        default=None,
        description="True: for people who smoke or have smoked ('a 30 pack-year smoking "
        "history'); False: for people who never have.",
    )
    quit_smoking_within_years: float | None = Field(
        default=None,
        description="Former smokers count only if they quit within this many years ('quit "
        "smoking within the past 15 years').",
    )

    birth_years: NumericRange | None = Field(
        default=None, description="Years of birth ('adults born between 1945 and 1965')."
    )
    limited_resources: bool | None = Field(
        default=None,
        description="The health system's setting: True for 'in limited resource settings', "
        "False for 'in well-resourced settings'.",
    )
    doses: dict[str, NumericRange] | None = Field(
        default=None,
        description="Doses it is limited to, by unit ('400 IU or less of vitamin D3': iu <= 400).",
    )

    def is_empty(self) -> bool:
        """True when the text restricts no population this parser reads (a dose limit is not
        one)."""
        return not (
            self.age or self.risk_percent or self.sex or self.pregnant is not None
            or self.gestational_weeks
            or self.ever_smoked is not None
            or self.egfr or self.ckd_stages or self.bmi or self.quit_smoking_within_years
            or self.birth_years or self.limited_resources is not None
        )
