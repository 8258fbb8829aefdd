"""The JSON API: every route, the review workflow for every role, CSRF and sessions."""

from __future__ import annotations

import itertools

import pytest
from fastapi.testclient import TestClient

from medcite.publish import Publisher, ReviewStatus
from medcite.publish.keys import now_iso
from medcite.verify import check_answer
from tests.web.conftest import KETAMINE, PASSWORD, RICH_QUESTION, api_login

S = ReviewStatus


def _ask(client: TestClient, question: str, **extra: object) -> dict:
    response = client.post("/api/ask", json={"question": question, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def test_ask_creates_a_submitted_article_once(client: TestClient) -> None:
    first = _ask(client, RICH_QUESTION)
    assert first["created"] is True
    article = first["article"]
    assert article["status"] == "submitted" and article["current_version"] == 1
    assert first["url"] == f"/articles/{article['id']}/{article['slug']}"
    answer = first["version"]["answer"]
    assert answer["question"] == RICH_QUESTION and answer["references"]
    # Every claim span has its source passage stored with the version.
    spans = [s for c in answer["bottom_line"]["claims"] for s in c["spans"]]
    sources = first["version"]["sources"]
    assert all(f"{s['doc_id']}|{s['start']}|{s['end']}" in sources for s in spans)
    again = _ask(client, "  should ADULTS with depression be treated with antidepressants, or psychotherapy ")
    assert again["created"] is False and again["article"]["id"] == article["id"]
    patient = _ask(client, RICH_QUESTION, audience="patient")
    assert patient["article"]["id"] != article["id"] and patient["article"]["audience"] == "patient"
    student = _ask(client, RICH_QUESTION, audience="student")
    assert student["article"]["id"] == article["id"]  # students read the clinician wording


def test_follow_up_is_its_own_article_understood_in_context(client: TestClient) -> None:
    plain = _ask(client, "What are the alternatives?")
    follow = _ask(client, "What are the alternatives?", context=KETAMINE)
    assert follow["article"]["id"] != plain["article"]["id"]
    assert follow["article"]["context"] == KETAMINE
    assert follow["version"]["answer"]["context"] == KETAMINE
    carried = follow["version"]["answer"]["understood"]["carried_over"]
    assert carried, "the follow-up should carry the earlier question's subjects over"


def test_bad_questions_are_refused_with_json_errors(client: TestClient) -> None:
    for body, status in (
        ({"question": ""}, 422),
        ({"question": "   "}, 422),
        ({"question": "x" * 501}, 422),
        ({"question": "ok?", "audience": "martian"}, 422),
        ({}, 422),
    ):
        response = client.post("/api/ask", json=body)
        assert response.status_code == status, body
        assert response.json()["error"]["status"] == status
    assert client.get("/api/articles/999999").status_code == 404
    assert client.get("/api/nothing-here").json()["error"]["status"] == 404


def test_lists_versions_diff_sources_and_health(client: TestClient) -> None:
    created = _ask(client, RICH_QUESTION)["article"]
    listed = client.get("/api/articles", params={"q": "antidepressants psychotherapy"}).json()
    assert created["id"] in [a["id"] for a in listed["articles"]]
    assert client.get("/api/articles", params={"q": "antidepressants zzzunknown"}).json()["total"] == 0
    by_status = client.get("/api/articles", params={"status": "approved"}).json()
    assert all(a["status"] == "approved" for a in by_status["articles"])
    assert client.get("/api/articles", params={"status": "bogus"}).status_code == 422
    assert client.get(f"/api/articles/{created['id']}").json()["article"]["id"] == created["id"]
    versions = client.get(f"/api/articles/{created['id']}/versions").json()
    assert versions[0]["number"] == 1 and versions[0]["change"] == "created"
    one = client.get(f"/api/articles/{created['id']}/versions/1").json()
    assert one["number"] == 1
    assert client.get(f"/api/articles/{created['id']}/versions/99").status_code == 404
    diff = client.get(f"/api/articles/{created['id']}/diff", params={"from": 1, "to": 1}).json()
    assert diff and all(line["change"] == "same" for line in diff)
    doc_id = one["answer"]["references"][0]["doc_id"]
    document = client.get(f"/api/sources/{doc_id}").json()
    assert document["id"] == doc_id and document["passages"]
    assert client.get("/api/sources/ngc:does-not-exist").status_code == 404
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["index_snapshot"]
    assert client.get("/openapi.json").json()["paths"]["/api/ask"]
    assert client.get("/docs").status_code == 200


def test_staff_routes_need_a_staff_login(client: TestClient) -> None:
    article_id = _ask(client, RICH_QUESTION)["article"]["id"]
    assert client.get("/api/review-queue").status_code == 401
    assert client.get(f"/api/articles/{article_id}/audit").status_code == 401
    api_login(client, "edna")
    queue = client.get("/api/review-queue").json()
    assert article_id in [a["id"] for a in queue["articles"]]
    audit = client.get(f"/api/articles/{article_id}/audit").json()
    assert audit[0]["action"] == "created" and audit[0]["to_status"] == "submitted"


def test_login_logout_and_a_dead_session_cookie(app: object) -> None:
    client = TestClient(app)  # type: ignore[arg-type]
    assert client.post("/api/session", json={"username": "rita", "password": "wrong password"}).status_code == 401
    assert client.post("/api/session", json={"username": "nobody", "password": PASSWORD}).status_code == 401
    headers = api_login(client, "rita")
    assert client.get("/api/session").json()["user"]["username"] == "rita"
    old_cookie = client.cookies.get("medcite_session")
    assert client.delete("/api/session", headers=headers).status_code == 204
    assert client.get("/api/session").json()["user"] is None
    # The logged-out cookie, replayed, is worth nothing.
    replay = TestClient(app, cookies={"medcite_session": old_cookie})  # type: ignore[arg-type]
    assert replay.get("/api/session").json()["user"] is None
    assert replay.get("/api/review-queue").status_code == 401
    article_id = _ask(replay, RICH_QUESTION)["article"]["id"]
    refused = replay.post(
        f"/api/articles/{article_id}/transitions", json={"transition": "claim"}, headers=headers
    )
    assert refused.status_code == 401


def test_posts_with_a_session_need_the_csrf_header(client: TestClient) -> None:
    article_id = _ask(client, RICH_QUESTION)["article"]["id"]
    api_login(client, "ravi")
    for headers in ({}, {"X-CSRF-Token": "forged"}):
        response = client.post(
            f"/api/articles/{article_id}/transitions", json={"transition": "claim"}, headers=headers
        )
        assert response.status_code == 403
        assert "csrf" in response.json()["error"]["message"].lower()


# -- the workflow over HTTP, every role x every transition -----------------------------------

ROLES = ["anonymous", "edna", "rita", "ravi", "ada"]  # rita claims the articles below


def _fresh_article(publisher: Publisher, status: ReviewStatus, label: str) -> int:
    """A copy of a real answered article, brought to status by rita and edna."""
    base, _ = publisher.ask(RICH_QUESTION, "clinician", None, None)  # type: ignore[arg-type]
    version = publisher.version(base)
    article = base.model_copy(
        update={"question": f"{RICH_QUESTION} {label}", "question_key": f"{base.question_key} {label}",
                "created_at": now_iso(), "updated_at": now_iso()}
    )
    created = publisher.store.create_article(article, version)
    users = {u.username: u for u in publisher.store.users()}
    steps = {
        S.SUBMITTED: [],
        S.UNDER_REVIEW: [("rita", "claim")],
        S.CHANGES_REQUESTED: [("rita", "claim"), ("rita", "request_changes")],
        S.APPROVED: [("rita", "claim"), ("rita", "approve")],
    }[status]
    for who, step in steps:
        publisher.transition(created.id, users[who], step, "because")  # type: ignore[arg-type]
    return created.id


EXPECTED_OK = {
    ("claim", S.SUBMITTED, "rita"), ("claim", S.SUBMITTED, "ravi"),
    ("approve", S.UNDER_REVIEW, "rita"), ("request_changes", S.UNDER_REVIEW, "rita"),
    ("resubmit", S.CHANGES_REQUESTED, "edna"), ("resubmit", S.CHANGES_REQUESTED, "ada"),
}


@pytest.mark.parametrize(
    ("transition", "status", "who"),
    list(itertools.product(["claim", "approve", "request_changes", "resubmit"], list(S), ROLES)),
)
def test_every_role_and_transition_over_http(
    app: object, transition: str, status: ReviewStatus, who: str
) -> None:
    publisher = app.state.web.publisher  # type: ignore[attr-defined]
    article_id = _fresh_article(publisher, status, f"{transition} {status.value} {who}")
    client = TestClient(app)  # type: ignore[arg-type]
    headers = api_login(client, who) if who != "anonymous" else {}
    response = client.post(
        f"/api/articles/{article_id}/transitions",
        json={"transition": transition, "comment": "please cite the newer guideline"},
        headers=headers,
    )
    if (transition, status, who) in EXPECTED_OK:
        assert response.status_code == 200, response.text
        audit = publisher.audit(article_id)[-1]
        assert (audit.actor, audit.action, audit.from_status) == (who, transition, status)
        assert audit.comment == "please cite the newer guideline"
    else:
        assert response.status_code in (401, 403, 409), response.text
        assert publisher.article(article_id).status == status


def test_review_edits_make_versions_and_keep_integrity(app: object) -> None:
    publisher = app.state.web.publisher  # type: ignore[attr-defined]
    article_id = _fresh_article(publisher, S.SUBMITTED, "edit flow")
    reviewer, editor = TestClient(app), TestClient(app)  # type: ignore[arg-type]
    rh, eh = api_login(reviewer, "rita"), api_login(editor, "edna")
    url = f"/api/articles/{article_id}"
    assert reviewer.post(f"{url}/transitions", json={"transition": "claim"}, headers=rh).status_code == 200
    # Under review by rita: the editor may not edit, rita may.
    assert editor.post(f"{url}/notes", json={"text": "x"}, headers=eh).status_code == 409
    before = reviewer.get(url).json()["version"]["answer"]
    key = before["sections"][0]["key"]
    struck = reviewer.post(f"{url}/strike", json={"claim": f"section.{key}.0"}, headers=rh).json()
    assert struck["article"]["current_version"] == 2
    after = struck["version"]["answer"]
    assert before["sections"][0]["claims"][0]["text"] not in [
        c["text"] for s in after["sections"] for c in s["claims"]
    ]
    stored = publisher.version(publisher.article(article_id), 2)
    assert check_answer(stored.answer, publisher.engine.store).ok
    heading = reviewer.post(f"{url}/heading", json={"section": after["sections"][0]["key"], "heading": "What guidelines advise"}, headers=rh).json()
    assert heading["version"]["answer"]["sections"][0]["heading"] == "What guidelines advise"
    noted = reviewer.post(f"{url}/notes", json={"text": "Checked against the 2016 guideline."}, headers=rh).json()
    assert noted["version"]["reviewer_notes"][0]["text"] == "Checked against the 2016 guideline."
    assert noted["article"]["current_version"] == 4
    approved = reviewer.post(f"{url}/transitions", json={"transition": "approve"}, headers=rh).json()
    assert approved["article"]["status"] == "approved"
    # An edit to an approved article sends it back to review.
    again = editor.post(f"{url}/notes", json={"text": "One more note."}, headers=eh).json()
    assert again["article"]["status"] == "submitted" and again["article"]["current_version"] == 5
    diff = editor.get(f"{url}/diff", params={"from": 1, "to": 5}).json()
    assert {line["change"] for line in diff} >= {"removed", "added", "same"}
    audit = editor.get(f"{url}/audit").json()
    assert [e["action"] for e in audit] == [
        "created", "claim", "strike_claim", "fix_heading", "add_note", "approve", "add_note"
    ]
    assert audit[-1]["from_status"] == "approved" and audit[-1]["to_status"] == "submitted"
    # Regenerating needs a changed index.
    assert editor.post(f"{url}/regenerate", headers=eh).status_code == 409
    # Readers cannot edit.
    anonymous = TestClient(app)  # type: ignore[arg-type]
    assert anonymous.post(f"{url}/notes", json={"text": "hi"}).status_code == 403


def test_a_changed_index_offers_regenerate_and_makes_a_new_version(
    sample_store: object, sample_settings: object, tmp_path: object
) -> None:
    from pathlib import Path

    from medcite.config import ServeSettings, Settings
    from medcite.index.sqlite import SqliteStore
    from medcite.ingest.pipeline import ingest
    from medcite.web.app import create_app
    from tests.conftest import NGC

    index = Path(str(tmp_path)) / "index.sqlite"
    sample_store.copy_to(index).close()  # type: ignore[attr-defined]
    settings = Settings(index_path=index)
    app = create_app(settings, ServeSettings())
    app.state.web.accounts.add_user("edna", PASSWORD, "editor")
    client = TestClient(app)
    first = _ask(client, RICH_QUESTION)
    url, article_id = first["url"], first["article"]["id"]
    assert "The index has been updated" not in client.get(url).text
    with SqliteStore(index) as writer:  # a new snapshot: one more guideline
        assert ingest([NGC / "ngc-10003.xml"], writer, settings).documents_added == 1
    assert "The index has been updated" in client.get(url).text
    headers = api_login(client, "edna")
    regenerated = client.post(f"/api/articles/{article_id}/regenerate", headers=headers).json()
    assert regenerated["article"]["current_version"] == 2
    version = regenerated["version"]
    assert version["change"] == "regenerate"
    assert version["index_snapshot"] != first["version"]["index_snapshot"]
    assert client.get(f"/api/articles/{article_id}/versions/1").json()["index_snapshot"] == first["version"]["index_snapshot"]
    assert "The index has been updated" not in client.get(url).text
    app.state.web.publisher.close()
