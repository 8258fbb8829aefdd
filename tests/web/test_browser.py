"""The whole reader and reviewer journey in real Chromium (Debian's, driven by Playwright,
headless): audience -> ask -> references -> citation popover -> follow-up in context ->
reviewer claims, strikes a bullet, approves -> an anonymous reader sees the approved version.

`make test` installs chromium and playwright. MEDCITE_SCREENSHOTS=DIR also saves the answer
page at desktop and phone widths (docs/screenshots/ holds the published ones).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import PASSWORD, RICH_QUESTION

playwright_api = pytest.importorskip("playwright.sync_api", reason="make test installs playwright")
CHROMIUM = Path(os.environ.get("MEDCITE_CHROMIUM", "/usr/bin/chromium"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def live_url(app: object) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the app did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: `make install-test` installs chromium"
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


def _screenshot(page: object, name: str, full_page: bool = True) -> None:
    folder = os.environ.get("MEDCITE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=full_page)  # type: ignore[attr-defined]


def test_reader_and_reviewer_journey(browser: object, live_url: str) -> None:
    expect = playwright_api.expect
    reader = browser.new_context(viewport=DESKTOP)  # type: ignore[attr-defined]
    page = reader.new_page()
    page.goto(live_url + "/")
    page.get_by_label("Healthcare professional").check()
    page.get_by_label("Your clinical question").fill(RICH_QUESTION)
    page.get_by_role("button", name="Ask").click()
    page.wait_for_url(re.compile(r"/articles/\d+/"))
    article_url = page.url
    expect(page.locator("h1")).to_have_text(RICH_QUESTION)
    expect(page.locator(".pending-banner")).to_contain_text("pending human review")
    expect(page.locator(".stepper li.current")).to_contain_text("Submitted")
    assert page.locator(".reference-list li").count() >= 2
    expect(page.locator("#audience-select")).to_have_value("professional")

    # The citation popover shows the claim's exact span, highlighted; Escape closes it.
    first_claim = page.locator(".bottom-text .claim-text").first
    claim_text = first_claim.inner_text()
    marker = page.locator(".bottom-text a.cite").first
    marker.click()
    popover = page.get_by_role("dialog")
    expect(popover).to_be_visible()
    expect(popover.locator("mark")).to_have_text(claim_text)
    expect(popover.get_by_role("link", name="Open the indexed document")).to_be_visible()
    page.keyboard.press("Escape")
    expect(popover).to_have_count(0)
    expect(marker).to_be_focused()
    page.keyboard.press("Enter")  # keyboard opens it too
    expect(page.get_by_role("dialog")).to_be_visible()
    _screenshot(page, "answer-desktop.png")
    page.keyboard.press("Escape")
    phone = reader.new_page()
    phone.set_viewport_size(PHONE)
    phone.goto(article_url)
    _screenshot(phone, "answer-phone.png", full_page=False)
    phone_marker = phone.locator(".answer-section a.cite").first
    phone_marker.scroll_into_view_if_needed()
    phone_marker.click()
    expect(phone.get_by_role("dialog")).to_be_visible()
    _screenshot(phone, "answer-phone-popover.png", full_page=False)
    phone.close()

    # A follow-up continues the thread, understood in the context of the first question.
    page.get_by_role("textbox", name="Follow-up question").fill("What are the alternatives?")
    page.get_by_role("button", name="Ask").last.click()
    page.wait_for_url(re.compile(r"thread="))
    expect(page.locator(".thread")).to_contain_text(RICH_QUESTION)
    expect(page.locator(".context-line")).to_contain_text(RICH_QUESTION)
    expect(page.locator("h1")).to_have_text("What are the alternatives?")
    reader.close()

    # The reviewer claims, strikes a bullet and approves.
    staff = browser.new_context(viewport=DESKTOP)  # type: ignore[attr-defined]
    review = staff.new_page()
    review.on("dialog", lambda dialog: dialog.accept())
    review.goto(live_url + "/login?next=" + article_url.removeprefix(live_url))
    review.get_by_label("Username").fill("rita")
    review.get_by_label("Password").fill(PASSWORD)
    review.get_by_role("button", name="Log in").click()
    review.wait_for_url(article_url)
    review.get_by_role("button", name="Claim for review").click()
    expect(review.locator(".stepper li.current")).to_contain_text("Under Review")
    _screenshot(review, "review-desktop.png", full_page=False)
    bullet = review.locator(".answer-section .claims li.claim").first
    struck = bullet.locator(".claim-text").inner_text()
    bullet.get_by_role("button", name="Strike this bullet").click()
    review.wait_for_load_state()
    expect(review.locator(".claim-text", has_text=struck)).to_have_count(0)
    review.get_by_role("button", name="Approve").click()
    expect(review.locator(".stepper li.current")).to_contain_text("Approved")
    expect(review.locator(".pending-banner")).to_have_count(0)
    expect(review.locator(".audit")).to_contain_text("approve")
    staff.close()

    # An anonymous reader sees the approved version.
    anonymous = browser.new_context(viewport=DESKTOP)  # type: ignore[attr-defined]
    view = anonymous.new_page()
    view.goto(article_url)
    expect(view.locator(".stepper li.current")).to_contain_text("Approved")
    expect(view.locator(".pending-banner")).to_have_count(0)
    expect(view.locator(".claim-text", has_text=struck)).to_have_count(0)
    expect(view.get_by_role("button", name="Claim for review")).to_have_count(0)
    anonymous.close()
