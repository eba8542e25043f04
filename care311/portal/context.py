from django.conf import settings
from django.http import HttpRequest


def city(request: HttpRequest) -> dict:
    return {"city_name": settings.CITY_NAME, "city_time_zone": settings.TIME_ZONE}
