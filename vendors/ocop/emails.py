"""Emails about OCOP certificates to the shop's OWNER members, in each owner's language
(templates under ``ocop/templates/ocop/emails/``).

Sent by a Celery task queued after the transaction commits (``send_after_commit``).
"""

from marketplace.core.emails import send_templated_after_commit
from vendors.ocop.models import OcopCertificate
from vendors.shops.models import VendorMember, VendorMemberRole

KINDS = ("verified", "rejected", "revoked", "expiring")


def context_of(certificate: OcopCertificate) -> dict[str, str | int]:
    return {
        "product": certificate.product.name,
        "stars": certificate.stars,
        "decision": certificate.decision_number,
        "valid_until": certificate.valid_until.strftime("%d/%m/%Y"),
        "note": certificate.review_note,
    }


def notify_owners(certificate: OcopCertificate, kind: str) -> None:
    """Queue one email per active OWNER of the certificate's shop."""
    assert kind in KINDS, kind
    owners = VendorMember.objects.filter(
        vendor_id=certificate.vendor_id, role=VendorMemberRole.OWNER, user__is_active=True
    ).select_related("user")
    context = context_of(certificate)
    for member in owners:
        send_templated_after_commit(
            to=member.user.email,
            template=f"ocop/emails/{kind}",
            language=member.user.language_code,
            context=context,
        )
