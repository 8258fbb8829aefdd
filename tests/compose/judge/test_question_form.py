"""Whether a question wants a yes or no, or asks how (real and natural wordings)."""

import pytest

from medcite.compose.judge.question_form import asks_yes_no
from medcite.compose.understand.understander import QuestionUnderstander


@pytest.fixture(scope="module")
def understander() -> QuestionUnderstander:
    return QuestionUnderstander(None)


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        # asking how to prevent it, whatever the auxiliary
        ("Can I lower my chances of getting preeclampsia when I'm pregnant?", False),
        ("Is there anything I can do to avoid getting shingles?", False),
        ("Can the risk of neural tube defects be reduced before conception?", False),
        # whether a named thing prevents it stays yes or no
        ("Can the risk of neural tube defects be reduced by folic acid?", True),
        ("Should I take aspirin to prevent preeclampsia?", True),
        ("Does aspirin prevent colorectal cancer?", True),
    ],
)
def test_asking_how_to_prevent_is_no_yes_no_question(
    understander: QuestionUnderstander, question: str, yes_no: bool
) -> None:
    assert asks_yes_no(question, understander.understand(question)) is yes_no
