"""Emails about showcase decisions to the shop's active OWNER members, in each owner's language
(templates under ``curation/templates/curation/emails/``).

Sent by a Celery task queued after the transaction commits (``send_after_commit``).
"""

from marketplace.core.emails import send_templated_after_commit
from marketplace.curation.models import ShowcaseSubmission
from vendors.shops.models import VendorMember, VendorMemberRole

KINDS = ("approved", "rejected", "withdrawn")


def notify_owners(submission: ShowcaseSubmission, kind: str) -> None:
    """Queue one email per active OWNER of the submission's shop."""
    assert kind in KINDS, kind
    owners = VendorMember.objects.filter(
        vendor_id=submission.vendor_id, role=VendorMemberRole.OWNER, user__is_active=True
    ).select_related("user")
    context = {"product": submission.product.name, "note": submission.curator_note}
    for member in owners:
        send_templated_after_commit(
            to=member.user.email,
            template=f"curation/emails/{kind}",
            language=member.user.language_code,
            context=context,
        )
