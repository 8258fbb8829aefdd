"""Patient pages on the topic a question names, of the kind it asks for."""

from __future__ import annotations

import re

import pytest

from medcite.compose.composer import Composer
from medcite.compose.gather.topic_pages import (
    answered_by_page,
    asked_kinds,
    topic_names,
    topic_pages,
)
from medcite.compose.understand.understander import QuestionUnderstander
from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.models import Audience
from medcite.retrieve.searcher import Searcher
from medcite.verify.invariants import check_invariants

# A real consumer message (LiveQA training set): the condition, then a long story.
STIFF_PERSON = (
    "Stiff person Syndrome. Please can you tell me what are the early symptoms I have severe "
    "cramps in my feet which are twisting into an arc,muscle spasms slowly getting worse and my "
    "muscles particularly in my legs are cramping like someone has pushed a knitting needle "
    "into them."
)


@pytest.fixture(scope="module")
def understander(clinical_store: SqliteStore) -> QuestionUnderstander:
    return QuestionUnderstander(clinical_store.document_frequency)


@pytest.fixture(scope="module")
def composer(clinical_store: SqliteStore, clinical_settings: Settings) -> Composer:
    return Composer(Searcher(clinical_store, clinical_settings))


def test_the_condition_named_finds_its_pages_whatever_the_spelling(
    clinical_store: SqliteStore, understander: QuestionUnderstander
) -> None:
    # GARD writes "Stiff person syndrome", NINDS "Stiff-Person Syndrome".
    named = topic_names(clinical_store, understander.understand(STIFF_PERSON))
    assert list(named) == ["stiff person syndrom"]
    sources = {doc_id.split(":")[1] for doc_id in named["stiff person syndrom"]}
    assert sources == {"GARD", "NINDS"}


def test_pages_of_the_kind_asked_for_come_first(
    clinical_store: SqliteStore, understander: QuestionUnderstander
) -> None:
    pages = topic_pages(clinical_store, understander.understand(STIFF_PERSON), 3)
    assert [p.metadata["qtype"] for p in pages] == ["symptoms", "information", "information"]
    # Among overviews, the plain-language site before the rare-disease reference.
    assert [p.id for p in pages[1:]] == ["medquad:NINDS:0000259-1", "medquad:GARD:0005895-1"]


@pytest.mark.parametrize(
    "question",
    [
        "Is aspirin safe after a stroke?",  # yes/no: guidelines and studies answer it
        "How much aspirin should I take?",  # dosing: no page kind answers it
        "Down syndrome and strokes. Do they go together?",  # no page on the words alone
    ],
)
def test_no_pages_for_questions_no_page_kind_answers(
    clinical_store: SqliteStore, understander: QuestionUnderstander, question: str
) -> None:
    assert topic_pages(clinical_store, understander.understand(question), 3) == []


def test_a_one_word_topic_counts_as_a_condition_the_question_names(
    clinical_store: SqliteStore, understander: QuestionUnderstander
) -> None:
    stroke = understander.understand("What are the symptoms of a stroke?")
    assert stroke.conditions == ["stroke"]
    assert "stroke" in topic_names(clinical_store, stroke)
    # Long names inside the condition win over the one word they contain.
    spelled = understander.understand("What causes stiff person syndrome?")
    assert list(topic_names(clinical_store, spelled)) == ["stiff person syndrom"]


def test_a_long_message_is_answered_from_the_page_on_its_condition(composer: Composer) -> None:
    answer = composer.answer(STIFF_PERSON, Audience.PATIENT)
    claim = answer.bottom_line.claims[0]
    cited = {r.number: r.doc_id for r in answer.references}[claim.citations[0]]
    assert cited in {"medquad:NINDS:0000259-1", "medquad:GARD:0005895-1"}
    assert "spasms" in claim.text
    # Not the phenotype table's boilerplate ("The first number of the fraction ...").
    assert "fraction" not in claim.text and "Ontology" not in claim.text
    assert check_invariants(answer).ok


def test_symptoms_come_from_the_symptoms_page(composer: Composer) -> None:
    answer = composer.answer("What are the symptoms of a stroke?", Audience.PATIENT)
    refs = {r.number: r.doc_id for r in answer.references}
    assert refs[answer.bottom_line.claims[0].citations[0]] == "medquad:NHLBI:0000124-6"


def test_a_treatment_question_is_answered_by_how_the_condition_is_treated(
    composer: Composer,
) -> None:
    answer = composer.answer("Is there any treatment for stiff person syndrome?", Audience.PATIENT)
    claim = answer.bottom_line.claims[0]
    cited = {r.number: r.doc_id for r in answer.references}[claim.citations[0]]
    assert cited.startswith(("medquad:GARD:0005895", "medquad:NINDS:0000259"))
    assert re.search(r"treat|diazepam|therap", claim.text, re.I)


