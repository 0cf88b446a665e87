"""Every kind of e-mail is a pair of translated templates, rendered in its reader's language:
subject and body in Vietnamese (the base language) and in English."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import TestCase

from marketplace.accounts import emails as account_emails
from marketplace.core.emails import email_language, render_email
from marketplace.curation import emails as curation_emails
from marketplace.notifications.events import EVENTS
from tests.factories import UserFactory
from vendors.ocop import emails as ocop_emails
from vendors.shops import emails as shop_emails

LINK = "http://localhost:3000/confirm?email=lan%40example.vn&token=abc"
PRODUCT = {"product": "Bình gốm men lam", "note": "Ảnh mờ & thiếu nhãn"}
CERTIFICATE = {
    "product": "Trà sen Tây Hồ",
    "stars": 4,
    "decision": "12/QĐ-UBND",
    "valid_until": "31/12/2028",
    "note": "Hết hiệu lực",
}

# (template, context, (English subject, a line of the English body), (Vietnamese ones))
KINDS = [
    (
        "accounts/emails/confirm",
        {"link": LINK},
        ("Confirm your Làng Nghề Market account", "Open this link to confirm your account:\n" + LINK),
        ("Xác nhận tài khoản Làng Nghề Market", "Mở liên kết sau để xác nhận tài khoản:\n" + LINK),
    ),
    (
        "accounts/emails/exists",
        {},
        (
            "Your Làng Nghề Market account",
            "This address already has an account. If you forgot the password, reset it.",
        ),
        (
            "Tài khoản Làng Nghề Market",
            "Địa chỉ email này đã có tài khoản. Nếu quên mật khẩu, hãy đặt lại mật khẩu.",
        ),
    ),
    (
        "accounts/emails/reset",
        {"link": LINK},
        ("Reset your password", "Open this link to choose a new password:\n" + LINK),
        ("Đặt lại mật khẩu", "Mở liên kết sau để đặt mật khẩu mới:\n" + LINK),
    ),
    (
        "accounts/emails/delete",
        {"link": LINK},
        (
            "Confirm the deletion of your Làng Nghề Market account",
            "(Decree 13/2023/NĐ-CP). The link is valid for 3 days.",
        ),
        (
            "Xác nhận xoá tài khoản Làng Nghề Market",
            "(Nghị định 13/2023/NĐ-CP). Liên kết có hiệu lực 3 ngày.",
        ),
    ),
    (
        "orders/emails/confirmation",
        {"number": "1042", "total": "265.000", "lines": "- Bình gốm Loại 0 × 2"},
        ("Order #1042 is placed", "Order #1042: 265.000 VND.\n- Bình gốm Loại 0 × 2"),
        ("Đơn hàng #1042 đã được đặt", "Đơn hàng #1042: 265.000 ₫.\n- Bình gốm Loại 0 × 2"),
    ),
    (
        "orders/emails/vendor_new_order",
        {"number": "1042", "vendor": "Gốm Minh", "subtotal": "240.000", "lines": "- Bình gốm × 2"},
        ("New order #1042", "Gốm Minh has a new order #1042: 240.000 VND.\n- Bình gốm × 2"),
        ("Đơn hàng mới #1042", "Cửa hàng Gốm Minh có đơn hàng mới #1042: 240.000 ₫.\n- Bình gốm × 2"),
    ),
    (
        "orders/emails/shipped",
        {
            "number": "1042",
            "vendor": "Gốm Minh",
            "carrier": "GHN",
            "tracking": "GHN123",
            "lines": "- Bình gốm × 2",
        },
        (
            "Order #1042 is on its way",
            "The items from Gốm Minh in order #1042 have been shipped.\nCarrier: GHN\nTracking number: GHN123\n- Bình gốm × 2",
        ),
        (
            "Đơn hàng #1042 đã được gửi đi",
            "Hàng của Gốm Minh trong đơn #1042 đã được gửi đi.\nĐơn vị vận chuyển: GHN\nMã vận đơn: GHN123\n- Bình gốm × 2",
        ),
    ),
    (
        "orders/emails/ready_for_pickup",
        {"number": "1042", "vendor": "Gốm Minh", "point": "Trung tâm Thiết kế Sáng tạo Hà Nội"},
        (
            "Order #1042 is ready for pickup",
            "The items from Gốm Minh in order #1042 are ready at Trung tâm Thiết kế Sáng tạo Hà Nội.",
        ),
        (
            "Đơn hàng #1042 đã sẵn sàng để nhận",
            "Hàng của Gốm Minh trong đơn #1042 đã sẵn sàng tại Trung tâm Thiết kế Sáng tạo Hà Nội.",
        ),
    ),
    (
        "curation/emails/approved",
        PRODUCT,
        ("Bình gốm men lam is in the Design Centre showcase", "A curator approved Bình gốm men lam;"),
        ("Bình gốm men lam đã được chọn vào Trung tâm Thiết kế", "đã được giám tuyển duyệt"),
    ),
    (
        "curation/emails/rejected",
        PRODUCT,
        ("Bình gốm men lam was not selected for the Design Centre", "Reason: Ảnh mờ & thiếu nhãn"),
        ("Bình gốm men lam chưa được chọn vào Trung tâm Thiết kế", "Lý do: Ảnh mờ & thiếu nhãn"),
    ),
    (
        "curation/emails/withdrawn",
        PRODUCT,
        (
            "Bình gốm men lam is withdrawn from the Design Centre",
            "is no longer listed in the Design Centre channel.",
        ),
        ("Bình gốm men lam đã rút khỏi Trung tâm Thiết kế", "sản phẩm không còn hiển thị trong kênh này."),
    ),
    (
        "shops/emails/approved",
        {"name": "Gốm Minh"},
        ("Gốm Minh is approved", "Congratulations! Gốm Minh is now open on Làng Nghề Market."),
        ("Cửa hàng Gốm Minh đã được duyệt", "Chúc mừng! Cửa hàng Gốm Minh đã mở trên Làng Nghề Market."),
    ),
    (
        "shops/emails/rejected",
        {"name": "Gốm Minh", "reason": "Thiếu địa chỉ xưởng"},
        (
            "Gốm Minh: your application was not accepted",
            "Your application to open Gốm Minh on Làng Nghề Market was not accepted.\n"
            "Reason: Thiếu địa chỉ xưởng\nYou may apply again",
        ),
        (
            "Cửa hàng Gốm Minh: đơn đăng ký chưa được chấp nhận",
            "Đơn đăng ký mở cửa hàng Gốm Minh trên Làng Nghề Market chưa được chấp nhận.\n"
            "Lý do: Thiếu địa chỉ xưởng\nBạn có thể đăng ký lại",
        ),
    ),
    (
        "shops/emails/suspended",
        {"name": "Gốm Minh", "reason": "Vi phạm"},
        ("Gốm Minh is suspended", "Gốm Minh has been suspended.\nReason: Vi phạm"),
        ("Cửa hàng Gốm Minh bị tạm ngừng", "Cửa hàng Gốm Minh đã bị tạm ngừng.\nLý do: Vi phạm"),
    ),
    (
        "ocop/emails/verified",
        CERTIFICATE,
        (
            "The 4-star OCOP certificate of Trà sen Tây Hồ is verified",
            "The OCOP badge shows on the product until 31/12/2028 included.",
        ),
        (
            "Chứng nhận OCOP 4 sao của Trà sen Tây Hồ đã được xác minh",
            "Huy hiệu OCOP hiển thị trên sản phẩm đến hết ngày 31/12/2028.",
        ),
    ),
    (
        "ocop/emails/rejected",
        CERTIFICATE,
        (
            "The OCOP certificate of Trà sen Tây Hồ is rejected",
            "(decision 12/QĐ-UBND) of Trà sen Tây Hồ is rejected.",
        ),
        ("Chứng nhận OCOP của Trà sen Tây Hồ bị từ chối", "Lý do: Hết hiệu lực"),
    ),
    (
        "ocop/emails/revoked",
        CERTIFICATE,
        (
            "The OCOP certificate of Trà sen Tây Hồ is revoked",
            "the OCOP badge no longer shows.\nReason: Hết hiệu lực",
        ),
        (
            "Chứng nhận OCOP của Trà sen Tây Hồ bị thu hồi",
            "huy hiệu OCOP không còn hiển thị.\nLý do: Hết hiệu lực",
        ),
    ),
    (
        "ocop/emails/expiring",
        CERTIFICATE,
        (
            "The OCOP certificate of Trà sen Tây Hồ expires on 31/12/2028",
            "submit the new decision to keep the OCOP badge.",
        ),
        (
            "Chứng nhận OCOP của Trà sen Tây Hồ hết hạn ngày 31/12/2028",
            "Hãy đánh giá lại và gửi quyết định mới để giữ huy hiệu OCOP.",
        ),
    ),
    (
        "orders/emails/ready_for_pickup",
        {
            "number": "1042",
            "vendor": "Gốm Minh",
            "point": "Xưởng Gốm Minh",
            "address": "Xóm 3, Xã Bát Tràng, Thành phố Hà Nội",
            "hours": "8:00–17:00",
            "link": "http://localhost:3000/checkout?order=T3JkZXI6MQ==",
        },
        (
            "Order #1042 is ready for pickup",
            "Opening hours: 8:00–17:00\nFollow your order: http://localhost:3000/checkout?order=T3JkZXI6MQ==",
        ),
        (
            "Đơn hàng #1042 đã sẵn sàng để nhận",
            "Địa chỉ: Xóm 3, Xã Bát Tràng, Thành phố Hà Nội\nGiờ mở cửa: 8:00–17:00",
        ),
    ),
    (
        "notifications/emails/return_updated",
        {"number": "1042", "vendor": "Gốm Minh", "status": "ACCEPTED", "note": "Gửi lại trong 3 ngày"},
        ("Your return for order #1042: accepted", "Note from the shop: Gửi lại trong 3 ngày"),
        (
            "Trả hàng đơn #1042: đã chấp nhận",
            "Yêu cầu trả hàng của Gốm Minh trong đơn #1042 hiện: đã chấp nhận.",
        ),
    ),
    (
        "notifications/emails/refund_updated",
        {"number": "1042", "amount": "265.000", "status": "SUCCESS"},
        ("Refund for order #1042: completed", "The refund of 265.000 VND for order #1042 is now: completed."),
        ("Hoàn tiền đơn #1042: đã hoàn tất", "Khoản hoàn 265.000 ₫ của đơn #1042 hiện: đã hoàn tất."),
    ),
    (
        "notifications/emails/vendor_return_requested",
        {"number": "1042", "vendor": "Gốm Minh", "reason": "Bình bị nứt", "lines": "- Bình gốm × 1"},
        ("Return requested for order #1042", "Reason: Bình bị nứt\n- Bình gốm × 1"),
        ("Yêu cầu trả hàng cho đơn #1042", "Người mua đơn #1042 yêu cầu Gốm Minh nhận lại hàng."),
    ),
    (
        "notifications/emails/vendor_review_new",
        {"number": "1042", "product": "Bình gốm", "rating": 5, "text": "Đẹp & chắc"},
        ("New 5-star review of Bình gốm", 'A buyer of order #1042 gave Bình gốm 5 stars.\n"Đẹp & chắc"'),
        ("Đánh giá 5 sao mới cho Bình gốm", "Bạn có thể trả lời công khai một lần."),
    ),
    (
        "notifications/emails/review_hidden",
        {"product": "Bình gốm", "reason": "Quảng cáo"},
        ("Your review of Bình gốm is hidden", "Reason: Quảng cáo"),
        ("Đánh giá của bạn về Bình gốm đã bị ẩn", "Lý do: Quảng cáo"),
    ),
    (
        "notifications/emails/showcase_submission_new",
        {"product": "Bình gốm", "vendor": "Gốm Minh", "pitch": "Men lam"},
        ("Showcase proposal: Bình gốm", "Gốm Minh proposes Bình gốm for the Design Centre showcase."),
        ("Đề xuất trưng bày: Bình gốm", "Gốm Minh đề xuất Bình gốm vào Trung tâm Thiết kế."),
    ),
    (
        "notifications/emails/ocop_certificate_submitted",
        {**CERTIFICATE, "vendor": "Trà Tây Hồ"},
        (
            "OCOP certificate to review: Trà sen Tây Hồ",
            "Trà Tây Hồ sent a 4-star OCOP certificate (12/QĐ-UBND) for Trà sen Tây Hồ.",
        ),
        ("Chứng nhận OCOP cần xem xét: Trà sen Tây Hồ", "Hãy xác minh hoặc từ chối trong trang giám tuyển."),
    ),
    (
        "notifications/emails/vendor_application_new",
        {"name": "Gốm Minh", "village": "Bát Tràng"},
        ("New shop application: Gốm Minh", "Gốm Minh in Bát Tràng applies to open a shop."),
        ("Đơn mở cửa hàng mới: Gốm Minh", "Cửa hàng Gốm Minh ở Bát Tràng xin mở trên sàn."),
    ),
]


@pytest.mark.parametrize(("template", "context", "english", "vietnamese"), KINDS, ids=[k[0] for k in KINDS])
def test_each_kind_of_email_reads_in_english_and_vietnamese(template, context, english, vietnamese):
    for language, (subject, line) in (("en", english), ("vi", vietnamese)):
        rendered_subject, body = render_email(template, language=language, context=context)
        assert rendered_subject == subject
        assert line in body, body
        assert body.endswith("\n") and not body.endswith("\n\n")
        assert "&amp;" not in body and "&amp;" not in rendered_subject  # plain text: nothing escaped


def test_every_template_of_the_apps_is_tested():
    """A new kind of e-mail gets its row above (both languages)."""
    found = set()
    for app in ("marketplace", "vendors"):
        for path in (Path(settings.BASE_DIR) / app).glob("*/templates/*/emails/*_subject.txt"):
            found.add(f"{path.parent.parent.name}/emails/{path.name.removesuffix('_subject.txt')}")
            assert path.with_name(path.name.replace("_subject", "_body")).is_file()
    assert found == {kind[0] for kind in KINDS}
    assert {event.template for event in EVENTS.values()} <= found
    for module, prefix in (
        (curation_emails, "curation"),
        (ocop_emails, "ocop"),
        (shop_emails, "shops"),
    ):
        assert {f"{prefix}/emails/{kind}" for kind in module.KINDS} <= found


@pytest.mark.parametrize(
    ("code", "language"),
    [("vi", "vi"), ("en", "en"), ("EN", "en"), ("en-GB", "en"), ("fr", "vi"), ("", "vi"), (None, "vi")],
)
def test_an_email_is_in_english_only_for_an_english_reader(code, language):
    assert email_language(code) == language


@pytest.mark.django_db
def test_the_recipients_language_is_used_whatever_the_request_speaks():
    """An English reader gets English even when the request that sent it was in Vietnamese
    (and the other way round): the language is the reader's, not the caller's."""
    from django.utils import translation

    english, vietnamese = UserFactory(language_code="en"), UserFactory(language_code="vi")
    with TestCase.captureOnCommitCallbacks(execute=True), translation.override("vi"):
        account_emails.send_password_reset(english, redirect_url="http://localhost:3000/reset", token="t")
    with TestCase.captureOnCommitCallbacks(execute=True), translation.override("en"):
        account_emails.send_password_reset(vietnamese, redirect_url="http://localhost:3000/reset", token="t")
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([english.email], "Reset your password"),
        ([vietnamese.email], "Đặt lại mật khẩu"),
    ]
    assert translation.get_language() == settings.LANGUAGE_CODE  # nothing leaked out of the override
