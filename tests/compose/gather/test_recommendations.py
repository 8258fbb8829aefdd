"""Recommendation direction and strength on real NGC grades and recommendation sentences."""

from __future__ import annotations

import pytest

from medcite.compose.gather.recommendations import (
    GradeTable,
    normalize_grade,
    recommendation_semantics,
)
from medcite.config import Settings
from medcite.ingest.ngc import NgcLoader
from medcite.models import RecommendationDirection as D
from medcite.models import RecommendationStrength as S

USPSTF = "U.S. Preventive Services Task Force - Independent Expert Panel"
VADOD = "Department of Defense - Federal Government Agency [U.S.]; Department of Veterans Affairs"
SOGC = "Society of Obstetricians and Gynaecologists of Canada - Medical Specialty Society"
AAN = "American Academy of Neurology - Medical Specialty Society"
BTS = "British Thoracic Society - Medical Specialty Society"
AUA = "American Urological Association Education and Research, Inc. - Medical Specialty Society"
UMHS = "University of Michigan Health System - Academic Institution"


@pytest.fixture(scope="module")
def table() -> GradeTable:
    return GradeTable.load()


# Grade strings as the NGC loader gives them (each occurs in the corpus), with their publisher.
GRADES = [
    ("B recommendation", USPSTF, "uspstf", D.FOR, S.MODERATE),
    ("C recommendation", USPSTF, "uspstf", D.INDIVIDUAL_DECISION, S.WEAK),
    ("D recommendation", USPSTF, "uspstf", D.AGAINST, S.MODERATE),
    ("I statement", USPSTF, "uspstf", D.INSUFFICIENT_EVIDENCE, S.UNKNOWN),
    ("A", "American Occupational Therapy Association, Inc. - Professional Association", "uspstf", D.FOR, S.STRONG),
    ("Strong against; Reviewed, New-replaced", VADOD, "grade", D.AGAINST, S.STRONG),
    ("Strong Against; Reviewed, New-added", VADOD, "grade", D.AGAINST, S.STRONG),
    ("Weak For; Reviewed, Amended", VADOD, "grade", D.FOR, S.WEAK),
    ("Weak Against", VADOD, "grade", D.AGAINST, S.WEAK),
    ("Strength of Evidence = C; Strength of Recommendation = Weak positive recommendation", None, "grade", D.FOR, S.WEAK),
    ("Strong recommendation for the use of an intervention", None, "grade", D.FOR, S.STRONG),
    ("Strong recommendation, moderate quality of evidence", None, "strength_word", D.NONE, S.STRONG),
    ("Conditional recommendation, low-quality evidence", None, "strength_word", D.NONE, S.WEAK),
    ("Type of recommendation: formal consensus; Strength of recommendation: strong", None, "strength_word", D.NONE, S.STRONG),
    ("Strength: Moderate recommendation", None, "strength_word", D.NONE, S.MODERATE),
    ("Context-specific recommendation", None, "strength_word", D.INDIVIDUAL_DECISION, S.WEAK),
    ("Grade 1B", None, "grade_numeric", D.NONE, S.STRONG),
    ("2C", None, "grade_numeric", D.NONE, S.WEAK),
    ("2|++OO", None, "grade_numeric", D.NONE, S.WEAK),
    ("Grade - 1; Level of Evidence - C", None, "grade_numeric", D.NONE, S.STRONG),
    ("III-C", SOGC, "ctfphc", D.NONE, S.WEAK),
    ("I-A", SOGC, "ctfphc", D.FOR, S.STRONG),
    ("III-D", SOGC, "ctfphc", D.AGAINST, S.MODERATE),
    ("Level B", AAN, "aan", D.NONE, S.MODERATE),
    ("Level U", AAN, "aan", D.INSUFFICIENT_EVIDENCE, S.UNKNOWN),
    ("Standard; Evidence Strength Grade B", AUA, "aua", D.NONE, S.STRONG),
    ("Clinical Principle", AUA, "expert", D.NONE, S.EXPERT_OPINION),
    ("I, D", UMHS, "umhs", D.FOR, S.STRONG),
    ("IIID", UMHS, "umhs", D.AGAINST, S.STRONG),
    ("Class III: No Benefit", None, "acc_aha", D.AGAINST, S.STRONG),
    ("recommendation category: B, evidence type: 4", None, "cdc_opioid", D.INDIVIDUAL_DECISION, S.WEAK),
    ("Category IB", None, "cdc_hicpac", D.FOR, S.STRONG),
    ("GPP", BTS, "expert", D.NONE, S.EXPERT_OPINION),
    ("Consensus–Panel Expertise", None, "expert", D.NONE, S.EXPERT_OPINION),
    ("Not Graded", None, "expert", D.NONE, S.EXPERT_OPINION),
    ("Insufficient Evidence", None, "insufficient", D.INSUFFICIENT_EVIDENCE, S.UNKNOWN),
    ("Grade D", BTS, "letter", D.NONE, S.EXPERT_OPINION),
    ("B", BTS, "letter", D.NONE, S.MODERATE),
    ("LE=4, GR=C", None, "letter", D.NONE, S.WEAK),
    ("Level of Evidence: B", None, "evidence_only", D.NONE, S.UNKNOWN),
    ("Low Quality Evidence", None, "evidence_only", D.NONE, S.UNKNOWN),
]


