"""Emails to a shop's owners, in each owner's language: templates under
``shops/templates/shops/emails/``."""

from marketplace.core.emails import send_templated_after_commit
from vendors.shops.models import Vendor, VendorMemberRole

KINDS = ("approved", "rejected", "suspended")


def notify_owners(vendor: Vendor, kind: str, **params: str) -> None:
    assert kind in KINDS, kind
    owners = vendor.members.filter(role=VendorMemberRole.OWNER).select_related("user")
    for member in owners:
        send_templated_after_commit(
            to=member.user.email,
            template=f"shops/emails/{kind}",
            language=member.user.language_code,
            context={"name": vendor.name, **params},
        )
