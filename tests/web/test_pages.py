"""Server-rendered pages: every element of the answer page, forms with CSRF, the review
workflow through forms, lists, versions, diffs, source documents and error pages."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient

from tests.web.conftest import KETAMINE, PASSWORD, RICH_QUESTION, csrf_of, login


def _ask_form(client: TestClient, question: str, **fields: str) -> str:
    token = csrf_of(client)
    response = client.post(
        "/ask", data={"csrf_token": token, "question": question, **fields}, follow_redirects=False
    )
    assert response.status_code == 303, response.text[:400]
    return response.headers["location"]


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_home_asks_which_best_describes_you(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    text = _text(page.text)
    assert "Which best describes you?" in text
    assert "Your choice helps us use language that's most understandable for you." in text
    for label in ("Healthcare professional", "Patient or caregiver", "Student"):
        assert label in text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert "medcite_csrf" in page.headers["set-cookie"] and "HttpOnly" in page.headers["set-cookie"]


def test_audience_is_remembered_and_changes_the_answer(client: TestClient) -> None:
    location = _ask_form(client, RICH_QUESTION, audience="patient")
    assert client.cookies.get("medcite_audience") == "patient"
    page = client.get(location).text
    assert "for patients and caregivers" in _text(page)
    assert "not medical advice" in _text(page)  # the patient disclaimer
    token = csrf_of(client)
    switched = client.post(
        "/audience", data={"csrf_token": token, "audience": "student", "next": location},
        follow_redirects=False,
    )
    assert switched.status_code == 303 and switched.headers["location"] == location
    assert client.cookies.get("medcite_audience") == "student"
    assert "For learning." in _text(client.get(location).text)
    evil = client.post(
        "/audience", data={"csrf_token": token, "audience": "student", "next": "//evil.example"},
        follow_redirects=False,
    )
    assert evil.headers["location"] == "/"


def test_answer_page_has_every_element_of_the_design(client: TestClient) -> None:
    page = client.get(_ask_form(client, RICH_QUESTION, audience="professional"))
    assert page.status_code == 200
    html, text = page.text, _text(page.text)
    assert f"<h1 id=\"article-title\">{RICH_QUESTION}</h1>" in html
    assert 'class="short-title"' in html
    assert "Medical Advisory Board — all articles are reviewed for accuracy by our Medical Advisory Board" in text
    assert re.search(r'aria-current="step">\s*<span class="dot" aria-hidden="true">1</span>\s*<span class="step-label">Submitted', html)
    assert "Educational purpose only • Exercise caution as content is pending human review" in text
    assert "Last updated:" in text and 'href="/editorial-policy">View editorial policy' in html
    assert "Understood as:" in text
    assert "Bottom line" in text and "Clinical decision algorithm" in text and "Key pitfalls" in text
    assert "References" in text and 'class="badge badge-guideline">Guideline' in html
    assert "more than 5 years old" in text  # the sample guidelines are from before 2018
    assert "For healthcare professionals." in text
    assert 'name="context" value="' + RICH_QUESTION in html
    markers = set(re.findall(r'class="cite" href="#(src-[^"]+)"', html))
    assert markers and all(f'id="{m}"' in html for m in markers)
    passage = re.search(r'<blockquote class="passage-text">(.*?)</blockquote>', html, re.S)
    assert passage and "<mark>" in passage.group(1)
    cited = {int(n) for n in re.findall(r'class="cite"[^>]*>\[(\d+)\]', html)}
    listed = {int(n) for n in re.findall(r'<li id="ref-(\d+)">', html)}
    assert cited == listed


def test_follow_up_thread_shows_the_earlier_question(client: TestClient) -> None:
    first = _ask_form(client, KETAMINE)
    first_id = first.split("/")[2]
    follow = _ask_form(client, "What are the alternatives?", context=KETAMINE, thread=first_id)
    assert f"thread={first_id}" in follow
    page = client.get(follow).text
    assert 'aria-label="Earlier questions in this thread"' in page
    assert KETAMINE in _text(page)
    assert "Follow-up to “" + KETAMINE in _text(page)
    suggested = re.findall(r'href="(/ask\?q=[^"]+)"', page)
    if suggested:  # suggested follow-ups are links that ask
        response = client.get(unescape(suggested[0]), follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/articles/")


def test_forms_without_csrf_are_refused(client: TestClient) -> None:
    csrf_of(client)
    for path, data in (
        ("/ask", {"question": RICH_QUESTION}),
        ("/ask", {"question": RICH_QUESTION, "csrf_token": "forged"}),
        ("/audience", {"audience": "patient"}),
        ("/login", {"username": "rita", "password": PASSWORD}),
        ("/articles/1/transition", {"action": "claim"}),
        ("/articles/1/strike", {"claim": "section.evidence.0"}),
        ("/logout", {}),
    ):
        response = client.post(path, data=data, follow_redirects=False)
        assert response.status_code == 403, path
        assert "did not come from this site" in response.text


def test_reviewer_workflow_through_the_forms(app: object) -> None:
    reader, reviewer = TestClient(app), TestClient(app)  # type: ignore[arg-type]
    location = _ask_form(reader, "Is ketamine recommended for major depressive disorder?")
    article_id = location.split("/")[2]
    token = login(reviewer, "rita")
    page = reviewer.get(location).text
    assert "Claim for review" in page and "History" in page
    def post(path: str, **data: str) -> None:
        response = reviewer.post(path, data={"csrf_token": token, **data}, follow_redirects=False)
        assert response.status_code == 303, response.text[:400]
    post(f"/articles/{article_id}/transition", action="claim")
    page = reviewer.get(location).text
    claims = re.findall(r'name="claim" value="([^"]+)"', page)
    assert claims
    struck_text = _text(re.search(rf'id="claim-{claims[-1].replace(".", "-")}">(.*?)</li>', page, re.S).group(1))
    post(f"/articles/{article_id}/strike", claim=claims[-1])
    post(f"/articles/{article_id}/transition", action="approve", comment="Looks right.")
    page = reader.get(location).text
    assert "pending human review" not in page
    assert re.search(r'class="current" aria-current="step">\s*<span class="dot" aria-hidden="true">✓</span>\s*<span class="step-label">Approved', page)
    assert struck_text.split(" [")[0][:60] not in _text(page).replace(" Strike", "")
    assert "Claim for review" not in page and "History" not in page  # staff-only
    versions = reader.get(f"/articles/{article_id}/versions").text
    assert "Version 2" in versions and "Struck:" in _text(versions)
    diff = reader.get(f"/articles/{article_id}/diff?from=1&to=2").text
    assert "<del class=\"diff-line" in diff
    old = reader.get(f"/articles/{article_id}/versions/1").text
    assert "You are viewing version 1 of 2" in _text(old)
    listed = reader.get("/articles", params={"status": "approved", "q": "ketamine"}).text
    assert location in listed
    queue = reviewer.get("/review")
    assert queue.status_code == 200 and "Review queue" in queue.text
    assert reader.get("/review", follow_redirects=False).status_code == 303  # to the login page


def test_login_page_errors_and_logout(app: object) -> None:
    client = TestClient(app)  # type: ignore[arg-type]
    token = csrf_of(client, "/login")
    wrong = client.post("/login", data={"csrf_token": token, "username": "rita", "password": "nope nope nope"})
    assert wrong.status_code == 401 and "wrong password" in wrong.text
    token = login(client, "rita")
    cookie = client.cookies.get("medcite_session")
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    replay = TestClient(app, cookies={"medcite_session": cookie})  # type: ignore[arg-type]
    assert "Log in" in replay.get("/").text and "Log out" not in replay.get("/").text


def test_source_page_policy_and_friendly_errors(client: TestClient) -> None:
    location = _ask_form(client, RICH_QUESTION)
    page = client.get(location).text
    source = unescape(re.search(r'href="(/sources/[^"#]+\?start=[^"#]+)#', page).group(1))
    doc = client.get(source)
    assert doc.status_code == 200 and "<mark>" in doc.text
    assert client.get("/editorial-policy").status_code == 200
    missing = client.get("/articles/424242/whatever")
    assert missing.status_code == 404 and "Not found" in missing.text and "Traceback" not in missing.text
    assert client.get("/no/such/page").status_code == 404
    wrong_slug = client.get(location.rsplit("/", 1)[0] + "/wrong-slug", follow_redirects=False)
    assert wrong_slug.status_code == 308 and wrong_slug.headers["location"] == location
    assert client.get("/articles?page=0").status_code == 422


def test_editor_forms_heading_note_regenerate_and_short_links(app: object) -> None:
    editor = TestClient(app)  # type: ignore[arg-type]
    location = _ask_form(editor, "What is the treatment of mild to moderate major depressive disorder?")
    article_id = location.split("/")[2]
    short = editor.get(f"/articles/{article_id}", follow_redirects=False)
    assert short.status_code == 308 and short.headers["location"] == location
    token = login(editor, "edna")
    page = editor.get(location).text
    section = re.search(r'name="section" value="([^"]+)"', page).group(1)
    def post(path: str, expected: int = 303, **data: str) -> str:
        response = editor.post(path, data={"csrf_token": token, **data}, follow_redirects=False)
        assert response.status_code == expected, response.text[:300]
        return response.text
    post(f"/articles/{article_id}/heading", section=section, heading="What <b>guidelines</b> advise")
    post(f"/articles/{article_id}/note", text="Second opinion requested from cardiology.")
    refused = post(f"/articles/{article_id}/regenerate", expected=409)
    assert "has not changed" in refused
    page = editor.get(location).text
    assert "What &lt;b&gt;guidelines&lt;/b&gt; advise" in page
    assert "Second opinion requested from cardiology." in page
    assert "Version 3" in page
    history = _text(page)
    assert "edna fix heading (v2)" in history and "edna add note (v3)" in history
