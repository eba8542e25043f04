from django.urls import path

from care311.contact_center import api, views

app_name = "contact_center"
urlpatterns = [
    path("contact-center/events", api.events, name="events"),
    path("wallboard/", views.wallboard, name="wallboard"),
    path("wallboard/data.json", views.wallboard_data, name="wallboard_data"),
    path("contact-center/reports/", views.reports, name="reports"),
    path("contact-center/agents/", views.agents, name="agents"),
    path("contact-center/agents/<int:agent_id>/", views.scorecard, name="scorecard"),
]
