"""Simple formatted text <-> EditorJS, for the description editor (a textarea).

What an artisan types: paragraphs separated by a blank line, ``**bold**``, ``*italic*``,
and lists — lines starting with ``- `` (bullets) or ``1. `` (numbers). The editor's buttons
only insert these marks, so the textarea works the same without JavaScript. The result is
an EditorJS document (paragraph and list blocks with ``<b>``/``<i>``) that the catalogue
service cleans as it cleans every description.
"""

import html
import re
from typing import Any

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", re.S)
_TAG = re.compile(r"<[^>]*>")


def _inline(text: str) -> str:
    escaped = html.escape(text.strip(), quote=False)
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    return _ITALIC.sub(r"<i>\1</i>", escaped)


def text_to_editorjs(text: str) -> dict[str, Any] | None:
    """The EditorJS document of ``text`` (None for blank text)."""
    blocks: list[dict[str, Any]] = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        for pattern, style in ((_BULLET, "unordered"), (_NUMBER, "ordered")):
            matches = [pattern.match(line) for line in lines]
            if all(matches):
                items = [_inline(m.group(1)) for m in matches if m]
                blocks.append({"type": "list", "data": {"style": style, "items": items}})
                break
        else:
            blocks.append({"type": "paragraph", "data": {"text": "<br>".join(_inline(x) for x in lines)}})
    return {"blocks": blocks} if blocks else None


def _plain(fragment: str) -> str:
    fragment = re.sub(r"<br\s*/?>", "\n", fragment or "")
    fragment = re.sub(r"</?(b|strong)>", "**", fragment)
    fragment = re.sub(r"</?(i|em)>", "*", fragment)
    return html.unescape(_TAG.sub("", fragment))


def _item_text(item: Any) -> str:
    return _plain(item.get("content", "") if isinstance(item, dict) else str(item))


def editorjs_to_text(document: Any) -> str:
    """The editable text of a stored description (what the editor cannot show is dropped:
    headers and quotes become paragraphs, images and embeds are left out)."""
    if not isinstance(document, dict):
        return ""
    parts: list[str] = []
    for block in document.get("blocks") or []:
        if not isinstance(block, dict):
            continue
        data = block.get("data") or {}
        if block.get("type") == "list":
            numbered = data.get("style") == "ordered"
            items = data.get("items") or []
            parts.append(
                "\n".join(
                    f"{index}. {_item_text(item)}" if numbered else f"- {_item_text(item)}"
                    for index, item in enumerate(items, 1)
                )
            )
        elif isinstance(data.get("text"), str):
            parts.append(_plain(data["text"]))
    return "\n\n".join(part for part in parts if part.strip())
