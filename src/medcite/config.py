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
    max_claims_per_section: int = Field(default=5, description="Bullets per section.")
    max_claims_per_doc_in_section: int = Field(
        default=2, description="Bullets one document may contribute to a section."
    )
    max_steps: int = Field(default=5, description="Steps of the decision algorithm.")
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
