from django.conf import settings
from django.http import HttpRequest


def city(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    resident = user is not None and user.is_authenticated and not user.is_staff
    return {
        "city_name": settings.CITY_NAME,
        "city_time_zone": settings.TIME_ZONE,
        "resident": resident,
    }
