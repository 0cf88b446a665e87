"""The Design Centre's featured collections (curators holding MANAGE_SHOWCASE): the list
(drafts and scheduled ones included), create, edit, products added, removed and reordered
(buttons, or drag and drop with the script), publication now, at a date and time, or back
to draft, its background image (set, replaced or removed, with its alt text), deletion
after a confirmation, and a preview of what the public will see. Every write is one call of
``marketplace.curation.collections``'s services."""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backoffice.components import StatusBadge
from backoffice.curator import queries
from backoffice.curator.queries import CollectionState, collection_state
from backoffice.editorjs import editorjs_to_text, text_to_editorjs
from backoffice.forms import BackgroundImageForm, BackOfficeForm
from backoffice.roles import Area
from backoffice.seller.picker import FIND_FORM, ProductPickField, find_and_chosen, picks_response
from backoffice.seller.queries import id_or_none
from backoffice.views.base import BackOfficeView
from marketplace.accounts.permissions import PermissionEnum
from marketplace.core.richtext import clean_inline_html
from marketplace.curation.collections import (
    ChannelListingChange,
    collection_add_products,
    collection_background_update,
    collection_channel_listing_update,
    collection_create,
    collection_delete,
    collection_remove_products,
    collection_reorder_products,
    collection_update,
)

STATE_BADGES = {
    CollectionState.DRAFT: (_("Draft"), "muted"),
    CollectionState.SCHEDULED: (_("Scheduled"), "warn"),
    CollectionState.PUBLISHED: (_("Published"), "ok"),
}


def state_badge(collection: Any) -> StatusBadge:
    label, tone = STATE_BADGES[collection_state(collection)]
    return StatusBadge(label=label, tone=tone)


def moves_to(current: list[int], wanted: list[int]) -> list[tuple[int, int]]:
    """Saleor's moves (product, shift) that turn ``current`` into ``wanted`` (a permutation)."""
    order = list(current)
    moves = []
    for position, product_id in enumerate(wanted):
        index = order.index(product_id)
        if index != position:
            moves.append((product_id, position - index))
            order.insert(position, order.pop(index))
    return moves


class CollectionForm(BackOfficeForm):
    name = forms.CharField(label=_("Name"), max_length=250)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        help_text=_(
            "Paragraphs separated by a blank line; **bold**, *italic*, lines starting with - for a list."
        ),
        widget=forms.Textarea(attrs={"rows": 5, "data-editor": "simple"}),
    )


class AddProductForm(BackOfficeForm):
    """The "add a product" picker (``backoffice.seller.picker``): a search field and at most
    ``PICKS_SHOWN`` eligible products, never a list of every approved product."""

    product = ProductPickField(
        label=_("Add a product"),
        help_text=_("Only products with an approved showcase submission can be featured."),
        error_messages={
            "invalid_choice": _(
                "Choose a product with an approved showcase submission that is not in the "
                "collection yet (search for it by name)."
            )
        },
        no_match=_("No approved product outside the collection matches."),
        empty=_("No approved product left to add."),
    )
    service_fields = {"products": "product"}

    def __init__(
        self, *args: Any, products: list[tuple[int, str]], find: str = "", find_url: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].set_picks(products, find=find, find_url=find_url)  # type: ignore[attr-defined]


