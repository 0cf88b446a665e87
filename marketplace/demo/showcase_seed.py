"""Demo showcase submissions: every product the demo lists in the design-centre channel is
recorded as APPROVED (its listing already exists), and two open-marketplace products wait
for, or were refused by, the curators. Idempotent: a product with a submission is skipped."""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from marketplace.catalog.models import Product
from marketplace.channels.models import Channel
from marketplace.curation.models import ShowcaseSubmission, ShowcaseSubmissionStatus

PITCH = "Sản phẩm thủ công tiêu biểu của làng nghề, mong được giới thiệu tại Trung tâm Thiết kế."
REJECT_NOTE = "Ảnh sản phẩm chưa rõ; vui lòng bổ sung ảnh chụp chi tiết hoa văn rồi gửi lại."


def seed_showcase(log: Callable[[str], None]) -> int:
    default = Channel.objects.filter(slug=settings.DEFAULT_CHANNEL_SLUG).first()
    showcase = Channel.objects.filter(slug=settings.SHOWCASE_CHANNEL_SLUG).first()
    if default is None or showcase is None:
        log("showcase submissions: skipped (channels missing)")
        return 0
    submitted = ShowcaseSubmission.objects.values("product_id")
    in_showcase = Product.objects.published(showcase.pk).exclude(pk__in=submitted).order_by("slug")
    outside = (
        Product.objects.published(default.pk)
        .exclude(pk__in=Product.objects.published(showcase.pk).values("pk"))
        .exclude(pk__in=submitted)
        .order_by("slug")
    )
    already = ShowcaseSubmission.objects.exists()
    now = timezone.now()
    # Every product the demo lists in the showcase was approved: the channel holds nothing else.
    plan = [(p, ShowcaseSubmissionStatus.APPROVED, "") for p in in_showcase]
    if not already:
        others = list(outside[:2])
        plan += list(
            zip(
                others,
                (ShowcaseSubmissionStatus.PENDING, ShowcaseSubmissionStatus.REJECTED),
                ("", REJECT_NOTE),
                strict=False,
            )
        )
    created = 0
    with transaction.atomic():
        for product, status, note in plan:
            ShowcaseSubmission.objects.create(
                product=product,
                vendor_id=product.vendor_id,
                status=status,
                pitch=PITCH,
                curator_note=note,
                reviewed_at=None if status == ShowcaseSubmissionStatus.PENDING else now,
            )
            created += 1
    log(f"showcase submissions: {ShowcaseSubmission.objects.count()} ({created} new)")
    return created
