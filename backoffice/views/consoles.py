"""The start pages of the curators' and the staff's consoles: what waits for them. The
screens behind them (queues, featured collections, shops, catalogue settings) are built on
the same base view and components; see backoffice/README.md."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backoffice.components import StatCard
from backoffice.roles import Area
from backoffice.views.base import BackOfficeView
from marketplace.accounts.actors import as_actor
from marketplace.accounts.permissions import PermissionEnum
from marketplace.curation.models import ShowcaseSubmissionStatus
from marketplace.curation.selectors import submission_list
from vendors.ocop.models import OcopCertificateStatus
from vendors.ocop.selectors import certificate_list
from vendors.shops.models import VendorStatus
from vendors.shops.policies import VendorAction, vendors_for


class CuratorHomeView(BackOfficeView):
    area = Area.CURATOR
    nav_key = "curator-home"
    title = _("Design Centre console")
    template_name = "backoffice/consoles/home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        stats = []
        if self.roles.has(PermissionEnum.MANAGE_SHOWCASE):
            pending = submission_list(actor=request.user, status=ShowcaseSubmissionStatus.PENDING).count()  # type: ignore[arg-type]
            stats.append(
                StatCard(
                    _("showcase submissions waiting"),
                    pending,
                    reverse("backoffice:curator-showcase"),
                    "warn" if pending else "muted",
                )
            )
        if self.roles.has(PermissionEnum.MANAGE_OCOP):
            waiting = certificate_list(status=OcopCertificateStatus.SUBMITTED).count()
            stats.append(
                StatCard(
                    _("OCOP certificates to review"),
                    waiting,
                    reverse("backoffice:curator-ocop"),
                    "warn" if waiting else "muted",
                )
            )
        return self.render(stats=stats)


class StaffHomeView(BackOfficeView):
    area = Area.STAFF
    nav_key = "staff-home"
    title = _("Administration")
    template_name = "backoffice/consoles/home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        stats = []
        if self.roles.has(PermissionEnum.MANAGE_VENDORS):
            pending = (
                vendors_for(as_actor(request.user), VendorAction.VIEW)
                .filter(status=VendorStatus.PENDING)
                .count()
            )
            stats.append(
                StatCard(
                    _("shop applications waiting"),
                    pending,
                    reverse("backoffice:staff-applications"),
                    "warn" if pending else "muted",
                )
            )
        return self.render(stats=stats)