class ScheduleForm(BackOfficeForm):
    NOW, LATER, DRAFT = "now", "later", "draft"
    when = forms.ChoiceField(
        label=_("Publication"),
        choices=[
            (NOW, _("Publish now")),
            (LATER, _("Publish at a date and time")),
            (DRAFT, _("Keep as a draft (not public)")),
        ],
        widget=forms.RadioSelect,
    )
    publish_at = forms.DateTimeField(
        label=_("Date and time (Hà Nội time)"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    service_fields = {"add_channels": "when"}

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("when") == self.LATER:
            moment = data.get("publish_at")
            if moment is None:
                if "publish_at" not in self.errors:
                    self.add_error("publish_at", _("Give the date and time of publication."))
            elif moment <= timezone.now():
                self.add_error("publish_at", _("Give a moment in the future, or publish now."))
        return data


class CuratorView(BackOfficeView):
    area = Area.CURATOR
    nav_key = "curator-collections"

    def allowed(self) -> bool:
        return self.roles.has(PermissionEnum.MANAGE_SHOWCASE)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.allowed():
            return self.forbidden()
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.allowed():
            return self.forbidden()
        return super().post(request, *args, **kwargs)


class CollectionListView(CuratorView):
    title = _("Featured collections")
    template_name = "backoffice/curator/collections/list.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.allowed():
            return self.forbidden()
        rows = list(queries.collections())
        for row in rows:
            row.badge = state_badge(row)  # type: ignore[attr-defined]
        return self.render(collections=rows)


class CollectionCreateView(CuratorView):
    title = _("New featured collection")
    template_name = "backoffice/curator/collections/new.html"
    form_class = CollectionForm
    success_message = _("Collection created, as a draft. Add products, then schedule it.")

    def perform(self, form: Any) -> str:
        collection = collection_create(
            actor=self.request.user,
            data={
                "name": form.cleaned_data["name"],
                "description": text_to_editorjs(form.cleaned_data["description"]),
            },
        )
        return reverse("backoffice:curator-collection", args=[collection.pk])


class CollectionEditView(CuratorView):
    """The collection's page; its own form is the name and description. The products and
    the schedule have their own views (below) that render this page again on errors."""

    template_name = "backoffice/curator/collections/edit.html"
    form_class: Any = CollectionForm
    success_message: Any = _("Saved.")

    @property
    def collection(self) -> Any:
        if not hasattr(self, "_collection"):
            self._collection = queries.collection(self.kwargs["pk"])
        return self._collection

    @property
    def title(self) -> Any:  # type: ignore[override]
        return self.collection.name if self.allowed() else _("Featured collections")

    def here(self) -> str:
        return reverse("backoffice:curator-collection", args=[self.collection.pk])

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        collection = self.collection
        initial = {"name": collection.name}
        if data is None:
            document = (
                type(collection)
                .objects.filter(pk=collection.pk)
                .values_list("description", flat=True)
                .first()
            )
            initial["description"] = editorjs_to_text(document)
        return CollectionForm(data=data, initial=initial)

    def perform(self, form: Any) -> str:
        collection_update(
            actor=self.request.user,
            collection=self.collection,
            data={
                "name": form.cleaned_data["name"],
                "description": text_to_editorjs(form.cleaned_data["description"]),
            },
        )
        return self.here()

    def add_form_kwargs(self) -> dict[str, Any]:
        """The picker's choices for this request: the GET search and the posted product."""
        find, chosen = find_and_chosen(self.request)
        return {
            "products": queries.addable_products(self.collection, search=find, chosen=chosen),
            "find": find,
            "find_url": reverse("backoffice:curator-collection-picks", args=[self.collection.pk]),
        }

    def schedule_initial(self) -> dict[str, Any]:
        collection = self.collection
        state = collection_state(collection)
        if state == CollectionState.DRAFT:
            return {"when": ScheduleForm.DRAFT}
        if state == CollectionState.SCHEDULED:
            local = timezone.localtime(collection.published_at)
            return {"when": ScheduleForm.LATER, "publish_at": local.replace(second=0, microsecond=0)}
        return {"when": ScheduleForm.NOW}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        collection = self.collection
        channel = queries.showcase_channel()
        rows = queries.collection_rows(collection, channel)
        return super().get_context_data(
            collection=collection,
            badge=state_badge(collection),
            state=collection_state(collection),
            rows=rows,
            hidden_count=len([row for row in rows if not row.is_public]),  # type: ignore[attr-defined]
            add_form=kwargs.pop("add_form", None) or AddProductForm(**self.add_form_kwargs()),
            find_form=FIND_FORM,
            schedule_form=kwargs.pop("schedule_form", None) or ScheduleForm(initial=self.schedule_initial()),
            order_form=BackOfficeForm(),
            order_errors=kwargs.pop("order_errors", []),
            image_form=kwargs.pop("image_form", None)
            or BackgroundImageForm(initial={"background_image_alt": collection.background_image_alt}),
            **kwargs,
        )


class CollectionAddProductView(CollectionEditView):
    success_message = _("Added to the collection.")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(self.here())

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return AddProductForm(data=data, **self.add_form_kwargs())

    def perform(self, form: Any) -> str:
        collection_add_products(
            actor=self.request.user, collection=self.collection, product_ids=[form.cleaned_data["product"]]
        )
        return self.here()

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        add_form = kwargs.pop("form")
        return super().render(
            status_code, form=CollectionEditView.get_form(self), add_form=add_form, **kwargs
        )


class CollectionPicksView(CollectionEditView):
    """``GET ?find=...&product=<chosen id>``: the "add a product" list alone, for htmx."""

    http_method_names = ["get", "head", "options"]  # not the page's form (the name): 405

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.allowed():
            return self.forbidden()
        picks = self.add_form_kwargs()
        form = AddProductForm(
            products=[],
            find_url=picks["find_url"],
            initial={"product": id_or_none(request.GET.get("product"))},
        )
        return picks_response(request, form, picks["products"], picks["find"])


class CollectionOrderView(CollectionEditView):
    """Move one product up or down, remove one (buttons), or set the whole order (drag)."""

    form_class = BackOfficeForm
    success_message: Any = ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(self.here())

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return BackOfficeForm(data=data)

    def _product_id(self, value: str, current: list[int]) -> int:
        try:
            product_id = int(value)
        except ValueError:
            raise Http404 from None
        if product_id not in current:
            raise ValidationError(_("That product is not in the collection (any more); reload the page."))
        return product_id

    def perform(self, form: Any) -> str:
        collection = self.collection
        current = list(
            collection.collection_products.order_by("sort_order", "pk").values_list("product_id", flat=True)
        )
        post = self.request.POST
        actor = self.request.user
        if post.get("remove"):
            product_id = self._product_id(post["remove"], current)
            collection_remove_products(actor=actor, collection=collection, product_ids=[product_id])
            self.success_message = _("Removed from the collection.")
        elif post.get("order"):
            try:
                wanted = [int(part) for part in post["order"].split(",") if part.strip()]
            except ValueError:
                raise ValidationError(_("The order is not valid.")) from None
            if sorted(wanted) != sorted(current):
                raise ValidationError(_("The collection changed meanwhile; reload the page and try again."))
            collection_reorder_products(actor=actor, collection=collection, moves=moves_to(current, wanted))
        elif post.get("move"):
            value, _sep, direction = post["move"].partition(":")
            product_id = self._product_id(value, current)
            shift = -1 if direction == "up" else 1
            collection_reorder_products(actor=actor, collection=collection, moves=[(product_id, shift)])
        else:
            raise ValidationError(_("Nothing to change."))
        return self.here() + "#products"

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        errors = [e for items in kwargs.pop("form").errors.values() for e in items]
        return super().render(
            status_code, form=CollectionEditView.get_form(self), order_errors=errors, **kwargs
        )


class CollectionScheduleView(CollectionEditView):
    form_class = ScheduleForm

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(self.here())

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return ScheduleForm(data=data)

    def perform(self, form: Any) -> str:
        when = form.cleaned_data["when"]
        channel = queries.showcase_channel()
        if when == ScheduleForm.DRAFT:
            change = ChannelListingChange(channel_id=channel.pk, is_published=False, published_at=None)
            self.success_message = _("The collection is a draft: the public does not see it.")
        elif when == ScheduleForm.LATER:
            moment: datetime.datetime = form.cleaned_data["publish_at"]
            change = ChannelListingChange(channel_id=channel.pk, is_published=True, published_at=moment)
            self.success_message = gettext("Scheduled: the public sees it from %(moment)s.") % {
                "moment": timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")
            }
        else:
            change = ChannelListingChange(
                channel_id=channel.pk, is_published=True, published_at=timezone.now()
            )
            self.success_message = _("Published: the public sees it now.")
        collection_channel_listing_update(
            actor=self.request.user, collection=self.collection, add_channels=[change], remove_channel_ids=[]
        )
        return self.here()

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        schedule_form = kwargs.pop("form")
        return super().render(
            status_code, form=CollectionEditView.get_form(self), schedule_form=schedule_form, **kwargs
        )


class CollectionImageView(CollectionEditView):
    """Set, replace or remove the background image, and its alt text."""

    form_class = BackgroundImageForm

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(self.here())

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return BackgroundImageForm(data=data, files=files)

    def perform(self, form: Any) -> str:
        collection_background_update(
            actor=self.request.user, collection=self.collection, **form.service_arguments()
        )
        return self.here() + "#image"

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        image_form = kwargs.pop("form")
        return super().render(
            status_code, form=CollectionEditView.get_form(self), image_form=image_form, **kwargs
        )


class CollectionDeleteView(CuratorView):
    """A confirmation page, then the deletion (its products stay; only the collection goes)."""

    template_name = "backoffice/confirm_delete.html"
    form_class = BackOfficeForm
    success_message = _("Collection deleted.")

    @property
    def collection(self) -> Any:
        if not hasattr(self, "_collection"):
            self._collection = queries.collection(self.kwargs["pk"])
        return self._collection

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return BackOfficeForm(data=data)

    def perform(self, form: Any) -> str:
        collection_delete(actor=self.request.user, collection=self.collection)
        return reverse("backoffice:curator-collections")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=_("Delete the collection “%(name)s”?") % {"name": self.collection.name},
            consequences=[
                _("The public no longer sees it; its products stay in the shops and in the showcase.")
            ],
            back_url=reverse("backoffice:curator-collection", args=[self.collection.pk]),
            **kwargs,
        )


def description_html(document: Any) -> str:
    """The stored EditorJS document as HTML: paragraphs and lists, the inline markup cleaned
    again by the domain's cleaner."""
    if not isinstance(document, dict):
        return ""
    parts = []
    for block in document.get("blocks") or []:
        data = block.get("data") or {}
        if block.get("type") == "list":
            tag = "ol" if data.get("style") == "ordered" else "ul"
            texts = [
                item.get("content", "") if isinstance(item, dict) else str(item)
                for item in data.get("items") or []
            ]
            items = "".join(f"<li>{clean_inline_html(text)}</li>" for text in texts)
            parts.append(f"<{tag}>{items}</{tag}>")
        elif data.get("text"):
            parts.append(f"<p>{clean_inline_html(str(data['text']))}</p>")
    return "".join(parts)


class CollectionPreviewView(CollectionEditView):
    """The collection as the public will see it in design-centre: only the products the
    public may see there, in order, at their design-centre price."""

    template_name = "backoffice/curator/collections/preview.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.allowed():
            return self.forbidden()
        collection = self.collection
        channel = queries.showcase_channel()
        document = (
            type(collection).objects.filter(pk=collection.pk).values_list("description", flat=True).first()
        )
        products = list(queries.preview_products(collection, channel))
        return BackOfficeView.render(
            self,
            collection=collection,
            badge=state_badge(collection),
            state=collection_state(collection),
            description=mark_safe(description_html(document)),  # noqa: S308 (cleaned by nh3 above)
            products=products,
            total=collection.product_count,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return BackOfficeView.get_context_data(self, **kwargs)
