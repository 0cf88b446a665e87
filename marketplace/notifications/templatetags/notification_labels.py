"""``{{ status|status_label }}``: a return's or refund's state, in the reader's language
(the messages are rendered under the recipient's language)."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATUS_LABELS = {
    "REQUESTED": _("requested"),
    "ACCEPTED": _("accepted"),
    "REFUSED": _("refused"),
    "RECEIVED": _("goods received"),
    "REFUNDED": _("refunded"),
    "PENDING": _("in progress"),
    "SUCCESS": _("completed"),
    "FAILED": _("failed"),
}


@register.filter
def status_label(value: str) -> str:
    return str(STATUS_LABELS.get(str(value), value))
