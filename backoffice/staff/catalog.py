"""Catalogue settings, for staff with MANAGE_PRODUCTS: categories, product types and
attributes (``marketplace.catalog.services.taxonomy``)."""

from typing import Any

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backoffice.components import Column, Table
from backoffice.counts import capped
from backoffice.forms import BackOfficeForm
from backoffice.seller.product_forms import category_choices
from backoffice.staff import queries
from backoffice.staff.base import StaffView
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import AttributeInputType
from marketplace.catalog.services.taxonomy import (
    CREATABLE_INPUT_TYPES,
    attribute_save,
    category_save,
    product_type_save,
)

PERMISSION = PermissionEnum.MANAGE_PRODUCTS


class CatalogueView(StaffView):
    permission = PERMISSION
    nav_key = "staff-catalogue"
    title = _("Catalogue settings")
    template_name = "backoffice/staff/catalogue.html"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        categories = Table(
            caption=_("Categories"),
            columns=[
                Column(
                    _("Category"),
                    lambda c: "\u2014 " * c.level + c.name,
                    link=lambda c: reverse("backoffice:staff-category", args=[c.pk]),
                ),
                Column(_("Products"), lambda c: capped(c.product_count), numeric=True),
            ],
            rows=queries.categories(),
            empty=_("No categories yet."),
        )
        types = Table(
            caption=_("Product types"),
            columns=[
                Column(
                    _("Product type"),
                    lambda t: t.name,
                    link=lambda t: reverse("backoffice:staff-product-type", args=[t.pk]),
                ),
                Column(_("Attributes"), lambda t: t.attribute_count, numeric=True),
                Column(_("Products"), lambda t: capped(t.product_count), numeric=True),
            ],
            rows=queries.product_types(),
            empty=_("No product types yet."),
        )
        attributes = Table(
            caption=_("Attributes"),
            columns=[
                Column(
                    _("Attribute"),
                    lambda a: a.name,
                    link=lambda a: reverse("backoffice:staff-attribute", args=[a.pk]),
                ),
                Column(_("Input"), lambda a: a.get_input_type_display()),
                Column(_("Choices"), lambda a: capped(a.choice_count), numeric=True),
            ],
            rows=queries.attributes(),
            empty=_("No attributes yet."),
        )
        return self.render(tables=[categories, types, attributes])


class EditView(StaffView):
    """A new object (no ``pk``) or an existing one; ``load(pk)`` finds it (404 if not)."""

    permission = PERMISSION
    nav_key = "staff-catalogue"
    template_name = "backoffice/staff/form_page.html"
    new_title: Any = ""

    def load(self, pk: int) -> Any:
        raise NotImplementedError

    def get_object(self) -> Any:
        if "pk" not in self.kwargs:
            return None
        obj = self.load(self.kwargs["pk"])
        if obj is None:
            raise Http404
        return obj

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        obj = self.get_object()
        return super().get_context_data(
            title=obj.name if obj else self.new_title,
            back_url=reverse("backoffice:staff-catalogue"),
            back_label=_("Catalogue settings"),
            **kwargs,
        )


