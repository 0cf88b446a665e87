"""The base of every back-office form: the once-only token, and service errors shown
beside the field they are about.

A service raises ``ValidationError`` keyed by its own input names (``sku``, ``price``,
``product_type``...) with a code from its app's enum. ``add_service_errors`` puts each
message on the form field of that name (or of the name ``service_fields`` maps it to),
else above the form; the message is shown as the service gave it (domain messages become
translatable in the domain itself), the rest of the form is kept as typed.
"""

from typing import Any, ClassVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from backoffice import idempotency


class BackOfficeForm(forms.Form):
    template_name = "backoffice/components/form.html"
    # A service's input name -> this form's field name, where they differ.
    service_fields: ClassVar[dict[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[idempotency.FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        if not self.is_bound:
            self.initial[idempotency.FIELD] = idempotency.new_token()

    @property
    def token(self) -> str | None:
        return self.data.get(self.add_prefix(idempotency.FIELD)) if self.is_bound else None

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, error, self.service_fields)


def add_service_errors(form: forms.BaseForm, error: ValidationError, mapping: dict[str, str]) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = mapping.get(name, name)
        if field not in form.fields or field == NON_FIELD_ERRORS:
            field = None  # type: ignore[assignment]
        for item in errors:
            form.add_error(field, ValidationError(item.message, code=item.code, params=item.params))


class SearchForm(forms.Form):
    """The search box and status filter of a listing (GET)."""

    q = forms.CharField(required=False, max_length=200, strip=True)


class BackgroundImageForm(BackOfficeForm):
    """A category's or collection's background image: a new file (checked by its bytes by
    the service, like product photos), its alt text, or its removal."""

    background_image = forms.FileField(
        label=_("Background image"),
        required=False,
        help_text=_("JPEG, PNG, WEBP or HEIC (iPhone), at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    background_image_alt = forms.CharField(
        label=_("Alt text"),
        required=False,
        max_length=128,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    remove = forms.BooleanField(label=_("Remove the image"), required=False)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("remove") and data.get("background_image"):
            self.add_error("remove", _("Upload a new image or remove it, not both."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "image": data.get("background_image"),
            "alt": data.get("background_image_alt") or "",
            "remove": bool(data.get("remove")),
        }
