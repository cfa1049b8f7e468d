"""Sign-in with rate limiting."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from techbridge.accounts import throttle


class LoginView(auth_views.LoginView):
    """Django's login view, refusing attempts after too many failures (HTTP 429)."""

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        address = throttle.client_address(request)
        if throttle.is_blocked(username, address):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _("Too many failed sign-ins: try again in 15 minutes."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if self.request.method == "POST" and not throttle.is_blocked(
            self.request.POST.get("username", ""), throttle.client_address(self.request)
        ):
            throttle.record_failure(
                self.request.POST.get("username", ""), throttle.client_address(self.request)
            )
        return super().form_invalid(form)

    def form_valid(self, form):
        throttle.record_success(form.get_user().get_username(), throttle.client_address(self.request))
        return super().form_valid(form)
