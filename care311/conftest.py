"""Fixtures every app's tests may use. Browser tests: ask for `browser_page` (a Chromium page
driven by Playwright, at desktop width) and `look` (screenshot at phone and desktop widths
into ./screenshots/ and assert axe-core finds no serious or critical violations); they need
pytest-django's `live_server`. Without Chromium they are skipped with the reason."""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from care311.testing import browser as browsing


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language: a page asked for in Spanish leaves Spanish
    active in the thread after the response (LocaleMiddleware does not put it back)."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    reason = browsing.why_no_browser()
    if reason:
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's database calls from
    # the test itself are still synchronous, so its async-safety check must stand aside.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(browsing.CHROMIUM), args=browsing.CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def browser_page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(
        viewport={"width": browsing.DESKTOP.width, "height": browsing.DESKTOP.height},
        locale="en-US",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def look() -> Any:
    """look(page, name): screenshots at both widths, and no serious accessibility problem."""

    def check(page: Any, name: str) -> None:
        violations = browsing.capture(page, name)
        if violations:
            pytest.fail(f"{name}: accessibility violations {browsing.describe(violations)}")

    return check
