"""Telling which drugs a sentence names, on real guideline wording."""

from __future__ import annotations

from medcite.compose.gather.interactions import DrugClassMap
from medcite.compose.gather.pair_text import pair_terms
from medcite.models import DrugMention

# Beers criteria 2015 (ngc:10857) and the NICE depression summary (ngc:10991).
NSAIDS_ROW = "Non-steroidal anti-inflammatory drugs (NSAIDs) are contraindicated in asthma."
SJW = "Taking SJW in combination with selective serotonin reuptake inhibitors (SSRIs)"


def test_non_steroidal_names_no_steroid() -> None:
    terms = pair_terms(NSAIDS_ROW)
    assert "steroid" not in terms
    assert "nsaid" in terms


def test_an_abbreviation_its_source_defines_names_the_long_form() -> None:
    assert {"wort", "john"} <= pair_terms(SJW, {"SJW": "St John's wort"})
    assert "wort" not in pair_terms(SJW)


def test_a_drug_is_named_by_its_classes_labels() -> None:
    classes = DrugClassMap.load()
    labels = classes.labels_of(DrugMention(name="oxycodone", surface="OxyContin"))
    assert "Opioids" in labels
    nsaids = classes.labels_of(DrugMention(name="nsaid", surface="NSAIDs", is_class=True))
    assert nsaids == ["NSAIDs"]
