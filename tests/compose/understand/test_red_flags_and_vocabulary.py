from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from lxml import etree

from medcite.compose.understand.understander import DATA_DIR
from medcite.config import Settings
from medcite.text import analyze


def _liveqa_messages() -> list[str]:
    folder = Settings().data_dir / "eval/liveqa"
    if not folder.exists():
        pytest.skip("no LiveQA data")
    return [
        m.text or ""
        for p in sorted(folder.glob("*.xml"))
        for m in etree.parse(str(p)).iter("MESSAGE")
    ]


def _bioasq_questions(count: int) -> list[str]:
    path = Settings().data_dir / "eval/bioasq/Task8BGoldenEnriched/8B1_golden.json"
    if not path.exists():
        pytest.skip("no BioASQ data")
    return [q["body"] for q in json.loads(path.read_text())["questions"]][:count]


def test_every_red_flag_quote_is_in_its_document(index_store):
    flags = json.loads((DATA_DIR / "red_flags.json").read_text())["flags"]
    docs = index_store.get_documents([f["doc_id"] for f in flags])
    for flag in flags:
        assert flag["quote"] in docs[flag["doc_id"]].text, flag["id"]


def test_every_lay_term_maps_to_a_term_the_index_has(index_store):
    with open(DATA_DIR / "lay_terms.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    assert len(rows) >= 60
    terms = {t for row in rows for t in analyze(row["clinical"])}
    counts = index_store.document_frequency(terms)
    assert [t for t in terms if counts[t] == 0] == []


@pytest.mark.parametrize(
    ("message", "flag"),
    [
        (
            "My husband has been vomiting blood since this morning, it looks like coffee grounds. What should we do?",
            "upper_gi_bleeding",
        ),
        (
            "I noticed black tarry stools for two days after taking ibuprofen for my back. Is this normal?",
            "black_tarry_stool",
        ),
        (
            "My dad is 70 and he has chest pain and feels sweaty. Could it be his stomach?",
            "chest_pain",
        ),
        (
            "Her face is drooping on one side and her speech is slurred, she is 80. Is it from her new pill?",
            "stroke_signs",
        ),
        (
            "I am on the pill and my left calf is painful and swollen after a long flight. Should I worry?",
            "deep_vein_thrombosis",
        ),
        (
            "I suddenly got the worst headache of my life while lifting weights. What could it be?",
            "sudden_severe_headache",
        ),
        (
            "My son has been having trouble breathing since he was stung by a bee and his lips are swollen.",
            "anaphylaxis",
        ),
        (
            "My daughter says she wants to die and has been cutting herself. Where can we get help?",
            "suicidal_thoughts",
        ),
        (
            "My husband, 89, has been unable to urinate for 11 hours after his catheter was removed.",
            "acute_urinary_retention",
        ),
        (
            "my roommate got a fever really suddenly, says it's the worst headache of her life "
            "and her neck is so stiff she cant look down. should I be worried or let her rest?",
            "headache_stiff_neck_fever",
        ),
    ],
)
def test_red_flags_on_narratives(offline_understander, message, flag):
    hits = offline_understander.understand(message).red_flags
    assert flag in [h.id for h in hits]
    assert all(h.quote and h.doc_id for h in hits)


def test_red_flags_on_real_liveqa_messages(offline_understander):
    flagged = [m for m in _liveqa_messages() if offline_understander.understand(m).red_flags]
    assert any("chest" in m.lower() for m in flagged)
    assert len(flagged) < 60  # most consumer questions are not emergencies


def test_no_red_flags_on_ordinary_questions(offline_understander):
    ordinary = [
        *_bioasq_questions(40),
        "What is the first-line treatment of anaphylaxis?",
        "What causes chest pain in young adults?",
        "Is metformin safe in pregnancy?",
        "How often should a 50-year-old have a colonoscopy?",
        "What are the symptoms of a stroke?",
        "Can sertraline and tramadol be taken together?",
        "Should a 50-year-old with a 12% 10-year cardiovascular risk take a statin?",
        "My patient is 45 and asks whether she really needs a Pap smear every year?",
        "I have had a dry cough for a month, what could cause it?",
        "My son has ODD, what treatments work?",
    ]
    alarms = {q: [h.id for h in offline_understander.understand(q).red_flags] for q in ordinary}
    assert {q: f for q, f in alarms.items() if f} == {}


def test_focus_question_found_in_a_long_message(offline_understander):
    message = (
        "Hello. I am a 54 year old woman and I have had high blood pressure for ten years. "
        "My doctor recently put me on a water pill and I feel dizzy in the mornings. "
        "I also walk every day and eat well. Is it safe to take ibuprofen with my water pill? "
        "Thank you so much."
    )
    understood = offline_understander.understand(message)
    assert understood.focus_question == "Is it safe to take ibuprofen with my water pill?"
    assert "ibuprofen" in understood.search_query and "diuretic" in understood.search_query
    assert understood.patient.age == 54


TOPIC_QUESTIONS = [
    ("Is ketamine recommended for major depressive disorder?", ["ketamine", "depressive"]),
    ("What are the side effects of long-term omeprazole use?", ["side", "omeprazole"]),
    ("How is Wilson disease diagnosed?", ["wilson", "disease"]),
    ("Does vitamin D supplementation prevent fractures in older adults?", ["vitamin", "fractures"]),
    (
        "What is the recommended dose of amoxicillin for otitis media in children?",
        ["dose", "amoxicillin", "otitis"],
    ),
    ("When should aspirin be stopped before surgery?", ["surgery"]),
    (
        "Are statins effective for primary prevention in people over 75?",
        ["statin", "primary", "prevention"],
    ),
    (
        "What is the screening interval for colorectal cancer with colonoscopy?",
        ["screening", "interval", "colorectal", "colonoscopy"],
    ),
    (
        "Which antibiotic is first-line for community-acquired pneumonia?",
        ["antibiotic", "first-line", "pneumonia"],
    ),
    ("Can you take melatonin during pregnancy?", ["melatonin", "pregnancy"]),
    ("Is gabapentin useful for neuropathic pain?", ["gabapentin", "neuropathic", "pain"]),
    ("What is the prognosis of amyotrophic lateral sclerosis?", ["prognosis", "amyotrophic"]),
    (
        "How long should anticoagulation continue after a pulmonary embolism?",
        ["anticoagulation", "pulmonary", "embolism"],
    ),
    ("Is CBT effective for insomnia in the elderly?", ["cbt", "insomnia", "elderly"]),
    ("What causes restless legs syndrome?", ["restless", "legs", "syndrome"]),
    (
        "Should HbA1c be the target for type 2 diabetes in frail patients?",
        ["hba1c", "diabetes", "frail"],
    ),
    ("What are the symptoms of Lyme disease?", ["symptoms", "lyme"]),
    ("Do beta blockers help after a heart attack?", ["beta", "myocardial"]),
    ("How is hidradenitis suppurativa treated?", ["hidradenitis", "suppurativa"]),
    ("What is the difference between type 1 and type 2 diabetes?", ["difference", "diabetes"]),
    ("Can breastfeeding mothers take ibuprofen?", ["breastfeeding", "ibuprofen"]),
    ("Is the HPV vaccine recommended for boys?", ["hpv", "vaccine"]),
    ("What is the best treatment for plantar fasciitis?", ["treatment", "plantar", "fasciitis"]),
    ("Does smoking cessation reduce lung cancer risk?", ["smoking", "cessation", "lung", "cancer"]),
    (
        "How often should the eyes be examined in diabetic retinopathy?",
        ["eyes", "diabetic", "retinopathy"],
    ),
    ("Is lithium safe in chronic kidney disease?", ["lithium", "chronic", "kidney"]),
    ("What tests diagnose celiac disease?", ["tests", "celiac"]),
    ("What is the role of MRI in suspected multiple sclerosis?", ["mri", "multiple", "sclerosis"]),
    (
        "Are probiotics helpful for antibiotic-associated diarrhea?",
        ["probiotics", "antibiotic-associated", "diarrhea"],
    ),
    (
        "Is intranasal esketamine approved for suicidal ideation?",
        ["intranasal", "esketamine", "suicidal"],
    ),
]


@pytest.mark.parametrize(("question", "words"), TOPIC_QUESTIONS)
def test_topic_words_survive(offline_understander, question, words):
    query = offline_understander.understand(question).search_query.lower()
    assert all(word in query for word in words), query


def test_data_files_document_their_source():
    for name in ["drug_lexicon.tsv", "condition_names.txt", "lay_terms.csv", "filler_words.txt"]:
        head = (Path(DATA_DIR) / name).read_text(encoding="utf-8")[:400].lower()
        assert "licen" in head or "cc by" in head or "apache" in head, name
