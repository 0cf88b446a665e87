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
