"""Every role x every transition x every status: only the documented steps are allowed."""

from __future__ import annotations

import itertools

import pytest

from medcite.models import Audience
from medcite.publish.models import Article, PublishError, ReviewStatus, Role, Transition, User
from medcite.publish.workflow import RULES, after_edit, apply_transition, check_can_edit

S, T = ReviewStatus, Transition
NOW = "2026-01-01T00:00:00+00:00"
ALLOWED = {
    (T.CLAIM, S.SUBMITTED, "reviewer"),
    (T.CLAIM, S.SUBMITTED, "claimant"),
    (T.APPROVE, S.UNDER_REVIEW, "claimant"),
    (T.REQUEST_CHANGES, S.UNDER_REVIEW, "claimant"),
    (T.RESUBMIT, S.CHANGES_REQUESTED, "editor"),
    (T.RESUBMIT, S.CHANGES_REQUESTED, "admin"),
}
ACTORS = {
    "anonymous": None,
    "editor": User(id=1, username="edna", display_name="Edna", role=Role.EDITOR, created_at=NOW),
    "reviewer": User(id=2, username="ravi", display_name="Ravi", role=Role.REVIEWER, created_at=NOW),
    "claimant": User(id=3, username="rita", display_name="Rita", role=Role.REVIEWER, created_at=NOW),
    "admin": User(id=4, username="ada", display_name="Ada", role=Role.ADMIN, created_at=NOW),
}


def _article(status: ReviewStatus) -> Article:
    return Article(
        id=7, slug="q", question="Q?", audience=Audience.CLINICIAN, question_key="q",
        status=status, current_version=2,
        claimed_by="rita" if status in (S.UNDER_REVIEW, S.CHANGES_REQUESTED) else None,
        created_at=NOW, updated_at=NOW,
    )


@pytest.mark.parametrize(
    ("transition", "status", "actor"), list(itertools.product(T, S, ACTORS))
)
def test_transition_matrix(transition: Transition, status: ReviewStatus, actor: str) -> None:
    article = _article(status)
    if (transition, status, actor) in ALLOWED:
        changed, entry = apply_transition(article, ACTORS[actor], transition, "needs work", NOW)
        assert changed.status == RULES[transition].to_status
        assert (entry.from_status, entry.to_status) == (status, changed.status)
        assert entry.actor == ACTORS[actor].username and entry.comment == "needs work"
    else:
        with pytest.raises(PublishError) as refused:
            apply_transition(article, ACTORS[actor], transition, "needs work", NOW)
        assert refused.value.status in (401, 403, 409)


def test_only_reviewers_approve_and_changes_need_a_comment() -> None:
    for actor in ("anonymous", "editor", "admin", "reviewer"):
        with pytest.raises(PublishError):
            apply_transition(_article(S.UNDER_REVIEW), ACTORS[actor], T.APPROVE, "", NOW)
    with pytest.raises(PublishError) as refused:
        apply_transition(_article(S.UNDER_REVIEW), ACTORS["claimant"], T.REQUEST_CHANGES, " ", NOW)
    assert refused.value.status == 422


def test_editing_an_approved_article_sends_it_back_to_review() -> None:
    approved = _article(S.APPROVED)
    by_reviewer, entry = after_edit(approved, ACTORS["reviewer"], "strike_claim", "", NOW)
    assert (by_reviewer.status, by_reviewer.claimed_by) == (S.UNDER_REVIEW, "ravi")
    assert (entry.from_status, entry.to_status, entry.version) == (S.APPROVED, S.UNDER_REVIEW, 3)
    by_editor, _ = after_edit(approved, ACTORS["editor"], "fix_heading", "", NOW)
    assert (by_editor.status, by_editor.claimed_by) == (S.SUBMITTED, None)
    kept, _ = after_edit(_article(S.SUBMITTED), ACTORS["editor"], "add_note", "", NOW)
    assert kept.status == S.SUBMITTED and kept.current_version == 3


def test_who_may_edit() -> None:
    with pytest.raises(PublishError):
        check_can_edit(_article(S.SUBMITTED), None)
    under_review = _article(S.UNDER_REVIEW)
    assert check_can_edit(under_review, ACTORS["claimant"]).username == "rita"
    for actor in ("editor", "reviewer"):
        with pytest.raises(PublishError):
            check_can_edit(under_review, ACTORS[actor])
    assert check_can_edit(under_review, ACTORS["admin"]).username == "ada"
