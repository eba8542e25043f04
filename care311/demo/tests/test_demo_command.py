import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import resolve

from care311.notifications.responses import track_url
from care311.service_requests.models import HistoryEvent, ServiceRequest

pytestmark = pytest.mark.django_db


def _demo() -> str:
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


def test_it_loads_the_demo_city_and_reuses_it_on_the_next_start():
    first = _demo()
    counts = (ServiceRequest.objects.count(), HistoryEvent.objects.count())
    second = _demo()

    assert "imported 1,000" in first
    assert "Filed 5 demo requests" in first
    assert "unchanged 1,000" in second
    assert "Filed" not in second
    assert counts == (ServiceRequest.objects.count(), HistoryEvent.objects.count())
    assert counts[0] == 1005


def test_it_prints_the_urls_and_every_account_on_each_start():
    _demo()
    second = _demo()

    assert "http://127.0.0.1:8000/admin/" in second
    for username in ("admin", "supervisor", "agent1", "agent2", "streets", "sanitation"):
        assert f"  {username} " in second
    printed = re.findall(r"http://127\.0\.0\.1:8000(/\S*)", second)
    assert [path.split("?")[0] for path in printed] == [
        "/",
        "/open311/v2/discovery.json",
        "/open-data/",
        "/staff/sign-in/",
        "/desk/",
        "/desk/contact/new",
        "/desk/queues/",
        "/wallboard/",
        "/analytics/",
        "/admin/",
    ]
    for path in printed:
        resolve(path.split("?")[0])  # each is a page of the app, not a 404
    assert "staff totp-code supervisor" in second


def test_it_works_the_demo_requests_through_the_actions():
    _demo()

    own = ServiceRequest.objects.filter(source="").order_by("id")
    kinds = [list(request.events.values_list("kind", flat=True)) for request in own]

    assert kinds == [
        ["created", "status_changed"],
        ["created", "closed"],
        ["created", "assigned"],
        ["created", "note"],
        ["created"],
    ]
    assert own.filter(status="closed").count() == 1


def test_messages_link_to_the_port_the_demo_serves_on(settings, monkeypatch):
    monkeypatch.delenv("CARE311_SITE_URL", raising=False)
    call_command("demo", "--no-serve", "--port", "8931", stdout=StringIO())

    assert settings.SITE_URL == "http://127.0.0.1:8931"
    assert track_url("ABCD-EFGH-JKMN") == "http://127.0.0.1:8931/requests/ABCD-EFGH-JKMN/"


def test_an_operators_site_url_wins(settings, monkeypatch):
    monkeypatch.setenv("CARE311_SITE_URL", "https://311.example.gov")
    settings.SITE_URL = "https://311.example.gov"
    call_command("demo", "--no-serve", "--port", "8931", stdout=StringIO())

    assert settings.SITE_URL == "https://311.example.gov"


def test_it_publishes_the_open_data_files_so_the_page_has_them(client):
    out = _demo()

    assert "Open data: requests.csv" in out
    page = client.get("/open-data/")
    assert page.status_code == 200
    download = client.get("/open-data/requests.csv")
    assert download.status_code == 200
    rows = b"".join(download.streaming_content if download.streaming else [download.content])
    assert rows.decode().count("\n") > 1000
