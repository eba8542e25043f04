"""Browser testing with Playwright driving Debian's Chromium, for any app's tests.

The fixtures live in care311/conftest.py; this module holds what they do: launch the
browser, take a screenshot of a page at phone and desktop widths, and check it with axe-core.
"""

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("CARE311_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(os.environ.get("CARE311_SCREENSHOTS", Path.cwd() / "screenshots"))
AXE = Path(__file__).resolve().parent / "data" / "axe.min.js"
# The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


@dataclass(frozen=True)
class Width:
    name: str
    width: int
    height: int


PHONE = Width("phone", 390, 844)
DESKTOP = Width("desktop", 1366, 900)
WIDTHS = (PHONE, DESKTOP)


def why_no_browser() -> str:
    """Why the browser tests cannot run here, or "" when they can."""
    if not CHROMIUM.exists():
        return (
            f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium); "
            "`python3 dev.py test` does it when run as root"
        )
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed: pip install -e '.[dev]'"
    return ""


def axe_violations(page: Any) -> list[dict]:
    """The serious and critical accessibility violations axe-core finds on the page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def capture(page: Any, name: str) -> list[dict]:
    """Screenshot the page at phone and desktop widths into SCREENSHOTS/<name>-<width>.png and
    check it with axe at each; returns the blocking violations found (with the width)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    found: list[dict] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width.width, "height": width.height})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width.name}.png"), full_page=True)
        found.extend({**violation, "width": width.name} for violation in axe_violations(page))
    if original:
        page.set_viewport_size(original)
    return found


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=2)
