import pytest


@pytest.fixture(autouse=True)
def demo_settings(settings, tmp_path):
    """Each test gets its own data folder, and passwords hash fast."""
    settings.DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
