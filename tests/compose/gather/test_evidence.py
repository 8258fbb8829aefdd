"""Which sentences of a retrieved passage are in the question's setting."""

from __future__ import annotations

from medcite.compose.gather.evidence import passage_sentences
from medcite.compose.understand.concepts import Concept, QuestionConcepts, Word
from medcite.index.sqlite import SqliteStore

I_STATEMENT = "The USPSTF concludes that the current evidence is insufficient"


def _concepts(setting_known: bool) -> QuestionConcepts:
    """The concepts of "Should I be doing a brief behavioural intervention to prevent illicit
    drug use as a routine part of the visit?" as the full index weighs them: "illicit" the
    subject, "brief" the rarest other word and so the setting."""

    def word(surface: str, idf: float, known: bool = True) -> Word:
        return Word(surface=surface, terms=[surface], idf=idf, known=known)

    return QuestionConcepts(
        concepts=[
            Concept(words=[word("brief", 6.0, setting_known)], lead="a"),
            Concept(words=[word("intervention", 3.0)]),
            Concept(words=[word("prevent", 2.0), word("illicit", 7.0), word("drug", 2.5)]),
        ]
    )


def _i_statement(store: SqliteStore, concepts: QuestionConcepts):
    doc = store.get_documents(["ngc:10299"], with_passages=True)["ngc:10299"]
    return next(
        s
        for p in doc.passages
        for s in passage_sentences(p, doc, 1, concepts)
        if s.text.startswith(I_STATEMENT)
    )


def test_a_guessed_setting_does_not_keep_out_a_sentence_squarely_on_the_question(
    clinical_store: SqliteStore,
) -> None:
    concepts = _concepts(setting_known=True)
    assert concepts.setting is not None and concepts.setting.surface == "brief"
    assert concepts.setting_guessed  # no condition understood, not introduced by "with"/"in"
    sentence = _i_statement(clinical_store, concepts)
    assert sentence.has_anchor and sentence.in_setting and sentence.on_topic


def test_a_setting_the_index_does_not_know_still_keeps_sentences_out(
    clinical_store: SqliteStore,
) -> None:
    # "Jynneos mpox vaccine": words no source uses are what the question is about
    concepts = _concepts(setting_known=False)
    assert not concepts.setting_guessed
    assert not _i_statement(clinical_store, concepts).in_setting


def test_an_understood_condition_is_no_guess(clinical_store: SqliteStore) -> None:
    concepts = _concepts(setting_known=True)
    concepts.focus_on("illicit", "brief")
    assert not concepts.setting_guessed
