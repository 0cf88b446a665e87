"""The product picker of the seller centre's forms (showcase proposal, OCOP certificate):
a search field and a short list of the shop's products to choose from, never a list of the
whole catalogue (issue 13: a shop with thousands of products made those pages 300 KB).

Without JavaScript the search field belongs to a small GET form of its own (the HTML
``form`` attribute; ``FIND_FORM`` on the page), so Enter reloads the page with the matches
(``?find=...``). With htmx, typing asks ``backoffice:product-picks`` for the matches and
swaps the list in place, keeping the product already chosen. Either way the list holds at
most ``PICKS_SHOWN`` products (the chosen one first), read in one query, and a posted id that
is not one of the shop's products is not a choice: the field says so beside itself.

The curator's featured-collection page uses the same field and list with its own choices
(products with an approved submission, not yet in the collection), its own endpoint
(``find_url``) and its own words for an empty list (``no_match``, ``empty``).
"""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from backoffice.roles import Area
from backoffice.seller import queries
from backoffice.views.base import BackOfficeView

FIND = "find"  # the search field's name
FIND_FORM = "find-product"  # the id of the page's GET form the search field belongs to
FIND_MAX_LENGTH = 200
PICKS_TEMPLATE = "backoffice/widgets/product_picks.html"


class ProductPicker(forms.RadioSelect):
    """Radio buttons for the few products found, after a search field (see the module)."""

    template_name = "backoffice/widgets/product_picker.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.find = ""
        self.more = False
        self.find_url: Any = reverse_lazy("backoffice:product-picks")
        self.no_match: Any = _("None of your products matches.")
        self.empty: Any = _("You have no product yet.")

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            find=self.find,
            find_name=FIND,
            find_form=FIND_FORM,
            find_max_length=FIND_MAX_LENGTH,
            find_url=self.find_url,
            more=self.more,
            no_match=self.no_match,
            empty=self.empty,
            picks_template=PICKS_TEMPLATE,
        )
        return context


class ProductPickField(forms.TypedChoiceField):
    widget = ProductPicker
    default_error_messages = {
        "invalid_choice": _("Choose one of your products (search for it by name)."),
    }

    def __init__(self, *, no_match: Any = None, empty: Any = None, **kwargs: Any) -> None:
        super().__init__(coerce=int, **kwargs)
        if no_match is not None:
            self.widget.no_match = no_match  # type: ignore[attr-defined]
        if empty is not None:
            self.widget.empty = empty  # type: ignore[attr-defined]

    def set_picks(self, picks: list[tuple[int, str]], *, find: str, find_url: Any = None) -> None:
        self.choices = picks[: queries.PICKS_SHOWN]
        self.widget.find = find  # type: ignore[attr-defined]
        self.widget.more = len(picks) > queries.PICKS_SHOWN  # type: ignore[attr-defined]
        if find_url is not None:
            self.widget.find_url = find_url  # type: ignore[attr-defined]


def find_text(data: Any) -> str:
    return str(data.get(FIND, "") or "")[:FIND_MAX_LENGTH]


def picks_for(
    request: HttpRequest, scope: Any, *, field: str = "product"
) -> tuple[list[tuple[int, str]], str]:
    """The picker's choices for this request: the GET search (``find``) and the product
    already chosen (the posted or passed ``field``)."""
    find, chosen = find_and_chosen(request, field=field)
    return queries.product_picks(scope, search=find, chosen=chosen), find


def find_and_chosen(request: HttpRequest, *, field: str = "product") -> tuple[str, Any]:
    """The GET search (``find``) and the product already chosen (posted, or passed to the
    picks endpoint), for any picker's query."""
    data = request.POST if request.method == "POST" else request.GET
    return find_text(request.GET), data.get(field)


def picks_response(
    request: HttpRequest, form: forms.Form, picks: list[tuple[int, str]], find: str, **picks_kwargs: Any
) -> HttpResponse:
    """The picker's list alone (``PICKS_TEMPLATE``) for ``form``'s ``product`` field, as a
    picks endpoint answers htmx: the ids and names are those of the page's own field."""
    field = form.fields["product"]
    field.set_picks(picks, find=find, **picks_kwargs)  # type: ignore[attr-defined]
    bound = form["product"]
    context = field.widget.get_context(bound.html_name, bound.value(), {"id": bound.auto_id})
    response = HttpResponse(render_to_string(PICKS_TEMPLATE, context, request=request))
    response["Cache-Control"] = "private, no-store"
    return response


class PickForm(forms.Form):
    product = ProductPickField(label=_("Product"))


class ProductPicksView(BackOfficeView):
    """``GET ?find=...&product=<chosen id>``: the picker's list alone, for htmx."""

    area = Area.SELLER

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        picks, find = picks_for(request, self.roles.shop_scope)
        form = PickForm(initial={"product": queries.id_or_none(request.GET.get("product"))})
        return picks_response(request, form, picks, find)
