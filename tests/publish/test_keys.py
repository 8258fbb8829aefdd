from medcite.publish.keys import RESERVED_SLUGS, normalize_question, question_key, slugify


def test_case_punctuation_and_whitespace_do_not_make_a_new_question() -> None:
    a = normalize_question("Is metformin safe in pregnancy?")
    assert a == normalize_question("  is METFORMIN safe, in   pregnancy ")
    assert a != normalize_question("Is metformin safe in pregnancy or lactation?")


def test_context_is_part_of_the_key() -> None:
    plain = question_key("What are the alternatives?", None)
    follow_up = question_key("What are the alternatives?", "Is metformin safe in pregnancy?")
    assert plain != follow_up
    assert question_key("What are the alternatives?", "  ") == plain


def test_slugs_are_readable_ascii_and_never_reserved() -> None:
    assert slugify("Can a patient with treatment-resistant depression take ketamine?") == (
        "can-a-patient-with-treatment-resistant-depression-take-ketamine"
    )
    assert slugify("<script>alert(1)</script>") == "script-alert-1-script"
    assert slugify("???") == "article"
    assert all(slugify(word) not in RESERVED_SLUGS for word in RESERVED_SLUGS)
