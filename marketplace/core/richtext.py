"""Rich text (EditorJS JSON) and plain-text descriptions, cleaned on write.

Storefronts render the HTML inside EditorJS blocks as it is stored, so every writer of a
description (products, collections, categories and their translations) passes it through
``clean_rich_text`` before saving, and the search text is made from the cleaned document.
Shops' and routes' descriptions are plain text (``String`` in the API): ``clean_plain_text``
removes any markup from them.

What is refused (``InvalidRichText``, which the services turn into ``INVALID`` on their
field) and what is cleaned silently:

* refused — the structure: not a JSON object, ``blocks`` not a list, a block that is not
  an object or whose ``type`` is not one of ``BLOCK_TYPES``, a field of the wrong type (a
  header's ``level`` outside 1–6, table cells that are not text...), lists nested deeper than
  ``MAX_LIST_DEPTH``, more than ``MAX_BLOCKS`` blocks, a document over ``MAX_DOCUMENT_CHARS``
  characters of JSON, and a URL *field* of a block (an image's ``file.url``, an embed's
  ``source``/``embed``) that is not an absolute ``http(s)`` URL;
* cleaned — the HTML inside text fields, with nh3 (ammonia) and an allow-list of the inline
  tags EditorJS produces (``INLINE_TAGS``): other tags are unwrapped, ``<script>``/``<style>``
  dropped with their content, event handlers and other attributes removed, a link keeps only
  an ``href`` in ``LINK_SCHEMES`` (or a relative one) and gets ``rel="noopener noreferrer
  nofollow"``; unknown keys of a block or of its data are dropped (they could carry what no
  storefront expects). Cleaning is idempotent.

The allow-lists follow the facts of Saleor's EditorJS cleaning (block types and their
fields, nh3 on every text field, http/https/mailto/tel in links, a depth limit on nested
lists), tightened to the inline tags EditorJS emits.
"""

import html
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import nh3
from django.utils.translation import gettext_lazy as _

from marketplace.core.errors import TranslatableError, field_error, grouped
from marketplace.core.text import nfc

MAX_DOCUMENT_CHARS = 50_000
MAX_BLOCKS = 200
MAX_LIST_DEPTH = 10
MAX_URL_LENGTH = 2048
MAX_PLAIN_TEXT_CHARS = 20_000

INLINE_TAGS = frozenset({"a", "b", "strong", "i", "em", "u", "s", "del", "mark", "code", "br", "sub", "sup"})
INLINE_ATTRIBUTES = {"a": {"href"}}
# The classes EditorJS's marker, inline-code and underline tools put on their tags.
INLINE_CLASSES = {"mark": {"cdx-marker"}, "code": {"inline-code"}, "u": {"cdx-underline"}}
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
LINK_REL = "noopener noreferrer nofollow"
URL_SCHEMES = frozenset({"http", "https"})  # URL fields of blocks (images, embeds)

BLOCK_TYPES = ("paragraph", "header", "list", "quote", "embed", "image", "table", "delimiter")
ALIGNMENTS = frozenset({"left", "center", "right", "justify"})
LIST_STYLES = frozenset({"ordered", "unordered", "checklist"})
COUNTER_TYPES = frozenset({"numeric", "lower-roman", "upper-roman", "lower-alpha", "upper-alpha"})
_BLOCK_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_VERSION = re.compile(r"^[0-9A-Za-z.+-]{1,32}$")
_SERVICE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
# Characters never legitimate in a stored URL: whitespace, controls, quotes, angle brackets.
_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


class InvalidRichText(TranslatableError, ValueError):
    """The document cannot be stored; the message says where and why."""


@dataclass(frozen=True)
class RichText:
    document: dict[str, Any] | None  # None: the description is cleared
    plain_text: str  # the text of the cleaned document, for search


# ---------------------------------------------------------------- HTML and text


