"""The SMS (SpeedSMS-style) and Zalo ZNS clients against a local HTTP server that checks
each request: method, path, authentication, JSON body; the providers' answers mapped to
sent, a permanent refusal (FAILED, never retried) or a transient failure (retried)."""

import base64

import pytest

from marketplace.notifications.senders import (
    Message,
    PermanentSendError,
    SmsSender,
    TransientSendError,
    ZaloZnsSender,
)
from tests.marketplace.notifications.provider import provider

MESSAGE = Message(
    subject="Đơn hàng #1042 đã được đặt",
    body="...",
    short_text="Đơn hàng #1042 đã được đặt http://localhost:3000/checkout?order=x",
    template_id="231457",
    params={"number": "1042", "total": "265.000"},
)


@pytest.fixture
def sms(settings):  # type: ignore[no-untyped-def]
    settings.SMS_API_TOKEN, settings.SMS_SENDER, settings.SMS_TYPE = "tok-123", "LANGNGHE", 2
    settings.NOTIFICATION_HTTP_TIMEOUT_SECONDS = 1
    return settings


def test_sms_request_and_success(sms):
    with provider((200, {"status": "success", "code": "00", "data": {"tranId": 8812}}, 0)) as server:
        sms.SMS_API_URL = f"{server.url}/index.php/sms/send"
        message_id = SmsSender().send(address="+84912345678", message=MESSAGE, reference="lnm-1")
    assert message_id == "8812"
    (request,) = server.requests
    assert request["path"] == "/index.php/sms/send"
    assert request["headers"]["authorization"] == "Basic " + base64.b64encode(b"tok-123:x").decode()
    assert request["headers"]["content-type"] == "application/json"
    assert request["json"] == {
        "to": ["84912345678"],
        "content": MESSAGE.short_text,
        "sms_type": 2,
        "sender": "LANGNGHE",
    }


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (200, {"status": "error", "code": "007", "message": "invalid phone"}, PermanentSendError),
        (401, {"status": "error", "message": "unauthorized"}, PermanentSendError),
        (200, b"<html>not json</html>", PermanentSendError),
        (500, {}, TransientSendError),
        (503, {}, TransientSendError),
        (429, {}, TransientSendError),
    ],
)
def test_sms_refusals_and_failures(sms, status, body, error):
    with provider((status, body, 0)) as server:
        sms.SMS_API_URL = f"{server.url}/sms"
        with pytest.raises(error):
            SmsSender().send(address="+84912345678", message=MESSAGE, reference="lnm-1")


def test_a_slow_provider_is_a_transient_failure(sms):
    sms.NOTIFICATION_HTTP_TIMEOUT_SECONDS = 0.2
    with provider((200, {"status": "success"}, 1.0)) as server:
        sms.SMS_API_URL = f"{server.url}/sms"
        with pytest.raises(TransientSendError):
            SmsSender().send(address="+84912345678", message=MESSAGE, reference="lnm-1")


def test_an_unreachable_provider_is_a_transient_failure(sms):
    sms.SMS_API_URL = "http://127.0.0.1:9/sms"  # discard port: refused
    with pytest.raises(TransientSendError):
        SmsSender().send(address="+84912345678", message=MESSAGE, reference="lnm-1")


def test_zalo_request_and_success(settings):
    settings.ZALO_ZNS_ACCESS_TOKEN = "zalo-token"
    with provider((200, {"error": 0, "message": "Success", "data": {"msg_id": "a1b2"}}, 0)) as server:
        settings.ZALO_ZNS_API_URL = f"{server.url}/message/template"
        message_id = ZaloZnsSender().send(address="+84912345678", message=MESSAGE, reference="lnm-7")
    assert message_id == "a1b2"
    (request,) = server.requests
    assert request["path"] == "/message/template"
    assert request["headers"]["access_token"] == "zalo-token"
    assert request["json"] == {
        "phone": "84912345678",
        "template_id": "231457",
        "template_data": {"number": "1042", "total": "265.000"},
        "tracking_id": "lnm-7",
    }


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (200, {"error": -124, "message": "Access token invalid"}, PermanentSendError),
        (200, {"error": -108, "message": "Phone number invalid"}, PermanentSendError),
        (502, {}, TransientSendError),
    ],
)
def test_zalo_refusals_and_failures(settings, status, body, error):
    with provider((status, body, 0)) as server:
        settings.ZALO_ZNS_API_URL = f"{server.url}/message/template"
        with pytest.raises(error):
            ZaloZnsSender().send(address="+84912345678", message=MESSAGE, reference="lnm-7")
