"""A pytest plugin (loaded with -p from pyproject) that sets test-only environment defaults
before pytest-django reads the settings."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("CARE311_HTTPS", "false")
os.environ.setdefault("CARE311_OPEN311_RATE_LIMIT", "0")
# Tasks run as they are enqueued, texts stay in memory, and maps load no tiles from outside.
os.environ.setdefault("CARE311_TASK_BACKEND", "immediate")
os.environ.setdefault("CARE311_SMS_TRANSPORT", "locmem")
os.environ.setdefault("CARE311_MAP_TILES_URL", "")
# Most tests sign staff in with force_login and no authenticator app; the tests of the second
# factor itself (care311/accounts/tests) turn the production rule back on.
os.environ.setdefault("CARE311_STAFF_TOTP_ROLES", "none")
if "CARE311_DATA_DIR" not in os.environ:
    # Made once by the process that starts the run (workers and subprocesses inherit it) and
    # removed when that process ends.
    os.environ["CARE311_DATA_DIR"] = tempfile.mkdtemp(prefix="care311-test-")
    atexit.register(shutil.rmtree, os.environ["CARE311_DATA_DIR"], ignore_errors=True)
# WhiteNoise warns at start-up about a STATIC_ROOT that does not exist; tests serve static
# files from the apps (WHITENOISE_USE_FINDERS), so an empty folder is all it needs.
os.makedirs(os.path.join(os.environ["CARE311_DATA_DIR"], "static"), exist_ok=True)
