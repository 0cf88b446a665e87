"""One Chromium for the back-office browser tests (Debian's, driven by Playwright), axe-core
injected from the vendored file, and screenshots when SCREENSHOTS_DIR is set."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; the test also reads the database
# (the live server's, through the ORM), which Django refuses by default in that case.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"  # Debian's package (make browser)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parent / "axe-core-4.14.1" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="package")
def chromium() -> Iterator[Any]:
    """One browser for every journey of this package (one per role), closed at its end: a
    running Playwright holds an event loop that other packages' browser tests must not meet."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Debian's chromium is needed at {CHROMIUM}: `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations of the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(
            v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
    )


class Screens:
    """Saves the main screens at phone and laptop width when SCREENSHOTS_DIR is set."""

    def __init__(self) -> None:
        directory = os.environ.get("SCREENSHOTS_DIR")
        self.directory = Path(directory) if directory else None
        if self.directory:
            self.directory.mkdir(parents=True, exist_ok=True)

    def take(self, page: Any, name: str) -> None:
        if not self.directory:
            return
        for label, size in (("360", PHONE), ("1280", LAPTOP)):
            page.set_viewport_size(size)
            page.screenshot(path=str(self.directory / f"{name}-{label}.png"), full_page=True)
        page.set_viewport_size(PHONE)


@pytest.fixture
def screens() -> Screens:
    return Screens()
