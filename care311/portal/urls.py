from django.urls import path

from care311.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("requests/<str:public_id>/", views.request_detail, name="request_detail"),
]
