"""The patient's numbers a question gives."""

from __future__ import annotations

from pydantic import BaseModel, Field


class PatientFacts(BaseModel):
    """Numbers and states the question gives about the patient; they select among
    recommendations (applicability), they are not topics to search for."""

    age: float | None = Field(default=None, description="Age in years ('a 45-year-old').")
    sex: str | None = Field(default=None, description="'female' or 'male' when stated.")
    pregnant: bool | None = Field(default=None, description="Pregnancy stated (True) or denied.")
    gestational_week: float | None = Field(default=None, description="Week of pregnancy.")
    risk_percent: float | None = Field(
        default=None, description="A stated risk, e.g. 10-year CVD risk of 12 % -> 12.0."
    )
    egfr: float | None = Field(default=None, description="eGFR in mL/min/1.73 m2.")
    ckd_stage: str | None = Field(default=None, description="CKD stage as written: '3b', '4'.")
    bmi: float | None = Field(default=None, description="Body-mass index in kg/m2.")
    ever_smoked: bool | None = Field(
        default=None,
        description="Smokes or has smoked (True), never has (False), when the question says.",
    )
    years_since_quit_smoking: float | None = Field(
        default=None, description="Years since the patient quit smoking ('quit 20 years ago')."
    )
    limited_resources: bool | None = Field(
        default=None,
        description="Care in a limited-resource setting, when the question says so; otherwise "
        "a well-resourced one is assumed.",
    )
    allergies: list[str] | None = Field(
        default=None,
        description="Drugs the patient is allergic to, as written ('penicillin'); never to be "
        "recommended to them.",
    )
    doses: dict[str, list[float]] | None = Field(
        default=None,
        description="Doses the question names, by unit ('400 IU' -> {'iu': [400.0]}); they "
        "select among dose-limited recommendations but describe no patient.",
    )

    def described(self) -> bool:
        """The question describes the patient: a number or state about them (a dose alone
        does not)."""
        return bool(self.model_dump(exclude_none=True, exclude={"doses"}))
