"""Shared fixtures: real files from ../shared/data and small indexes built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from medcite.compose.composer import Composer
from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.ingest.pipeline import ingest
from medcite.retrieve.searcher import Searcher

DATA = Settings().data_dir
NGC = DATA / "corpus" / "ngc"
MEDQUAD = DATA / "corpus" / "medquad"
PUBMEDQA = DATA / "eval" / "pubmedqa" / "pqal_dev.json"
BIOASQ = DATA / "eval" / "bioasq"
FIXTURES = Path(__file__).parent / "fixtures"

# A small real slice of the corpus: guidelines on depression, T-cell lymphoma, and others.
SAMPLE_NGC = ["ngc-10000.xml", "ngc-10991.xml", "ngc-10760.xml", "ngc-11018.xml", "ngc-10001.xml"]
SAMPLE_MEDQUAD = [
    "1_CancerGov_QA/0000001_1.xml",
    "6_NINDS_QA/0000007.xml",
    "9_CDC_QA/0000397.xml",
    "3_GHR_QA/0000001.xml",
    "5_NIDDK_QA/0000001.xml",
]


def pytest_configure(config: pytest.Config) -> None:
    if not DATA.is_dir():
        raise pytest.UsageError(f"the shared data folder is missing: {DATA} (set MEDCITE_DATA)")


@pytest.fixture(scope="session")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Real files: a few NGC summaries and MedQuAD files, PubMedQA, and one BioASQ batch."""
    return [
        *(NGC / n for n in SAMPLE_NGC),
        *(MEDQUAD / n for n in SAMPLE_MEDQUAD),
        PUBMEDQA,
        BIOASQ / "Task8BGoldenEnriched" / "8B1_golden.json",
    ]


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(index_path=tmp_path_factory.mktemp("index") / "sample.sqlite")


@pytest.fixture(scope="session")
def sample_store(sample_files: list[Path], sample_settings: Settings) -> SqliteStore:
    """An index of the sample files, built once per test session (read-only use in tests)."""
    store = SqliteStore(sample_settings.index_path)
    report = ingest(sample_files, store, sample_settings)
    assert not report.failures, report.failures
    return store


# Guidelines, patient pages and the interaction table that the clinical-reasoning tests ask
# about: depression (ketamine), statins, thyroid cancer screening, the Beers criteria,
# hypertension, type 2 diabetes, cervical and breast cancer screening, stroke, abdominal aortic
# aneurysm screening, aspirin for primary prevention, plus every DDInter file.
CLINICAL_NGC = [
    "ngc-10991.xml",
    "ngc-11104.xml",
    "ngc-11212.xml",
    "ngc-10857.xml",
    "ngc-10598.xml",
    "ngc-11167.xml",
    "ngc-9578.xml",
    "ngc-10904.xml",
    "ngc-11008.xml",
    "ngc-10953.xml",
    "ngc-10510.xml",
    "ngc-11001.xml",
    "ngc-10567.xml",  # AAO-HNS tinnitus
    "ngc-11043.xml",  # USPSTF lipid disorders in children (I statement)
    "ngc-10898.xml",  # advice for people taking corticosteroids, in another setting
    "ngc-10831.xml",  # NICE preterm labour and birth: windows in weeks of pregnancy
    "ngc-10299.xml",  # USPSTF drug use prevention in children and adolescents (I statement)
    "ngc-10602.xml",  # USPSTF low-dose aspirin to prevent preeclampsia
    "ngc-11201.xml",  # USPSTF preeclampsia screening, quoting the aspirin statement
    "ngc-9967.xml",  # UMHS pharyngitis: penicillin V, and what to give if allergic to it
]
# Patient pages: stroke (NHLBI), stiff person syndrome (GARD, with its phenotype-table
# boilerplate, and NINDS), asthma (NHLBI), pelvic inflammatory disease and rubella (MedlinePlus),
# gas (NIDDK: a symptom page that must not answer a PID question).
CLINICAL_MEDQUAD = [
    "8_NHLBI_QA_XML/0000124.xml",
    "2_GARD_QA/0005895.xml",
    "6_NINDS_QA/0000259.xml",
    "8_NHLBI_QA_XML/0000010.xml",
    "4_MPlus_Health_Topics_QA/0000695.xml",
    "4_MPlus_Health_Topics_QA/0000787.xml",
    "5_NIDDK_QA/0000129.xml",
    "4_MPlus_Health_Topics_QA/0000426.xml",  # headache: when to get help right away
    "4_MPlus_Health_Topics_QA/0000402.xml",  # GERD: how it is treated, no word of a cure
    "4_MPlus_Health_Topics_QA/0000895.xml",  # tinnitus: its causes' list runs into treatment
]
DDINTER = DATA / "lexicon" / "ddinter"


@pytest.fixture(scope="session")
def clinical_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(index_path=tmp_path_factory.mktemp("clinical") / "clinical.sqlite")


@pytest.fixture(scope="session")
def clinical_store(sample_files: list[Path], clinical_settings: Settings) -> SqliteStore:
    """The sample files plus the clinical slice, built once per test session."""
    files = [
        *sample_files,
        *(NGC / n for n in CLINICAL_NGC),
        *(MEDQUAD / n for n in CLINICAL_MEDQUAD),
        DDINTER,
    ]
    store = SqliteStore(clinical_settings.index_path)
    report = ingest(files, store, clinical_settings)
    assert not report.failures, report.failures
    return store


@pytest.fixture(scope="session")
def clinical_composer(clinical_store: SqliteStore, clinical_settings: Settings) -> Composer:
    """A composer over the clinical slice."""
    return Composer(Searcher(clinical_store, clinical_settings))
