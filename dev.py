#!/usr/bin/env python3
"""Set up care311 in ./.venv on first use, then run the demo or the tests.

    python3 dev.py demo [--port 8000]   run the demo city on real NYC data
    python3 dev.py test [pytest args]   run the test suite (set DATABASE_URL for PostgreSQL)
    python3 dev.py care311 ARGS...      run any care311 command on the demo's local settings

Needs only Python 3.11+; everything else comes from PyPI into .venv.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("CARE311_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".care311-installed"


def ensure_environment() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"care311 needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installing care311 and its dependencies (first run only) ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(wanted)


CHROMIUM = Path("/usr/bin/chromium")


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium: install it when it is missing and this
    user can (root with apt-get); otherwise say why the browser tests will be skipped."""
    if CHROMIUM.exists():
        return
    apt_get = shutil.which("apt-get")
    if not (hasattr(os, "geteuid") and os.geteuid() == 0 and apt_get):
        print(
            f"Browser tests will be skipped: no Chromium at {CHROMIUM}, and installing it "
            "needs root and apt-get (apt-get install chromium).",
            flush=True,
        )
        return
    print("Installing Chromium for the browser tests (apt-get, first run only) ...", flush=True)
    quiet = {
        "stdout": subprocess.DEVNULL,
        "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    }
    installed = (
        subprocess.run([apt_get, "update", "-qq"], check=False, **quiet).returncode == 0
        and subprocess.run(
            [apt_get, "install", "-y", "-qq", "chromium"], check=False, **quiet
        ).returncode
        == 0
    )
    if not installed:
        print("Browser tests will be skipped: apt-get could not install chromium.", flush=True)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in ("demo", "test", "care311"):
        sys.exit(__doc__)
    ensure_environment()
    command, rest = sys.argv[1], sys.argv[2:]
    os.chdir(ROOT)
    if command == "test":
        ensure_chromium()
        argv = [str(BIN / "pytest"), *rest]
    elif command == "demo":
        argv = [str(BIN / "care311"), "demo", *rest]
    else:
        # Any other command works on the demo's database with the demo's local settings, as
        # the demo itself does; a real deployment sets its environment and runs care311.
        sys.path.insert(0, str(ROOT))
        from care311.demo.environment import prepare_demo_environment

        prepare_demo_environment()
        argv = [str(BIN / "care311"), *rest]
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main()
