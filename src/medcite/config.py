"""One typed Settings object for the whole pipeline, with named presets.

Environment variables override defaults: MEDCITE_HOME (where the default index lives),
MEDCITE_INDEX (path of the SQLite index file), MEDCITE_DATA (the shared data folder).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field


def _default_home() -> Path:
    return Path(os.environ.get("MEDCITE_HOME", Path.home() / ".medcite"))


def _default_data_dir() -> Path:
    if env := os.environ.get("MEDCITE_DATA"):
        return Path(env)
    # The repository layout puts the shared data beside the checkout.
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = base.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return Path.cwd() / "data"


class ChunkSettings(BaseModel):
    target_chars: int = Field(default=700, description="Preferred passage length.")
    max_chars: int = Field(default=1200, description="Hard upper bound on passage length.")
    min_chars: int = Field(default=80, description="Shorter trailing pieces join the previous one.")


class RankSettings(BaseModel):
    candidates: int = Field(default=120, description="Passages fetched from FTS before reranking.")
    title_weight: float = Field(default=0.6, description="BM25 column weight of the title.")
    section_weight: float = Field(
        default=0.3, description="BM25 column weight of the section name."
    )
    body_weight: float = Field(default=1.0, description="BM25 column weight of the passage text.")
    coverage_weight: float = Field(
        default=0.6, description="Bonus for covering more of the query's distinct terms."
    )
    guideline_prior: float = Field(
        default=0.15, description="Bonus for guideline recommendations on management questions."
    )
    review_prior: float = Field(default=0.06, description="Bonus for systematic reviews.")
    recency_prior: float = Field(default=0.05, description="Bonus scaled by publication year.")
    max_passages_per_doc: int = Field(
        default=2, description="Diversity: passages kept per document."
    )
    common_term_df: float = Field(
        default=0.03,
        description="Terms in more than this share of passages are scored, not matched on.",
    )


class ComposeSettings(BaseModel):
    """The composer's tunable numbers: how much evidence it reads and how much it shows."""

    main_k: int = Field(default=30, description="Passages read from the main search.")
    focus_k: int = Field(default=20, description="Passages from the search requiring the subject.")
    patient_k: int = Field(default=10, description="Patient-information passages (patients).")
    max_gap_words: int = Field(default=6, description="Words a combination-gap search requires.")
    duplicate_overlap: float = Field(
        default=0.8, description="Word overlap above which a sentence repeats a better one."
    )
    grade_meaning_overlap: float = Field(
        default=0.6,
        description="Share of a grade definition's words the quoted statement already has, "
        "above which the definition adds nothing ('recommends against' for a D statement).",
    )
    max_claims_per_section: int = Field(default=5, description="Bullets per section.")
    max_claims_per_doc_in_section: int = Field(
        default=2, description="Bullets one document may contribute to a section."
    )
    max_claims_per_topic_page: int = Field(
        default=4,
        description="Bullets a patient page on the topic named, of the kind asked for, may "
        "contribute to a section: that page is the answer, not one source among many.",
    )
    max_steps: int = Field(default=5, description="Steps of the decision algorithm.")
    graded_statement_sentences: int = Field(
        default=3,
        description="A graded recommendation of at most this many sentences is quoted whole "
        "in the bottom line ('... should be an individual one. Women who place a higher value "
        "... may choose to begin biennial screening between the ages of 40 and 49 years.').",
    )
    study_title_coverage: float = Field(
        default=0.8,
        description="A question covering this share of a study's title is about that study.",
    )
    guidelines_read: int = Field(
        default=3, description="Guidelines about the question whose recommendations are all read."
    )
    guideline_title_coverage: float = Field(
        default=0.3,
        description="A guideline is about the question when its title covers this share of it "
        "and names its subject or setting.",
    )
    recommendations_read: int = Field(
        default=80, description="Recommendation passages read from each such guideline."
    )
    topic_pages_read: int = Field(
        default=3,
        description="Patient pages read whole on the topic the question names, of the kind it "
        "asks for (its symptoms, causes, treatment...).",
    )
    page_specific_df_share: float = Field(
        default=0.01,
        description="A topic page's sentence says something of its own when one of its words "
        "is in fewer passages than this share; a site's boilerplate ('the first number of the "
        "fraction is how many people had the symptom') does not.",
    )
    min_section_coverage: float = Field(
        default=0.5,
        description="Section claims must cover this share of the question's concept weight, "
        "counting their document title and heading.",
    )
    guideline_relevance_margin: float = Field(
        default=0.15,
        description="Guidelines whose recommendations cover the question less than the most "
        "relevant one by more than this do not vote on the verdict.",
    )
    guideline_min_relevance: float = Field(
        default=0.5,
        description="A yes/no question about a patient that is not about a treatment is "
        "answered from guidelines only when one is at least this relevant (0.5: its title "
        "names the question's setting).",
    )
    concept_max_df_share: float = Field(
        default=0.2, description="Words in more passages than this share are not concepts."
    )
    concept_specific_df_share: float = Field(
        default=0.05, description="Words in fewer passages than this share are specific."
    )


