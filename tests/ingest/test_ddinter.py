from pathlib import Path

import pytest

from medcite.ingest.base import FileDocuments, FileFailure
from medcite.ingest.ddinter import DDInterLoader, drug_name_key, without_salt
from medcite.ingest.registry import detect, make_loaders
from medcite.models import PassageKind, SourceType
from tests.conftest import DATA

DDINTER = DATA / "lexicon" / "ddinter"
ABBREVIATIONS = DATA / "lexicon" / "abbreviations"
DRUGS = ("Warfarin", "Ibuprofen", "Acetylsalicylic acid", "Benzylpenicillin (potassium)")


def real_rows(letter: str, drugs: tuple[str, ...] = DRUGS) -> list[str]:
    """Header and the real rows of one DDInter file that name one of the drugs."""
    lines = (DDINTER / f"ddinter_downloads_code_{letter}.csv").read_text("utf-8").splitlines()
    return [lines[0], *(line for line in lines[1:] if any(f",{d}," in line for d in drugs))]


@pytest.fixture()
def excerpt(tmp_path: Path) -> list[Path]:
    """Real rows of the B and R files: Warfarin + Ibuprofen (Major) is in both."""
    paths = []
    for letter in "BR":
        path = tmp_path / f"ddinter_downloads_code_{letter}.csv"
        path.write_text("\n".join(real_rows(letter)) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def by_drug(paths: list[Path]) -> dict:
    batches = list(DDInterLoader().load_files(paths))
    assert all(isinstance(b, FileDocuments) for b in batches)
    return {d.metadata["drug"]: d for b in batches for d in b.documents}


def test_one_document_per_drug_with_each_pair_once(excerpt: list[Path]) -> None:
    docs = by_drug(excerpt[:1])  # the R file beside it is merged in too
    warfarin = docs["Warfarin"]
    assert warfarin.id == "ddinter:DDInter1951"
    assert warfarin.title == "DDInter: drug interactions of Warfarin"
    assert warfarin.source_type is SourceType.DRUG_INTERACTION_DATABASE
    assert warfarin.publisher == "DDInter"
    assert warfarin.url == "https://ddinter.scbdd.com/ddinter/drug-detail/DDInter1951/"
    assert "CC BY-NC-SA" in (warfarin.license or "")
    assert warfarin.text.count("Warfarin and Ibuprofen: Major interaction.") == 1
    assert "Ibuprofen and Warfarin: Major interaction." in docs["Ibuprofen"].text
    assert {p.kind for p in warfarin.passages} == {PassageKind.INTERACTION}
    assert [s.name for s in warfarin.sections] == ["Major", "Moderate", "Minor", "Unknown"]
    lines = [line for line in warfarin.text.split("\n") if line]
    in_passages = [line for p in warfarin.passages for line in p.text.split("\n")]
    assert len(lines) == len(set(lines)) == len(in_passages)  # whole lines, each once


def test_lookup_names_strip_salts_and_add_other_names(excerpt: list[Path]) -> None:
    docs = by_drug(excerpt)
    assert docs["Acetylsalicylic acid"].metadata["lookup_names"] == [
        "acetylsalicylic acid",
        "aspirin",
    ]
    assert docs["Benzylpenicillin (potassium)"].metadata["lookup_names"][0] == "benzylpenicillin"


def test_names_are_normalised_like_the_question_side() -> None:
    assert drug_name_key("Benzylpenicillin (potassium)") == "benzylpenicillin"
    assert drug_name_key("Hydrocortisone (topical)") == "hydrocortisone (topical)"
    assert drug_name_key("St. John\u2019s  Wort") == "st john's wort"
    assert without_salt("sertraline hydrochloride") == "sertraline"
    assert without_salt("lithium carbonate") == "lithium"
    assert without_salt("calcium carbonate") is None
    assert without_salt("dimethyl fumarate") is None


def test_only_ddinter_tables_are_taken() -> None:
    loaders = make_loaders()
    table = DDINTER / "ddinter_downloads_code_V.csv"
    assert detect(table, loaders).name == "ddinter"
    abbreviations = next(ABBREVIATIONS.glob("*.csv"))
    found = detect(abbreviations, loaders)
    assert found is None or found.name != "ddinter"


def test_a_csv_that_is_not_ddinter_is_reported(tmp_path: Path) -> None:
    other = tmp_path / "abbreviations.csv"
    other.write_bytes(next(ABBREVIATIONS.glob("*.csv")).read_bytes())
    (failure,) = DDInterLoader().load_files([other])
    assert isinstance(failure, FileFailure)
    assert "not a DDInter table" in failure.reason


def test_a_broken_row_is_reported_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "ddinter_downloads_code_B.csv"
    rows = real_rows("B")[:3]
    broken.write_text("\n".join([*rows, "DDInter1951,Warfarin,DDInter900"]) + "\n")
    (failure,) = DDInterLoader().load_files([broken])
    assert isinstance(failure, FileFailure)
    assert "line 4" in failure.reason
