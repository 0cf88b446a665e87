"""The catalogue check of `make test` (scripts/backoffice_messages.py): the committed catalogues pass,
and a fuzzy or missing Vietnamese translation, a string the code has and the catalogues
lack, or a stale .mo each fail it."""

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def messages(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location(
        "messages_script", ROOT / "scripts" / "backoffice_messages.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    locale = tmp_path / "locale"
    shutil.copytree(ROOT / "backoffice" / "locale", locale)
    monkeypatch.setattr(module, "LOCALE", locale)
    return module


def vi_po(module) -> Path:
    return module.po_path("vi")


def test_the_committed_catalogues_pass(messages):
    assert messages.check() == []


def test_a_fuzzy_vietnamese_translation_fails(messages):
    path = vi_po(messages)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgid "Sign out"', '#, fuzzy\nmsgid "Sign out"', 1), encoding="utf-8")
    problems = messages.check()
    assert "vi: fuzzy translation of 'Sign out'" in problems


def test_an_untranslated_string_and_a_stale_mo_fail(messages):
    path = vi_po(messages)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgstr "Đăng xuất"', 'msgstr ""', 1), encoding="utf-8")
    problems = messages.check()
    assert "vi: no translation of 'Sign out'" in problems
    assert any(p.startswith("vi: ") and "is not the compiled django.po" in p for p in problems)


def test_a_string_missing_from_the_catalogues_fails(messages):
    path = vi_po(messages)
    text = path.read_text(encoding="utf-8")
    start = text.index('msgid "Sign out"')
    end = text.index("\n\n", start)
    path.write_text(text[:start] + text[end + 2 :], encoding="utf-8")
    assert "vi: the code has a string the catalogue lacks: 'Sign out'" in messages.check()
