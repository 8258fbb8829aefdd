"""Regenerate src/medcite/data/drug_lexicon.tsv from the `drug-named-entity-recognition` package.

The package (MIT licence, (c) 2023 Fast Data Science Ltd) ships ~107k drug name variants
mapped to ~20k canonical drugs, but importing it takes seconds. This script keeps the variants
that can appear as words in a question (letters, digits and hyphens, at most three words) of
clinical drugs (a DrugBank, MedlinePlus or NHS entry; MeSH-only entries are proteins and
classes), single-ingredient only, and writes `variant<TAB>canonical<TAB>brand` lines.

    .venv/bin/python tools/extract_drug_lexicon.py
"""

from __future__ import annotations

import bz2
import importlib.util
import pickle
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/medcite/data/drug_lexicon.tsv"
_VARIANT = re.compile(r"^[a-z][a-z0-9\-]*[a-z0-9](?: [a-z0-9][a-z0-9\-]*){0,2}$")
_CLINICAL_KEYS = ("drugbank_id", "medline_plus_id", "nhs_url")
# Variants that are ordinary words or anatomy/biology in a question, not the drug they name.
EXCLUDED = frozenset(
    {
        *("alli", "aloe", "thyroid gland", "uric acid", "nk cells", "pre-exposure prophylaxis"),
        *("vitamin b", "cortisol", "apelin", "royal jelly", "caustic soda"),
    }
)
MIN_SINGLE_WORD = 5  # shorter one-word variants are mostly lab acronyms (DMSO, EDTA, GABA)
HEADER = (
    "# Drug name variants -> canonical generic name (lower case); brand=1 for brand names.\n"
    "# Extracted by tools/extract_drug_lexicon.py from drug-named-entity-recognition 2.x\n"
    "# (MIT licence, Copyright (c) 2023 Fast Data Science Ltd; DrugBank/MeSH/MedlinePlus names).\n"
)


def _package_dictionary() -> dict:
    spec = importlib.util.find_spec("drug_named_entity_recognition")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install drug-named-entity-recognition first")
    path = Path(spec.submodule_search_locations[0]) / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(path, "rb") as f:
        return pickle.load(f)  # the package's own data file


def _is_clinical(data: dict) -> bool:
    return any(key in data for key in _CLINICAL_KEYS)


def extract() -> list[tuple[str, str, bool]]:
    d = _package_dictionary()
    canon_data = d["drug_canonical_to_data"]
    variant_data = d["drug_variant_to_variant_data"]
    rows: dict[str, tuple[str, str, bool]] = {}
    for variant, canonicals in d["drug_variant_to_canonical"].items():
        if len(canonicals) != 1 or not _VARIANT.match(variant):
            continue
        canonical = canonicals[0]
        data = canon_data.get(canonical)
        if data is None or not _is_clinical(data) or not _VARIANT.match(canonical):
            continue
        if " and " in f" {canonical} ":
            continue  # combination products
        if variant in EXCLUDED or (" " not in variant and len(variant) < MIN_SINGLE_WORD):
            continue
        brand = bool(variant_data.get(variant, {}).get("is_brand"))
        rows[variant] = (variant, canonical, brand)
    return sorted(rows.values())


def main() -> None:
    rows = extract()
    lines = [f"{v}\t{c}\t{int(b)}\n" for v, c, b in rows]
    OUT.write_text(HEADER + "".join(lines), encoding="utf-8")
    print(f"wrote {len(rows)} variants of {len({c for _, c, _ in rows})} drugs to {OUT}")


if __name__ == "__main__":
    main()
