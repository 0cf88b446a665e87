"""GraphiQL in a real browser (Debian's headless Chromium, driven by Playwright), loaded
from the image's ``api`` role (production settings, WhiteNoise, collected static files):
the page works, a query typed into the editor runs when the button is clicked and its
result shows, and no request leaves the API's origin (no CDN)."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Route, sync_playwright

from tests.docker.conftest import Api

CHROMIUM = "/usr/bin/chromium"  # Debian's package (make browser); Playwright downloads none
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def browser_page():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Debian's chromium is needed at {CHROMIUM}: `make browser` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_graphiql_runs_a_typed_query_with_no_request_leaving_the_origin(browser_page, image_api: Api):
    page = browser_page
    requested: list[str] = []
    refused: list[str] = []
    errors: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        requested.append(url)
        if origin(url) == image_api.origin or url.startswith("data:"):
            route.continue_()
        else:  # would leave the machine: refused, and the test fails below
            refused.append(url)
            route.abort()

    page.route("**/*", guard)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))  # type: ignore[func-returns-value]

    page.goto(f"{image_api.origin}/graphql/", wait_until="networkidle")
    editor = page.locator(".graphiql-query-editor .CodeMirror").first
    editor.wait_for(state="visible", timeout=20_000)
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type("query ShopName { shop { name ")
    typed = page.evaluate(
        "() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()"
    )
    assert typed.replace(" ", "").startswith("queryShopName{shop{name")
    page.locator("button.graphiql-execute-button").click()

    response = page.locator(".graphiql-response .CodeMirror")
    response.get_by_text("Làng Nghề Market").wait_for(timeout=20_000)
    result = page.evaluate(
        "() => document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()"
    )
    assert '"name": "Làng Nghề Market"' in result

    assert refused == []
    assert errors == []
    assert {origin(url) for url in requested} == {image_api.origin}
    assert any(url.endswith(".js") and "/static/storefront_api/graphiql/" in url for url in requested)
    assert f"{image_api.origin}/graphql/" in requested  # the page itself, then the query (POST)
