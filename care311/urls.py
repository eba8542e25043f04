from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/", include("care311.accounts.urls")),
    path("open311/v2/", include("care311.open311.urls")),
    path("help/", include("care311.knowledge.urls")),
    path("desk/", include("care311.desk.urls")),
    path("analytics/", include("care311.analytics.urls")),
    path("open-data/", include("care311.analytics.open_data_urls")),
    path("", include("care311.notifications.urls")),
    path("", include("care311.contact_center.urls")),
    path("", include("care311.portal.urls")),
]
