"""In Chromium: a supervisor signs in, opens the wallboard, and watches it move as a replay
of the bank's records (../shared/data) comes in, each change on screen within 2 s of the
write. Screenshots go to ./screenshots/wallboard-*.png at phone and desktop widths."""

from datetime import date

import pytest

from care311.contact_center.quality import Quality
from care311.contact_center.replay import read_day, replay_day
from care311.contact_center.tests.conftest import CHICAGO, bank_rows, write_rows

pytestmark = pytest.mark.django_db(transaction=True)

SPEED = 600  # each quarter-second tick feeds 150 s of the bank's morning
TOTAL_OFFERED = "#queues tfoot tr td:nth-of-type(4)"


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def _shown_offered(page) -> int:
    return int(page.inner_text(TOTAL_OFFERED).split()[0].replace(",", ""))


def _offered_now() -> int:
    from care311.contact_center import wallboard

    return int(wallboard.snapshot()["total"]["offered"]["text"].replace(",", ""))


def test_it_moves_the_wallboard_during_a_replay(live_server, browser_page, look, cast, tmp_path):
    rows = bank_rows("01_January.txt", "990104")
    day = read_day(
        [write_rows(tmp_path / "jan4.txt", rows)], CHICAGO, date(1999, 1, 4), "09:00", "09:30"
    )
    page = browser_page
    page.goto(f"{live_server.url}/wallboard/")
    page.fill("#id_username", "supervisor")
    page.fill("#id_password", "not-used-here-1")
    page.click("form button[type=submit]")
    page.wait_for_url("**/wallboard/")
    assert _shown_offered(page) == 0
    look(page, "wallboard-before-replay")

    seen = []
    clock = FakeClock()

    def watch() -> bool:
        # Every fourth tick: the board must show what the database holds within 2 s.
        if clock.now and clock.now % 1.0 == 0:
            expected = _offered_now()
            page.wait_for_function(
                f"() => document.querySelector('{TOTAL_OFFERED}').textContent"
                f".trim().split(/\\s/)[0].replace(/,/g, '') === '{expected}'",
                timeout=2000,
            )
            seen.append(_shown_offered(page))
            if len(seen) == 2:
                look(page, "wallboard-during-replay")
        return False

    replay_day(
        day, SPEED, quality=Quality("browser", "bank"), clock=clock, sleep=clock.sleep, stop=watch
    )

    assert len(seen) >= 3
    assert seen == sorted(seen) and seen[-1] > seen[0] > 0
    page.wait_for_function(
        f"() => document.querySelector('{TOTAL_OFFERED}').textContent.trim()"
        f".split(/\\s/)[0].replace(/,/g, '') === '{_offered_now()}'",
        timeout=2000,
    )
    assert page.locator("#queues td.level-red, #queues td.level-amber, #queues td.level-ok").count()
    look(page, "wallboard-after-replay")
