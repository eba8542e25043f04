"""Included under /desk/notifications/ by the desk's URLs."""

from django.urls import path

from care311.notifications import staff

app_name = "notifications"
urlpatterns = [
    path("", staff.failures, name="failures"),
    path("<int:pk>/retry/", staff.retry, name="retry"),
]
