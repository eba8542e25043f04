import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - localhost
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _ignore_sigint() -> None:
    # As in a script that starts the demo in the background: SIGINT arrives ignored.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_it_serves_pages_and_styles_then_stops_cleanly_on_ctrl_c(tmp_path):
    port = _free_port()
    env = {**os.environ, "CARE311_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # its own SQLite file, never the test database
    demo = subprocess.Popen(
        [sys.executable, "-m", "care311", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ignore_sigint,
    )
    try:
        page = _get(f"http://127.0.0.1:{port}/", time.monotonic() + 120).decode()
        css = _get(f"http://127.0.0.1:{port}/static/admin/css/base.css", time.monotonic() + 5)
    finally:
        demo.send_signal(signal.SIGINT)
        try:
            out, err = demo.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            demo.kill()
            demo.communicate()
            raise

    assert "care311" in page
    assert b"body" in css
    assert demo.returncode == 0, err
    assert "Traceback" not in err
    assert out.rstrip().endswith("Stopped.")
