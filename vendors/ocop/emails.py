"""Emails about OCOP certificates to the shop's OWNER members, in each owner's language.

Sent by a Celery task queued after the transaction commits (``send_after_commit``).
"""

from marketplace.core.emails import send_after_commit
from vendors.ocop.models import OcopCertificate
from vendors.shops.models import VendorMember, VendorMemberRole

TEXTS = {
    "verified": {
        "vi": (
            "Chứng nhận OCOP {stars} sao của {product} đã được xác minh",
            "Chứng nhận OCOP {stars} sao (quyết định {decision}) của sản phẩm {product} đã được xác "
            "minh. Huy hiệu OCOP hiển thị trên sản phẩm đến hết ngày {valid_until}.\n",
        ),
        "en": (
            "The {stars}-star OCOP certificate of {product} is verified",
            "The {stars}-star OCOP certificate (decision {decision}) of {product} is verified. The OCOP "
            "badge shows on the product until {valid_until} included.\n",
        ),
    },
    "rejected": {
        "vi": (
            "Chứng nhận OCOP của {product} bị từ chối",
            "Chứng nhận OCOP (quyết định {decision}) của sản phẩm {product} bị từ chối.\nLý do: {note}\n",
        ),
        "en": (
            "The OCOP certificate of {product} is rejected",
            "The OCOP certificate (decision {decision}) of {product} is rejected.\nReason: {note}\n",
        ),
    },
    "revoked": {
        "vi": (
            "Chứng nhận OCOP của {product} bị thu hồi",
            "Chứng nhận OCOP {stars} sao (quyết định {decision}) của sản phẩm {product} đã bị thu hồi; "
            "huy hiệu OCOP không còn hiển thị.\nLý do: {note}\n",
        ),
        "en": (
            "The OCOP certificate of {product} is revoked",
            "The {stars}-star OCOP certificate (decision {decision}) of {product} is revoked; the OCOP "
            "badge no longer shows.\nReason: {note}\n",
        ),
    },
    "expiring": {
        "vi": (
            "Chứng nhận OCOP của {product} hết hạn ngày {valid_until}",
            "Chứng nhận OCOP {stars} sao (quyết định {decision}) của sản phẩm {product} hết hiệu lực sau "
            "ngày {valid_until}. Hãy đánh giá lại và gửi quyết định mới để giữ huy hiệu OCOP.\n",
        ),
        "en": (
            "The OCOP certificate of {product} expires on {valid_until}",
            "The {stars}-star OCOP certificate (decision {decision}) of {product} is valid until "
            "{valid_until}. Have the product re-evaluated and submit the new decision to keep the "
            "OCOP badge.\n",
        ),
    },
}


def notify_owners(certificate: OcopCertificate, kind: str) -> None:
    """Queue one email per active OWNER of the certificate's shop."""
    owners = VendorMember.objects.filter(
        vendor_id=certificate.vendor_id, role=VendorMemberRole.OWNER, user__is_active=True
    ).select_related("user")
    values = {
        "product": certificate.product.name,
        "stars": certificate.stars,
        "decision": certificate.decision_number,
        "valid_until": certificate.valid_until.strftime("%d/%m/%Y"),
        "note": certificate.review_note,
    }
    for member in owners:
        language = "en" if member.user.language_code.startswith("en") else "vi"
        subject, body = TEXTS[kind][language]
        send_after_commit(to=member.user.email, subject=subject.format(**values), body=body.format(**values))
