"""Drug allergies a question states ("a penicillin-allergic adult", "allergic to amoxicillin"):
the drug named is one the patient must not get, not the drug asked about."""

from __future__ import annotations

import re

_WORD = r"([a-z][a-z-]*[a-z])"
_STATED = (
    re.compile(rf"\b{_WORD}-allergic\b", re.I),  # "penicillin-allergic"
    re.compile(rf"\ballerg(?:ic|y|ies) (?:reactions? )?to {_WORD}", re.I),  # "allergic to X"
    re.compile(rf"\b{_WORD} allerg(?:y|ies)\b", re.I),  # "a penicillin allergy"
)
_DENIED = re.compile(r"\b(?:no|not|without|nkda|denies)\s+(?:\w+\s+){0,2}$", re.I)
# Words before "allergy" that name no drug ("a food allergy", "no known drug allergies")
_NON_DRUGS = (
    "drug drugs medication medicine food seasonal known any severe mild an a the his her my"
)
_NOT_AN_ALLERGEN = frozenset(f"{_NON_DRUGS} their no skin".split())
# Allergens standing for a class whose members share the allergy, by how members are named:
# every penicillin ends in -cillin; every cephalosporin begins cef-/ceph-; sulfonamides sulf-.
_CLASS_NAMES = (
    (re.compile(r"cillin$|^penicillins?$"), r"\w*cillins?"),
    (re.compile(r"^ce(?:f|ph)\w*|^cephalosporins?$"), r"ce(?:f|ph)\w*"),
    (re.compile(r"^sulf\w*|^sulpha?\w*"), r"sul(?:f|ph)\w*"),
)
# Patients with the allergy ("if allergic to penicillin", "penicillin-allergic patients"), not
# an allergic reaction as a side effect
_ABOUT_ALLERGY = re.compile(
    r"\ballergic to\b|\w-allergic\b|\ballerg(?:y|ies) to\b|\b(?!an\b)\w+ allerg(?:y|ies)\b|"
    r"\bhypersensitivity to\b",
    re.I,
)


def stated_allergies(text: str) -> list[str]:
    """The drugs (lower case, as written) the text says the patient is allergic to."""
    found: list[str] = []
    for pattern in _STATED:
        for m in pattern.finditer(text):
            word = m.group(1).lower()
            if word in _NOT_AN_ALLERGEN or _DENIED.search(text[: m.start()]):
                continue
            found.append(word)
    return list(dict.fromkeys(found))


def allergen_pattern(allergies: list[str]) -> re.Pattern[str] | None:
    """What names the allergens in a source's text, their class members included."""
    parts = []
    for allergen in allergies:
        members = next((p for k, p in _CLASS_NAMES if k.search(allergen)), None)
        parts.append(members or re.escape(allergen))
    return re.compile(rf"\b(?:{'|'.join(parts)})\b", re.I) if parts else None


def speaks_of_allergy(text: str) -> bool:
    return _ABOUT_ALLERGY.search(text) is not None


def unsafe_for_allergy(text: str, allergens: re.Pattern[str] | None) -> bool:
    """The text recommends a drug the patient is allergic to: it names one and says nothing
    of allergy ("Penicillin V is the drug of choice"; not "in penicillin-allergic patients,
    clindamycin")."""
    return (
        allergens is not None and allergens.search(text) is not None and not speaks_of_allergy(text)
    )
