"""Returns: the shop's return requests by status, one request with its order, lines, the
buyer's reason and photos, and the returns services a shop may call — accept (the goods
come back, or the buyer keeps them and is refunded at once), refuse with a note, the goods
received (refunded) — and, for a cash-on-delivery refund, the shop's transfer to the buyer
(``marketplace.payments.refunds.confirm_transfer``). Every write is the service's, with the
signed-in person as actor; the service checks the vendor policy and the return's state."""

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from backoffice.components import Column, StatusBadge, Table
from backoffice.forms import BackOfficeForm
from backoffice.roles import Area
from backoffice.seller import queries
from backoffice.templatetags.backoffice import vnd
from backoffice.views.base import BackOfficeView
from marketplace.core.storage import private_url
from marketplace.orders.models import GrantedRefundStatus
from marketplace.payments.gateways import COD
from marketplace.payments.refunds import confirm_transfer
from marketplace.returns.models import ReturnStatus
from marketplace.returns.services import (
    MAX_TEXT,
    order_return_accept,
    order_return_receive,
    order_return_refuse,
)

PAGE_SIZE = 25
PHOTO_URL_SECONDS = 300
STATUS_LABELS = {
    ReturnStatus.REQUESTED: (_("To decide"), "warn"),
    ReturnStatus.ACCEPTED: (_("Accepted, coming back"), "warn"),
    ReturnStatus.RECEIVED: (_("Received back"), "ok"),
    ReturnStatus.KEPT: (_("Refunded, kept by the buyer"), "ok"),
    ReturnStatus.REFUSED: (_("Refused"), "bad"),
}
REFUND_LABELS = {
    GrantedRefundStatus.NONE: (_("Refund not sent yet"), "warn"),
    GrantedRefundStatus.PENDING: (_("Refund pending"), "warn"),
    GrantedRefundStatus.SUCCESS: (_("Refunded"), "ok"),
    GrantedRefundStatus.FAILURE: (_("Refund failed"), "bad"),
}
FILTERS = (
    ("", _("All")),
    (ReturnStatus.REQUESTED, _("To decide")),
    (ReturnStatus.ACCEPTED, _("Coming back")),
    (ReturnStatus.RECEIVED, _("Received")),
    (ReturnStatus.KEPT, _("Refunded, kept")),
    (ReturnStatus.REFUSED, _("Refused")),
)
ACCEPT, KEEP, REFUSE = "ACCEPT", "KEEP", "REFUSE"


def return_badge(status: str) -> StatusBadge:
    label, tone = STATUS_LABELS.get(status, (status, "muted"))  # type: ignore[call-overload]
    return StatusBadge(label=label, tone=tone)


def refund_badge(grant: Any) -> StatusBadge | None:
    if grant is None:
        return None
    label, tone = REFUND_LABELS.get(grant.status, (grant.status, "muted"))
    return StatusBadge(label=label, tone=tone)


class ReturnListView(BackOfficeView):
    area = Area.SELLER
    nav_key = "returns"
    title = _("Returns")
    template_name = "backoffice/seller/returns/list.html"
    partial_template_name = "backoffice/seller/returns/results.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        status = request.GET.get("status", "")
        if status not in dict(FILTERS):
            status = ""
        rows = queries.returns(self.roles.shop_scope, status=status)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        table = Table(
            caption=_("Return requests of your shop, newest first"),
            columns=[
                Column(
                    _("Return"),
                    lambda r: _("#%(id)s, order #%(number)s") % {"id": r.pk, "number": r.order.number},
                    link=lambda r: reverse("backoffice:return", args=[r.pk]),
                ),
                Column(_("Asked"), lambda r: date_format(localtime(r.created_at), "SHORT_DATETIME_FORMAT")),
                Column(_("Status"), lambda r: return_badge(r.status).render_html()),
                Column(_("Items"), lambda r: r.item_count, numeric=True),
                Column(
                    _("Refund"),
                    lambda r: vnd(r.granted_refund.amount_value) if r.granted_refund else "—",
                    numeric=True,
                ),
            ],
            rows=list(page.object_list),
            empty=_("No return here."),
        )
        filters = [{"value": v, "label": label, "current": v == status} for v, label in FILTERS]
        return self.render(page=page, table=table, filters=filters, status=status)


