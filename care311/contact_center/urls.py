from django.urls import path

from care311.contact_center import api

app_name = "contact_center"
urlpatterns = [
    path("contact-center/events", api.events, name="events"),
]
