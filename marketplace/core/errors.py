"""The domain's refusals: a field, a code and a lazily translated message.

A service refuses an input with ``raise field_error("quantity", CheckoutErrorCode.INVALID,
_("Only %(available)s remaining in stock."), available=n)``:

- the message is a ``gettext_lazy`` string (imported as ``_``), English in the source and
  translated in the catalogue (``locale/``); values go in as ``%(name)s`` parameters, never
  into the text itself (an f-string would make every value a new, untranslated message);
- it is rendered where it is shown, in the language active there: the API's (English unless
  the client asks for Vietnamese), the back office's (its user's), an e-mail's (its reader's);
- ``field`` is the service's own input name in snake_case (the API converts it to its
  camelCase argument name); ``None`` is the whole input.

Helpers below the services (phone numbers, rich text...) raise a ``TranslatableError``
carrying the same lazy message and parameters; the service turns it into a field error with
``error.as_field_error(field, code)``. ``tests/marketplace/core/test_translatable_errors.py``
checks that no domain module raises an untranslatable message.
"""

from enum import Enum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import formats, translation
from django.utils.functional import Promise, lazy

if TYPE_CHECKING:  # django-stubs' type of a lazy translation (gettext_lazy's result)
    from django_stubs_ext import StrPromise

StrOrPromise = str | Promise  # text that may still be a lazy translation


def field_error(
    field: str | None, code: Enum | str, message: "StrPromise", /, **params: Any
) -> ValidationError:
    """A ``ValidationError`` keyed by ``field`` (``None``: the whole input) with one item:
    ``code`` (a member of the app's error-code enum) and ``message`` % ``params``. Params are
    also read by the API for an error's extra fields (``lines``, ``variants``...)."""
    value = code.value if isinstance(code, Enum) else code
    item = ValidationError(message, code=value, params=params or None)
    return ValidationError({field or NON_FIELD_ERRORS: [item]})


def render(message: Promise | str, params: dict[str, Any] | None = None) -> str:
    """The message in the active language with its parameters filled in."""
    return str(message % params) if params else str(message)


interpolated = lazy(render, str)
interpolated.__doc__ = """``render(message, params)`` kept lazy: a message with its values that is
translated only when shown (a shipping method's "too heavy" note, computed once, read later)."""


def _grouped(value: int) -> str:
    return f"{value:,}".replace(",", formats.get_format("THOUSAND_SEPARATOR"))


grouped = lazy(_grouped, str)
grouped.__doc__ = """A whole number in groups of three with the active language's separator
(10,000 in English, 10.000 in Vietnamese), as a lazy parameter of a message: formatted when
the message is."""


class TranslatableError(Exception):
    """A refusal raised below the services, on its way to becoming a field error.

    ``message`` is a lazy translation and ``params`` its values; ``str(error)`` is the
    English text (for logs and tracebacks)."""

    def __init__(self, message: "StrPromise", /, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(self.english())

    def english(self) -> str:
        with translation.override("en"):
            return render(self.message, self.params)

    def __str__(self) -> str:
        return self.english()

    def as_field_error(self, field: str | None, code: Enum | str) -> ValidationError:
        return field_error(field, code, self.message, **self.params)