class DecisionForm(BackOfficeForm):
    """The shop's answer to a requested return: the button pressed is the decision."""

    decision = forms.ChoiceField(
        choices=[(ACCEPT, _("Accept")), (KEEP, _("Refund now")), (REFUSE, _("Refuse"))],
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose accept, refund now or refuse."),
            "invalid_choice": _("Choose accept, refund now or refuse."),
        },
    )
    note = forms.CharField(
        label=_("Note for the buyer"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How to send the parcel back, or why you refuse (required to refuse)."),
    )
    service_fields = {"id": "__all__"}

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if "decision" in self.errors:  # a hidden field: say it above the form
            self.add_error(None, self.errors.pop("decision"))
        return data


class ReceiveForm(BackOfficeForm):
    restock = forms.BooleanField(
        label=_("The items can be sold again (put the units back in stock)"), required=False
    )
    service_fields = {"id": "__all__"}


class TransferForm(BackOfficeForm):
    transfer_reference = forms.CharField(
        label=_("Reference of your bank transfer to the buyer"),
        max_length=255,
        help_text=_("Cash on delivery: you send the money back yourself, then write its reference here."),
    )
    service_fields = {"id": "__all__"}


class ReturnDetailView(BackOfficeView):
    """The return, and its one form for the state it is in: decide (requested), the goods
    received (accepted), the transfer's reference (a pending cash-on-delivery refund)."""

    area = Area.SELLER
    nav_key = "returns"
    template_name = "backoffice/seller/returns/detail.html"
    form_class = DecisionForm
    form_key = "decision_form"  # where this view's form goes on the page

    def get_return(self) -> Any:
        if not hasattr(self, "_return"):
            self._return = queries.return_request(self.roles.shop_scope, self.kwargs["pk"])
            self.title = _("Return #%(id)s") % {"id": self._return.pk}
        return self._return

    @property
    def success_message(self) -> Any:  # type: ignore[override]
        return getattr(self, "_success", _("Saved."))

    def perform(self, form: Any) -> str:
        found = self.get_return()
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        if decision == REFUSE:
            order_return_refuse(actor=self.request.user, return_request=found, note=note)
            self._success = _("Refused: the buyer gets your note.")
        else:
            done = order_return_accept(
                actor=self.request.user, return_request=found, note=note, keep_items=decision == KEEP
            )
            self._success = (
                _("Accepted: the buyer is told to send the parcel back.")
                if decision == ACCEPT
                else refund_message(done)
            )
        return reverse("backoffice:return", args=[found.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.get("form")
        if form is not None and form.is_bound and hasattr(self, "_return"):
            del self._return  # refused: the return as it is now (another tap may have moved it)
        found = self.get_return()
        grant = found.granted_refund
        forms_: dict[str, Any] = {
            "decision_form": DecisionForm() if found.status == ReturnStatus.REQUESTED else None,
            "receive_form": ReceiveForm() if found.status == ReturnStatus.ACCEPTED else None,
            "transfer_form": TransferForm()
            if grant is not None
            and grant.status == GrantedRefundStatus.PENDING
            and found.order.gateway == COD.id
            else None,
        }
        form = kwargs.pop("form", None)
        if form is not None and form.is_bound:
            if forms_[self.form_key] is not None:  # the form again, its errors beside its fields
                forms_[self.form_key] = form
            else:  # an action this state does not offer (any more): the refusal on top
                kwargs["action_errors"] = [e for errors in form.errors.values() for e in errors]
        return super().get_context_data(
            item=found,
            order=found.order,
            part=found.vendor_order,
            lines=list(found.lines.all()),
            photos=[private_url(photo.image, expires=PHOTO_URL_SECONDS) for photo in found.photos.all()],
            badge=return_badge(found.status),
            refund=refund_badge(grant),
            **forms_,
            **kwargs,
        )


def refund_message(found: Any) -> Any:
    grant = found.granted_refund
    if grant is None:
        return _("Done. This part was never paid, so there is nothing to refund.")
    if grant.status == GrantedRefundStatus.SUCCESS:
        return _("Done: %(amount)s refunded to the buyer.") % {"amount": vnd(grant.amount_value)}
    if grant.status == GrantedRefundStatus.FAILURE:
        return _("Done, but the refund failed: the marketplace's staff will retry it.")
    return _("Done: the refund of %(amount)s is pending.") % {"amount": vnd(grant.amount_value)}


class ReceiveView(ReturnDetailView):
    form_class = ReceiveForm  # type: ignore[assignment]
    form_key = "receive_form"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise Http404

    def perform(self, form: Any) -> str:
        found = self.get_return()
        done = order_return_receive(
            actor=self.request.user, return_request=found, restock=form.cleaned_data["restock"]
        )
        self._success = refund_message(done)
        return reverse("backoffice:return", args=[found.pk])


class TransferView(ReturnDetailView):
    form_class = TransferForm  # type: ignore[assignment]
    form_key = "transfer_form"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise Http404

    def perform(self, form: Any) -> str:
        found = self.get_return()
        if found.granted_refund is None:
            raise Http404
        confirm_transfer(
            actor=self.request.user,
            granted_refund=found.granted_refund,
            reference=form.cleaned_data["transfer_reference"],
        )
        self._success = _("Refunded: your transfer is recorded.")
        return reverse("backoffice:return", args=[found.pk])
