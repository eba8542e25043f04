"""Where a desk session runs from: the office's networks (CARE311_OFFICE_NETWORKS) or not.

The address is the one Django sees (REMOTE_ADDR). Behind a proxy or load balancer, have it
pass the browser's address there (not in a header the browser could set itself).
"""

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest

from care311.desk.models import Location


def location_of(ip: str | None) -> str:
    """Office when `ip` is inside one of the office networks; remote otherwise, and when the
    address is unknown or malformed."""
    if not ip:
        return Location.REMOTE
    try:
        address = ip_address(ip)
    except ValueError:
        return Location.REMOTE
    for network in settings.DESK_OFFICE_NETWORKS:
        if address.version == network.version and address in network:
            return Location.OFFICE
    return Location.REMOTE


def client_ip(request: HttpRequest) -> str | None:
    raw = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ip_address(raw))
    except ValueError:
        return None
