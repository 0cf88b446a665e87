"""The staff console's base view: the STAFF area, and one marketplace permission per page
(403 without it; the service checks it again)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backoffice.forms import BackOfficeForm
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


class StaffDeleteView(StaffView):
    """A confirmation page (GET) and the deletion (POST, one service call). A refusal of
    the service (in use, already gone) is shown on the page; a missing object is a 404."""

    template_name = "backoffice/confirm_delete.html"
    form_class = BackOfficeForm
    success_message = _("Deleted.")
    question: Any = ""
    back_url_name = ""

    def load(self) -> Any:
        """The object to delete, or None (404)."""
        raise NotImplementedError

    def get_object(self) -> Any:
        if not hasattr(self, "_object"):
            self._object = self.load()
            if self._object is None:
                raise Http404
        return self._object

    def back_url(self) -> str:
        return reverse(self.back_url_name)

    def consequences(self) -> list[Any]:
        """What the deletion does, said before it is confirmed."""
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        obj = self.get_object()
        return super().get_context_data(
            title=self.question % {"name": str(obj)},
            consequences=self.consequences(),
            back_url=self.back_url(),
            **kwargs,
        )
