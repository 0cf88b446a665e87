"""Template helpers of the back office: ``vnd`` (the one money format), ``component``, and
``field`` (the one field template)."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.forms import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def vnd(value: Any) -> str:
    """125000 -> "125.000 ₫" (Vietnamese grouping, whole đồng, a no-break space before the sign)."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(getattr(value, "amount", value))).quantize(Decimal(1))
    except (InvalidOperation, ValueError):
        return ""
    sign = "−" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + "\u00a0₫"


@register.filter
def capped(value: Any) -> str:
    """A capped count (``backoffice.counts``): "12", or "1.000+" beyond the cap."""
    from backoffice.counts import capped as shown

    return shown(value)


@register.simple_tag(takes_context=True)
def component(context: template.Context, obj: Any) -> SafeString:
    return obj.render_html(context.flatten())


@register.simple_tag
def field(bound: BoundField, **options: Any) -> SafeString:
    """Label, help text, errors and the input, wired with aria-describedby and aria-invalid."""
    return SafeString(render_to_string("backoffice/components/field.html", {"field": bound, **options}))
