"""GeoReport v2 paths. A service code, request id or token is opaque and may hold dots,
spaces or slashes: the greedy group leaves the format to the last dot."""

from django.urls import re_path

from care311.open311 import views

app_name = "open311"

FORMAT = r"\.(?P<fmt>json|xml)\Z"

urlpatterns = [
    re_path(r"^openapi\.(?P<fmt>json)\Z", views.openapi, name="openapi"),
    re_path(rf"^discovery{FORMAT}", views.discovery, name="discovery"),
    re_path(rf"^services{FORMAT}", views.service_list, name="services"),
    re_path(rf"^services/(?P<service_code>.+){FORMAT}", views.service_detail, name="service"),
    re_path(rf"^requests{FORMAT}", views.service_requests, name="requests"),
    re_path(rf"^requests/(?P<service_request_id>.+){FORMAT}", views.request_detail, name="request"),
    # The Open311 project's own Swagger file spells the single request path this way.
    re_path(rf"^request/(?P<service_request_id>.+){FORMAT}", views.request_detail),
    re_path(rf"^tokens/(?P<token>.+){FORMAT}", views.token_detail, name="token"),
    re_path(rf"^servicerequestupdates{FORMAT}", views.updates, name="updates"),
]