@pytest.mark.parametrize(
    ("question", "kinds", "from_page"),
    [
        ("Does cystic fibrosis run in families?", ("inheritance",), True),
        ("Is stiff person syndrome inherited?", ("inheritance",), True),
        ("How common is celiac disease?", ("frequency",), True),
        ("Is hemochromatosis hereditary?", ("inheritance",), True),
        ("Is Huntington's disease passed down in families?", ("inheritance",), True),
        # A disease named "hereditary ..." asks nothing about inheritance (a PubMedQA title).
        (
            "Is cholecystectomy really an indication for concomitant splenectomy in mild "
            "hereditary spherocytosis?",
            (),
            False,
        ),
        ("How can I prevent kidney stones from coming back?", ("prevention",), False),
        ("Does aspirin prevent colorectal cancer?", ("prevention",), False),
        ("How can I lower my chances of getting preeclampsia?", ("prevention",), False),
        ("How can the risk of falls be reduced in older adults?", ("prevention",), False),
        ("How do I keep from getting kidney stones again?", ("prevention",), False),
        ("What are the symptoms of a stroke?", (), False),
        ("Is essential tremor going to shorten her life?", ("outlook",), True),
        ("Can GERD be cured?", ("treatment", "outlook"), True),
        ("Is there a cure for asthma?", ("treatment", "outlook"), True),
        ("Can type 2 diabetes be reversed or cured?", ("treatment", "outlook"), True),
        ("My grandson has rubella. Should we be worried?", ("outlook",), True),
        ("Can a woman catch pelvic inflammatory disease from a toilet seat?", ("causes",), True),
        ("Is shingles contagious?", ("causes",), True),
        ("Will he get better, and how long does recovery usually take?", ("outlook",), True),
        ("I was just told I have type 2 diabetes. Will I need insulin?", ("treatment",), True),
        ("What can I do at home for hemorrhoids?", ("treatment",), False),
        ("Will my daughter grow out of her eczema?", ("outlook",), True),
        ("Can sciatica go away on its own?", ("outlook",), True),
        ("Is asthma something kids outgrow?", ("outlook",), True),
        ("My dad was just diagnosed with Parkinson's. What should we expect?", ("outlook",), True),
        ("What happens if high blood pressure is not treated?", ("complications",), False),
        ("How would I know if I have a blood clot in my leg?", ("symptoms",), False),
        ("Is there anything that can slow down macular degeneration?", ("treatment",), True),
        ("How do people catch hepatitis A?", ("causes",), True),
        (
            "If both parents carry the EVC gene, will all their offspring be affected?",
            ("inheritance",),
            True,
        ),
        # A study title asking about prognosis asks what the study found (a PubMedQA title).
        ("Does xaliproden improve prognosis of amyotrophic lateral sclerosis?", (), False),
    ],
)
def test_the_kind_of_page_a_question_asks_for_by_its_wording(
    question: str, kinds: tuple[str, ...], from_page: bool
) -> None:
    assert asked_kinds(question)[: len(kinds)] == kinds
    assert answered_by_page(question) is from_page


def test_a_yes_no_question_on_inheritance_is_answered_by_the_page(composer: Composer) -> None:
    answer = composer.answer("Is stiff person syndrome inherited?", Audience.PATIENT)
    refs = {r.number: r.doc_id for r in answer.references}
    assert refs[answer.bottom_line.claims[0].citations[0]] == "medquad:GARD:0005895-4"


def test_can_it_be_cured_is_answered_by_what_the_page_says_of_a_cure(
    composer: Composer,
) -> None:
    answer = composer.answer("Can asthma be cured?", Audience.PATIENT)
    assert "no cure" in answer.bottom_line.claims[0].text


@pytest.mark.parametrize(
    ("question", "treated"),
    [
        # Neither page says whether there is a cure: how it is treated, and a note saying so.
        ("Can GERD be cured?", "In some cases, you might need medicines or surgery."),
        # Not the last item of the page's list of causes, run into the next paragraph
        # ("- Certain medicines Treatment depends on the cause.").
        (
            "Is there any cure for tinnitus?",
            "Treatments may include hearing aids, sound-masking devices, medicines, and ways to "
            "learn how to cope with the noise.",
        ),
    ],
)
def test_a_cure_question_the_page_is_silent_on_gets_how_it_is_treated(
    composer: Composer, question: str, treated: str
) -> None:
    answer = composer.answer(question, Audience.PATIENT)
    assert answer.bottom_line.claims[0].text == treated
    notes = " ".join(n.text for n in answer.notes)
    assert "do not say whether" in notes and "can be cured" in notes


def test_how_it_is_caught_is_answered_from_the_main_condition_page(composer: Composer) -> None:
    # A real dev2 message: the story names symptoms (pain, fever) and a gas station; the
    # answer comes from the PID page, on what causes it.
    answer = composer.answer(
        "My daughter is 20 and just got diagnosed with PID after a week of lower belly pain and "
        "fever. Can a woman catch pelvic inflammatory disease from a dirty toilet seat, such as "
        "in a campground or gas station?",
        Audience.PATIENT,
    )
    refs = {r.number: r.doc_id for r in answer.references}
    claim = answer.bottom_line.claims[0]
    assert refs[claim.citations[0]] == "medquad:MPlusHealthTopics:0000695-1"
    assert "sexually transmitted" in claim.text


def test_a_page_sentence_leaning_on_the_one_before_comes_with_it(composer: Composer) -> None:
    answer = composer.answer(
        "My grandson (4 yrs old) has contracted Rubella. Should we be worried?", Audience.PATIENT
    )
    texts = [c.text for c in answer.bottom_line.claims]
    assert texts[:2] == [
        "Rubella is an infection caused by a virus.",
        "It is usually mild with fever and a rash.",
    ]
