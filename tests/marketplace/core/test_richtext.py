"""The rich-text rules of ``marketplace.core.richtext`` (over HTTP in the writers' tests)."""

import pytest

from marketplace.core.richtext import (
    LINK_REL,
    InvalidRichText,
    clean_inline_html,
    clean_plain_text,
    clean_rich_text,
    html_to_text,
)
from tests.richtext_cases import CLEANED, HOSTILE, nested_list, paragraph


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;&#x61;vascript&colon;alert(1)",
        "java&#x09;script:alert(1)",
        "java\nscript:alert(1)",
        "  javascript:alert(1)",
        "\x01javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
    ],
)
def test_links_with_unsafe_schemes_lose_their_href(href):
    assert clean_inline_html(f'<a href="{href}">x</a>') == f'<a rel="{LINK_REL}">x</a>'


@pytest.mark.parametrize(
    "href",
    [
        "https://langnghe.vn/x?a=1&amp;b=2",
        "http://example.vn",
        "mailto:lan@example.vn",
        "tel:+84912345678",
        "/san-pham/binh",
    ],
)
def test_safe_links_keep_their_href(href):
    assert clean_inline_html(f'<a href="{href}">x</a>') == f'<a href="{href}" rel="{LINK_REL}">x</a>'


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (
            "<b>đậm</b> <i>nghiêng</i> <u>gạch</u> <s>xoá</s> a<br>b",
            "<b>đậm</b> <i>nghiêng</i> <u>gạch</u> <s>xoá</s> a<br>b",
        ),
        ('<mark class="cdx-marker evil">m</mark>', '<mark class="cdx-marker">m</mark>'),
        ('<b onmouseover="x()" style="color:red" id="a">b</b>', "<b>b</b>"),
        ("<script>alert(1)</script>ok", "ok"),
        ("<style>*{}</style>ok", "ok"),
        ("<div><p>đoạn</p></div>", "đoạn"),
        ("<!-- bình luận -->ok", "ok"),
        ("<svg><script>alert(1)</script></svg>ok", "ok"),
        ('<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '&lt;p title=""&gt;'),
        ("a < b & c", "a &lt; b &amp; c"),
        ("<b>chưa đóng", "<b>chưa đóng</b>"),
    ],
)
def test_inline_html_keeps_only_the_allowed_markup(dirty, clean):
    assert clean_inline_html(dirty) == clean
    assert clean_inline_html(clean) == clean  # idempotent


def test_cleaning_a_cleaned_document_changes_nothing():
    once = clean_rich_text(HOSTILE)
    assert once.document == CLEANED
    assert clean_rich_text(once.document) == once


def test_empty_values_clear_the_description():
    for value in (None, "", {}):
        assert clean_rich_text(value).document is None


def test_html_to_text_decodes_entities_and_separates_lines():
    assert html_to_text("<b>Gốm</b>&amp;sứ<br>Bát&nbsp;Tràng") == "Gốm&sứ Bát Tràng"


def test_lenient_cleaning_drops_what_strict_cleaning_refuses():
    stored = {
        "blocks": [
            paragraph("<b>giữ</b><script>x()</script>"),
            {"type": "raw", "data": {"html": "<script>alert(1)</script>"}},
            {"type": "image", "data": {"file": {"url": "javascript:alert(1)"}}},
            nested_list(12),
            "<p>not a block</p>",
            paragraph("lại"),
        ]
        + [paragraph("x")] * 250
    }
    with pytest.raises(InvalidRichText):
        clean_rich_text(stored)
    lenient = clean_rich_text(stored, lenient=True)
    assert lenient.document["blocks"][:2] == [paragraph("<b>giữ</b>"), paragraph("lại")]
    assert len(lenient.document["blocks"]) == 252
    assert clean_rich_text("not json", lenient=True).document is None
    assert clean_rich_text({"blocks": "x"}, lenient=True).document is None


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("Gốm <b>Bát Tràng</b>", "Gốm Bát Tràng"),
        ("a < b & c > d", "a < b & c > d"),
        ("<script>alert(1)</script>Lụa", "Lụa"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Lụa", "Lụa"),
        ("&amp;lt;img src=x onerror=alert(1)&amp;gt;Lụa", "Lụa"),
        ("R&amp;D", "R&D"),
        ("  nhiều    khoảng   trắng ", "nhiều khoảng trắng"),
    ],
)
def test_plain_text_reads_the_same_as_text_and_as_html(dirty, clean):
    assert clean_plain_text(dirty) == clean
    assert clean_plain_text(clean) == clean


def test_plain_text_that_never_settles_is_refused_or_defused():
    nested = "&" + "amp;" * 12 + "lt;script&gt;alert(1)"  # each pass unwraps one level
    with pytest.raises(InvalidRichText):
        clean_plain_text(nested)
    defused = clean_plain_text(nested, lenient=True)
    assert "<" not in defused and "&" not in defused
