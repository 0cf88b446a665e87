"""The one product form: the product (names in Vietnamese and English, category,
description, weight, its type's attributes as fields by input type) and its variants
(a formset: name, SKU, price, stock; rows added and removed).

These forms check what a form can (required, lengths, whole đồng, ranges, one SKU per row)
with the back office's own translated messages; the catalogue services check everything
again, and their errors are shown beside the same fields."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from backoffice.forms import BackOfficeForm, add_service_errors
from marketplace.catalog.models import AttributeInputType, Category, ProductType

MAX_NAME = 250
MAX_DESCRIPTION = 10_000
MAX_PRICE = 999_999_999
MAX_STOCK = 1_000_000
MAX_VARIANTS = 50
ATTRIBUTE_PREFIX = "attribute_"


class PriceField(forms.Field):
    """Whole đồng, as an artisan types it: "120000", "120.000" or "120,000" (thousands
    separators). Decimals, negatives and absurd amounts are refused here, in the reader's
    language, before any service sees them."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="numeric", autocomplete="off", maxlength="20")

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip().replace(" ", "").replace("\u00a0", "")
        if len(text) > 20:
            raise ValidationError(
                _("Enter the price as a number of đồng, e.g. 120000."), code="INVALID_PRICE"
            )
        text = text.removesuffix("₫").removesuffix("đ").removesuffix("VND")
        if not text:
            return None
        if "," in text and "." in text or text.count(",") > 1 or text.count(".") > 1:
            grouped = text.replace(".", "").replace(",", "")
        elif ("," in text or "." in text) and len(text.replace(",", ".").split(".")[1]) == 3:
            grouped = text.replace(".", "").replace(",", "")  # 120.000 / 120,000: thousands
        else:
            grouped = text
        try:
            amount = Decimal(grouped.replace(",", "."))
        except InvalidOperation:
            raise ValidationError(
                _("Enter the price as a number of đồng, e.g. 120000."), code="INVALID_PRICE"
            ) from None
        if not amount.is_finite():
            raise ValidationError(
                _("Enter the price as a number of đồng, e.g. 120000."), code="INVALID_PRICE"
            )
        if amount != amount.to_integral_value():
            raise ValidationError(_("Prices are in whole đồng, without decimals."), code="INVALID_PRICE")
        if amount <= 0:
            raise ValidationError(_("The price must be more than 0 đồng."), code="INVALID_PRICE")
        if amount > MAX_PRICE:
            raise ValidationError(_("The price must be below 1,000,000,000 đồng."), code="INVALID_PRICE")
        return amount.quantize(Decimal(1))


def category_choices() -> list[tuple[str, str]]:
    """Every category, children indented under their parent (one query)."""
    rows = list(Category.objects.values_list("pk", "name", "parent_id").order_by("name", "pk"))
    children: dict[int | None, list[tuple[int, str]]] = {}
    for pk, name, parent in rows:
        children.setdefault(parent, []).append((pk, name))
    ordered: list[tuple[str, str]] = []

    def walk(parent: int | None, depth: int) -> None:
        for pk, name in children.get(parent, []):
            ordered.append((str(pk), "\u2014 " * depth + name))
            walk(pk, depth + 1)

    walk(None, 0)
    return ordered


def _attribute_field(attribute: Any) -> forms.Field | None:
    label = attribute.name
    choices = [(v.slug, v.name) for v in attribute.values.all()]
    kind = attribute.input_type
    if kind in (AttributeInputType.DROPDOWN, AttributeInputType.SWATCH):
        return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])
    if kind == AttributeInputType.MULTISELECT:
        return forms.MultipleChoiceField(
            label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
        )
    if kind == AttributeInputType.PLAIN_TEXT:
        return forms.CharField(
            label=label, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
        )
    if kind == AttributeInputType.NUMERIC:
        return forms.DecimalField(label=label, required=False, max_digits=15, decimal_places=4)
    if kind == AttributeInputType.BOOLEAN:
        return forms.ChoiceField(
            label=label, required=False, choices=[("", "—"), ("true", _("Yes")), ("false", _("No"))]
        )
    if kind == AttributeInputType.DATE:
        return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))
    return None  # files, references and date-times are set through the API


def attribute_input(attribute: Any, value: Any) -> dict[str, Any]:
    """The catalogue service's input for one attribute field's cleaned value."""
    kind = attribute.input_type
    item: dict[str, Any] = {"id": attribute.pk}
    if kind == AttributeInputType.MULTISELECT:
        item["values"] = list(value or [])
    elif kind in (AttributeInputType.DROPDOWN, AttributeInputType.SWATCH):
        item["values"] = [value] if value else []
    elif kind == AttributeInputType.PLAIN_TEXT:
        item["plain_text"] = value or None
    elif kind == AttributeInputType.NUMERIC:
        item["numeric"] = None if value is None else str(value)
    elif kind == AttributeInputType.BOOLEAN:
        item["boolean"] = None if value == "" else value == "true"
    elif kind == AttributeInputType.DATE:
        item["date"] = value
    return item


