"""The shop's vouchers in the seller centre: the list with their uses, a form for a new one
and a delete button. A shop's voucher discounts only the shop's part of an order, and the
shop pays it (its sales and payout are on the discounted price). Only the shop's OWNER
may make or delete one (the vendor policy's MANAGE_VOUCHERS, checked by the service)."""

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backoffice import idempotency
from backoffice.forms import BackOfficeForm
from backoffice.roles import Area
from backoffice.views.base import BackOfficeView
from marketplace.accounts.actors import as_actor
from marketplace.discounts.models import DiscountValueType, Voucher
from marketplace.discounts.services import voucher_create, voucher_delete
from vendors.shops import policies
from vendors.shops.policies import VendorAction

CHANNELS = [("default-channel", _("The marketplace")), ("design-centre", _("The Design Centre showcase"))]


def shop_vouchers(scope: Any) -> Any:
    """The current shop's vouchers with their codes: two queries whatever their number."""
    return Voucher.objects.filter(vendor__in=scope).select_related("channel").prefetch_related("codes")


class VoucherForm(BackOfficeForm):
    code = forms.CharField(
        label=_("Code"), max_length=64, help_text=_("What buyers type: letters, digits, '-' or '_'.")
    )
    name = forms.CharField(label=_("Name shown to buyers"), max_length=255, required=False)
    discount_value_type = forms.ChoiceField(
        label=_("Kind"), choices=DiscountValueType.choices, initial=DiscountValueType.PERCENTAGE
    )
    discount_value = forms.DecimalField(
        label=_("Value"), help_text=_("A percentage (at most 100) or an amount in đồng."), min_value=0
    )
    min_amount_spent = forms.DecimalField(
        label=_("Minimum spend on your products (đồng)"), required=False, min_value=0
    )
    channel = forms.ChoiceField(label=_("Where"), choices=CHANNELS)
    start_date = forms.DateTimeField(
        label=_("Starts"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    end_date = forms.DateTimeField(
        label=_("Ends"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    usage_limit = forms.IntegerField(label=_("Uses in total"), required=False, min_value=1)
    apply_once_per_customer = forms.BooleanField(label=_("Once per buyer"), required=False)
    service_fields = {"add_codes": "code"}


class VouchersView(BackOfficeView):
    area = Area.SELLER
    nav_key = "vouchers"
    title = _("Vouchers")
    template_name = "backoffice/seller/vouchers.html"
    form_class = VoucherForm
    success_message = _("Voucher saved. Buyers can use its code now.")

    def perform(self, form: Any) -> str:
        skipped = ("code", idempotency.FIELD)
        data = {k: v for k, v in form.cleaned_data.items() if k not in skipped and v is not None}
        data["codes"] = [form.cleaned_data["code"]]
        shop = self.roles.shop
        assert shop is not None  # a seller page has a shop (the base view's gate)
        voucher_create(actor=self.request.user, vendor_id=shop.pk, data=data)
        return reverse("backoffice:vouchers")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        shop = self.roles.shop
        may_manage = shop is not None and policies.allowed(
            as_actor(self.request.user), VendorAction.MANAGE_VOUCHERS, shop
        )
        return super().get_context_data(
            vouchers=list(shop_vouchers(self.roles.shop_scope)),
            may_manage=may_manage,
            delete_form=BackOfficeForm(),
            **kwargs,
        )


class VoucherDeleteView(VouchersView):
    form_class = BackOfficeForm  # type: ignore[assignment]
    success_message = _("Voucher deleted.")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise Http404

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def perform(self, form: Any) -> str:
        voucher = shop_vouchers(self.roles.shop_scope).filter(pk=self.kwargs["pk"]).first()
        if voucher is None:
            raise Http404
        voucher_delete(actor=self.request.user, voucher_id=voucher.pk)
        return reverse("backoffice:vouchers")

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        errors = kwargs.pop("form").errors
        return super().render(
            status_code,
            form=VoucherForm(),
            action_errors=[e for items in errors.values() for e in items],
            **kwargs,
        )
