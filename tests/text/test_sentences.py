from medcite.text.sentences import is_fragment, is_statement, sentence_spans

# From the VA/DoD MDD guideline (ngc:10991) and a PubMedQA abstract.
GUIDELINE = (
    "Given the limited information on ketamine's safety and duration of effect, the Work Group "
    "recommends against the use of ketamine to treat MDD outside of a research setting. "
    "(Strong Against; Reviewed, New-added)"
)
ABSTRACT = (
    "Compared to usual care alone, telephone counseling promoted a significantly higher "
    "proportion of women having mammograms on schedule (71% vs 61%) than did tailored print "
    "(67% vs 61%) but only after the first year of intervention (during 1996). Furthermore, "
    "compared to usual care, telephone counseling was more effective than tailored print."
)


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_grade_tag_is_its_own_piece_and_not_a_statement() -> None:
    pieces = _sentences(GUIDELINE)
    assert pieces[0].endswith("outside of a research setting.")
    assert pieces[1] == "(Strong Against; Reviewed, New-added)"
    assert is_statement(pieces[0]) and not is_statement(pieces[1])


def test_vs_and_decimals_do_not_split() -> None:
    pieces = _sentences(ABSTRACT + " Doses of 2.5 mg vs. 5 mg were compared (Smith et al. 2001).")
    assert len(pieces) == 3
    assert "(71% vs 61%)" in pieces[0]
    assert pieces[2] == "Doses of 2.5 mg vs. 5 mg were compared (Smith et al. 2001)."


def test_list_items_are_separate_and_lose_their_bullet() -> None:
    text = "Wilson disease can cause:\n- liver disease that gets worse over time.\n- tremors."
    assert _sentences(text) == [
        "Wilson disease can cause:",
        "liver disease that gets worse over time.",
        "tremors.",
    ]
    assert not is_statement("Wilson disease can cause:")


def test_titles_and_link_labels_are_not_statements() -> None:
    assert not is_statement("Cedars-Sinai: Treating Hirschsprung's Disease (Colonic Aganglionosis)")
    assert not is_statement("Medical Subject Headings (MeSH): mammography screening, telephone.")


def test_sentences_that_point_at_content_they_do_not_hold_are_not_statements() -> None:
    # Real MedQuAD (GARD) and guideline sentences.
    lead_in = (
        "The Human Phenotype Ontology provides the following list of signs and symptoms for "
        "Stiff person syndrome."
    )
    assert not is_statement(lead_in)
    assert not is_statement(
        "Sertraline or citalopram should only be used when the following criteria have been met4."
    )
    assert not is_statement(
        "If the information is available, the table below includes how often the symptom is "
        "seen in people with this condition."
    )
    flattened = (
        "Signs and Symptoms Approximate number of patients (when available) Adult onset - "
        "Agoraphobia - Anemia - Anxiety - Asymmetric limb muscle stiffness - Autoimmunity - "
        "Axial muscle stiffness - Depression."
    )
    assert not is_statement(flattened)
    # A list given after the colon, and a study's "benefits described above", still count.
    assert is_statement("Offer one of the following: amoxicillin, doxycycline or clarithromycin.")
    assert is_statement(
        "To the best of the authors' knowledge, they have provided the first report "
        "demonstrating the benefits described above."
    )


def test_a_sentence_starting_in_lower_case_is_a_fragment() -> None:
    assert is_fragment("may be used with steroid creams for added effects.")
    assert not is_fragment(
        "eGFR should be checked at least once a year in people taking metformin."
    )
