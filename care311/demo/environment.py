"""Local-only settings the demo supplies when the environment does not."""

import os
import secrets
from pathlib import Path


def prepare_demo_environment() -> None:
    """Serve plain HTTP on localhost with a secret kept in the data folder.

    An operator's own environment always wins: these are defaults, set only when missing.
    """
    data_dir = Path(os.environ.get("CARE311_DATA_DIR", Path.cwd() / "data"))
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("CARE311_HTTPS", "false")
    # The demo runs no task worker: messages to residents go out (to the console) at once.
    os.environ.setdefault("CARE311_TASK_BACKEND", "immediate")
    # The demo's agents sign in from this machine: count it as the call center's office.
    os.environ.setdefault("CARE311_OFFICE_NETWORKS", "127.0.0.0/8,::1/128")
    if "SECRET_KEY" not in os.environ:
        key_file = data_dir / "demo-secret-key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        os.environ["SECRET_KEY"] = key_file.read_text().strip()
