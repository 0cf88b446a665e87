"""Products: the list (search, status), the one form to create or edit a product with its
variants, publish/unpublish in the open marketplace, duplicate."""

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backoffice.components import Column, StatusBadge, Table
from backoffice.editorjs import editorjs_to_text
from backoffice.forms import BackOfficeForm
from backoffice.roles import Area
from backoffice.seller import queries
from backoffice.seller.product_forms import ATTRIBUTE_PREFIX, ProductEditor, ProductForm, VariantFormSet
from backoffice.seller.product_save import duplicate_product, save_product, set_published
from backoffice.seller.queries import ProductStatus
from backoffice.templatetags.backoffice import vnd
from backoffice.views.base import BackOfficeView
from marketplace.catalog.models import AttributeInputType, ProductType

PAGE_SIZE = 25
STATUS_LABELS = {
    ProductStatus.DRAFT: (_("Draft"), "muted"),
    ProductStatus.PUBLISHED: (_("On sale"), "ok"),
    ProductStatus.HIDDEN: (_("Hidden"), "warn"),
    ProductStatus.OUT_OF_STOCK: (_("Out of stock"), "bad"),
}


def status_badge(status: str) -> StatusBadge:
    label, tone = STATUS_LABELS[status]
    return StatusBadge(label=label, tone=tone)


class ProductFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *((key, label) for key, (label, _tone) in STATUS_LABELS.items())],
    )


class ProductListView(BackOfficeView):
    area = Area.SELLER
    nav_key = "products"
    title = _("Products")
    template_name = "backoffice/seller/products/list.html"
    partial_template_name = "backoffice/seller/products/results.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filters = ProductFilterForm(request.GET or None)
        search = status = ""
        if filters.is_valid():
            search, status = filters.cleaned_data["q"], filters.cleaned_data["status"]
        rows = queries.products(self.roles.shop_scope, search=search, status=status)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        table = Table(
            caption=_("Your products"),
            columns=[
                Column(
                    _("Product"),
                    lambda p: p.name,
                    link=lambda p: reverse("backoffice:product-edit", args=[p.pk]),
                ),
                Column(_("Status"), lambda p: status_badge(queries.product_status(p)).render_html()),
                Column(_("Price from"), lambda p: vnd(p.price), numeric=True),
                Column(_("In stock"), lambda p: p.stock, numeric=True),
                Column(_("Variants"), lambda p: p.variant_count, numeric=True),
            ],
            rows=list(page.object_list),
            empty=_("No products match."),
        )
        return self.render(filters=filters, page=page, table=table, search=search, status=status)


class NewProductView(BackOfficeView):
    """Step one of a new product: what kind of product it is (its type decides the attributes)."""

    area = Area.SELLER
    nav_key = "products"
    title = _("New product")
    template_name = "backoffice/seller/products/new.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(product_types=list(ProductType.objects.order_by("name", "pk")))


def _attributes(product_type: ProductType) -> list[Any]:
    return [link.attribute for link in product_type.attribute_products.all()]


def _attribute_initial(product: Any, attributes: list[Any]) -> dict[str, Any]:
    by_attribute: dict[int, list[Any]] = {}
    for assigned in product.attribute_values.all():
        by_attribute.setdefault(assigned.value.attribute_id, []).append(assigned.value)
    initial: dict[str, Any] = {}
    for attribute in attributes:
        values = by_attribute.get(attribute.pk, [])
        if not values:
            continue
        first, kind = values[0], attribute.input_type
        if kind == AttributeInputType.MULTISELECT:
            value: Any = [v.slug for v in values]
        elif kind in (AttributeInputType.DROPDOWN, AttributeInputType.SWATCH):
            value = first.slug
        elif kind == AttributeInputType.PLAIN_TEXT:
            value = first.plain_text
        elif kind == AttributeInputType.NUMERIC:
            value = first.numeric
        elif kind == AttributeInputType.BOOLEAN:
            value = "true" if first.boolean else "false"
        elif kind == AttributeInputType.DATE:
            value = first.date_time.date() if first.date_time else None
        else:
            continue
        initial[f"{ATTRIBUTE_PREFIX}{attribute.pk}"] = value
    return initial


def _variant_initial(product: Any) -> list[dict[str, Any]]:
    rows = []
    for variant in product.variants.all():
        prices = getattr(variant, "default_prices", [])
        rows.append(
            {
                "id": variant.pk,
                "name": variant.name,
                "sku": variant.sku or "",
                "price": f"{int(prices[0].price_amount)}" if prices else "",
                "stock": sum(stock.quantity for stock in variant.stocks.all()),
            }
        )
    return rows


