from medcite.text import analyze, name_key


def test_doses_stay_intact_whether_spaced_or_not() -> None:
    spaced, joined = analyze("ketamine 0.5 mg/kg IV"), analyze("ketamine 0.5mg/kg IV")
    assert "0.5mg" in spaced and "0.5mg" in joined
    assert "0.5" in spaced  # the decimal is never split into "0" and "5"


def test_hyphenated_names_match_joined_and_split_forms() -> None:
    terms = analyze("IL-6 and COVID-19 with 5-HT3 antagonists")
    assert {"il6", "il", "6", "covid19", "5ht3"} <= set(terms)


def test_stemming_stop_words_and_greek_letters() -> None:
    assert analyze("What treatments are recommended?") == ["treatment", "recommend"]
    assert analyze("β-blockers") == analyze("beta-blockers")


def test_thousands_separators_are_dropped() -> None:
    assert "1000" in analyze("1,000 patients") and "1" not in analyze("1,000 patients")


def test_name_keys_agree_across_spellings_of_one_name() -> None:
    assert name_key("Heart Attacks") == name_key("heart attack")
    assert name_key("Alzheimer's Disease") == name_key("Alzheimer disease")
    assert name_key("Stiff-Person Syndrome") == name_key("stiff person syndrome")
    # Stopwords stay: "Down syndrome" is not "syndrome".
    assert name_key("Down syndrome") != name_key("syndrome")
