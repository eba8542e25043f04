from django.urls import path

from care311.portal import filing, following, residents, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/<str:public_id>/", views.request_detail, name="request_detail"),
    path("requests/<str:public_id>/me-too/", following.me_too, name="me_too"),
    path("requests/<str:public_id>/subscribe/", following.subscribe, name="subscribe"),
    path("requests/<str:public_id>/not-fixed/", following.not_fixed, name="not_fixed"),
    path("updates/<str:token>/stop/", following.unsubscribe, name="unsubscribe"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("track/", views.track, name="track"),
    path("report/", filing.pick_service, name="report"),
    path("report/where/", filing.where, name="report_where"),
    path("report/details/", filing.details, name="report_details"),
    path("report/filed/<str:public_id>/", filing.filed, name="filed"),
    path("account/sign-in/", residents.sign_in, name="sign_in"),
    path("account/sign-in/<str:token>/", residents.sign_in_link, name="sign_in_link"),
    path("account/sign-out/", residents.sign_out, name="sign_out"),
    path("account/requests/", residents.my_requests, name="my_requests"),
]
