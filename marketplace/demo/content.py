"""Rich-text helpers for the demo data: EditorJS documents with their plain text."""

from typing import Any

from marketplace.core.text import nfc

# A fixed timestamp keeps re-seeding idempotent (the same JSON every run).
EDITORJS_TIME = 1767225600000  # 2026-01-01T00:00:00Z in milliseconds
EDITORJS_VERSION = "2.24.3"


def editorjs(*paragraphs: str) -> dict[str, Any]:
    """An EditorJS document with one paragraph block per non-empty paragraph."""
    return {
        "time": EDITORJS_TIME,
        "blocks": [{"type": "paragraph", "data": {"text": nfc(text)}} for text in paragraphs if text],
        "version": EDITORJS_VERSION,
    }


def plaintext(*paragraphs: str) -> str:
    return nfc("\n".join(p for p in paragraphs if p))