class CategoryForm(BackOfficeForm):
    name = forms.CharField(label=_("Name"), max_length=250)
    slug = forms.CharField(
        label=_("Slug"), max_length=255, required=False, help_text=_("Made from the name when left empty.")
    )
    parent = forms.TypedChoiceField(label=_("Under"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", _("— top level —")), *category_choices()]  # type: ignore[attr-defined]


class CategoryEditView(EditView):
    form_class = CategoryForm
    new_title = _("New category")

    def load(self, pk: int) -> Any:
        return queries.category(pk)

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        category = self.get_object()
        initial = (
            {"name": category.name, "slug": category.slug, "parent": category.parent_id} if category else {}
        )
        return CategoryForm(data=data, initial=initial)

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        category_save(
            actor=self.request.user,
            category=self.get_object(),
            name=data["name"],
            slug=data["slug"] or None,
            parent_id=data["parent"],
        )
        return reverse("backoffice:staff-catalogue")


class ProductTypeForm(BackOfficeForm):
    name = forms.CharField(label=_("Name"), max_length=250)
    slug = forms.CharField(
        label=_("Slug"), max_length=255, required=False, help_text=_("Made from the name when left empty.")
    )
    is_shipping_required = forms.BooleanField(label=_("Shipped in a parcel"), required=False)
    weight_grams = forms.IntegerField(
        label=_("Usual weight (g)"),
        min_value=0,
        max_value=1_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    product_attributes = forms.TypedMultipleChoiceField(
        label=_("Attributes of the product"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    variant_attributes = forms.TypedMultipleChoiceField(
        label=_("Attributes of each variant"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    variant_selection = forms.TypedMultipleChoiceField(
        label=_("Variant attributes buyers choose by"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = queries.attribute_choices()
        for name in ("product_attributes", "variant_attributes", "variant_selection"):
            self.fields[name].choices = choices  # type: ignore[attr-defined]


class ProductTypeEditView(EditView):
    form_class = ProductTypeForm
    new_title = _("New product type")

    def load(self, pk: int) -> Any:
        return queries.product_type(pk)

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        product_type = self.get_object()
        initial: dict[str, Any] = {"is_shipping_required": True, "weight_grams": 500}
        if product_type is not None:
            links = queries.product_type_attributes(product_type)
            initial = {
                "name": product_type.name,
                "slug": product_type.slug,
                "is_shipping_required": product_type.is_shipping_required,
                "weight_grams": product_type.weight_grams,
                **links,
            }
        return ProductTypeForm(data=data, initial=initial)

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        product_type_save(
            actor=self.request.user,
            product_type=self.get_object(),
            name=data["name"],
            slug=data["slug"] or None,
            is_shipping_required=data["is_shipping_required"],
            weight_grams=data["weight_grams"],
            product_attribute_ids=data["product_attributes"],
            variant_attribute_ids=data["variant_attributes"],
            variant_selection_ids=data["variant_selection"],
        )
        return reverse("backoffice:staff-catalogue")


class AttributeForm(BackOfficeForm):
    name = forms.CharField(label=_("Name"), max_length=255)
    slug = forms.CharField(
        label=_("Slug"), max_length=255, required=False, help_text=_("Made from the name when left empty.")
    )
    input_type = forms.ChoiceField(label=_("Input"), help_text=_("Cannot be changed later."))
    choices = forms.CharField(
        label=_("New choices"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, for a dropdown or multiselect. Existing choices are kept."),
    )
    service_fields = {"input_type": "input_type"}

    def __init__(self, *args: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["input_type"].choices = [(t.value, t.label) for t in CREATABLE_INPUT_TYPES]  # type: ignore[attr-defined]
        if not creating:
            self.fields["input_type"].disabled = True
            self.fields["input_type"].choices = AttributeInputType.choices  # type: ignore[attr-defined]
            self.fields["input_type"].required = False


class AttributeEditView(EditView):
    form_class = AttributeForm
    new_title = _("New attribute")

    def load(self, pk: int) -> Any:
        return queries.attribute(pk)

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        attribute = self.get_object()
        initial: dict[str, Any] = {"input_type": AttributeInputType.DROPDOWN}
        if attribute is not None:
            initial = {"name": attribute.name, "slug": attribute.slug, "input_type": attribute.input_type}
        return AttributeForm(data=data, initial=initial, creating=attribute is None)

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        attribute = self.get_object()
        attribute_save(
            actor=self.request.user,
            attribute=attribute,
            name=data["name"],
            slug=data["slug"] or None,
            input_type=None if attribute else data["input_type"],
            new_choices=data["choices"].splitlines(),
        )
        return reverse("backoffice:staff-catalogue")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        attribute = self.get_object()
        existing = queries.attribute_values(attribute) if attribute else []
        return super().get_context_data(existing=existing, existing_label=_("Choices"), **kwargs)
