"""Every event the marketplace tells people about: its name (the key of a delivery, of a
Zalo template in ``ZALO_ZNS_TEMPLATES``), who receives it and its e-mail templates
(``<template>_subject.txt`` / ``_body.txt``, rendered in the recipient's language; an SMS
carries the subject line and the link, Zalo the template's parameters)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    name: str
    audience: str  # "buyer", "artisan", "author", "curator", "staff": for the README's table
    template: str


EVENTS: dict[str, Event] = {
    event.name: event
    for event in (
        Event("order_confirmation", "buyer", "orders/emails/confirmation"),
        Event("order_shipped", "buyer", "orders/emails/shipped"),
        Event("order_ready_for_pickup", "buyer", "orders/emails/ready_for_pickup"),
        Event("return_updated", "buyer", "notifications/emails/return_updated"),
        Event("refund_updated", "buyer", "notifications/emails/refund_updated"),
        Event("review_hidden", "author", "notifications/emails/review_hidden"),
        Event("vendor_order_new", "artisan", "orders/emails/vendor_new_order"),
        Event("vendor_return_requested", "artisan", "notifications/emails/vendor_return_requested"),
        Event("vendor_review_new", "artisan", "notifications/emails/vendor_review_new"),
        Event("ocop_expiring", "artisan", "ocop/emails/expiring"),
        Event("showcase_submission_new", "curator", "notifications/emails/showcase_submission_new"),
        Event("ocop_certificate_submitted", "curator", "notifications/emails/ocop_certificate_submitted"),
        Event("vendor_application_new", "staff", "notifications/emails/vendor_application_new"),
    )
}
