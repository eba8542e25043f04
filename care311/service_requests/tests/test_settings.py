"""A bad setting stops start-up with a message naming the variable."""

import os
import subprocess
import sys

import pytest


def start(**overrides: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SECRET_KEY": "k" * 50, **overrides}
    return subprocess.run(
        [sys.executable, "-m", "care311", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY is not set"),
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not true or false"),
        ({"CARE311_TIME_ZONE": "Mars/Olympus"}, "CARE311_TIME_ZONE='Mars/Olympus' is not an IANA"),
        ({"DATABASE_URL": "mysql://root@localhost/x"}, "unsupported database"),
        ({"CARE311_HSTS_SECONDS": "a year"}, "CARE311_HSTS_SECONDS='a year' is not a whole"),
    ],
)
def test_it_refuses_a_bad_setting(overrides, message):
    result = start(**overrides)
    assert result.returncode != 0
    assert message in result.stderr


def test_it_starts_with_good_settings():
    result = start(DEBUG="yes", CARE311_TIME_ZONE="America/New_York")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
