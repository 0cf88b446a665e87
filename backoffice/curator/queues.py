"""The review queues: showcase submissions and OCOP certificates (the Design Centre's
curators), shop applications (staff holding MANAGE_VENDORS).

Each queue lists the items of one status (the waiting ones first) with what a reviewer needs
to decide: the product's photos, the pitch or the certificate, the shop's track record. Each
waiting item carries one small form: a note and two buttons, approve and reject, one click
each. Without JavaScript the form posts and the page comes back with a message; with htmx
only the item is replaced by its decided state (or by its form with the errors). The
decision is the domain's service's (``submission_review``, ``certificate_verify`` and
``certificate_reject``, ``vendor_approve`` and ``vendor_reject``), which checks the
permission and the item's status again.
"""

from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

from backoffice.components import StatusBadge
from backoffice.curator import queries
from backoffice.forms import BackOfficeForm
from backoffice.roles import Area
from backoffice.seller.product_forms import PriceField
from backoffice.views.base import BackOfficeView
from marketplace.accounts.permissions import PermissionEnum
from marketplace.core.storage import private_url
from marketplace.curation.models import ShowcaseSubmissionStatus
from marketplace.curation.services import APPROVE, REJECT, submission_review
from vendors.ocop.models import OcopCertificateStatus
from vendors.ocop.services import certificate_reject, certificate_verify
from vendors.shops.models import VendorStatus
from vendors.shops.services import vendor_approve, vendor_reject

PAGE_SIZE = 20
MAX_NOTE = 2000
DOCUMENT_URL_SECONDS = 300


