"""Shops, for staff with MANAGE_VENDORS: the list (status, search), one shop with its
members and commission, suspend (with a reason for the owners' e-mail), reinstate or
approve (``vendor_approve``), and the commission rate (``vendor_commission_rate_set``)."""

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backoffice.components import Column, StatusBadge, Table
from backoffice.counts import capped
from backoffice.forms import BackOfficeForm
from backoffice.staff import queries
from backoffice.staff.audit import audit_history_url
from backoffice.staff.base import StaffView
from marketplace.accounts.actors import as_actor
from vendors.shops.models import Vendor, VendorStatus
from vendors.shops.services import vendor_approve, vendor_commission_rate_set, vendor_suspend

PAGE_SIZE = 50
STATUS_TONES = {
    VendorStatus.PENDING: "warn",
    VendorStatus.ACTIVE: "ok",
    VendorStatus.SUSPENDED: "bad",
    VendorStatus.REJECTED: "muted",
}


def shop_badge(vendor: Vendor) -> StatusBadge:
    return StatusBadge(
        label=vendor.get_status_display(), tone=STATUS_TONES.get(VendorStatus(vendor.status), "muted")
    )


class ShopFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *VendorStatus.choices]
    )


class ShopListView(StaffView):
    nav_key = "staff-shops"
    title = _("Shops")
    template_name = "backoffice/staff/shops.html"
    partial_template_name = "backoffice/staff/shops_results.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filters = ShopFilterForm(request.GET or None)
        search = status = ""
        if filters.is_valid():
            search, status = filters.cleaned_data["q"], filters.cleaned_data["status"]
        rows = queries.shops(as_actor(request.user), search=search, status=status)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        table = Table(
            caption=_("Artisan shops"),
            columns=[
                Column(
                    _("Shop"), lambda v: v.name, link=lambda v: reverse("backoffice:staff-shop", args=[v.pk])
                ),
                Column(_("Village"), lambda v: v.village.name if v.village else "—"),
                Column(_("Status"), lambda v: shop_badge(v).render_html()),
                Column(_("Commission"), lambda v: f"{v.commission_rate:g} %", numeric=True),
                Column(_("Products"), lambda v: capped(v.product_count), numeric=True),
            ],
            rows=list(page.object_list),
            empty=_("No shops match."),
        )
        return self.render(filters=filters, page=page, table=table, search=search, status=status)


class CommissionForm(BackOfficeForm):
    commission_rate = forms.DecimalField(
        label=_("Commission rate (%)"),
        help_text=_("0 to 50, e.g. 10 or 12.5. Applies to orders placed from now on."),
        max_digits=6,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class SuspendForm(BackOfficeForm):
    reason = forms.CharField(
        label=_("Reason (sent to the owners)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ShopDetailView(StaffView):
    """One shop; its action forms post to the views below, which show it again on an error."""

    nav_key = "staff-shops"
    template_name = "backoffice/staff/shop.html"

    def get_object(self) -> Vendor:
        vendor = queries.shop(as_actor(self.request.user), self.kwargs["pk"])
        if vendor is None:
            raise Http404
        return vendor

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        vendor = kwargs.pop("vendor", None) or self.get_object()
        forms_ = {
            "commission_form": CommissionForm(initial={"commission_rate": vendor.commission_rate}),
            "suspend_form": SuspendForm(),
            "approve_form": BackOfficeForm(),
        }
        shown = {
            "commission_form": True,
            "suspend_form": vendor.status == VendorStatus.ACTIVE,
            "approve_form": vendor.status in (VendorStatus.PENDING, VendorStatus.SUSPENDED),
        }
        bound = kwargs.pop("form", None)
        action_errors = []
        if bound is not None:
            forms_[self.form_slot] = bound
            if not shown[self.form_slot]:  # e.g. suspended meanwhile by someone else: say why here
                action_errors = [error for errors in bound.errors.values() for error in errors]
        return super().get_context_data(
            shop=vendor,
            badge=shop_badge(vendor),
            title=vendor.name,
            members=queries.shop_members(vendor),
            can_suspend=shown["suspend_form"],
            can_approve=shown["approve_form"],
            action_errors=action_errors,
            history_url=audit_history_url(self.roles, "shops.vendor", vendor.pk),
            **forms_,
            **kwargs,
        )

    form_slot = "commission_form"


class ShopActionView(ShopDetailView):
    action = ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(reverse("backoffice:staff-shop", args=[kwargs["pk"]]))

    def done(self) -> str:
        return reverse("backoffice:staff-shop", args=[self.kwargs["pk"]])


class ShopCommissionView(ShopActionView):
    form_class = CommissionForm
    form_slot = "commission_form"
    success_message = _("The commission rate is saved.")

    def perform(self, form: Any) -> str:
        vendor_commission_rate_set(
            actor=self.request.user, vendor=self.get_object(), rate=form.cleaned_data["commission_rate"]
        )
        return self.done()


class ShopSuspendView(ShopActionView):
    form_class = SuspendForm
    form_slot = "suspend_form"
    success_message = _("The shop is suspended; its owners are told why.")

    def perform(self, form: Any) -> str:
        vendor_suspend(actor=self.request.user, vendor=self.get_object(), reason=form.cleaned_data["reason"])
        return self.done()


class ShopApproveView(ShopActionView):
    """Approve a pending shop or reinstate a suspended one (the same service)."""

    form_class = BackOfficeForm
    form_slot = "approve_form"
    success_message = _("The shop is active.")

    def perform(self, form: Any) -> str:
        vendor_approve(actor=self.request.user, vendor=self.get_object())
        return self.done()
