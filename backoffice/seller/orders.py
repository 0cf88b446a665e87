"""Orders: the shop's parts of orders by status, one part with the buyer's address and
phone, its packing slip, and the vendor order services: fulfil (courier and tracking
number), ready for pickup, cash collected."""

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
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
from marketplace.orders.models import VendorOrderStatus
from marketplace.orders.services import (
    vendor_order_fulfill,
    vendor_order_mark_paid,
    vendor_order_mark_ready_for_pickup,
)
from marketplace.payments.gateways import COD

PAGE_SIZE = 25
STATUS_LABELS = {
    VendorOrderStatus.UNCONFIRMED: (_("Awaiting payment"), "muted"),
    VendorOrderStatus.UNFULFILLED: (_("To ship"), "warn"),
    VendorOrderStatus.PARTIALLY_FULFILLED: (_("Partly shipped"), "warn"),
    VendorOrderStatus.READY_FOR_PICKUP: (_("Ready for pickup"), "ok"),
    VendorOrderStatus.FULFILLED: (_("Shipped"), "ok"),
    VendorOrderStatus.CANCELED: (_("Canceled"), "bad"),
}
FILTERS = (
    ("", _("All")),
    ("WAITING", _("To ship")),
    (VendorOrderStatus.READY_FOR_PICKUP, _("Ready for pickup")),
    (VendorOrderStatus.FULFILLED, _("Shipped")),
    (VendorOrderStatus.CANCELED, _("Canceled")),
)
CARRIERS = (
    "Viettel Post",
    "VNPost",
    "Giao Hàng Nhanh (GHN)",
    "Giao Hàng Tiết Kiệm (GHTK)",
    "J&T Express",
    "Ninja Van",
    "Best Express",
)


def order_badge(status: str) -> StatusBadge:
    label, tone = STATUS_LABELS.get(status, (status, "muted"))  # type: ignore[call-overload]
    return StatusBadge(label=label, tone=tone)


def is_pickup(part: Any) -> bool:
    return bool(part.order.collection_point_id or part.order.collection_point_name)


class OrderListView(BackOfficeView):
    area = Area.SELLER
    nav_key = "orders"
    title = _("Orders")
    template_name = "backoffice/seller/orders/list.html"
    partial_template_name = "backoffice/seller/orders/results.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        status = request.GET.get("status", "")
        if status not in dict(FILTERS):
            status = ""
        rows = queries.vendor_orders(self.roles.shop_scope, status=status)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        table = Table(
            caption=_("Orders of your shop, newest first"),
            columns=[
                Column(
                    _("Order"),
                    lambda p: f"#{p.order.number}",
                    link=lambda p: reverse("backoffice:order", args=[p.pk]),
                ),
                Column(_("Placed"), lambda p: date_format(localtime(p.created_at), "SHORT_DATETIME_FORMAT")),
                Column(_("Status"), lambda p: order_badge(p.status).render_html()),
                Column(_("Items"), lambda p: p.item_count, numeric=True),
                Column(_("Amount"), lambda p: vnd(p.subtotal_amount + p.shipping_price_amount), numeric=True),
                Column(_("Paid"), lambda p: _("Yes") if p.is_paid else _("No")),
            ],
            rows=list(page.object_list),
            empty=_("No orders here."),
        )
        filters = [{"value": v, "label": label, "current": v == status} for v, label in FILTERS]
        return self.render(page=page, table=table, filters=filters, status=status)


class FulfilForm(BackOfficeForm):
    carrier = forms.ChoiceField(label=_("Courier"), required=False)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=255, required=False)
    service_fields = {"trackingNumber": "tracking_number", "carrier": "carrier", "id": "__all__"}

    def __init__(self, *args: Any, pickup: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pickup = pickup
        self.fields["carrier"].choices = [  # type: ignore[attr-defined]
            ("", _("— choose —")),
            *((c, c) for c in CARRIERS),
            ("other", _("Other")),
        ]
        if pickup:
            del self.fields["carrier"], self.fields["tracking_number"]
        else:
            self.fields["tracking_number"].widget.attrs.update(
                autocomplete="off", autocapitalize="characters"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.pickup:
            if not data.get("carrier"):  # type: ignore[union-attr]
                self.add_error("carrier", _("Choose the courier."))
            if not data.get("tracking_number"):  # type: ignore[union-attr]
                self.add_error("tracking_number", _("Enter the courier's tracking number."))
        return data  # type: ignore[return-value]


class OrderDetailView(BackOfficeView):
    area = Area.SELLER
    nav_key = "orders"
    template_name = "backoffice/seller/orders/detail.html"
    form_class = FulfilForm
    success_message = _("Shipped. The buyer is e-mailed the tracking number.")

    def get_part(self) -> Any:
        if not hasattr(self, "_part"):
            self._part = queries.vendor_order(self.roles.shop_scope, self.kwargs["pk"])
            self.title = _("Order #%(number)s") % {"number": self._part.order.number}
        return self._part

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"pickup": is_pickup(self.get_part())}

    def perform(self, form: Any) -> str:
        part = self.get_part()
        if form.pickup:
            self.success_message = _("Handed over to the buyer.")
        vendor_order_fulfill(
            actor=self.request.user,
            vendor_order=part,
            lines=None,
            tracking_number=form.cleaned_data.get("tracking_number", ""),
            carrier=form.cleaned_data.get("carrier", "")
            if form.cleaned_data.get("carrier") != "other"
            else "",
        )
        return reverse("backoffice:order", args=[part.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        part = self.get_part()
        open_part = part.status in (
            VendorOrderStatus.UNFULFILLED,
            VendorOrderStatus.PARTIALLY_FULFILLED,
            VendorOrderStatus.READY_FOR_PICKUP,
        )
        return super().get_context_data(
            part=part,
            order=part.order,
            address=part.order.shipping_address,
            pickup=is_pickup(part),
            badge=order_badge(part.status),
            can_fulfil=open_part,
            can_mark_ready=open_part
            and is_pickup(part)
            and part.status != VendorOrderStatus.READY_FOR_PICKUP,
            can_mark_paid=part.order.gateway == COD.id
            and not part.is_paid
            and part.status != VendorOrderStatus.CANCELED,
            action_form=BackOfficeForm(),
            total=part.subtotal_amount + part.shipping_price_amount,
            **kwargs,
        )


class OrderActionView(OrderDetailView):
    """Ready for pickup, or cash collected: one button, one service."""

    form_class = BackOfficeForm  # type: ignore[assignment]
    action = ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise Http404

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    @property
    def success_message(self) -> Any:  # type: ignore[override]
        return {
            "ready": _("Marked ready for pickup. The buyer is e-mailed where to collect."),
            "paid": _("Marked paid: the cash is collected."),
        }[self.action]

    def perform(self, form: Any) -> str:
        part = self.get_part()
        if self.action == "ready":
            vendor_order_mark_ready_for_pickup(actor=self.request.user, vendor_order=part)
        else:
            vendor_order_mark_paid(actor=self.request.user, vendor_order=part)
        return reverse("backoffice:order", args=[part.pk])

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        # A refused action shows the order page again with the service's message on top.
        action_form = kwargs.pop("form")
        context = self.get_context_data(form=FulfilForm(pickup=is_pickup(self.get_part())), **kwargs)
        context["action_errors"] = [e for errors in action_form.errors.values() for e in errors]
        return TemplateResponse(self.request, self.template_name, context, status=status_code)


class PackingSlipView(OrderDetailView):
    template_name = "backoffice/seller/orders/packing_slip.html"
    form_class = None  # type: ignore[assignment]
