"""The staff console's base view: the STAFF area, and one marketplace permission per page
(403 without it; the service checks it again)."""

from typing import Any

from django.http import HttpRequest, HttpResponse

from backoffice.roles import Area, roles
from backoffice.views.base import BackOfficeView
from marketplace.accounts.permissions import PermissionEnum


class StaffView(BackOfficeView):
    area = Area.STAFF
    permission: PermissionEnum = PermissionEnum.MANAGE_VENDORS

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.roles = roles(request)
            if Area.STAFF in self.roles.areas and not self.roles.has(self.permission):
                return self.forbidden()
        return super().dispatch(request, *args, **kwargs)
