"""Catalogue settings, for staff with MANAGE_PRODUCTS: categories (and their background
image), product types (deleted once no product uses them) and attributes with their
choices (renamed, or removed after a confirmation saying how many products lose them),
all through ``marketplace.catalog.services.taxonomy``."""

from typing import Any

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from backoffice.components import Column, Table
from backoffice.counts import capped
from backoffice.forms import BackgroundImageForm, BackOfficeForm
from backoffice.seller.product_forms import category_choices
from backoffice.staff import queries
from backoffice.staff.base import StaffDeleteView, StaffView
from marketplace.accounts.permissions import PermissionEnum
from marketplace.catalog.models import CHOICE_INPUT_TYPES, AttributeInputType
from marketplace.catalog.services.taxonomy import (
    CREATABLE_INPUT_TYPES,
    attribute_save,
    attribute_value_delete,
    attribute_value_update,
    attribute_value_usage,
    category_background_update,
    category_save,
    product_type_delete,
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
        if not hasattr(self, "_object"):
            self._object = self.load(self.kwargs["pk"])
        if self._object is None:
            raise Http404
        return self._object

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

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        category = self.get_object()
        links = []
        if category is not None:
            links.append(
                (reverse("backoffice:staff-category-image", args=[category.pk]), _("Background image"))
            )
        return super().get_context_data(links=links, **kwargs)


class CategoryImageView(EditView):
    form_class = BackgroundImageForm

    def load(self, pk: int) -> Any:
        return queries.category(pk)

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        category = self.get_object()
        return BackgroundImageForm(
            data=data, files=files, initial={"background_image_alt": category.background_image_alt}
        )

    def perform(self, form: Any) -> str:
        category = self.get_object()
        category_background_update(actor=self.request.user, category=category, **form.service_arguments())
        return reverse("backoffice:staff-category-image", args=[category.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        category = self.get_object()
        context = super().get_context_data(**kwargs)
        context["title"] = _("Background image: %(name)s") % {"name": category.name}
        context["back_url"] = reverse("backoffice:staff-category", args=[category.pk])
        context["back_label"] = category.name
        if category.background_image:
            context["image"] = {"kind": "category", "pk": category.pk, "alt": category.background_image_alt}
        else:
            context["no_image"] = _("No background image.")
        return context


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

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        product_type = self.get_object()
        return super().get_context_data(
            delete_url=reverse("backoffice:staff-product-type-delete", args=[product_type.pk])
            if product_type
            else None,
            delete_label=_("Delete this product type"),
            **kwargs,
        )


class ProductTypeDeleteView(StaffDeleteView):
    permission = PERMISSION
    nav_key = "staff-catalogue"
    question = _("Delete the product type “%(name)s”?")
    back_url_name = "backoffice:staff-catalogue"

    def load(self) -> Any:
        return queries.product_type(self.kwargs["pk"])

    def consequences(self) -> list[Any]:
        return [_("Only a product type no product uses can be deleted.")]

    def perform(self, form: Any) -> str:
        product_type_delete(actor=self.request.user, product_type=self.get_object())
        return self.back_url()


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
        values = (
            queries.attribute_values(attribute)
            if attribute and attribute.input_type in CHOICE_INPUT_TYPES
            else []
        )
        return super().get_context_data(
            values=values, values_label=_("Choices"), attribute=attribute, **kwargs
        )


class ValueForm(BackOfficeForm):
    name = forms.CharField(label=_("Name"), max_length=250)


def _value(kwargs: dict[str, Any]) -> Any:
    return queries.attribute_value(kwargs["attribute"], kwargs["pk"])


class AttributeValueEditView(StaffView):
    permission = PERMISSION
    nav_key = "staff-catalogue"
    template_name = "backoffice/staff/form_page.html"
    form_class = ValueForm

    def get_value(self) -> Any:
        if not hasattr(self, "_value"):
            self._value = _value(self.kwargs)
        if self._value is None:
            raise Http404
        return self._value

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return ValueForm(data=data, initial={"name": self.get_value().name})

    def perform(self, form: Any) -> str:
        value = self.get_value()
        attribute_value_update(actor=self.request.user, value=value, name=form.cleaned_data["name"])
        return reverse("backoffice:staff-attribute", args=[value.attribute_id])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        value = self.get_value()
        return super().get_context_data(
            title=_("Rename the choice “%(name)s”") % {"name": value.name},
            back_url=reverse("backoffice:staff-attribute", args=[value.attribute_id]),
            back_label=value.attribute.name,
            delete_url=reverse(
                "backoffice:staff-attribute-value-delete", args=[value.attribute_id, value.pk]
            ),
            delete_label=_("Remove this choice"),
            **kwargs,
        )


class AttributeValueDeleteView(StaffDeleteView):
    permission = PERMISSION
    nav_key = "staff-catalogue"
    question = _("Remove the choice “%(name)s”?")

    def load(self) -> Any:
        return _value(self.kwargs)

    def back_url(self) -> str:
        return reverse("backoffice:staff-attribute", args=[self.kwargs["attribute"]])

    def consequences(self) -> list[Any]:
        count = attribute_value_usage(self.get_object())
        if not count:
            return [_("No product has this choice.")]
        return [
            ngettext(
                "%(count)s product has this choice: it will lose it.",
                "%(count)s products have this choice: they will lose it.",
                count,
            )
            % {"count": count}
        ]

    def perform(self, form: Any) -> str:
        attribute_value_delete(actor=self.request.user, value=self.get_object())
        return self.back_url()
