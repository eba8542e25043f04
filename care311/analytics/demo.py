"""The demo's districts for the imported NYC requests (see data/SOURCE.md)."""

from pathlib import Path

from care311.catalog.districts import load_districts

NYC_SQUARES = Path(__file__).resolve().parent / "data" / "nyc_squares.geojson"
NYC_SQUARE_KIND = "NYC square"


def load_nyc_squares() -> str:
    """Load (or update) the nine NYC squares; returns a line saying so."""
    counts = load_districts(
        NYC_SQUARES, kind=NYC_SQUARE_KIND, name_property="name", code_property="code"
    )
    return f"Analytics: {counts.created + counts.updated} NYC squares loaded as districts"
