"""Emails about showcase decisions to the shop's active OWNER members, in each owner's language.

Sent by a Celery task queued after the transaction commits (``send_after_commit``).
"""

from marketplace.core.emails import send_after_commit
from marketplace.curation.models import ShowcaseSubmission
from vendors.shops.models import VendorMember, VendorMemberRole

TEXTS = {
    "approved": {
        "vi": (
            "{product} đã được chọn vào Trung tâm Thiết kế",
            "Sản phẩm {product} đã được giám tuyển duyệt và hiển thị trong kênh Trung tâm Thiết kế.\n{note}",
        ),
        "en": (
            "{product} is in the Design Centre showcase",
            "A curator approved {product}; it is now listed in the Design Centre channel.\n{note}",
        ),
    },
    "rejected": {
        "vi": (
            "{product} chưa được chọn vào Trung tâm Thiết kế",
            "Đề xuất sản phẩm {product} vào Trung tâm Thiết kế chưa được duyệt.\nLý do: {note}\n",
        ),
        "en": (
            "{product} was not selected for the Design Centre",
            "The showcase submission of {product} was not approved.\nReason: {note}\n",
        ),
    },
    "withdrawn": {
        "vi": (
            "{product} đã rút khỏi Trung tâm Thiết kế",
            "Đề xuất sản phẩm {product} vào Trung tâm Thiết kế đã được rút; sản phẩm không còn hiển thị "
            "trong kênh này.\n",
        ),
        "en": (
            "{product} is withdrawn from the Design Centre",
            "The showcase submission of {product} is withdrawn; the product is no longer listed in the "
            "Design Centre channel.\n",
        ),
    },
}


def notify_owners(submission: ShowcaseSubmission, kind: str) -> None:
    """Queue one email per active OWNER of the submission's shop."""
    owners = VendorMember.objects.filter(
        vendor_id=submission.vendor_id, role=VendorMemberRole.OWNER, user__is_active=True
    ).select_related("user")
    values = {"product": submission.product.name, "note": submission.curator_note}
    for member in owners:
        language = "en" if member.user.language_code.startswith("en") else "vi"
        subject, body = TEXTS[kind][language]
        send_after_commit(to=member.user.email, subject=subject.format(**values), body=body.format(**values))