class ProductForm(BackOfficeForm):
    name = forms.CharField(label=_("Name (Vietnamese)"), max_length=MAX_NAME)
    name_en = forms.CharField(
        label=_("Name (English)"),
        max_length=MAX_NAME,
        required=False,
        help_text=_("For foreign visitors; leave empty to show the Vietnamese name."),
    )
    category = forms.TypedChoiceField(label=_("Category"), coerce=int, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "data-editor": "simple"}),
        help_text=_(
            "A blank line starts a new paragraph; **bold**, *italic*; lines starting with - make a list."
        ),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "data-editor": "simple"}),
    )
    weight_grams = forms.IntegerField(
        label=_("Weight in grams"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        error_messages={
            "invalid": _("Enter the weight in whole grams."),
            "min_value": _("From 1 to 1,000,000 grams."),
            "max_value": _("From 1 to 1,000,000 grams."),
        },
        help_text=_("Packed, for the shipping price; empty: the product type's weight."),
    )
    service_fields = {"weight": "weight_grams", "slug": "name", "vendor": "name"}

    def __init__(self, *args: Any, product_type: ProductType, attributes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.product_type = product_type
        self.fields["category"].choices = [("", "—"), *category_choices()]  # type: ignore[attr-defined]
        self.fields["weight_grams"].widget.attrs["inputmode"] = "numeric"
        self.attributes = {}
        for attribute in attributes:
            field = _attribute_field(attribute)
            if field is not None:
                name = f"{ATTRIBUTE_PREFIX}{attribute.pk}"
                self.fields[name] = field
                self.attributes[name] = attribute

    def attribute_fields(self) -> list[Any]:
        return [self[name] for name in self.attributes]

    def main_fields(self) -> list[Any]:
        return [
            self[name]
            for name in ("name", "name_en", "category", "description", "description_en", "weight_grams")
        ]

    @staticmethod
    def attribute_inputs_from_initial(attributes: list[Any], initial: dict[str, Any]) -> list[dict[str, Any]]:
        """The service input that sets ``attributes`` to an existing product's values."""
        return [
            attribute_input(a, initial.get(f"{ATTRIBUTE_PREFIX}{a.pk}"))
            for a in attributes
            if _attribute_field(a) is not None
        ]

    def attribute_inputs(self) -> list[dict[str, Any]]:
        return [attribute_input(a, self.cleaned_data.get(name)) for name, a in self.attributes.items()]

    def add_service_errors(self, error: ValidationError) -> None:
        # A refused attribute value names "attributes": shown above the attribute fields.
        add_service_errors(self, error, self.service_fields)


class VariantForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Variant"), max_length=255, required=False, help_text=_("e.g. size or colour")
    )
    sku = forms.CharField(label=_("SKU"), max_length=255, required=False)
    price = PriceField(label=_("Price (đồng)"))
    stock = forms.IntegerField(
        label=_("In stock"),
        min_value=0,
        max_value=MAX_STOCK,
        error_messages={
            "invalid": _("Enter a whole number of items."),
            "min_value": _("Stock cannot be negative."),
            "max_value": _("At most 1,000,000 in stock."),
        },
    )
    service_fields = {"stocks": "stock", "price": "price", "channel_id": "price", "product": "name"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stock"].widget.attrs["inputmode"] = "numeric"

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, error, self.service_fields)


class BaseVariantFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        kept = 0
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):  # type: ignore[attr-defined]
                continue
            if not form.has_changed() and not form.cleaned_data.get("id"):
                continue
            kept += 1
            sku = (form.cleaned_data.get("sku") or "").strip()
            if sku and sku.lower() in seen:
                form.add_error("sku", _("Two variants have this SKU; each needs its own."))
            seen.add(sku.lower())
        if kept == 0:
            raise ValidationError(_("A product needs at least one variant with a price."), code="REQUIRED")


VariantFormSet = formset_factory(
    VariantForm,
    formset=BaseVariantFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_VARIANTS,
    validate_max=True,
    absolute_max=MAX_VARIANTS,
)


class ProductEditor:
    """The product form and its variants as one form for ``BackOfficeView`` (one token,
    one validity, service errors routed to the product or to a variant's row)."""

    def __init__(self, form: ProductForm, variants: Any) -> None:
        self.form = form
        self.variants = variants

    @property
    def token(self) -> str | None:
        return self.form.token

    def is_valid(self) -> bool:
        return self.form.is_valid() & self.variants.is_valid()

    def kept_variants(self) -> list[tuple[int, dict[str, Any]]]:
        kept = []
        for index, form in enumerate(self.variants.forms):
            if self.variants._should_delete_form(form):
                continue
            if not form.has_changed() and not form.cleaned_data.get("id"):
                continue
            kept.append((index, form.cleaned_data))
        return kept

    def deleted_variant_ids(self) -> list[int]:
        return [
            form.cleaned_data["id"]
            for form in self.variants.forms
            if self.variants._should_delete_form(form) and form.cleaned_data.get("id")
        ]

    def add_error(self, field: str | None, error: Any) -> None:
        self.form.add_error(field, error)

    def add_service_errors(self, error: ValidationError) -> None:
        row = getattr(error, "variant_row", None)
        if row is not None and 0 <= row < len(self.variants.forms):
            self.variants.forms[row].add_service_errors(error)
            self.form.add_error(None, _("A variant could not be saved; see below."))
        else:
            self.form.add_service_errors(error)
