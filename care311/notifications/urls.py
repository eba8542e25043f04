from django.urls import path

from care311.notifications import views

app_name = "notifications"
urlpatterns = [
    path("updates/reporter/<str:token>/stop/", views.stop_updates, name="stop"),
    path("notifications/sms-status/", views.sms_status, name="sms_status"),
]
