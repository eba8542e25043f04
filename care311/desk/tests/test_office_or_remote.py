"""A desk session is in the office when its address is inside CARE311_OFFICE_NETWORKS."""

from ipaddress import ip_network

import pytest
from django.core.exceptions import ImproperlyConfigured

from care311.desk.network import location_of


@pytest.fixture
def office(settings):
    settings.DESK_OFFICE_NETWORKS = [ip_network("10.20.0.0/16"), ip_network("2001:db8:311::/48")]


@pytest.mark.parametrize(
    ("ip", "where"),
    [
        ("10.20.4.7", "office"),
        ("10.21.0.1", "remote"),
        ("2001:db8:311::9", "office"),
        ("2001:db8:312::9", "remote"),
        ("203.0.113.5", "remote"),
        ("", "remote"),
        (None, "remote"),
        ("not-an-address", "remote"),
    ],
)
def test_it_tells_office_from_remote(office, ip, where):
    assert location_of(ip) == where


def test_the_heartbeat_records_where_the_browser_is(client, cast, office):
    client.force_login(cast["ana"])

    at_home = client.post("/desk/heartbeat/", REMOTE_ADDR="198.51.100.7").json()
    at_work = client.post("/desk/heartbeat/", REMOTE_ADDR="10.20.1.1").json()

    assert (at_home["location"], at_work["location"]) == ("remote", "office")
    session = cast["ana"].desk_sessions.get()
    assert (session.ip, session.location) == ("10.20.1.1", "office")


def test_a_bad_network_stops_start_up_naming_it(monkeypatch):
    from care311 import settings as care_settings

    monkeypatch.setenv("CARE311_OFFICE_NETWORKS", "10.0.0.0/8,10.0.0.300/24")

    with pytest.raises(ImproperlyConfigured) as stopped:
        care_settings.env_networks("CARE311_OFFICE_NETWORKS")
    assert str(stopped.value) == (
        "CARE311_OFFICE_NETWORKS: '10.0.0.300/24' is not a network such as 10.0.0.0/8"
    )
