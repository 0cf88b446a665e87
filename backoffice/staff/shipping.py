"""Shipping zones and prices, for staff with MANAGE_CHANNELS (Saleor's MANAGE_SHIPPING has
no equivalent here yet): the zones with their methods, a new zone (``shipping_zone_create``),
a zone's name and provinces (``shipping_zone_update``), a method's prices, weights and
delivery days (``shipping_method_save``), and deleting a zone or a method after a
confirmation (``shipping_zone_delete``, ``shipping_method_delete``)."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backoffice.forms import BackOfficeForm
from backoffice.staff import queries
from backoffice.staff.audit import audit_history_url
from backoffice.staff.base import StaffDeleteView, StaffView
from marketplace.accounts.permissions import PermissionEnum
from marketplace.shipping.models import ShippingMethod, ShippingZone
from marketplace.shipping.services import (
    shipping_method_delete,
    shipping_method_save,
    shipping_zone_create,
    shipping_zone_delete,
    shipping_zone_update,
)


class WholeNumberField(forms.IntegerField):
    """A whole number as people type it: "30000", "30.000" or "30,000" (thousands
    separators, never decimals: "25.000,5" is refused here, in the reader's language)."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=0, **kwargs)
        self.widget.attrs.update(inputmode="numeric", autocomplete="off", maxlength="20")

    def to_python(self, value: Any) -> int | None:
        text = str(value or "").strip().replace(" ", "").replace("\u00a0", "")
        text = text.removesuffix("₫").removesuffix("đ").removesuffix("g")
        if not text:
            return None
        parts = re.split(r"[.,]", text)
        grouped = len(parts) == 1 or all(len(part) == 3 for part in parts[1:])
        if len(text) > 20 or not grouped or not all(part.isdigit() for part in parts) or not parts[0]:
            raise ValidationError(_("Enter a whole number, e.g. 25000 or 25.000."), code="invalid")
        return int("".join(parts))


def _whole_number(label: Any, **kwargs: Any) -> WholeNumberField:
    return WholeNumberField(label=label, **kwargs)


class ShippingView(StaffView):
    permission = PermissionEnum.MANAGE_CHANNELS
    nav_key = "staff-shipping"
    title = _("Shipping zones and prices")
    template_name = "backoffice/staff/shipping.html"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.render(zones=queries.shipping_zones())


class ZoneForm(BackOfficeForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    provinces = forms.CharField(
        label=_("Provinces"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One per line, e.g. Thành phố Hà Nội. The default zone takes every province not listed elsewhere."
        ),
    )


class ZoneEditView(StaffView):
    """A new zone (no ``pk``) or one of the zones."""

    permission = PermissionEnum.MANAGE_CHANNELS
    nav_key = "staff-shipping"
    template_name = "backoffice/staff/form_page.html"
    form_class = ZoneForm

    def get_zone(self) -> ShippingZone | None:
        if "pk" not in self.kwargs:
            return None
        zone = queries.shipping_zone(self.kwargs["pk"])
        if zone is None:
            raise Http404
        return zone

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        zone = self.get_zone()
        initial = {"name": zone.name, "provinces": "\n".join(zone.provinces)} if zone else {}
        return ZoneForm(data=data, initial=initial)

    def perform(self, form: Any) -> str:
        zone = self.get_zone()
        name = form.cleaned_data["name"]
        provinces = form.cleaned_data["provinces"].splitlines()
        if zone is None:
            shipping_zone_create(actor=self.request.user, name=name, provinces=provinces)
        else:
            shipping_zone_update(actor=self.request.user, zone=zone, name=name, provinces=provinces)
        return reverse("backoffice:staff-shipping")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        zone = self.get_zone()
        delete_url = (
            reverse("backoffice:staff-zone-delete", args=[zone.pk]) if zone and not zone.is_default else None
        )
        return super().get_context_data(
            title=zone.name if zone else _("New shipping zone"),
            back_url=reverse("backoffice:staff-shipping"),
            back_label=_("All zones"),
            delete_url=delete_url,
            delete_label=_("Delete this zone"),
            history_url=audit_history_url(self.roles, "shipping.shippingzone", zone.pk) if zone else "",
            **kwargs,
        )


class ZoneDeleteView(StaffDeleteView):
    permission = PermissionEnum.MANAGE_CHANNELS
    nav_key = "staff-shipping"
    question = _("Delete the shipping zone “%(name)s”?")
    back_url_name = "backoffice:staff-shipping"

    def load(self) -> Any:
        return queries.shipping_zone(self.kwargs["pk"])

    def consequences(self) -> list[Any]:
        return [
            _(
                "Its methods go with it. Orders keep the name and price they were bought with; "
                "buyers whose cart had one of its methods choose again. Its provinces fall back "
                "to the default zone."
            )
        ]

    def perform(self, form: Any) -> str:
        shipping_zone_delete(actor=self.request.user, zone=self.get_object())
        return self.back_url()


class MethodForm(BackOfficeForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(label=_("Description"), max_length=255, required=False)
    base_price = _whole_number(_("Price (đồng)"), help_text=_("For a parcel up to the weight below."))
    base_weight_grams = _whole_number(_("Weight the price covers (g)"))
    price_per_extra_kg = _whole_number(_("Price per extra kilogram (đồng)"), required=False)
    maximum_weight_grams = _whole_number(_("Heaviest parcel (g)"), required=False)
    minimum_delivery_days = _whole_number(_("Shortest delivery (days)"))
    maximum_delivery_days = _whole_number(_("Longest delivery (days)"))
    is_active = forms.BooleanField(label=_("Offered to buyers"), required=False)


class MethodEditView(StaffView):
    """A zone's new method (``method`` absent) or one of its methods."""

    permission = PermissionEnum.MANAGE_CHANNELS
    nav_key = "staff-shipping"
    template_name = "backoffice/staff/form_page.html"
    form_class = MethodForm

    def get_objects(self) -> tuple[ShippingZone, ShippingMethod | None]:
        zone = queries.shipping_zone(self.kwargs["zone"])
        if zone is None:
            raise Http404
        if "pk" not in self.kwargs:
            return zone, None
        method = queries.shipping_method(zone, self.kwargs["pk"])
        if method is None:
            raise Http404
        return zone, method

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        _zone, method = self.get_objects()
        initial: dict[str, Any] = {"is_active": True, "base_weight_grams": 1000}
        if method is not None:
            initial = {
                "name": method.name,
                "description": method.description,
                "base_price": int(method.base_price_amount),
                "base_weight_grams": method.base_weight_grams,
                "price_per_extra_kg": int(method.price_per_extra_kg_amount),
                "maximum_weight_grams": method.maximum_weight_grams,
                "minimum_delivery_days": method.minimum_delivery_days,
                "maximum_delivery_days": method.maximum_delivery_days,
                "is_active": method.is_active,
            }
        return MethodForm(data=data, initial=initial)

    def perform(self, form: Any) -> str:
        zone, method = self.get_objects()
        shipping_method_save(actor=self.request.user, zone=zone, method=method, data=form.cleaned_data)
        return reverse("backoffice:staff-shipping")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        zone, method = self.get_objects()
        return super().get_context_data(
            title=method.name if method else _("New method in %(zone)s") % {"zone": zone.name},
            back_url=reverse("backoffice:staff-shipping"),
            back_label=_("All zones"),
            delete_url=reverse("backoffice:staff-method-delete", args=[zone.pk, method.pk])
            if method
            else None,
            delete_label=_("Delete this method"),
            **kwargs,
        )


class MethodDeleteView(StaffDeleteView):
    permission = PermissionEnum.MANAGE_CHANNELS
    nav_key = "staff-shipping"
    question = _("Delete the shipping method “%(name)s”?")
    back_url_name = "backoffice:staff-shipping"

    def load(self) -> Any:
        zone = queries.shipping_zone(self.kwargs["zone"])
        return queries.shipping_method(zone, self.kwargs["pk"]) if zone else None

    def consequences(self) -> list[Any]:
        return [
            _(
                "Orders keep the name and price they were bought with; buyers whose cart had it "
                "choose again. To stop offering it for a while, untick “Offered to buyers” instead."
            )
        ]

    def perform(self, form: Any) -> str:
        shipping_method_delete(actor=self.request.user, method=self.get_object())
        return self.back_url()
