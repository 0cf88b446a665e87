"""The audit log, for superusers and staff with MANAGE_STAFF: every curator and staff
decision recorded by the services (``marketplace.audit``), newest first, filtered by action
and by subject (its kind and id), 50 a page. Two SQL queries a page (the count and the
page, with the actor and the subject's type joined), whatever its length. A filter that
does not parse is shown beside its field and left out; it never fails the page."""

from typing import Any

from django import forms
from django.apps import apps
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from backoffice.components import Column, Table
from backoffice.roles import Roles
from backoffice.staff.base import StaffView
from marketplace.accounts.permissions import PermissionEnum
from marketplace.audit.models import AuditAction, AuditEvent
from marketplace.audit.selectors import SUBJECT_TYPES, audit_events, subject_content_type

PAGE_SIZE = 50
MAX_ID = 2**63 - 1

# A subject's page in the staff console, where it has one.
SUBJECT_PAGES = {
    "shops.vendor": "backoffice:staff-shop",
    "routes.tourismroute": "backoffice:staff-route",
    "auth.group": "backoffice:staff-group",
    "shipping.shippingzone": "backoffice:staff-zone",
    "catalog.category": "backoffice:staff-category",
    "catalog.producttype": "backoffice:staff-product-type",
    "catalog.attribute": "backoffice:staff-attribute",
}


def _subject_choices() -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = []
    for key in SUBJECT_TYPES:
        model = apps.get_model(key)
        choices.append((key, str(model._meta.verbose_name).capitalize()))
    return choices


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    subject_type = forms.ChoiceField(label=_("Subject kind"), required=False)
    subject_id = forms.IntegerField(
        label=_("Subject id"),
        required=False,
        min_value=1,
        max_value=MAX_ID,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All")), *AuditAction.choices]  # type: ignore[attr-defined]
        self.fields["subject_type"].choices = [("", _("All")), *_subject_choices()]  # type: ignore[attr-defined]


def subject_key(event: AuditEvent) -> str:
    return f"{event.subject_type.app_label}.{event.subject_type.model}"


def subject_link(event: AuditEvent) -> str:
    name = SUBJECT_PAGES.get(subject_key(event))
    if name is None:
        return ""
    try:
        return reverse(name, args=[event.subject_id])
    except NoReverseMatch:
        return ""


def details(event: AuditEvent) -> str:
    """The decision's details on one line: a changed field as ``field: old → new``."""
    data = dict(event.data) if isinstance(event.data, dict) else {}
    old, new = data.get("old"), data.get("new")
    parts = []
    if isinstance(old, dict) and isinstance(new, dict):
        del data["old"], data["new"]
        parts = [f"{key}: {old.get(key, '—')} → {value}" for key, value in new.items()]
    elif "old" in data and "new" in data:
        parts = [f"{data.pop('old')} → {data.pop('new')}"]
    parts += [f"{key}: {value}" for key, value in data.items()]
    return "; ".join(parts) or "—"


def actor_label(event: AuditEvent) -> str:
    return event.actor_email or event.get_actor_kind_display()


def audit_history_url(roles: Roles, subject_type: str, subject_id: int) -> str:
    """The audit log filtered on one subject, for an object's page ("" without the right)."""
    if not roles.has(PermissionEnum.MANAGE_STAFF):
        return ""
    query = urlencode({"subject_type": subject_type, "subject_id": str(subject_id)})
    return f"{reverse('backoffice:staff-audit')}?{query}"


class AuditLogView(StaffView):
    permission = PermissionEnum.MANAGE_STAFF
    nav_key = "staff-audit"
    title = _("Audit log")
    template_name = "backoffice/staff/audit.html"
    partial_template_name = "backoffice/staff/audit_results.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filters = AuditFilterForm(request.GET or None)
        wanted: dict[str, Any] = {}
        if filters.is_bound:
            filters.is_valid()
            wanted = filters.cleaned_data
        action = wanted.get("action") or None
        subject_type = subject_content_type(wanted.get("subject_type") or "")
        subject_id = wanted.get("subject_id")
        rows = audit_events(
            action=AuditAction(action) if action else None,
            subject_type=subject_type,
            subject_id=subject_id,
        )
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        table = Table(
            caption=_("Decisions, newest first"),
            columns=[
                Column(_("When"), lambda e: e.created_at),
                Column(_("Who"), actor_label),
                Column(_("Action"), lambda e: e.get_action_display()),
                Column(
                    _("Subject"),
                    lambda e: f"{e.subject_label or '—'} (#{e.subject_id})",
                    link=subject_link,
                ),
                Column(_("Details"), details),
            ],
            rows=list(page.object_list),
            empty=_("No decisions match."),
        )
        kept = {name: wanted[name] for name in ("action", "subject_type", "subject_id") if wanted.get(name)}
        query = f"{urlencode(kept)}&" if kept else ""
        return self.render(filters=filters, page=page, table=table, query=query)
