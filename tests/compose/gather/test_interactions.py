
import pytest

from medcite.compose.gather.interactions import (
    DrugClassMap,
    InteractionLevel,
    InteractionTable,
)
from medcite.index.sqlite import SqliteStore
from medcite.ingest.pipeline import ingest
from tests.conftest import DATA

DDINTER = DATA / "lexicon" / "ddinter"
DRUGS = (
    "Warfarin",
    "Ibuprofen",
    "Acetylsalicylic acid",
    "Sertraline",
    "Tramadol",
    "Lithium carbonate",
    "Benzylpenicillin (potassium)",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SqliteStore:
    """An index of the real rows of DDInter files A, B and R that name these drugs."""
    folder = tmp_path_factory.mktemp("ddinter")
    for letter in "ABR":
        lines = (DDINTER / f"ddinter_downloads_code_{letter}.csv").read_text("utf-8").splitlines()
        rows = [lines[0], *(line for line in lines[1:] if any(f",{d}," in line for d in DRUGS))]
        (folder / f"ddinter_downloads_code_{letter}.csv").write_text("\n".join(rows) + "\n")
    index = SqliteStore(folder / "index.sqlite")
    report = ingest([folder], index)
    assert not report.failures and report.documents_added > 100
    return index


def test_a_listed_pair_is_cited_to_its_exact_line(store: SqliteStore) -> None:
    (finding,) = InteractionTable(store).pairs(["warfarin", "ibuprofen"])
    assert finding.level is InteractionLevel.MAJOR
    assert (finding.drug_a, finding.drug_b) == ("warfarin", "ibuprofen")
    assert finding.text == "Warfarin and Ibuprofen: Major interaction."
    span = finding.span
    doc = store.get_documents([span.doc_id], with_passages=True)[span.doc_id]
    assert span.doc_id == "ddinter:DDInter1951"
    assert doc.text[span.start : span.end] == finding.text
    passage = next(p for p in doc.passages if p.id == span.passage_id)
    assert passage.start <= span.start and span.end <= passage.end


def test_every_pair_of_several_drugs_with_real_levels(store: SqliteStore) -> None:
    findings = InteractionTable(store).pairs(["tramadol", "warfarin", "aspirin", "sertraline"])
    levels = {(f.drug_a, f.drug_b): f.level.value for f in findings}
    assert levels == {
        ("tramadol", "warfarin"): "Moderate",
        ("tramadol", "aspirin"): "Unknown",
        ("warfarin", "aspirin"): "Major",
        ("warfarin", "sertraline"): "Moderate",
        ("aspirin", "sertraline"): "Moderate",
    }  # sertraline + tramadol: both nervous-system drugs, not in the indexed files


def test_an_absent_pair_and_an_absent_drug(store: SqliteStore) -> None:
    table = InteractionTable(store)
    assert table.pairs(["sertraline", "tramadol"]) == []
    assert table.known("sertraline") and table.known("tramadol")
    assert not table.known("coumadin")  # brand names are the question side's to resolve
    assert table.pairs(["warfarin", "coumadin"]) == []


def test_salt_and_other_names_find_the_drug(store: SqliteStore) -> None:
    table = InteractionTable(store)
    assert table.known("Sertraline Hydrochloride")
    assert table.known("lithium") and table.known("Aspirin")
    (finding,) = table.pairs(["aspirin", "lithium"])
    assert finding.text == "Acetylsalicylic acid and Lithium carbonate: Minor interaction."
    (penicillin,) = table.pairs(["warfarin", "penicillin G"])
    assert penicillin.name_b.startswith("Benzylpenicillin")  # plain, potassium, sodium: one name
    assert penicillin.level is InteractionLevel.MODERATE


@pytest.fixture(scope="module")
def classes() -> DrugClassMap:
    return DrugClassMap.load()


def test_class_members_and_names(classes: DrugClassMap) -> None:
    assert {"ibuprofen", "naproxen", "celecoxib"} <= set(classes.members("nsaid"))
    anticoagulants = set(classes.members("anticoagulant"))
    assert {"warfarin", "apixaban", "dabigatran", "enoxaparin", "heparin"} <= anticoagulants
    assert classes.class_for_name("Blood thinners").id == "anticoagulant"
    assert classes.class_for_name("NSAIDs").id == "nsaid"
    assert classes.class_for_name("painkiller") is None
    assert "nonsteroidal anti-inflammatory" in classes.class_terms("nsaid")
    found = classes.classes_in("Can I take anti-inflammatory painkillers with my SSRI?")
    assert [c.id for c in found] == ["nsaid", "ssri"]


def test_classes_of_a_drug_and_duplicate_therapy(classes: DrugClassMap) -> None:
    tramadol = {c.id for c in classes.classes_of("tramadol")}
    assert {"opioid", "serotonergic", "cns_depressant"} <= tramadol
    assert {c.id for c in classes.classes_of("Sertraline Hydrochloride")} >= {"ssri"}
    assert [c.id for c in classes.classes_of("alcohol")] == ["cns_depressant"]
    assert "ssri" in [c.id for c in classes.same_class("sertraline", "fluoxetine")]
    assert classes.same_class("sertraline", "warfarin") == []
    assert "statin" in {c.id for c in classes.same_class("simvastatin", "atorvastatin")}


def test_every_class_states_its_source(classes: DrugClassMap) -> None:
    assert len(classes.classes) >= 30
    for drug_class in classes.classes.values():
        assert drug_class.source and drug_class.members and drug_class.terms
        assert all(m == m.lower() for m in drug_class.members)
