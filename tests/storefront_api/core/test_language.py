"""The API answers in English unless the client asks for Vietnamese (``Accept-Language``):
typed errors keep their ``field`` and ``code``, only the ``message`` is translated."""

import pytest

from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db

SIGN_IN = """mutation { tokenCreate(email: "nobody@example.vn", password: "wrong") {
  token errors { field code message } } }"""
RESET = """mutation ($channel: String) { requestPasswordReset(email: "khach@example.vn",
  redirectUrl: "http://localhost:3000/reset", channel: $channel) { errors { field code message } } }"""
ENGLISH = {"field": "email", "code": "INVALID_CREDENTIALS", "message": "Please, enter valid credentials."}
VIETNAMESE = {
    "field": "email",
    "code": "INVALID_CREDENTIALS",
    "message": "Vui lòng nhập đúng thông tin đăng nhập.",
}


def sign_in(**headers: str):
    response = ApiClient().post_graphql(SIGN_IN, **headers)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response


def test_english_by_default():
    response = sign_in()
    assert response.json()["data"]["tokenCreate"] == {"token": None, "errors": [ENGLISH]}
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_vietnamese_when_the_client_asks_for_it():
    response = sign_in(HTTP_ACCEPT_LANGUAGE="vi")
    assert response.json()["data"]["tokenCreate"] == {"token": None, "errors": [VIETNAMESE]}
    assert response["Content-Language"] == "vi"


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("vi-VN", "vi"),
        ("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", "vi"),  # a Vietnamese browser
        ("en-US,en;q=0.9,vi;q=0.8", "en"),
        ("fr-FR,fr;q=0.9", "en"),  # neither language: English
        ("fr, vi;q=0.5", "vi"),  # Vietnamese is the client's first language the API speaks
        ("en;q=0.4, vi;q=0.6", "vi"),  # by quality, not by order
        ("*", "en"),
        ("vi;q=0", "en"),  # "not Vietnamese"
        ("x" * 1000, "en"),  # garbage: English, no error
        ("", "en"),
    ],
)
def test_accept_language_picks_vi_or_en(header, language):
    response = sign_in(HTTP_ACCEPT_LANGUAGE=header)
    expected = VIETNAMESE if language == "vi" else ENGLISH
    assert response.json()["data"]["tokenCreate"]["errors"] == [expected]
    assert response["Content-Language"] == language


def test_the_language_cookie_of_the_back_office_does_not_change_the_api():
    client = ApiClient()
    client.cookies["django_language"] = "vi"
    response = client.post_graphql(SIGN_IN)
    assert response.json()["data"]["tokenCreate"]["errors"] == [ENGLISH]


def test_message_parameters_are_filled_in_either_language(seeded_channels):
    client = ApiClient()
    english = client.post_graphql(RESET, {"channel": "nope"}).json()["data"]["requestPasswordReset"]
    vietnamese = client.post_graphql(RESET, {"channel": "nope"}, HTTP_ACCEPT_LANGUAGE="vi").json()["data"][
        "requestPasswordReset"
    ]
    assert english == {
        "errors": [
            {"field": "channel", "code": "NOT_FOUND", "message": "Channel with 'nope' slug does not exist."}
        ]
    }
    assert vietnamese == {
        "errors": [
            {"field": "channel", "code": "NOT_FOUND", "message": "Không có kênh bán hàng với slug 'nope'."}
        ]
    }


def test_one_request_in_vietnamese_leaves_the_next_in_english():
    assert sign_in(HTTP_ACCEPT_LANGUAGE="vi").json()["data"]["tokenCreate"]["errors"] == [VIETNAMESE]
    assert sign_in().json()["data"]["tokenCreate"]["errors"] == [ENGLISH]
