"""The offline composer on a real slice of the corpus: grounding, honesty, audiences, follow-ups."""

from __future__ import annotations

import re

import pytest

from medcite.compose.composer import Composer
from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.models import Answer, Audience, SourceType, Verdict
from medcite.retrieve.query import QueryError
from medcite.retrieve.searcher import Searcher
from medcite.verify import check_answer

SEED = (
    "Can a patient with treatment-resistant depression take oral ketamine and IV ketamine "
    "at the same time?"
)
QUESTIONS = [
    SEED,
    "Is ketamine recommended for major depressive disorder?",
    "Can tailored interventions increase mammography use among HMO women?",  # PubMedQA
    "What are the symptoms of adult acute lymphoblastic leukemia?",  # MedQuAD
    "What pharmacological strategies are effective in treatment-resistant depression?",
]


@pytest.fixture(scope="module")
def composer(sample_store: SqliteStore, sample_settings: Settings) -> Composer:
    return Composer(Searcher(sample_store, sample_settings))


@pytest.fixture(scope="module")
def seed(composer: Composer) -> Answer:
    return composer.answer(SEED)


def test_seed_question_says_no_citing_the_guideline(seed: Answer) -> None:
    assert seed.bottom_line.verdict == Verdict.NO
    claim = seed.bottom_line.claims[0]
    assert "recommends against the use of ketamine" in claim.text
    ref = seed.references[claim.citations[0] - 1]
    assert ref.source_type == SourceType.GUIDELINE and ref.year == 2016 and ref.url
    assert "Strong Against" in " ".join(ref.grades)


def test_seed_gap_statement_is_backed_by_a_search_that_found_nothing(seed: Answer) -> None:
    assert seed.evidence_gaps
    gap = seed.evidence_gaps[0]
    assert "oral ketamine" in gap.text and "IV ketamine" in gap.text
    assert gap.passages_found == 0 and "ketamin" in gap.searched_terms
    gap_searches = [s for s in seed.metadata.searches if s.purpose == "gap"]
    assert gap_searches and gap_searches[0].passages_found == 0


def test_no_gap_statement_when_the_combination_is_indexed(composer: Composer) -> None:
    answer = composer.answer(
        "Should transcranial magnetic stimulation be offered for treatment-resistant depression?"
    )
    assert not answer.evidence_gaps
    assert any(s.purpose == "gap" and s.passages_found > 0 for s in answer.metadata.searches)


def test_conflicting_guidelines_give_it_depends(composer: Composer) -> None:
    answer = composer.answer(
        "Should transcranial magnetic stimulation be offered for treatment-resistant depression?"
    )
    assert answer.bottom_line.verdict == Verdict.IT_DEPENDS
    texts = " ".join(c.text for c in answer.bottom_line.claims)
    assert "suggests offering" in texts and "not currently recommended" in texts


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("question", QUESTIONS)
def test_citations_resolve_and_claims_are_exact_source_spans(
    composer: Composer, sample_store: SqliteStore, question: str, audience: Audience
) -> None:
    answer = composer.answer(question, audience=audience)
    report = check_answer(answer, sample_store)
    assert report.ok, report.problems
    docs = sample_store.get_documents({s.doc_id for c in answer.all_claims() for s in c.spans})
    for claim in answer.all_claims():
        span = claim.spans[0]
        source = docs[span.doc_id].text[span.start : span.end]
        assert claim.text == source
        # numbers and doses are the source's own
        assert re.findall(r"\d+(?:\.\d+)?", claim.text) == re.findall(r"\d+(?:\.\d+)?", source)
    texts = [c.text for c in answer.all_claims()]
    assert len(texts) == len(set(texts)), "duplicate claims"


def test_references_are_numbered_by_first_citation(seed: Answer) -> None:
    first_seen: list[int] = []
    for claim in seed.all_claims():
        for n in claim.citations:
            if n not in first_seen:
                first_seen.append(n)
    assert (
        first_seen
        == [r.number for r in seed.references]
        == list(range(1, len(seed.references) + 1))
    )


def test_off_corpus_question_abstains(composer: Composer) -> None:
    answer = composer.answer("What is the airspeed velocity of an unladen swallow?")
    assert answer.bottom_line.verdict == Verdict.ABSTAIN
    assert not answer.bottom_line.claims and not answer.sections and not answer.references
    assert not answer.evidence_gaps and not answer.follow_up_questions


def test_pubmedqa_question_is_answered_from_its_own_abstract(composer: Composer) -> None:
    answer = composer.answer("Can tailored interventions increase mammography use among HMO women?")
    assert answer.metadata.retrieved_doc_ids[0] == "pubmed:10808977"
    assert answer.bottom_line.verdict == Verdict.YES
    assert answer.references[0].doc_id == "pubmed:10808977"


def test_patient_audience_leads_with_patient_information(composer: Composer) -> None:
    question = "What are the symptoms of adult acute lymphoblastic leukemia?"
    clinician = composer.answer(question, audience="clinician")
    patient = composer.answer(question, audience="patient")
    assert patient.references[0].source_type == SourceType.PATIENT_INFORMATION
    assert patient.audience == Audience.PATIENT
    assert {s.heading for s in patient.sections} != {s.heading for s in clinician.sections} or (
        patient.bottom_line.lead != clinician.bottom_line.lead
    )


def test_patient_glossary_explains_abbreviations_used(composer: Composer) -> None:
    answer = composer.answer(SEED, audience="patient")
    used = " ".join(c.text for c in answer.all_claims())
    for short in answer.glossary:
        assert short in used
    assert answer.glossary.get("MDD", "").lower() == "major depressive disorder"


def test_follow_up_questions_are_distinct_and_new(seed: Answer) -> None:
    assert 1 <= len(seed.follow_up_questions) <= 3
    assert len(set(seed.follow_up_questions)) == len(seed.follow_up_questions)
    assert all(q.endswith("?") and q != seed.question for q in seed.follow_up_questions)


def test_follow_up_uses_the_previous_question_as_context(composer: Composer) -> None:
    alone = composer.answer("What are the alternatives?")
    follow_up = composer.answer("What are the alternatives?", context=SEED)
    assert follow_up.context == SEED
    assert "ketamine" in follow_up.metadata.settings["query"]
    assert follow_up.bottom_line.verdict != Verdict.ABSTAIN
    assert alone.metadata.retrieved_doc_ids != follow_up.metadata.retrieved_doc_ids


@pytest.mark.parametrize(
    "question",
    ['"ketamine" AND (depression OR NEAR(', "ketamine* -depression ^title:", "ketamine " * 20000],
)
def test_malformed_questions_get_clean_answers(composer: Composer, question: str) -> None:
    answer = composer.answer(question)
    assert answer.bottom_line.verdict in set(Verdict)
    assert len(answer.question) <= 2000


@pytest.mark.parametrize(
    ("question", "message"), [("   ", "empty query"), ("[[[ ]]] ?", "no searchable words")]
)
def test_unanswerable_input_is_a_clear_error(
    composer: Composer, question: str, message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        composer.answer(question)


def test_metadata_records_how_to_reproduce(seed: Answer, sample_store: SqliteStore) -> None:
    meta = seed.metadata
    assert meta.index_snapshot == sample_store.snapshot_id()
    assert meta.settings["rank"]["candidates"] > 0
    assert {"retrieve", "compose", "total"} <= set(meta.timings_ms)
    assert meta.searches[0].purpose == "main"