@pytest.mark.parametrize(("grade", "publisher", "scheme", "direction", "strength"), GRADES)
def test_grade_table_maps_real_grades(
    table: GradeTable, grade: str, publisher: str | None, scheme: str, direction: D, strength: S
) -> None:
    meaning = table.meaning(grade, publisher)
    assert meaning is not None
    assert (meaning.scheme, meaning.direction, meaning.strength) == (scheme, direction, strength)


def test_letter_grades_depend_on_the_publisher(table: GradeTable) -> None:
    # USPSTF D is "recommends against"; SIGN/BTS D is a grade of weak evidence, not a direction.
    assert table.meaning("D", USPSTF).direction is D.AGAINST  # type: ignore[union-attr]
    assert table.meaning("D", BTS).direction is D.NONE  # type: ignore[union-attr]


def test_unrecognised_grade_gives_no_meaning(table: GradeTable) -> None:
    assert table.meaning("the strength of the recommendation", None) is None
    assert table.meaning(None, USPSTF) is None
    assert normalize_grade(" (Grade  B–1). ") == "grade b-1"


# (real sentence, grade, publisher, direction); sentences are verbatim from the NGC corpus.
SENTENCES = [
    ("The USPSTF recommends initiating low-dose aspirin use for the primary prevention of cardiovascular disease (CVD) and colorectal cancer (CRC) in adults aged 50 to 59 years who have a 10% or greater 10-year CVD risk, are not at increased risk for bleeding, have a life expectancy of at least 10 years, and are willing to take low-dose aspirin daily for at least 10 years. (B recommendation)", "B recommendation", USPSTF, D.FOR),
    ("The decision to initiate low-dose aspirin use for the primary prevention of CVD and CRC in adults aged 60 to 69 years who have a 10% or greater 10-year CVD risk should be an individual one. Persons who are not at increased risk for bleeding, have a life expectancy of at least 10 years, and are willing to take low-dose aspirin daily for at least 10 years are more likely to benefit. (C recommendation)", "C recommendation", USPSTF, D.INDIVIDUAL_DECISION),
    ("The current evidence is insufficient to assess the balance of benefits and harms of initiating aspirin use for the primary prevention of CVD and CRC in adults younger than 50 years. (I statement)", "I statement", USPSTF, D.INSUFFICIENT_EVIDENCE),
    ("Clinicians may choose to offer a low- to moderate-dose statin to certain adults without a history of CVD when all of the following criteria are met: (1) they are aged 40 to 75 years; (2) they have 1 or more CVD risk factors (i.e., dyslipidemia, diabetes, hypertension, or smoking); and (3) they have a calculated 10-year CVD event risk of 7.5% to 10%.", "C recommendation", USPSTF, D.INDIVIDUAL_DECISION),
    ("The USPSTF recommends screening for osteoporosis in women aged 65 years or older and in younger women whose fracture risk is equal to or greater than that of a 65-year-old white woman who has no additional risk factors.", None, USPSTF, D.FOR),
    ("The Work Group recommends against initiation of long-term opioid therapy for chronic pain. (Strong against; Reviewed, New-replaced)", "Strong against; Reviewed, New-replaced", VADOD, D.AGAINST),
    ("The Work Group recommends against the concurrent use of benzodiazepines and opioids. (Strong against; Reviewed, New-added)", "Strong against; Reviewed, New-added", VADOD, D.AGAINST),
    ("The Work Group suggests use of multimodal pain care including non-opioid medications as indicated when opioids are used for acute pain. (Weak for; Reviewed, New-added)", "Weak for; Reviewed, New-added", VADOD, D.FOR),
    ("For women aged less than 20 years, the Task Force recommends not routinely screening for cervical cancer. (Strong recommendation; high-quality evidence)", "Strong recommendation; high-quality evidence", None, D.AGAINST),
    ("For women aged 30–69 years, the Task Force recommends routine screening for cervical cancer every 3 years. (Strong recommendation; high-quality evidence)", "Strong recommendation; high-quality evidence", None, D.FOR),
    ("Do not offer interferential therapy for managing low back pain with or without sciatica.", None, None, D.AGAINST),
    ("Do not use vitamin B12 injections to treat fatigue in people with MS.", None, None, D.AGAINST),
    ("Do not routinely offer nitrates to people with acute heart failure.", None, None, D.AGAINST),
    ("Short burst oxygen therapy (SBOT) should not be ordered for use prior to or following exercise in hypoxaemic or normoxic patients with COPD.", "A", BTS, D.AGAINST),
    ("Fenofibrate should not be used if moderate or severe renal impairment, defined as eGFR <30 mL/min per 1.73 m2, is present.", None, None, D.AGAINST),
    ("Prophylaxis against IE is not recommended in patients with VHD who are at risk of IE for nondental procedures (e.g., transesophageal echocardiography, esophagogastroduodenoscopy, colonoscopy, or cystoscopy) in the absence of active infection.", "Level of Evidence: B", None, D.AGAINST),
    ("Statin therapy is not indicated for prevention of hemodynamic progression of AS in patients with mild-to-moderate calcific valve disease (stages B to D).", "Level of Evidence: A", None, D.AGAINST),
    ("Clinicians should avoid prescribing opioid pain medication and benzodiazepines concurrently whenever possible (recommendation category: A, evidence type: 3).", "recommendation category: A, evidence type: 3", None, D.AGAINST),
    ("There is insufficient evidence to recommend one insertion site or approach (left sided or right sided) for tunneled CVCs for patients with cancer.", None, None, D.INSUFFICIENT_EVIDENCE),
    ("Inform women that there is insufficient high-quality evidence to either support or discourage giving birth in water.", None, None, D.INSUFFICIENT_EVIDENCE),
    ("Post-mastectomy radiotherapy may be considered in patients with intermediate risk of recurrence (high-risk node-negative tumours or one to three positive axillary nodes).", None, None, D.INDIVIDUAL_DECISION),
    ("Vasodilator therapy may be reasonable if used with invasive hemodynamic monitoring in the acute management of patients with severe decompensated AS (stage D) with New York Heart Association (NYHA) class IV HF.", "Level of Evidence: C", None, D.INDIVIDUAL_DECISION),
    ("Consider deep brain stimulation for people with advanced Parkinson's disease whose symptoms are not adequately controlled by best medical therapy. [2017]", None, None, D.FOR),
    ("Transthoracic echocardiography (TTE) is recommended in the initial evaluation of patients with known or suspected valvular heart disease (VHD) to confirm the diagnosis, establish etiology, determine severity, assess hemodynamic consequences, determine prognosis, and evaluate for timing of intervention. (Level of Evidence: B)", "Level of Evidence: B", None, D.FOR),
    ("Exercise testing is reasonable in selected patients with asymptomatic severe VHD to 1) confirm the absence of symptoms, or 2) assess the hemodynamic response to exercise, or 3) determine prognosis. (Level of Evidence: B)", "Level of Evidence: B", None, D.FOR),
    ("If there is any possibility of pregnancy, a sensitive urine or serum pregnancy test should be performed. (III-C)", "III-C", SOGC, D.FOR),
    ("Treatment should not be withheld because delivery appears to be imminent.", None, None, D.FOR),
    ("Do not delay statin treatment in secondary prevention to manage modifiable risk factors.", None, None, D.FOR),
    ("Offer MRI to assess the risk of local recurrence to all patients with rectal cancer unless it is contraindicated.", None, None, D.FOR),
    ("Offer insulin instead of metformin to women with gestational diabetes if metformin is contraindicated or unacceptable to the woman.", None, None, D.FOR),
    ("APA recommends (1B) that antidepressant medications not be used for treatment of alcohol use disorder unless there is evidence of a co-occurring disorder for which an antidepressant is an indicated treatment.", "1B", None, D.AGAINST),
    ("In patients with BTAI, should timing of repair be delayed or immediate to minimize mortality, stroke, paraplegia, and renal failure?", None, None, D.NONE),
    ("Low-quality evidence showed that tai chi had a moderate effect on pain and a small effect on function.", "low-quality evidence", None, D.NONE),
    ("Penicillin V is the drug of choice in patients who can swallow pills.", None, None, D.FOR),
    # ngc:7747: "for whom statins are contraindicated" says who, it advises nothing against
    ("B: The administration of fibrates may be considered in type 2 diabetic patients with a cardiovascular risk of >10% in the REGICOR project table, who do not tolerate statins or for whom statins are contraindicated.", None, None, D.INDIVIDUAL_DECISION),
    ("The U.S. Preventive Services Task Force (USPSTF) found inadequate evidence on the benefits of supplementation with multivitamins to reduce the risk for cardiovascular disease or cancer.", None, USPSTF, D.INSUFFICIENT_EVIDENCE),
    ("For patients with opioid use disorder, the Work Group recommends offering one of the following medications considering patient preferences: Buprenorphine/naloxone; Methadone in an opioid treatment program. (Strong For; Reviewed, New-replaced)", None, VADOD, D.FOR),
]


