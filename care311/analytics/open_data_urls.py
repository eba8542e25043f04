"""The public open-data files and their data dictionary, under /open-data/."""

from django.urls import path

from care311.analytics import open_data_views as views

app_name = "open_data"
urlpatterns = [
    path("", views.open_data, name="index"),
    path("<str:file_name>", views.published_file, name="file"),
]