class DecisionForm(BackOfficeForm):
    """A note and the decision, which comes from the button pressed (``name="decision"``)."""

    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))],
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose approve or reject."),
            "invalid_choice": _("Choose approve or reject."),
        },
    )
    note = forms.CharField(
        label=_("Note for the shop"),
        max_length=MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note_help: ClassVar[Any] = _("Required to reject: the shop reads it.")

    def __init__(self, *args: Any, item_id: int, **kwargs: Any) -> None:
        super().__init__(*args, auto_id=f"id_{item_id}_%s", **kwargs)
        self.fields["note"].help_text = self.note_help

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if "decision" in self.errors:  # a hidden field: say it above the form
            self.add_error(None, self.errors.pop("decision"))
        return data


class ShowcaseDecisionForm(DecisionForm):
    service_fields = {"curator_note": "note"}
    note_help = _("Required to reject; with an approval it is kept for the shop too.")
    price = PriceField(
        label=_("Showcase price (đồng)"),
        required=False,
        help_text=_(
            "Only with an approval: every variant at this price in the Design Centre. "
            "Empty: the marketplace prices."
        ),
    )


class OcopDecisionForm(DecisionForm):
    note_help = _("Required to reject: the shop reads it. Verifying takes no note.")

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("decision") == APPROVE and data.get("note"):
            self.add_error("note", _("A note goes only with a rejection: clear it to verify."))
        return data


class ShopDecisionForm(DecisionForm):
    service_fields = {"reason": "note"}
    note_help = _("Required to reject: the applicant reads it.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].label = _("Note for the applicant")

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("decision") == APPROVE and data.get("note"):
            self.add_error("note", _("A note goes only with a rejection: clear it to approve."))
        return data


class QueueView(BackOfficeView):
    """One queue: ``tabs`` (status, label, badge tone), ``rows(status)``, ``decide(item, form)``."""

    template_name = "backoffice/curator/queue.html"
    item_template = ""
    url_name = ""
    decide_url_name = ""
    permission: PermissionEnum
    form_class: Any = DecisionForm
    tabs: ClassVar[list[tuple[str, Any, str]]] = []
    intro: Any = ""
    empty: Any = ""
    approve_label: Any = _("Approve")
    reject_label: Any = _("Reject")
    success_messages: ClassVar[dict[str, Any]] = {}

    def allowed(self) -> bool:
        return self.roles.has(self.permission)

    # ------------------------------------------------------------ reads

    @property
    def open_status(self) -> str:
        return self.tabs[0][0]

    def rows(self, status: str | None) -> Any:
        raise NotImplementedError

    def decide(self, item: Any, decision: str, note: str) -> None:
        raise NotImplementedError

    def one(self, pk: int) -> Any:
        found = self.rows(None).filter(pk=pk).first()
        if found is None:
            raise Http404
        return found

    def prepare(self, item: Any) -> Any:
        """Per-row extras computed in Python (no SQL): the badge, a document's link."""
        label, tone = next(
            ((lbl, tone) for status, lbl, tone in self.tabs if status == item.status), ("", "muted")
        )
        item.badge = StatusBadge(label=label or item.status, tone=tone)
        return item

    def new_form(self, item: Any) -> Any:
        return self.form_class(item_id=item.pk)

    def status(self) -> str:
        wanted = self.request.GET.get("status")
        return wanted if wanted in {status for status, _label, _tone in self.tabs} else self.open_status

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.allowed():
            return self.forbidden()
        return self.render()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        status = self.status()
        bound = kwargs.pop("form", None)
        page = Paginator(self.rows(status), PAGE_SIZE).get_page(self.request.GET.get("page"))
        items = []
        for item in page.object_list:
            self.prepare(item)
            if item.status == self.open_status:
                if bound is not None and item.pk == self.kwargs.get("pk"):
                    item.form, bound = bound, None
                else:
                    item.form = self.new_form(item)
            items.append(item)
        # a refused decision about an item that is not on this page (already decided): its errors on top
        action_errors = [e for errors in bound.errors.values() for e in errors] if bound is not None else []
        tabs = [
            {
                "status": value,
                "label": label,
                "current": value == status,
                "url": f"{reverse(self.url_name)}?status={value}",
            }
            for value, label, _tone in self.tabs
        ]
        return super().get_context_data(
            page=page,
            items=items,
            tabs=tabs,
            status=status,
            is_open=status == self.open_status,
            action_errors=action_errors,
            query=f"status={status}&",
            **kwargs,
        )

    def base_context(self) -> dict[str, Any]:
        return {
            **super().base_context(),
            "item_template": self.item_template,
            "decide_url_name": self.decide_url_name,
            "approve_label": self.approve_label,
            "reject_label": self.reject_label,
        }


class DecideMixin(QueueView):
    """The POST of one item's form: one service call; with htmx, the item's new state."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(reverse(self.url_name))

    def is_htmx(self) -> bool:
        return self.request.headers.get("HX-Request") == "true"

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return self.form_class(data=data, item_id=self.kwargs["pk"])

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.allowed():
            return self.forbidden()
        self.item = self.one(kwargs["pk"])
        response = super().post(request, *args, **kwargs)
        if self.is_htmx() and isinstance(response, HttpResponseRedirect):
            notes = [str(message) for message in messages.get_messages(request)]
            return self.render_item(self.one(kwargs["pk"]), notes=notes)
        return response

    def perform(self, form: Any) -> str:
        decision = form.cleaned_data["decision"]
        self.decide(self.item, decision, form.cleaned_data["note"])
        self.success_message = self.success_messages[decision]
        return f"{reverse(self.url_name)}?status={self.open_status}"

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        if self.is_htmx():
            item = self.one(self.kwargs["pk"])
            if item.status == self.open_status:
                item.form = kwargs["form"]
                return self.render_item(item)
            errors = [e for items in kwargs["form"].errors.values() for e in items]
            return self.render_item(item, errors=errors)
        return super().render(status_code, **kwargs)

    def render_item(self, item: Any, **extra: Any) -> HttpResponse:
        self.prepare(item)
        context = {**self.base_context(), "item": item, **extra}
        response = TemplateResponse(self.request, self.item_template, context)
        patch_vary_headers(response, ["HX-Request"])
        return response


# ---------------------------------------------------------------- showcase submissions


class ShowcaseQueueView(QueueView):
    area = Area.CURATOR
    nav_key = "curator-showcase"
    title = _("Showcase submissions")
    permission = PermissionEnum.MANAGE_SHOWCASE
    item_template = "backoffice/curator/items/submission.html"
    url_name = "backoffice:curator-showcase"
    decide_url_name = "backoffice:curator-showcase-decide"
    form_class = ShowcaseDecisionForm
    tabs: ClassVar[list[tuple[str, Any, str]]] = [
        (ShowcaseSubmissionStatus.PENDING, _("Waiting"), "warn"),
        (ShowcaseSubmissionStatus.APPROVED, _("Approved"), "ok"),
        (ShowcaseSubmissionStatus.REJECTED, _("Rejected"), "bad"),
        (ShowcaseSubmissionStatus.WITHDRAWN, _("Withdrawn"), "muted"),
    ]
    intro = _(
        "Products the shops propose for the Design Centre's showcase. Approving lists the product in "
        "the design-centre channel at its marketplace prices; the shop is told either way."
    )
    empty = _("No submission here.")
    success_messages: ClassVar[dict[str, Any]] = {
        APPROVE: _("Approved: the product is in the showcase."),
        REJECT: _("Rejected: the shop gets your note."),
    }

    def rows(self, status: str | None) -> Any:
        return queries.submissions(self.request.user, status)


class ShowcaseDecideView(DecideMixin, ShowcaseQueueView):
    def perform(self, form: Any) -> str:
        self.price = form.cleaned_data.get("price")
        return super().perform(form)

    def decide(self, item: Any, decision: str, note: str) -> None:
        submission_review(
            actor=self.request.user, submission=item, decision=decision, note=note, price=self.price
        )


# ---------------------------------------------------------------- OCOP certificates


class OcopQueueView(QueueView):
    area = Area.CURATOR
    nav_key = "curator-ocop"
    title = _("OCOP reviews")
    permission = PermissionEnum.MANAGE_OCOP
    item_template = "backoffice/curator/items/certificate.html"
    url_name = "backoffice:curator-ocop"
    decide_url_name = "backoffice:curator-ocop-decide"
    form_class = OcopDecisionForm
    approve_label = _("Verify")
    tabs: ClassVar[list[tuple[str, Any, str]]] = [
        (OcopCertificateStatus.SUBMITTED, _("Waiting"), "warn"),
        (OcopCertificateStatus.VERIFIED, _("Verified"), "ok"),
        (OcopCertificateStatus.REJECTED, _("Rejected"), "bad"),
        (OcopCertificateStatus.REVOKED, _("Revoked"), "bad"),
    ]
    intro = _(
        "Check the scan against the decision's number, date and issuer. A verified certificate shows "
        "the OCOP badge on the product until it expires."
    )
    empty = _("No certificate here.")
    success_messages: ClassVar[dict[str, Any]] = {
        APPROVE: _("Verified: the OCOP badge shows on the product."),
        REJECT: _("Rejected: the shop gets your note."),
    }

    def rows(self, status: str | None) -> Any:
        return queries.certificates(status)

    def prepare(self, item: Any) -> Any:
        super().prepare(item)
        item.document_url = private_url(item.document, expires=DOCUMENT_URL_SECONDS) if item.document else ""
        return item


class OcopDecideView(DecideMixin, OcopQueueView):
    def decide(self, item: Any, decision: str, note: str) -> None:
        if decision == APPROVE:
            certificate_verify(actor=self.request.user, certificate_id=item.pk)
        else:
            certificate_reject(actor=self.request.user, certificate_id=item.pk, note=note)


# ---------------------------------------------------------------- shop applications


class ApplicationQueueView(QueueView):
    area = Area.STAFF
    nav_key = "staff-applications"
    title = _("Shop applications")
    permission = PermissionEnum.MANAGE_VENDORS
    item_template = "backoffice/curator/items/application.html"
    url_name = "backoffice:staff-applications"
    decide_url_name = "backoffice:staff-applications-decide"
    form_class = ShopDecisionForm
    tabs: ClassVar[list[tuple[str, Any, str]]] = [
        (VendorStatus.PENDING, _("Waiting"), "warn"),
        (VendorStatus.REJECTED, _("Rejected"), "bad"),
    ]
    intro = _(
        "People who asked to open a shop. Approving opens it: its owners can list products at once. "
        "Rejecting sends them your note; they may apply again."
    )
    empty = _("No application here.")
    success_messages: ClassVar[dict[str, Any]] = {
        APPROVE: _("Approved: the shop is open."),
        REJECT: _("Rejected: the applicant gets your note."),
    }

    def rows(self, status: str | None) -> Any:
        return queries.applications(self.request.user, status)


class ApplicationDecideView(DecideMixin, ApplicationQueueView):
    def decide(self, item: Any, decision: str, note: str) -> None:
        if item.status != VendorStatus.PENDING:  # approving would also lift a suspension: not here
            raise ValidationError(
                _("Only a waiting application can be decided; this shop is %(status)s."),
                params={"status": item.get_status_display()},
                code="INVALID_STATUS",
            )
        if decision == APPROVE:
            vendor_approve(actor=self.request.user, vendor=item)
        else:
            vendor_reject(actor=self.request.user, vendor=item, reason=note)
