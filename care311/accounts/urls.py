"""Staff sign-in, sign-out and two-factor set-up, under /staff/."""

from django.urls import path

from care311.accounts import enrolment, signin

app_name = "accounts"
urlpatterns = [
    path("sign-in/", signin.sign_in, name="sign_in"),
    path("sign-in/code/", signin.code, name="code"),
    path("sign-out/", signin.sign_out, name="sign_out"),
    path("two-factor/", enrolment.two_factor, name="two_factor"),
]