@pytest.mark.parametrize(("text", "grade", "publisher", "direction"), SENTENCES)
def test_direction_of_real_recommendations(
    table: GradeTable, text: str, grade: str | None, publisher: str | None, direction: D
) -> None:
    assert recommendation_semantics(text, grade, publisher, table=table).direction is direction


ACP_OPIOIDS = (
    "Recommendation 3: In patients with chronic low back pain who have had an inadequate response "
    "to nonpharmacologic therapy, clinicians and patients should consider pharmacologic treatment "
    "with NSAIDs as first-line therapy, or tramadol or duloxetine as second-line therapy. Clinicians "
    "should only consider opioids as an option in patients who have failed the aforementioned "
    "treatments and only if the potential benefits outweigh the risks for individual patients and "
    "after a discussion of known risks and realistic benefits with patients."
)


def test_only_consider_opioids_is_a_restricted_not_a_plain_for(table: GradeTable) -> None:
    grade = "Grade: weak recommendation, moderate-quality evidence"
    result = recommendation_semantics(ACP_OPIOIDS, grade, None, table=table, subject="opioids")
    assert result.direction is D.INDIVIDUAL_DECISION
    assert result.conditional and result.condition is not None
    assert "patients who have failed" in result.condition
    assert result.strength is S.WEAK
    lead = recommendation_semantics(ACP_OPIOIDS, grade, None, table=table)
    assert lead.direction is D.FOR and "NSAIDs" in (lead.object_phrase or "")


