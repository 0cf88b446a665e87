"""Hostile rich text shared by the tests of every description writer: what a seller (or a
stolen curator account) could plant, what must be left of it, and documents to refuse."""

import json
from typing import Any

LINK_REL = "noopener noreferrer nofollow"

# Script, event handlers, javascript:/data: links (with case, entity and whitespace tricks),
# nested lists, unknown keys -- and harmless formatting that must survive.
HOSTILE: dict[str, Any] = {
    "time": 1767225600000,
    "version": "2.28.2",
    "blocks": [
        {
            "id": "p-1",
            "type": "paragraph",
            "data": {
                "text": "<b>Hoa sen</b> <i>vẽ tay</i> <script>trommatkhau(document.cookie)</script>"
                '<img src=x onerror="alert(1)"><style>body{display:none}</style>',
                "alignment": "center",
                "onload": "<script>alert(1)</script>",
            },
            "tunes": {"footnotes": ["<script>alert(1)</script>"]},
        },
        {
            "type": "paragraph",
            "data": {
                "text": '<a href="javascript:alert(1)">một</a> <a href="JaVaScRiPt&#58;alert(1)">hai</a> '
                '<a href=" &#x6A;ava&#x09;script:alert(1)">ba</a> '
                '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bốn</a> '
                '<a href="https://langnghe.vn/lang/bat-trang" onclick="steal()" target="_blank">Bát Tràng</a>'
            },
        },
        {
            "type": "list",
            "data": {
                "style": "unordered",
                "items": [
                    {
                        "content": "<u>Lớp</u> men<svg onload=alert(1)></svg>",
                        "items": [
                            {
                                "content": '<iframe src="https://evil.example"></iframe>rạn',
                                "items": [],
                                "meta": {},
                            }
                        ],
                        "meta": {},
                    },
                    "<mark onmouseover=alert(1)>nung</mark> củi",
                ],
            },
        },
        {"type": "header", "data": {"text": "<h1>Xuất <em>xứ</em></h1>", "level": 2}},
        {
            "type": "image",
            "data": {
                "file": {"url": "https://media.langnghe.vn/binh.jpg"},
                "caption": "<b>Bình</b><script>x()</script>",
                "withBorder": False,
            },
        },
    ],
}

CLEANED: dict[str, Any] = {
    "time": 1767225600000,
    "blocks": [
        {
            "id": "p-1",
            "type": "paragraph",
            "data": {"text": "<b>Hoa sen</b> <i>vẽ tay</i> ", "alignment": "center"},
        },
        {
            "type": "paragraph",
            "data": {
                "text": f'<a rel="{LINK_REL}">một</a> <a rel="{LINK_REL}">hai</a> <a rel="{LINK_REL}">ba</a> '
                f'<a rel="{LINK_REL}">bốn</a> '
                f'<a href="https://langnghe.vn/lang/bat-trang" rel="{LINK_REL}">Bát Tràng</a>'
            },
        },
        {
            "type": "list",
            "data": {
                "style": "unordered",
                "items": [
                    {
                        "content": "<u>Lớp</u> men",
                        "items": [{"content": "rạn", "items": [], "meta": {}}],
                        "meta": {},
                    },
                    "<mark>nung</mark> củi",
                ],
            },
        },
        {"type": "header", "data": {"text": "Xuất <em>xứ</em>", "level": 2}},
        {
            "type": "image",
            "data": {
                "file": {"url": "https://media.langnghe.vn/binh.jpg"},
                "caption": "<b>Bình</b>",
                "withBorder": False,
            },
        },
    ],
    "version": "2.28.2",
}

CLEANED_TEXT = "Hoa sen vẽ tay một hai ba bốn Bát Tràng Lớp men rạn nung củi Xuất xứ Bình"

# Words of the stripped markup that search must not find (before the fix it found them all).
STRIPPED_WORDS = ["trommatkhau", "onerror", "javascript", "iframe", "script"]


def paragraph(text: str) -> dict[str, Any]:
    return {"type": "paragraph", "data": {"text": text}}


def nested_list(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"content": f"mức {depth}", "items": []}
    for level in range(depth - 1, 0, -1):
        node = {"content": f"mức {level}", "items": [node]}
    return {"type": "list", "data": {"style": "ordered", "items": [node]}}


# (JSON text sent as the JSONString, a fragment of the error message)
MALFORMED: list[tuple[str, str]] = [
    (json.dumps(["not", "an", "object"]), "EditorJS JSON"),
    (json.dumps("<script>alert(1)</script>"), "EditorJS JSON"),
    (json.dumps({"blocks": {"0": paragraph("x")}}), '"blocks" must be a list'),
    (json.dumps({"blocks": ["<p>x</p>"]}), "blocks[0]: a block is an object"),
    (
        json.dumps({"blocks": [{"type": "raw", "data": {"html": "<script>alert(1)</script>"}}]}),
        "unsupported block type 'raw'",
    ),
    (json.dumps({"blocks": [{"type": "paragraph", "data": "<b>x</b>"}]}), "blocks[0].data: an object"),
    (
        json.dumps({"blocks": [{"type": "paragraph", "data": {"text": ["x"]}}]}),
        "blocks[0].data.text: text expected",
    ),
    (
        json.dumps({"blocks": [{"type": "header", "data": {"text": "x", "level": 9}}]}),
        "header level is 1 to 6",
    ),
    (
        json.dumps({"blocks": [{"type": "image", "data": {"file": {"url": "javascript:alert(1)"}}}]}),
        "blocks[0].data.file.url: only absolute http:// or https:// URLs",
    ),
    (
        json.dumps({"blocks": [{"type": "image", "data": {"file": {"url": " JaVaScRiPt:alert(1)"}}}]}),
        "blocks[0].data.file.url: only absolute http:// or https:// URLs",
    ),
    (
        json.dumps(
            {"blocks": [{"type": "image", "data": {"file": {"url": "data:image/svg+xml;base64,PHN2Zz4="}}}]}
        ),
        "blocks[0].data.file.url: only absolute http:// or https:// URLs",
    ),
    (
        json.dumps({"blocks": [{"type": "embed", "data": {"embed": 'https://x.example/"><script>'}}]}),
        "blocks[0].data.embed: only absolute http:// or https:// URLs",
    ),
    (json.dumps({"blocks": [nested_list(11)]}), "lists nest at most 10 levels"),
    (json.dumps({"blocks": [paragraph("x")] * 201}), "At most 200 blocks"),
    (json.dumps({"blocks": [paragraph("x" * 25_000), paragraph("y" * 25_000)]}), "too long"),
]
MALFORMED_IDS = [
    "a list",
    "a string",
    "blocks not a list",
    "a block not an object",
    "raw HTML block",
    "data not an object",
    "text not text",
    "header level",
    "javascript image",
    "javascript image with tricks",
    "data: image",
    "embed breaking out",
    "lists too deep",
    "too many blocks",
    "too large",
]
