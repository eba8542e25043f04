"""The Django admin behind the staff sign-in: no way around the second factor.

Its sign-in page is the staff sign-in, and a session that still owes a TOTP code (or a
supervisor or administrator without a device) is not let in, whatever its password.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from care311.accounts import second_factor
from care311.accounts.signin import next_url, step_url


class StaffAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and second_factor.owed(request) is None

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        going_to = request.GET.get("next") or reverse("admin:index")
        if request.user.is_authenticated:
            step = second_factor.owed(request)
            if step:
                return HttpResponseRedirect(step_url(step, next_url(request)))
        return redirect_to_login(going_to, reverse("accounts:sign_in"))
