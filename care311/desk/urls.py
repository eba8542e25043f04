from django.urls import include, path

from care311.desk import queues
from care311.desk.views import contact, filing, home, presence, supervisor, wrap_up

app_name = "desk"
urlpatterns = [
    path("", home.home, name="home"),
    path("presence/", presence.presence, name="presence"),
    path("heartbeat/", presence.heartbeat, name="heartbeat"),
    # The screen-pop URL: /desk/contact/new?caller=%2B19185551234&channel=phone
    path("contact/new", contact.start, name="start_contact"),
    path("contact/<int:pk>/", contact.contact_page, name="contact"),
    path("contact/<int:pk>/article/<int:article_pk>/", contact.use_article, name="use_article"),
    path("contact/<int:pk>/add-caller/<str:public_id>/", contact.add_caller, name="add_caller"),
    path("contact/<int:pk>/link/<str:public_id>/", contact.link_request, name="link_request"),
    path("contact/<int:pk>/end/", contact.end, name="end_contact"),
    path("contact/<int:pk>/file/", filing.where, name="file_where"),
    path("contact/<int:pk>/file/details/", filing.details, name="file_details"),
    path("contact/<int:pk>/wrap-up/", wrap_up.wrap_up, name="wrap_up"),
    path("supervisor/", supervisor.supervisor, name="supervisor"),
    path("notifications/", include("care311.notifications.staff_urls")),
    path("queues/", queues.queue_index, name="queues"),
    path("queues/requests/<str:public_id>/", queues.case_page, name="case"),
    path("queues/requests/<str:public_id>/<slug:action>/", queues.act, name="case_action"),
    path("queues/<slug:department>/", queues.queue_list, name="queue_list"),
]
