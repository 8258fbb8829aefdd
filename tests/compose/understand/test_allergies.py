"""Drug allergies a question states, and the source sentences that would harm the patient."""

import pytest

from medcite.compose.understand.allergies import (
    allergen_pattern,
    stated_allergies,
    unsafe_for_allergy,
)

# ngc:9967 (UMHS pharyngitis), as written.
DRUG_OF_CHOICE = "Penicillin V is the drug of choice in patients who can swallow pills."
IF_ALLERGIC = (
    "If allergic to penicillin, a 10-day course of a first generation cephalosporin is indicated "
    "if no history of a type I hypersensitivity to penicillin."
)


@pytest.mark.parametrize(
    ("question", "allergies"),
    [
        (
            "First choice antibiotic for strep throat in a penicillin-allergic adult?",
            ["penicillin"],
        ),
        (
            "My son is allergic to amoxicillin. What can he take for an ear infection?",
            ["amoxicillin"],
        ),
        ("Which antibiotic for cellulitis in a patient with a penicillin allergy?", ["penicillin"]),
        # denied, or no drug named
        ("He is not allergic to penicillin. Amoxicillin for 5 or 10 days?", []),
        ("No known drug allergies; which antibiotic for cystitis?", []),
        ("Is he allergic? He got a rash on amoxicillin.", []),
    ],
)
def test_the_allergies_a_question_states(question: str, allergies: list[str]) -> None:
    assert stated_allergies(question) == allergies


def test_a_penicillin_allergy_rules_out_every_penicillin_but_not_advice_for_the_allergic() -> None:
    allergens = allergen_pattern(["penicillin"])
    assert unsafe_for_allergy(DRUG_OF_CHOICE, allergens)
    assert unsafe_for_allergy("Amoxicillin is an alternative to penicillin V.", allergens)
    assert not unsafe_for_allergy(IF_ALLERGIC, allergens)
    assert not unsafe_for_allergy("Clindamycin is an option.", allergens)
    assert allergen_pattern([]) is None
