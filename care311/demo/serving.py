"""Serve the app with waitress until Ctrl-C."""

import signal
from types import FrameType

from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import CommandError
from waitress.server import create_server

WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 - names what a browser cannot open


def base_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in WILDCARD_HOSTS else host
    return f"http://{shown}:{port}"


def serve(host: str, port: int) -> None:
    """Serve until interrupted; returns quietly on Ctrl-C, SIGINT or SIGTERM."""
    # A demo started in the background by a script inherits SIGINT as ignored, and service
    # managers stop programs with SIGTERM: both should end the demo as Ctrl-C does.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server = create_server(WSGIHandler(), host=host, port=port, threads=8)
    except OSError as error:
        raise CommandError(
            f"cannot listen on {host}:{port} ({error.strerror}); try another --port"
        ) from None
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
