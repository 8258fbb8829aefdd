"""The understood topic: which condition a question is about, what a screening screens for."""

from medcite.compose.understand.topic import _main_condition, _screening_target, topic_words


def test_the_condition_screened_for_wins_over_the_visit_reason() -> None:
    text = (
        "A 22-year-old sexually active woman is here for birth control. Should she be screened "
        "for chlamydia even though she has no symptoms?"
    )
    assert _screening_target(text) == "chlamydia"
    assert _main_condition(["birth control", "chlamydia"], text) == "chlamydia"


def test_a_denied_condition_is_not_the_setting() -> None:
    text = "My patient is 55, no bleeding history. Should she start low-dose aspirin?"
    assert _main_condition(["bleeding"], text) is None


def test_a_disease_before_a_test() -> None:
    text = "Should asymptomatic adults get a neck ultrasound to screen for thyroid cancer?"
    assert _main_condition(["neck ultrasound", "thyroid cancer"], text) == "thyroid cancer"


def test_a_condition_named_inside_a_test_name_gives_way_to_what_the_test_screens_for(
    offline_understander,
) -> None:
    understood = offline_understander.understand(
        "Should a 30-year-old woman with a normal Pap get HPV co-testing?"
    )
    topic = topic_words(understood)
    assert topic is not None and topic.setting == "cervical cancer"


def test_a_condition_written_by_its_initials_is_the_setting() -> None:
    text = "30-year-old with uncomplicated UTI, no allergies. Which antibiotic do you start with?"
    assert _main_condition(["urinary tract infection"], text) == "urinary tract infection"


def test_a_vaccine_names_no_condition_screened_for(offline_understander) -> None:
    understood = offline_understander.understand(
        "Does a 25-year-old woman need a Pap smear if she has had the HPV vaccine?"
    )
    topic = topic_words(understood)
    assert topic is not None and topic.setting == "cervical cancer"


def test_the_drug_asked_about_is_the_subject_as_written(offline_understander) -> None:
    # "corticosteroid" inside "corticosteroids" would match no word of the question, and the
    # rarest other word ("antenatal") would stand in for the subject.
    understood = offline_understander.understand(
        "She is 35 weeks pregnant with threatened preterm labour. Are antenatal "
        "corticosteroids recommended?"
    )
    assert topic_words(understood).subject == "corticosteroids"
    single = offline_understander.understand("Is metformin safe in stage 3b CKD?")
    assert topic_words(single).subject == "metformin"
