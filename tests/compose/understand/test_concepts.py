"""The anchor and setting of a question's concepts (which words evidence must name)."""

from medcite.compose.understand.concepts import Concept, QuestionConcepts, Word


def _word(surface: str, idf: float) -> Word:
    return Word(surface=surface, terms=[surface[:6]], idf=idf, specific=True, known=True)


def test_a_verb_form_is_neither_anchor_nor_setting_when_a_name_is_there():
    # "... should we be painting on fluoride varnish ourselves at well-child visits?", with the
    # words' rarity in the default index
    concepts = QuestionConcepts(
        concepts=[
            Concept(words=[_word("mouthful", 5.1)]),
            Concept(words=[Word("painting", ["paint"], 8.8, verb=True)]),
            Concept(words=[_word("fluoride", 6.9), _word("varnish", 8.5)]),
            Concept(words=[_word("well-child", 5.4), _word("visits", 4.1)]),
        ]
    )
    assert concepts.anchor is not None and concepts.anchor.surface == "varnish"
    assert concepts.setting is not None and "painting" not in concepts.setting.surface
    alone = QuestionConcepts(concepts=[Concept(words=[_word("vomiting", 6.0)])])
    assert alone.anchor is not None and alone.anchor.surface == "vomiting"
