"""Stance judge on real PubMedQA / BioASQ question-conclusion pairs, and on the dev file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medcite.compose.judge.stance import (
    Stance,
    StanceEvidence,
    is_yes_no_question,
    judge_stance,
    split_sentences,
)

PUBMEDQA_DEV = Path(__file__).resolve().parents[3] / "shared/data/eval/pubmedqa/pqal_dev.json"


def _conclusion(text: str) -> list[StanceEvidence]:
    return [StanceEvidence(s, "CONCLUSIONS", 1.0) for s in split_sentences(text)]


# (question, conclusion, expected) taken verbatim from PubMedQA dev.
REAL_PAIRS = [
    (
        "Does laparoscopic antireflux surgery improve quality of life in patients whose "
        "gastro-oesophageal reflux disease is well controlled with medical therapy?",
        "Laparoscopic antireflux surgery significantly improved quality of life in reflux "
        "patients whose symptoms were well controlled on medical therapy. Although on the basis "
        "of a noncomparative trial with a relatively short follow-up period, we believe such "
        "patients should be considered for laparoscopic antireflux surgery.",
        Stance.YES,
    ),
    (
        "Does a colonoscopy after acute diverticulitis affect its management?",
        "Our results suggest that colonoscopy does not affect the management of patients with "
        "acute diverticulitis nor alter the outcome. The current practice of a routine "
        "colonoscopy after acute diverticulitis, diagnosed by typical clinical symptoms and CT "
        "needs to be reevaluated.",
        Stance.NO,
    ),
    (
        "Are serum leptin levels a prognostic factor in advanced lung cancer?",
        "Our results showed that the serum leptin level has no prognostic indications in "
        "advanced lung cancer patients. Leptin is decreased in lung cancer, and there is lack of "
        "correlation with tumour-related factors including prognosis. Therefore, leptin is not a "
        "useful clinical marker in lung cancer.",
        Stance.NO,
    ),
    (
        "Counter sampling combined with medical provider education: do they alter prescribing "
        "behavior?",
        "Education by pharmacists, combined with access to counter samples, may or may not have "
        "an effect on medical provider prescribing, depending on the category of medication "
        "targeted for cost control.",
        Stance.MAYBE,
    ),
    (  # equivalence: "equally safe and effective ... comparable yield" answers yes
        "Double balloon enteroscopy: is it efficacious and safe in a community setting?",
        "DBE appears to be equally safe and effective when performed in the community setting as "
        "compared to a tertiary referral center with a comparable yield, efficacy, and "
        "complication rate.",
        Stance.YES,
    ),
    (  # non-inferiority: "a comparable imaging modality" answers "a viable alternative?"
        "Digital Tomosynthesis: A Viable Alternative to Noncontrast Computed Tomography for the "
        "Follow-Up of Nephrolithiasis?",
        "We found DT to be a comparable imaging modality to NCCT for the detection of intrarenal "
        "stones, without a significant effect from stone size and BMI and adequate "
        "reproducibility between multiple readers. DT appears to be an ideal alternative for "
        "following patients with nephrolithiasis due to its acceptable stone detection rates, "
        "low radiation exposure, and decreased cost compared to NCCT.",
        Stance.YES,
    ),
    (  # sameness question answered by a difference
        "Juvenile ankylosing spondylitis--is it the same disease as adult ankylosing spondylitis?",
        "In this group of subjects, juvenile AS had onset more often with oligoarthritis and "
        "enthesitis than with spinal disease. Hip and knee joint involvement was more common in "
        "JAS than AAS.",
        Stance.NO,
    ),
]


@pytest.mark.parametrize(("question", "conclusion", "expected"), REAL_PAIRS)
def test_real_conclusions(question: str, conclusion: str, expected: Stance) -> None:
    verdict = judge_stance(question, _conclusion(conclusion))
    assert verdict.stance == expected
    assert verdict.decisive


def test_negated_question_flips_the_answer() -> None:
    conclusion = _conclusion(REAL_PAIRS[1][1])
    plain = judge_stance(
        "Does a colonoscopy after acute diverticulitis affect its management?", conclusion
    )
    negated = judge_stance(
        "Does a colonoscopy after acute diverticulitis not affect its management?", conclusion
    )
    assert plain.stance == Stance.NO
    assert negated.stance == Stance.YES


def test_swapped_entity_lowers_the_score() -> None:
    # BioASQ (gold: no): "Does lucatumumab bind to CD140?" -- the evidence is about CD40.
    snippets = [
        "Lucatumumab is a fully humanized anti-CD40 antibody that blocks interaction of CD40L "
        "with CD40 and also mediates antibody-dependent cell-mediated cytotoxicity (ADCC).",
        "Phase I study of the anti-CD40 humanized monoclonal antibody lucatumumab (HCD122) in "
        "relapsed chronic lymphocytic leukemia.",
    ]
    ev = [StanceEvidence(t) for t in snippets]
    swapped = judge_stance("Does lucatumumab bind to CD140?", ev, allow_maybe=False)
    matched = judge_stance("Does lucatumumab bind to CD40?", ev, allow_maybe=False)
    assert matched.stance == Stance.YES
    assert swapped.score < matched.score - 0.5


def test_no_evidence_is_maybe() -> None:
    assert judge_stance("Is aspirin effective?", []).stance == Stance.MAYBE


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Does telmisartan prevent hepatic fibrosis in rats?", True),
        ("Rotator cuff tear--an occupational disease?", True),
        ("Cycloplegic autorefraction in young adults: is it mandatory?", True),
        ("Is fingolimod a drug or a pro-drug?", False),
        ("Women with and without prior depression: are they the same or different?", False),
        ("Anaplasma phagocytophilum is an obligate intracellular bacterium, yes or no", True),
        ("Does either obesity or OSA severity influence the response of CPAP machines?", True),
        ("How many genes in S. cerevisiae are the result of a genome duplication?", False),
        ("Is the TFR1 gene essential or not?", True),
        ("What is the mechanism of action of verubecestat?", False),
        ("List the side effects of metformin.", False),
        # a consumer message (dev3) doubling its question mark
        ("my sister says ginkgo biloba pills fixed hers. Is that worth trying??", True),
    ],
)
def test_is_yes_no_question(question: str, expected: bool) -> None:
    assert is_yes_no_question(question) is expected


def test_sentence_splitter_keeps_abbreviations_and_decimals() -> None:
    text = "Group A vs. group B differed (p = 0.03, Smith et al. 2001). E.g. this holds. Done."
    assert split_sentences(text) == [
        "Group A vs. group B differed (p = 0.03, Smith et al. 2001).",
        "E.g. this holds.",
        "Done.",
    ]


def _pubmedqa_cases() -> list[tuple[str, list[StanceEvidence], str]]:
    data = json.loads(PUBMEDQA_DEV.read_text())
    cases = []
    for item in data.values():
        ev = _conclusion(item["LONG_ANSWER"])
        for ctx, label in zip(item["CONTEXTS"], item["LABELS"], strict=False):
            if label.upper().startswith("RESULT"):
                ev.extend(StanceEvidence(s, label, 0.5) for s in split_sentences(ctx))
        cases.append((item["QUESTION"], ev, item["final_decision"]))
    return cases


def test_pubmedqa_dev_accuracy_well_above_majority() -> None:
    cases = _pubmedqa_cases()
    hits = sum(judge_stance(q, ev).stance.value == gold for q, ev, gold in cases)
    assert hits / len(cases) >= 0.65  # majority baseline is 0.552