def clean_inline_html(value: str) -> str:
    """The HTML of one text field with only the allowed inline markup left."""
    if not value:
        return ""
    return nh3.clean(
        nfc(value),
        tags=set(INLINE_TAGS),
        attributes={tag: set(names) for tag, names in INLINE_ATTRIBUTES.items()},
        allowed_classes={tag: set(names) for tag, names in INLINE_CLASSES.items()},
        url_schemes=set(LINK_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def html_to_text(value: str) -> str:
    """The words of (cleaned) HTML: tags gone, entities decoded, whitespace collapsed."""
    if not value:
        return ""
    stripped = nh3.clean(_BR.sub(" ", value), tags=set(), attributes={})
    return _SPACES.sub(" ", html.unescape(stripped)).strip()


def clean_plain_text(value: str, *, max_passes: int = 8, lenient: bool = False) -> str:
    """A plain-text field with any markup removed, so that it reads the same whether a
    storefront escapes it or (wrongly) renders it as HTML: tags are stripped (``<script>``
    with its content) until the text, read as HTML, is that same text. Entities that would
    smuggle a tag back (``&lt;script&gt;``) are unwrapped and stripped in turn; text still
    changing after ``max_passes`` is refused, or (``lenient``) loses its ``<``, ``>`` and ``&``."""
    text = _SPACES.sub(" ", nfc(value or "")).strip()
    for _pass in range(max_passes):
        cleaned = _SPACES.sub(" ", html.unescape(nh3.clean(text, tags=set(), attributes={}))).strip()
        if cleaned == text:
            return text
        text = cleaned
    if lenient:
        return _SPACES.sub(" ", re.sub(r"[<>&]", "", text)).strip()
    raise InvalidRichText(_("Plain text only: this looks like encoded HTML."))


def _clean_url(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidRichText(_("%(where)s: a URL is text."), where=where)
    url = value.strip()
    parts = urlsplit(url) if len(url) <= MAX_URL_LENGTH and not _URL_FORBIDDEN.search(url) else None
    if parts is None or parts.scheme.lower() not in URL_SCHEMES or not parts.hostname:
        raise InvalidRichText(
            _("%(where)s: only absolute http:// or https:// URLs are allowed."), where=where
        )
    return parts.scheme.lower() + url[len(parts.scheme) :]


def absolute_http_url(value: Any, where: str) -> str:
    """An absolute ``http(s)://`` URL of at most 2,048 characters (links that storefronts
    render: menu items, file attributes), with the same rules as image and embed URLs."""
    return _clean_url(value, where)


# ---------------------------------------------------------------- blocks


class _Cleaner:
    """One document's walk: cleaned blocks and their text, in order."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def text(self, data: dict[str, Any], key: str, where: str, *, searchable: bool = True) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise InvalidRichText(_("%(where)s: text expected."), where=f"{where}.{key}")
        cleaned = clean_inline_html(value)
        if searchable:
            self.texts.append(html_to_text(cleaned))
        return cleaned

    @staticmethod
    def flag(data: dict[str, Any], key: str, out: dict[str, Any]) -> None:
        if isinstance(data.get(key), bool):
            out[key] = data[key]

    @staticmethod
    def alignment(data: dict[str, Any], out: dict[str, Any]) -> None:
        for key in ("alignment", "align"):
            if data.get(key) in ALIGNMENTS:
                out[key] = data[key]

    def paragraph(self, data: dict[str, Any], where: str) -> dict[str, Any]:
        out = {"text": self.text(data, "text", where) or ""}
        self.alignment(data, out)
        return out

    def header(self, data: dict[str, Any], where: str) -> dict[str, Any]:
        level = data.get("level", 2)
        if isinstance(level, str) and level.isdigit():
            level = int(level)
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 6:
            raise InvalidRichText(_("%(where)s: a header level is 1 to 6."), where=f"{where}.level")
        out = {"text": self.text(data, "text", where) or "", "level": level}
        self.alignment(data, out)
        return out

    def quote(self, data: dict[str, Any], where: str) -> dict[str, Any]:
        out = {
            "text": self.text(data, "text", where) or "",
            "caption": self.text(data, "caption", where) or "",
        }
        self.alignment(data, out)
        return out

    def delimiter(self, data: dict[str, Any], where: str) -> dict[str, Any]:
        return {}

    def image(self, data: dict[str, Any], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        file = data.get("file")
        if file is not None:
            if not isinstance(file, dict):
                raise InvalidRichText(_("%(where)s: an object with a url."), where=f"{where}.file")
            out["file"] = {"url": _clean_url(file.get("url"), f"{where}.file.url")}
        if data.get("url") is not None:  # the older shape, still read by some renderers
            out["url"] = _clean_url(data["url"], f"{where}.url")
        if "file" not in out and "url" not in out:
            raise InvalidRichText(_("%(where)s: an image needs its URL."), where=f"{where}.file.url")
        out["caption"] = self.text(data, "caption", where) or ""
        for key in ("withBorder", "withBackground", "stretched"):
            self.flag(data, key, out)
        return out

    def embed(self, data: dict[str, Any], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if isinstance(data.get("service"), str) and _SERVICE.match(data["service"]):
            out["service"] = data["service"]
        for key in ("source", "embed"):
            if data.get(key) is not None:
                out[key] = _clean_url(data[key], f"{where}.{key}")
        if "embed" not in out:
            raise InvalidRichText(_("%(where)s: an embed needs its URL."), where=f"{where}.embed")
        for key in ("width", "height"):
            size = data.get(key)
            if isinstance(size, int) and not isinstance(size, bool) and 0 < size <= 10_000:
                out[key] = size
        out["caption"] = self.text(data, "caption", where) or ""
        return out

    def table(self, data: dict[str, Any], where: str) -> dict[str, Any]:
        content = data.get("content", [])
        if not isinstance(content, list) or not all(isinstance(row, list) for row in content):
            raise InvalidRichText(
                _("%(where)s: a list of rows, each a list of cells."), where=f"{where}.content"
            )
        rows = []
        for r, row in enumerate(content):
            cells = []
            for c, cell in enumerate(row):
                cells.append(self.text({"cell": cell}, "cell", f"{where}.content[{r}][{c}]") or "")
            rows.append(cells)
        out: dict[str, Any] = {"content": rows}
        for key in ("withHeadings", "stretched"):
            self.flag(data, key, out)
        return out

    def list_block(self, data: dict[str, Any], where: str) -> dict[str, Any]:
        style = data.get("style", "unordered")
        if style not in LIST_STYLES:
            raise InvalidRichText(_("%(where)s: ordered, unordered or checklist."), where=f"{where}.style")
        out: dict[str, Any] = {"style": style, "items": self.list_items(data.get("items"), where, depth=1)}
        meta = data.get("meta")
        if isinstance(meta, dict):
            cleaned: dict[str, Any] = {}
            if isinstance(meta.get("start"), int) and not isinstance(meta["start"], bool):
                cleaned["start"] = max(0, min(meta["start"], 1_000_000))
            if meta.get("counterType") in COUNTER_TYPES:
                cleaned["counterType"] = meta["counterType"]
            out["meta"] = cleaned
        return out

    def list_items(self, items: Any, where: str, *, depth: int) -> list[Any]:
        if depth > MAX_LIST_DEPTH:
            raise InvalidRichText(
                _("%(where)s: lists nest at most %(limit)s levels."), where=where, limit=MAX_LIST_DEPTH
            )
        if items is None:
            return []
        if not isinstance(items, list):
            raise InvalidRichText(_("%(where)s: a list."), where=f"{where}.items")
        cleaned: list[Any] = []
        for i, item in enumerate(items):
            at = f"{where}.items[{i}]"
            if isinstance(item, str):  # the flat (older) list format
                cleaned.append(self.text({"item": item}, "item", at) or "")
            elif isinstance(item, dict):
                meta = item.get("meta")
                node: dict[str, Any] = {
                    "content": self.text(item, "content", at) or "",
                    "items": self.list_items(item.get("items"), at, depth=depth + 1),
                    "meta": {"checked": meta["checked"]}
                    if isinstance(meta, dict) and isinstance(meta.get("checked"), bool)
                    else {},
                }
                cleaned.append(node)
            else:
                raise InvalidRichText(
                    _("%(where)s: a list item is text or an object with content."), where=at
                )
        return cleaned

    def block(self, block: Any, index: int) -> dict[str, Any]:
        where = f"blocks[{index}]"
        if not isinstance(block, dict):
            raise InvalidRichText(_("%(where)s: a block is an object with a type and data."), where=where)
        kind = block.get("type")
        if kind not in BLOCK_TYPES:
            shown = kind[:40] if isinstance(kind, str) else kind
            raise InvalidRichText(
                _("%(where)s: unsupported block type %(type)s (one of %(types)s)."),
                where=f"{where}.type",
                type=repr(shown),
                types=", ".join(BLOCK_TYPES),
            )
        data = block.get("data", {})
        if not isinstance(data, dict):
            raise InvalidRichText(_("%(where)s: an object."), where=f"{where}.data")
        cleaned: dict[str, Any] = {}
        if isinstance(block.get("id"), str) and _BLOCK_ID.match(block["id"]):
            cleaned["id"] = block["id"]
        cleaned["type"] = kind
        cleaners = {
            "paragraph": self.paragraph,
            "header": self.header,
            "list": self.list_block,
            "quote": self.quote,
            "embed": self.embed,
            "image": self.image,
            "table": self.table,
            "delimiter": self.delimiter,
        }
        cleaned["data"] = cleaners[kind](data, f"{where}.data")
        return cleaned


# ---------------------------------------------------------------- documents


def _document_size(value: Any) -> int:
    try:
        return len(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError):
        raise InvalidRichText(_("The description is not JSON.")) from None


def clean_rich_text(value: Any, *, lenient: bool = False) -> RichText:
    """The cleaned EditorJS document and its plain text; ``None`` or ``""`` clears it.

    ``lenient`` (for content already stored) drops the blocks that would be refused instead
    of refusing the document, and skips the size limits; a stored value that is not an
    EditorJS object at all becomes ``None``.
    """
    if value is None or value == "" or value == {}:
        return RichText(None, "")
    if not isinstance(value, dict):
        if lenient:
            return RichText(None, "")
        raise InvalidRichText(_('The description is EditorJS JSON: {"blocks": [...]}.'))
    if not lenient and _document_size(value) > MAX_DOCUMENT_CHARS:
        raise InvalidRichText(
            _("The description is too long (at most %(limit)s characters of JSON)."),
            limit=grouped(MAX_DOCUMENT_CHARS),
        )
    blocks = value.get("blocks", [])
    if not isinstance(blocks, list):
        if lenient:
            return RichText(None, "")
        raise InvalidRichText(_('"blocks" must be a list.'))
    if not lenient and len(blocks) > MAX_BLOCKS:
        raise InvalidRichText(_("At most %(limit)s blocks."), limit=MAX_BLOCKS)
    document: dict[str, Any] = {}
    if isinstance(value.get("time"), int | float) and not isinstance(value["time"], bool):
        document["time"] = value["time"]
    cleaned_blocks: list[dict[str, Any]] = []
    texts: list[str] = []
    for index, block in enumerate(blocks):
        walker = _Cleaner()
        try:
            cleaned_blocks.append(walker.block(block, index))
        except InvalidRichText:
            if not lenient:
                raise
            continue
        texts.extend(walker.texts)
    document["blocks"] = cleaned_blocks
    if isinstance(value.get("version"), str) and _VERSION.match(value["version"]):
        document["version"] = value["version"]
    plain = " ".join(t for t in texts if t)[:MAX_PLAIN_TEXT_CHARS]
    return RichText(document, plain)


def rich_text_or_error(value: Any, *, field: str, code: str) -> RichText:
    """``clean_rich_text`` for a service: a refusal is a ValidationError on ``field`` with
    the app's ``code`` (its INVALID)."""
    try:
        return clean_rich_text(value)
    except InvalidRichText as exc:
        raise exc.as_field_error(field, code) from None


def plain_text_or_error(value: str | None, *, field: str, code: str, max_length: int) -> str:
    """``clean_plain_text`` for a service, refusing text longer than ``max_length``."""
    try:
        text = clean_plain_text(value or "")
    except InvalidRichText as exc:
        raise exc.as_field_error(field, code) from None
    if len(text) > max_length:
        raise field_error(field, code, _("At most %(limit)s characters."), limit=grouped(max_length))
    return text
