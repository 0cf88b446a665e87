"""Emails to a shop's owners, in each owner's language."""

from marketplace.core.emails import send_after_commit
from vendors.shops.models import Vendor, VendorMemberRole

TEXTS = {
    "approved": {
        "vi": ("Cửa hàng {name} đã được duyệt", "Chúc mừng! Cửa hàng {name} đã mở trên Làng Nghề Market.\n"),
        "en": ("{name} is approved", "Congratulations! {name} is now open on Làng Nghề Market.\n"),
    },
    "suspended": {
        "vi": ("Cửa hàng {name} bị tạm ngừng", "Cửa hàng {name} đã bị tạm ngừng.\nLý do: {reason}\n"),
        "en": ("{name} is suspended", "{name} has been suspended.\nReason: {reason}\n"),
    },
}


def notify_owners(vendor: Vendor, kind: str, **params: str) -> None:
    owners = vendor.members.filter(role=VendorMemberRole.OWNER).select_related("user")
    for member in owners:
        language = "en" if member.user.language_code.startswith("en") else "vi"
        subject, body = TEXTS[kind][language]
        values = {"name": vendor.name, **params}
        send_after_commit(to=member.user.email, subject=subject.format(**values), body=body.format(**values))
