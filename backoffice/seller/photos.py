"""A product's photos: take or pick them (several at once), reorder, delete. Every upload
goes through the catalogue's media services and the one upload path
(``marketplace.core.uploads``: bytes checked, HEIC converted, generated names); the page's
script resizes photos in the browser first and sends them straight to storage with the
presigned-upload services (S3, or the local stand-in), falling back to this form."""

import json
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from backoffice.forms import BackOfficeForm
from backoffice.roles import Area
from backoffice.seller import queries
from backoffice.views.base import BackOfficeView
from marketplace.catalog.models import PendingMediaUpload
from marketplace.catalog.services.media import (
    media_create,
    media_delete,
    media_reorder,
    media_upload_confirm,
    media_upload_grant,
)

MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files:
            raise ValidationError(_("Choose at least one photo."), code="REQUIRED")
        if len(files) > MAX_FILES:
            raise ValidationError(_("At most 10 photos at a time."), code="INVALID")
        return [super(PhotosField, self).clean(file, initial) for file in files]


class PhotoForm(BackOfficeForm):
    photos = PhotosField(
        label=_("Add photos"),
        help_text=_("JPEG, PNG, WEBP or HEIC (iPhone), at most 10 MB each."),
        widget=MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    service_fields = {"image": "photos", "product": "photos", "alt": "photos"}


class PhotosView(BackOfficeView):
    area = Area.SELLER
    nav_key = "products"
    template_name = "backoffice/seller/products/photos.html"
    form_class = PhotoForm
    success_message = ""

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        if files is not None:
            files = {"photos": files.getlist("photos")}
        return self.form_class(data=data, files=files)

    def get_product(self) -> Any:
        if not hasattr(self, "_product"):
            self._product = queries.product_with_photos(self.roles.shop_scope, self.kwargs["pk"])
            self.title = _("Photos: %(name)s") % {"name": self._product.name}
        return self._product

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.get_product()
        return super().get(request, *args, **kwargs)

    def perform(self, form: Any) -> str:
        # A fresh row for the service (its counts must not come from the page's prefetch).
        product = queries.shop_product(self.roles.shop_scope, self.kwargs["pk"])
        added = 0
        try:
            for file in form.cleaned_data["photos"]:
                media_create(actor=self.request.user, product=product, file=file)
                added += 1
        finally:
            if added:
                from django.contrib import messages

                messages.success(
                    self.request,
                    ngettext("%(count)d photo added.", "%(count)d photos added.", added) % {"count": added},
                )
        return reverse("backoffice:product-photos", args=[product.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        product = self.get_product()
        return super().get_context_data(
            product=product, photos=list(product.media.all()), order_form=BackOfficeForm(), **kwargs
        )


class PhotoOrderView(BackOfficeView):
    """Move one photo up or down (buttons), or set the whole order (drag and drop)."""

    area = Area.SELLER
    form_class = BackOfficeForm
    success_message = ""

    def perform(self, form: Any) -> str:
        product = queries.product_with_photos(self.roles.shop_scope, self.kwargs["pk"])
        ids = [media.pk for media in product.media.all()]
        post = self.request.POST
        if post.get("order"):
            try:
                ids = [int(part) for part in post["order"].split(",") if part.strip()]
            except ValueError:
                raise ValidationError({"__all__": ValidationError(_("The order is not valid."))}) from None
        elif post.get("move"):
            media_id, _sep, direction = post["move"].partition(":")
            try:
                position = ids.index(int(media_id))
            except ValueError:
                raise Http404 from None
            other = position - 1 if direction == "up" else position + 1
            if 0 <= other < len(ids):
                ids[position], ids[other] = ids[other], ids[position]
        media_reorder(actor=self.request.user, product=product, media_ids=ids)
        return reverse("backoffice:product-photos", args=[product.pk])

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        from django.contrib import messages
        from django.http import HttpResponseRedirect

        for errors in kwargs["form"].errors.values():
            for error in errors:
                messages.error(self.request, error)
        return HttpResponseRedirect(reverse("backoffice:product-photos", args=[self.kwargs["pk"]]))


class PhotoDeleteView(PhotoOrderView):
    success_message = _("The photo is deleted.")  # type: ignore[assignment]

    def perform(self, form: Any) -> str:
        product = queries.shop_product(self.roles.shop_scope, self.kwargs["pk"])
        media = product.media.filter(pk=self.kwargs["media_id"]).select_related("product__vendor").first()
        if media is None:
            raise Http404
        media_delete(actor=self.request.user, media=media)  # its files go after the commit
        return reverse("backoffice:product-photos", args=[product.pk])


def _json_errors(error: ValidationError) -> JsonResponse:
    messages_ = [
        m for errors in getattr(error, "message_dict", {"": error.messages}).values() for m in errors
    ]
    return JsonResponse({"errors": messages_}, status=400)


class DirectUploadView(BackOfficeView):
    """The script's direct upload: ``grant`` hands out a presigned POST (the media
    service's), ``confirm`` adds what arrived. JSON in and out; CSRF-protected like any POST."""

    area = Area.SELLER
    step = "grant"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise Http404

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        product = queries.shop_product(self.roles.shop_scope, self.kwargs["pk"])
        try:
            if self.step == "grant":
                pending, post = media_upload_grant(actor=request.user, product=product)  # type: ignore[arg-type]
                return JsonResponse(
                    {"uploadId": str(pending.pk), "url": post["url"], "fields": post["fields"]}
                )
            try:
                body = json.loads(request.body or b"{}")
                upload = PendingMediaUpload.objects.filter(
                    pk=str(body.get("uploadId", "")), product=product
                ).first()
            except (ValueError, ValidationError):
                upload = None
            if upload is None:
                raise Http404
            media = media_upload_confirm(actor=request.user, pending=upload)  # type: ignore[arg-type]
            return JsonResponse({"mediaId": media.pk})
        except ValidationError as error:
            return _json_errors(error)
        except PermissionDenied:
            return JsonResponse({"errors": [str(_("Your shop cannot change its products now."))]}, status=403)