class ProductEditView(BackOfficeView):
    area = Area.SELLER
    nav_key = "products"
    template_name = "backoffice/seller/products/edit.html"

    @property
    def success_message(self) -> Any:
        if self.product is None:
            return _("The product is saved as a draft. Add its photos, then publish it.")
        return _("The product is saved.")

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.product: Any = None
        self.product_type: Any = None

    def load(self) -> None:
        if self.product_type is not None:
            return
        if "pk" in self.kwargs:
            self.product = queries.product_for_edit(self.roles.shop_scope, self.kwargs["pk"])
            self.product_type = self.product.product_type
            self.title = self.product.name
        else:
            self.product_type = get_object_or_404(
                ProductType.objects.prefetch_related("attribute_products__attribute__values"),
                pk=self.kwargs["product_type"],
            )
            self.title = gettext("New product: %(type)s") % {"type": self.product_type.name}

    def form_class(self, data: Any = None, files: Any = None) -> ProductEditor:
        self.load()
        product = self.product
        initial: dict[str, Any] = {}
        variants_initial: list[dict[str, Any]] = [{}]
        if product is not None:
            english = next(iter(product.translations.all()), None)
            initial = {
                "name": product.name,
                "name_en": english.name if english else "",
                "category": product.category_id,
                "description": editorjs_to_text(product.description),
                "description_en": editorjs_to_text(english.description) if english else "",
                "weight_grams": product.weight_grams,
                **_attribute_initial(product, _attributes(self.product_type)),
            }
            variants_initial = _variant_initial(product)
        form = ProductForm(
            data, product_type=self.product_type, attributes=_attributes(self.product_type), initial=initial
        )
        variants = VariantFormSet(data, initial=variants_initial, prefix="variants")
        return ProductEditor(form, variants)

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return self.form_class(data, files)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(form=self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "add_variant" in request.POST:  # without JavaScript: the same form with one more row
            data = request.POST.copy()
            total = int(data.get("variants-TOTAL_FORMS") or 0)
            data["variants-TOTAL_FORMS"] = str(min(total + 1, 50))
            return self.render(form=self.get_form(data), adding=True)
        return super().post(request, *args, **kwargs)

    def perform(self, form: ProductEditor) -> str:
        product = save_product(
            actor=self.request.user,
            vendor_id=self.roles.shop.pk,  # type: ignore[union-attr]
            product=self.product,
            editor=form,
        )
        if self.product is None:  # a new product: its photos next
            return reverse("backoffice:product-photos", args=[product.pk])
        return reverse("backoffice:product-edit", args=[product.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        editor = context.get("form")
        context.update(
            editor=editor,
            product=self.product,
            product_type=self.product_type,
            status=status_badge(queries.product_status(self.product)) if self.product else None,
            photos=list(self.product.media.all()) if self.product else [],
            action_form=BackOfficeForm(),
        )
        return context


class ProductActionView(BackOfficeView):
    """A button on the product page: publish, unpublish or duplicate (POST, then back)."""

    area = Area.SELLER
    nav_key = "products"
    form_class = BackOfficeForm
    action = ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise Http404

    def perform(self, form: Any) -> str:
        product = queries.product_for_edit(self.roles.shop_scope, self.kwargs["pk"])
        actor = self.request.user
        if self.action in ("publish", "unpublish"):
            set_published(actor=actor, product=product, published=self.action == "publish")
            return reverse("backoffice:product-edit", args=[product.pk])
        name = gettext("%(name)s (copy)") % {"name": product.name}
        types_attributes = _attributes(product.product_type)
        attributes = ProductForm.attribute_inputs_from_initial(
            types_attributes, _attribute_initial(product, types_attributes)
        )
        copy = duplicate_product(actor=actor, product=product, name=name[:250], attributes=attributes)
        return reverse("backoffice:product-edit", args=[copy.pk])

    @property
    def success_message(self) -> Any:
        return {
            "publish": _("The product is on sale in the marketplace."),
            "unpublish": _("The product is hidden from buyers."),
            "duplicate": _("This is a copy (a draft, without stock or photos): change it and save."),
        }[self.action]

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        # A refused action (a service error): back to the product page with the message.
        from django.contrib import messages

        form = kwargs.get("form")
        for error in form.non_field_errors() if form else []:
            messages.error(self.request, error)
        for name, errors in form.errors.items() if form else []:
            if name != "__all__":
                for error in errors:
                    messages.error(self.request, error)
        return HttpResponseRedirect(reverse("backoffice:product-edit", args=[self.kwargs["pk"]]))
