"""Django's admin for the long tail, mounted at ``/studio/admin/`` so that it shares the back
office's session (the session middleware runs only under the prefix, hence the silenced
admin.E408–E410). Staff only; signing in is the back office's page. Every model is
read-only where a service owns its writes, and the admin's actions call those services with
the signed-in person as actor (``backoffice/admin.py``); each model is visible to the holders
of the marketplace permission that governs it, not to Django's per-model permissions."""

from collections.abc import Callable
from functools import update_wrapper
from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


class StudioAdminSite(admin.AdminSite):
    site_header = _("Làng Nghề administration")
    site_title = _("Làng Nghề administration")
    index_title = _("The long tail")
    site_url = "/studio/staff/"
    enable_nav_sidebar = False

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff)

    def admin_view(self, view: Callable, cacheable: bool = False) -> Any:  # type: ignore[override]
        """Anonymous visitors go straight to the back office's sign-in page; a signed-in
        person who is not staff gets 403 (not a sign-in page that would send them back)."""
        wrapped = super().admin_view(view, cacheable)

        def gate(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not self.has_permission(request):
                if request.user.is_authenticated:
                    raise PermissionDenied
                return redirect_to_login(request.get_full_path())
            return wrapped(request, *args, **kwargs)

        return update_wrapper(gate, view)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """The back office's sign-in page (same accounts, same throttle), then back here."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or "/studio/admin/")


studio_admin = StudioAdminSite(name="admin")