class Settings(BaseModel):
    """Everything a medcite run needs to know."""

    index_path: Path = Field(
        default_factory=lambda: Path(
            os.environ.get("MEDCITE_INDEX", _default_home() / "index.sqlite")
        ),
        description="SQLite index file (the embedded default store).",
    )
    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="The shared data folder (corpus, lexicons, eval).",
    )
    chunk: ChunkSettings = Field(default_factory=ChunkSettings)
    rank: RankSettings = Field(default_factory=RankSettings)
    compose: ComposeSettings = Field(default_factory=ComposeSettings)
    expand_abbreviations: bool = True
    top_k: int = Field(default=10, ge=1, le=200)
    max_file_mb: float = Field(
        default=512,
        gt=0,
        description="Ingest skips (and reports) files larger than this many megabytes.",
    )
    max_query_chars: int = Field(
        default=2000,
        description="Longer queries are cut here (the rest cannot change ranking much).",
    )

    @property
    def abbreviations_dir(self) -> Path:
        return self.data_dir / "lexicon" / "abbreviations"

    def default_sources(self) -> list[Path]:
        """What the default index holds: the corpus plus the research abstracts of the eval sets."""
        return [
            self.data_dir / "corpus" / "ngc",
            self.data_dir / "corpus" / "medquad",
            self.data_dir / "eval" / "pubmedqa",
            self.data_dir / "eval" / "bioasq",
            self.data_dir / "lexicon" / "ddinter",
        ]

    @classmethod
    def preset(cls, name: str, **overrides: object) -> Settings:
        """Named presets: 'default', 'fast' (fewer candidates), 'lexical' (no priors, no expansion)."""
        if name not in PRESETS:
            raise ValueError(f"unknown preset {name!r}; choose from {sorted(PRESETS)}")
        data = PRESETS[name] | overrides
        return cls.model_validate(data)


PRESETS: dict[str, dict[str, object]] = {
    "default": {},
    "fast": {"rank": {"candidates": 60}},
    "lexical": {
        "expand_abbreviations": False,
        "rank": {
            "coverage_weight": 0.0,
            "guideline_prior": 0.0,
            "review_prior": 0.0,
            "recency_prior": 0.0,
        },
    },
}


# -- the web app (medcite serve) ---------------------------------------------------------------
_DEFAULT_POLICY = (
    "medcite answers quote indexed sources verbatim: every statement in a bullet is the exact "
    "text of the cited document, and medcite's own words (the bottom-line lead, headings and "
    "notes) are marked as such. New and regenerated articles are published as Submitted and "
    "carry a pending-review banner until a member of the Medical Advisory Board has reviewed "
    "them: a reviewer claims the article, may strike a bullet, correct a heading or add a "
    "reviewer note, and then approves it or requests changes. Every step is recorded with who "
    "made it and when. When the index changes, an article can be regenerated; earlier versions "
    "stay viewable."
)


class ServeSettings(BaseModel):
    """What `medcite serve` needs beyond the answer settings: site text, limits, cookies."""

    host: str = Field(default="127.0.0.1", description="Interface to listen on.")
    port: int = Field(default=8000, ge=0, le=65535, description="TCP port (0: any free port).")
    site_name: str = Field(default="medcite", description="Name shown in the header and title.")
    tagline: str = Field(
        default="Cited clinical evidence, reviewed by our Medical Advisory Board",
        description="One line under the site name on the home page.",
    )
    editorial_policy: str = Field(
        default=_DEFAULT_POLICY, description="Text of the editorial policy page (paragraphs split at blank lines)."
    )
    disclaimer_professional: str = Field(
        default="For healthcare professionals. medcite quotes indexed sources and does not replace "
        "clinical judgement; check the cited sources before acting on them.",
        description="Disclaimer shown to healthcare professionals.",
    )
    disclaimer_patient: str = Field(
        default="This is general information, not medical advice. Talk to your doctor or "
        "pharmacist before starting, stopping or changing any treatment. In an emergency, call "
        "your local emergency number.",
        description="Disclaimer shown to patients and caregivers.",
    )
    disclaimer_student: str = Field(
        default="For learning. medcite quotes indexed sources; it is not a substitute for "
        "supervision, clinical training or professional medical advice.",
        description="Disclaimer shown to students.",
    )
    max_question_chars: int = Field(
        default=500, ge=10, description="Longer questions are refused with 422."
    )
    ask_per_minute: float = Field(
        default=20.0, gt=0, description="New questions one client may ask per minute (sustained)."
    )
    ask_burst: int = Field(default=10, ge=1, description="Questions one client may ask at once.")
    session_hours: float = Field(default=12.0, gt=0, description="A login lasts this long.")
    cookie_secure: bool | None = Field(
        default=None,
        description="Secure flag on cookies; None: set it for https and for loopback hosts "
        "(browsers treat those as secure).",
    )
    db_busy_timeout_ms: int = Field(
        default=5000, ge=0, description="How long a write waits for a locked database before 503."
    )
    stale_guideline_years: int = Field(
        default=5, ge=1, description="Say so when the newest guideline cited is older than this."
    )
    page_size: int = Field(default=50, ge=1, le=500, description="Articles per list page.")
    thread_max: int = Field(default=5, ge=1, description="Earlier questions shown in a thread.")
