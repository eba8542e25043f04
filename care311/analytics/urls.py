"""Staff analytics pages, under /analytics/."""

from django.urls import path

from care311.analytics import open_data_views, views

app_name = "analytics"
urlpatterns = [
    path("", views.performance, name="performance"),
    path("geography/", views.geography, name="geography"),
    path("contacts/", views.contacts, name="contacts"),
    path("requests/", views.requests, name="requests"),
    path("open-data/regenerate/", open_data_views.regenerate, name="regenerate_open_data"),
]
