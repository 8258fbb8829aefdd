"""The Medical Advisory Board review: who may take which step from which status.

    Submitted --claim (reviewer)--> Under Review --approve (the claiming reviewer)--> Approved
                                         \\--request changes + comment--> Changes requested
    Changes requested --resubmit (editor, admin)--> Submitted

Edits (strike a bullet, fix a heading, add a note, regenerate) are open to editors, reviewers
and admins, except that an article under review is edited only by its reviewer; editing an
approved article sends it back to review.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from medcite.publish.models import (
    STAFF_ROLES,
    Article,
    AuditEntry,
    PublishError,
    ReviewStatus,
    Role,
    Transition,
    User,
)

S = ReviewStatus
MAX_COMMENT_CHARS = 2000


class TransitionRule(BaseModel):
    from_status: ReviewStatus
    to_status: ReviewStatus
    roles: frozenset[Role] = Field(description="Roles allowed to take the step.")
    claimant_only: bool = Field(
        default=False, description="Only the reviewer who claimed the article may take it."
    )
    needs_comment: bool = False


RULES: dict[Transition, TransitionRule] = {
    Transition.CLAIM: TransitionRule(
        from_status=S.SUBMITTED, to_status=S.UNDER_REVIEW, roles=frozenset({Role.REVIEWER})
    ),
    Transition.APPROVE: TransitionRule(
        from_status=S.UNDER_REVIEW,
        to_status=S.APPROVED,
        roles=frozenset({Role.REVIEWER}),
        claimant_only=True,
    ),
    Transition.REQUEST_CHANGES: TransitionRule(
        from_status=S.UNDER_REVIEW,
        to_status=S.CHANGES_REQUESTED,
        roles=frozenset({Role.REVIEWER}),
        claimant_only=True,
        needs_comment=True,
    ),
    Transition.RESUBMIT: TransitionRule(
        from_status=S.CHANGES_REQUESTED,
        to_status=S.SUBMITTED,
        roles=frozenset({Role.EDITOR, Role.ADMIN}),
    ),
}


def allowed_transitions(article: Article, user: User | None) -> list[Transition]:
    """The steps this user may take on this article now (what the page offers)."""
    return [t for t in RULES if _refusal(RULES[t], article, user) is None]


def apply_transition(
    article: Article, user: User | None, transition: Transition, comment: str, now: str
) -> tuple[Article, AuditEntry]:
    """The article after the step, and its audit entry; PublishError when it is not allowed."""
    rule = RULES[transition]
    comment = comment.strip()
    if (refusal := _refusal(rule, article, user)) is not None:
        raise refusal
    if len(comment) > MAX_COMMENT_CHARS:
        raise PublishError(f"a comment has at most {MAX_COMMENT_CHARS} characters", 422)
    if rule.needs_comment and not comment:
        raise PublishError("say what should change: a comment is required", 422)
    assert user is not None  # _refusal refuses anonymous users
    claimed_by = user.username if transition == Transition.CLAIM else article.claimed_by
    if transition == Transition.RESUBMIT:
        claimed_by = None
    changed = article.model_copy(
        update={"status": rule.to_status, "claimed_by": claimed_by, "updated_at": now}
    )
    return changed, _audit(article, user, transition.value, rule.to_status, comment, now)


def check_can_edit(article: Article, user: User | None) -> User:
    if user is None or user.role not in STAFF_ROLES:
        raise PublishError("log in as an editor or reviewer to edit articles", 403)
    if (
        article.status == S.UNDER_REVIEW
        and article.claimed_by != user.username
        and user.role != Role.ADMIN
    ):
        raise PublishError(f"{article.claimed_by} is reviewing this article", 409)
    return user


def after_edit(
    article: Article, user: User, action: str, comment: str, now: str
) -> tuple[Article, AuditEntry]:
    """The article with its next version number; an approved one goes back to review (to
    the editing reviewer, or to the queue)."""
    status, claimed_by = article.status, article.claimed_by
    if status == S.APPROVED:
        if user.role == Role.REVIEWER:
            status, claimed_by = S.UNDER_REVIEW, user.username
        else:
            status, claimed_by = S.SUBMITTED, None
    changed = article.model_copy(
        update={
            "status": status,
            "claimed_by": claimed_by,
            "current_version": article.current_version + 1,
            "updated_at": now,
        }
    )
    entry = _audit(article, user, action, status, comment, now)
    return changed, entry.model_copy(update={"version": changed.current_version})


def _refusal(rule: TransitionRule, article: Article, user: User | None) -> PublishError | None:
    if user is None:
        return PublishError("log in to review articles", 401)
    if user.role not in rule.roles:
        roles = " or ".join(sorted(r.value for r in rule.roles))
        return PublishError(f"only a {roles} may do this", 403)
    if article.status != rule.from_status:
        return PublishError(
            f"the article is {article.status.value.replace('_', ' ')}, not "
            f"{rule.from_status.value.replace('_', ' ')}",
            409,
        )
    if rule.claimant_only and article.claimed_by != user.username:
        return PublishError(f"{article.claimed_by} is reviewing this article", 403)
    return None


def _audit(
    article: Article, user: User, action: str, to_status: ReviewStatus, comment: str, now: str
) -> AuditEntry:
    return AuditEntry(
        id=0,
        article_id=article.id,
        version=article.current_version,
        actor=user.username,
        action=action,
        from_status=article.status,
        to_status=to_status,
        comment=comment,
        created_at=now,
    )
