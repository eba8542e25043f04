from django.urls import path

from care311.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.help_center, name="help"),
    path("<slug:slug>/", views.article_page, name="article"),
    path("<slug:slug>/answered/", views.article_answered, name="answered"),
]
