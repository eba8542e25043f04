"""Staff sign-in, sign-out, two-factor set-up and residents' contact details, under /staff/."""

from django.urls import path

from care311.accounts import contact_views, enrolment, signin

app_name = "accounts"
urlpatterns = [
    path("sign-in/", signin.sign_in, name="sign_in"),
    path("sign-in/code/", signin.code, name="code"),
    path("sign-out/", signin.sign_out, name="sign_out"),
    path("two-factor/", enrolment.two_factor, name="two_factor"),
    path(
        "requests/<str:public_id>/contact/",
        contact_views.contact_details,
        name="contact_details",
    ),
]