def test_object_and_alternative_of_a_preference(table: GradeTable) -> None:
    text = "When pharmacologic therapies are used, the Work Group recommends non-opioids over opioids."
    result = recommendation_semantics(text, "Strong for; Reviewed, New-replaced", VADOD, table=table)
    assert result.direction is D.FOR
    assert result.object_phrase == "non-opioids"
    assert result.alternative_phrase == "opioids"
    cdc = (
        "When starting opioid therapy for chronic pain, clinicians should prescribe immediate-release "
        "opioids instead of extended-release/long-acting (ER/LA) opioids (recommendation category: A, "
        "evidence type: 4)."
    )
    preferred = recommendation_semantics(cdc, None, None, table=table)
    assert preferred.object_phrase == "prescribe immediate-release opioids"
    assert preferred.alternative_phrase and preferred.alternative_phrase.startswith("extended-release")


def test_object_of_passive_and_against(table: GradeTable) -> None:
    text = "Statin therapy is not indicated for prevention of hemodynamic progression of AS."
    assert recommendation_semantics(text, None, None, table=table).object_phrase == "Statin therapy"
    text = "The Work Group recommends against the concurrent use of benzodiazepines and opioids."
    against = recommendation_semantics(text, None, None, table=table)
    assert against.object_phrase == "the concurrent use of benzodiazepines and opioids"


def test_against_with_exception_is_conditional(table: GradeTable) -> None:
    text = "Opioids should not be used unless other treatments have failed."
    result = recommendation_semantics(text, None, None, table=table)
    assert result.direction is D.AGAINST
    assert result.condition == "unless other treatments have failed"


def test_grade_and_wording_disagreeing_take_the_cautious_one(table: GradeTable) -> None:
    # Grade says "for" (USPSTF B) but the sentence says "should not": against wins.
    text = "Clinicians should not routinely screen adults for this condition."
    result = recommendation_semantics(text, "B recommendation", USPSTF, table=table)
    assert (result.grade_direction, result.wording_direction) == (D.FOR, D.AGAINST)
    assert result.direction is D.AGAINST


def test_uspstf_statin_summary_from_the_corpus() -> None:
    """Read the real USPSTF statin summary through the loader: B for, C individual, I insufficient."""
    path = Settings().data_dir / "corpus" / "ngc" / "ngc-11104.xml"
    document = next(NgcLoader().load(path))
    table = GradeTable.load()
    graded = {
        p.grade: recommendation_semantics(p.text, p.grade, document.publisher, table=table)
        for p in document.passages
        if p.kind == "recommendation" and p.grade
    }
    assert graded["B recommendation"].direction is D.FOR
    assert graded["C recommendation"].direction is D.INDIVIDUAL_DECISION
    assert graded["I statement"].direction is D.INSUFFICIENT_EVIDENCE
