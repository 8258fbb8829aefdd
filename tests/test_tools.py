"""The maintenance scripts in tools/ that regenerate shipped data files."""

import importlib.util
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "tools"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_conditions_listed_in_an_ngc_condition_item_are_names_of_their_own():
    extract = _load("extract_condition_names")
    # ngc:10885's Disease/Condition(s), as the extractor reads it (lower case, no abbreviations)
    item = (
        "substance use disorders including alcohol use disorder, opioid use disorder, cannabis "
        "use disorder, stimulant use disorder, and sedative/hypnotic use disorder"
    )
    assert extract.listed_conditions(item) == {
        "alcohol use disorder",
        "opioid use disorder",
        "cannabis use disorder",
        "stimulant use disorder",
        "sedative/hypnotic use disorder",
    }
    # ngc:10953 lists no conditions; "such as" pieces that are not condition names are dropped
    assert extract.listed_conditions("chronic pain (i.e., pain that lasts >3 months)") == set()
    assert extract.listed_conditions("pain including the following, alcohol, and others") == set()
