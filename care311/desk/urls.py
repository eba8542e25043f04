from django.urls import path

from care311.desk import views

app_name = "desk"
urlpatterns = [
    path("", views.home, name="home"),
]
