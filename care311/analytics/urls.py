"""Staff analytics pages, under /analytics/."""

from django.urls import path

from care311.analytics import open_data_views

app_name = "analytics"
urlpatterns = [
    path("open-data/regenerate/", open_data_views.regenerate, name="regenerate_open_data"),
]
