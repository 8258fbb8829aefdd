import pytest

from medcite.index.base import LOOKUP_NAMES_KEY
from medcite.ingest.medquad import MedQuadLoader, focus_names
from medcite.models import SourceType
from tests.conftest import MEDQUAD


def test_each_answer_is_patient_information_with_its_source() -> None:
    docs = list(MedQuadLoader().load(MEDQUAD / "1_CancerGov_QA" / "0000001_1.xml"))
    assert len(docs) >= 5
    first = docs[0]
    assert first.id == "medquad:CancerGov:0000001_1-1"
    assert first.title == "What is (are) Adult Acute Lymphoblastic Leukemia ?"
    assert first.source_type is SourceType.PATIENT_INFORMATION
    assert first.url == "https://www.cancer.gov/types/leukemia/patient/adult-all-treatment-pdq"
    assert first.publisher == "National Cancer Institute (cancer.gov)"
    assert first.metadata["focus"] == "Adult Acute Lymphoblastic Leukemia"
    assert first.metadata["qtype"] == "information"
    # inline "    - " bullets become one item per line
    assert "\n- Leukemia may affect red blood cells" in first.text


def test_lower_case_variant_schema_of_ninds_files() -> None:
    docs = list(MedQuadLoader().load(MEDQUAD / "6_NINDS_QA" / "0000007.xml"))
    assert [d.metadata["qtype"] for d in docs] == [
        "information",
        "treatment",
        "outlook",
        "research",
    ]
    assert docs[1].id == "medquad:NINDS:0000007-2"
    assert "pilocarpine drops" in docs[1].text


def test_question_ids_of_different_collections_do_not_collide() -> None:
    loader = MedQuadLoader()
    ghr = {d.id for d in loader.load(MEDQUAD / "3_GHR_QA" / "0000001.xml")}
    niddk = {d.id for d in loader.load(MEDQUAD / "5_NIDDK_QA" / "0000001.xml")}
    assert ghr and niddk and not ghr & niddk


def test_pages_declare_the_names_of_their_topic() -> None:
    docs = list(MedQuadLoader().load(MEDQUAD / "1_CancerGov_QA" / "0000001_1.xml"))
    assert docs[0].metadata[LOOKUP_NAMES_KEY] == ["adult acut lymphoblast leukemia"]


@pytest.mark.parametrize(
    ("focus", "names"),
    [
        # MedQuAD focus strings as the files spell them
        ("What I need to know about Diarrhea", {"what i need to know about diarrhea", "diarrhea"}),
        ("Parasites - Lice - Body Lice", {"parasit lice bodi lice", "bodi lice"}),
        (
            "Bile Duct Cancer (Cholangiocarcinoma)",
            {"bile duct cancer cholangiocarcinoma", "bile duct cancer", "cholangiocarcinoma"},
        ),
        (
            "Diabetic Neuropathies: The Nerve Damage of Diabetes",
            {"diabet neuropathi the nerv damag of diabet", "diabet neuropathi"},
        ),
        ("Stiff-Person Syndrome", {"stiff person syndrom"}),
        ("Alzheimer's Disease", {"alzheim diseas"}),
        # a list of conditions names none of them alone
        (
            "Achondroplasia and severe combined immunodeficiency",
            {"achondroplasia and sever combin immunodefici"},
        ),
        ("", set()),
    ],
)
def test_focus_names(focus: str, names: set[str]) -> None:
    assert set(focus_names(focus)) == names
