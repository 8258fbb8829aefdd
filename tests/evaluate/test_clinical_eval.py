"""The clinical eval: checks on hand-made answers, file errors, and a CLI run on the real index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medcite.cli import app
from medcite.config import Settings
from medcite.evaluate.clinical import (
    ClinicalItem,
    contains_phrase,
    judge_item,
    load_clinical_items,
)
from medcite.ingest.base import LoadError
from medcite.models import (
    Answer,
    AnswerMetadata,
    AnswerSection,
    Audience,
    BottomLine,
    Claim,
    Reference,
    SourceType,
    Verdict,
)

DEV_SET = Path(__file__).parents[2] / "evals" / "clinical_dev.jsonl"
# Verbatim sentences of the USPSTF colorectal cancer screening summary (ngc:11005).
CRC_C = (
    "The decision to screen for colorectal cancer in adults aged 76 to 85 years should be an "
    "individual one, taking into account the patient's overall health and prior screening "
    "history (C recommendation)."
)
CRC_A = (
    "The USPSTF recommends screening for colorectal cancer starting at age 50 years and "
    "continuing until age 75 years (A recommendation)."
)


def _claim(text: str) -> Claim:
    return Claim(text=text, citations=[1], spans=[])


def _answer(
    verdict: Verdict,
    bottom: list[str],
    section: list[str] = (),
    docs: list[str] = ("ngc:11005",),
    audience: Audience = Audience.CLINICIAN,
) -> Answer:
    return Answer(
        question="q",
        audience=audience,
        bottom_line=BottomLine(
            verdict=verdict, lead="It depends", claims=[_claim(t) for t in bottom]
        ),
        sections=[
            AnswerSection(key="evidence", heading="Evidence", claims=[_claim(t) for t in section])
        ],
        references=[
            Reference(
                number=i + 1,
                doc_id=d,
                source_type=SourceType.GUIDELINE,
                type_label="Guideline",
                title=d,
            )
            for i, d in enumerate(docs)
        ],
        metadata=AnswerMetadata(
            medcite_version="test", created_at="", index_snapshot="", settings={}, timings_ms={}
        ),
    )


def _item(**fields: object) -> ClinicalItem:
    base = {
        "question": "My patient is 80 and never screened. Should I screen her for colorectal cancer?",
        "audience": "clinician",
        "expected_verdict": "it_depends",
        "key_facts": [["individual"], ["76 to 85"]],
        "expected_docs": ["ngc:11005"],
    }
    return ClinicalItem.model_validate(base | fields)


def test_a_correct_answer_passes_every_check() -> None:
    answer = _answer(Verdict.IT_DEPENDS, [CRC_C])
    result = judge_item(_item(), answer, _answer(Verdict.IT_DEPENDS, [CRC_C]), 70.0)
    assert result.passed, result.reasons
    assert result.key_facts_found == [True, True] == result.key_facts_in_bottom_line


def test_verdict_may_be_a_list_of_acceptable_ones() -> None:
    item = _item(expected_verdict=["no", "it_depends"])
    assert judge_item(
        item, _answer(Verdict.NO, [CRC_C]), _answer(Verdict.NO, [CRC_C]), 1
    ).verdict_ok
    wrong = judge_item(item, _answer(Verdict.YES, [CRC_C]), _answer(Verdict.YES, [CRC_C]), 1)
    assert wrong.verdict_ok is False and "verdict yes, expected no/it_depends" in wrong.reasons
    open_item = judge_item(
        _item(expected_verdict=None),
        _answer(Verdict.YES, [CRC_C]),
        _answer(Verdict.YES, [CRC_C]),
        1,
    )
    assert open_item.verdict_ok is None and open_item.passed


def test_key_facts_count_anywhere_but_are_reported_for_the_bottom_line() -> None:
    answer = _answer(Verdict.IT_DEPENDS, [CRC_A], section=[CRC_C])
    result = judge_item(_item(), answer, answer, 1)
    assert result.key_facts_found == [True, True]
    assert result.key_facts_in_bottom_line == [False, False]
    assert result.passed


def test_key_facts_match_on_word_boundaries_case_insensitively() -> None:
    item = _item(key_facts=[["INDIVIDUAL"], ["76"], ["7"]])
    result = judge_item(
        item, _answer(Verdict.IT_DEPENDS, [CRC_C]), _answer(Verdict.IT_DEPENDS, [CRC_C]), 1
    )
    assert result.key_facts_found == [True, True, False]
    assert "missing key facts: 7" in result.reasons


def test_forbidden_phrase_in_the_bottom_line_fails() -> None:
    item = _item(forbidden=["continuing until age 75"])
    in_bottom = judge_item(
        item,
        _answer(Verdict.IT_DEPENDS, [CRC_C, CRC_A]),
        _answer(Verdict.IT_DEPENDS, [CRC_C, CRC_A]),
        1,
    )
    assert in_bottom.forbidden_hits == ["continuing until age 75"] and not in_bottom.passed
    in_section = _answer(Verdict.IT_DEPENDS, [CRC_C], section=[CRC_A])
    assert judge_item(item, in_section, in_section, 1).forbidden_hits == []


def test_expected_documents_must_be_cited() -> None:
    answer = _answer(Verdict.IT_DEPENDS, [CRC_C], docs=["ngc:10904"])
    result = judge_item(_item(), answer, answer, 1)
    assert result.expected_doc_cited is False
    assert "cites none of ngc:11005" in result.reasons


def test_audiences_must_share_verdict_and_bottom_line_claims() -> None:
    clinician = _answer(Verdict.IT_DEPENDS, [CRC_C, CRC_A])
    reordered = _answer(Verdict.IT_DEPENDS, [CRC_A, CRC_C], audience=Audience.PATIENT)
    assert judge_item(_item(), clinician, reordered, 1).audience_consistent
    other_claims = _answer(Verdict.IT_DEPENDS, [CRC_C], audience=Audience.PATIENT)
    assert not judge_item(_item(), clinician, other_claims, 1).audience_consistent
    other_verdict = _answer(Verdict.YES, [CRC_C, CRC_A], audience=Audience.PATIENT)
    result = judge_item(_item(), clinician, other_verdict, 1)
    assert not result.audience_consistent and not result.passed


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"question": "q", "audience": "clinician", "expected_verdict": "yes"', "not valid JSON"),
        ('{"question": "q", "audience": "doctor", "expected_verdict": "yes"}', "audience"),
        (
            '{"question": "q", "audience": "patient", "expected_verdict": "maybe"}',
            "expected_verdict",
        ),
        (
            '{"question": "q", "audience": "patient", "expected_verdict": null, "key_facts": [[]]}',
            "key_facts",
        ),
        ('{"audience": "patient", "expected_verdict": null}', "question"),
    ],
)
def test_malformed_lines_name_the_line(tmp_path: Path, line: str, message: str) -> None:
    good = json.dumps({"question": "Is X?", "audience": "clinician", "expected_verdict": "yes"})
    path = tmp_path / "set.jsonl"
    path.write_text(f"{good}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(LoadError, match=rf"set\.jsonl:3: .*{message}"):
        load_clinical_items(path)


def test_the_dev_set_is_well_formed() -> None:
    items = load_clinical_items(DEV_SET)
    assert len(items) >= 70
    assert len({i.id for i in items}) == len(items)
    tags = [t for i in items for t in i.tags]
    assert tags.count("liveqa") >= 12 and tags.count("unanswerable") >= 6
    assert tags.count("conversational") * 2 >= len(items)


def test_cli_runs_three_dev_items_on_the_real_index(tmp_path: Path) -> None:
    index = Settings().index_path
    if not index.is_file():
        pytest.skip(f"no index at {index}")
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "three.jsonl"
    subset.write_text("\n".join([lines[0], lines[4], lines[-1]]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["eval", "clinical", str(subset), "--json", "--index", str(index)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["questions"] == 3
    assert [r["id"] for r in report["items"]] == [
        "breast-44-start",
        "ovarian-ca125",
        "mpox-vaccine",
    ]
    assert all(r["passed"] == (not r["reasons"]) for r in report["items"])
    assert 0.0 <= report["pass_rate"] <= 1.0 and report["latency_ms_p50"] > 0


def test_cli_reports_a_malformed_file_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"question": "q", "audience": "nobody", "expected_verdict": "yes"}\n')
    result = CliRunner().invoke(app, ["eval", "clinical", str(path)])
    assert result.exit_code != 0
    assert "bad.jsonl:1" in result.output


def test_a_key_fact_range_matches_however_it_is_joined() -> None:
    # ngc:9937 writes "persons born during 1945–1965"; a label may say "1945 and 1965".
    source = "one-time testing ... for persons born during 1945\u20131965, a population"
    assert contains_phrase(source, "1945 and 1965")
    assert contains_phrase("aged 40 to 70 years", "40-70")
    assert not contains_phrase("aged 50 to 74 years", "40 to 70")
    assert not contains_phrase("offer a 5-day course", "5 to 7 days")
