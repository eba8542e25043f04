import pytest


@pytest.fixture(autouse=True)
def demo_settings(settings, tmp_path):
    """Each test gets its own data folder, and passwords hash fast."""
    settings.DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_call_data(monkeypatch, tmp_path):
    """The real call data takes a while to import: the demo's tests run without it
    (test_demo_calls.py gives the demo a small excerpt of its own)."""
    monkeypatch.setenv("CARE311_DEMO_CALL_DATA", str(tmp_path / "no-call-data"))
