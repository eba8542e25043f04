"""Everything the demo loads before it serves: schema, catalog, staff, NYC sample, requests,
and the contact center's calls.

Each step is idempotent, so the demo can start any number of times on the same data.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import OutputWrapper

from care311.analytics.demo import load_nyc_squares
from care311.analytics.opendata.publishing import folder as opendata_folder
from care311.analytics.opendata.publishing import publish_all
from care311.demo.accounts import ensure_accounts
from care311.demo.articles import load_articles
from care311.demo.calls import load_calls
from care311.demo.catalog import load_catalog, read_catalog
from care311.demo.requests import file_demo_requests, has_demo_requests
from care311.demo.routing import load_routing

NYC_SAMPLE = Path(__file__).resolve().parent / "data" / "nyc311_export_1000.csv"


def load_demo(out: OutputWrapper) -> None:
    """Prepare the demo city: every step creates what is missing and updates the rest."""
    out.write("Preparing the database ...")
    # WhiteNoise serves the apps' static files directly (WHITENOISE_USE_FINDERS) but warns at
    # start-up when STATIC_ROOT is missing; an empty folder keeps the console clean.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)

    counts = load_catalog()
    out.write(
        f"Catalog: {counts.departments} departments, {counts.services} services, "
        f"{counts.attributes} questions, {counts.values} answer choices"
    )

    out.write(f"Knowledge base: {load_articles()} articles in English and Spanish")

    # Before the demo's requests are filed, so they are routed to queues.
    out.write(load_routing())

    ensure_accounts()

    out.write("Importing the NYC 311 sample ...")
    call_command("import", str(NYC_SAMPLE), "--no-progress", stdout=out)
    out.write(load_nyc_squares())

    codes = [service["service_code"] for service in read_catalog()["services"]]
    if not has_demo_requests(codes):
        filed = file_demo_requests()
        out.write(f"Filed {len(filed)} demo requests in the city's own catalog")

    load_calls(out)

    # The nightly run has not happened yet on a new demo: publish the files now.
    manifest = publish_all()
    out.write(f"Open data: {', '.join(manifest['files'])} published in {opendata_folder()}")
