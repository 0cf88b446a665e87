"""The catalogue check of ``make test`` (scripts/messages.py): the committed Vietnamese and
English catalogues hold exactly the code's texts, every Vietnamese one translated (no fuzzy,
no untranslated entry, the same placeholders) and compiled; the check fails otherwise."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import polib

# The extraction tests need GNU gettext (`make gettext`, run by `make test`).
ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("messages_check", ROOT / "scripts" / "messages.py")
assert _spec is not None and _spec.loader is not None
messages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(messages)


def catalogue_copy(tmp_path: Path) -> Path:
    """A copy of the committed catalogues, to spoil."""
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    return tmp_path


def problems(root: Path, extracted: set[str] | None = None) -> list[str]:
    report = messages.Report()
    messages.check_catalogues(root, extracted, report)
    return report.problems


def committed_msgids() -> set[str]:
    return {e.msgid for e in polib.pofile(str(ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"))}


def spoil(root: Path, language: str, change) -> None:
    """Change the ``.po`` and compile it again (the .mo stays in step unless the test says so)."""
    po = polib.pofile(str(messages.catalogue(root, language)))
    change(po)
    po.save()
    po.save_as_mofile(str(messages.catalogue(root, language, "mo")))


def test_the_committed_catalogues_pass():
    assert problems(ROOT, committed_msgids()) == []


def test_a_new_text_of_the_code_missing_from_vi_fails(tmp_path):
    root = catalogue_copy(tmp_path)
    found = problems(root, committed_msgids() | {"A sentence nobody translated."})
    assert found == [
        "vi: new text not in the catalogue (run `make messages` and translate it): 'A sentence nobody translated.'"
    ]


def test_a_text_the_code_lost_fails(tmp_path):
    root = catalogue_copy(tmp_path)
    found = problems(root, committed_msgids() - {"Set the shipping address first."})
    assert found == [
        "vi: the code no longer has this text (run `make messages`): 'Set the shipping address first.'"
    ]


def test_a_fuzzy_entry_fails(tmp_path):
    root = catalogue_copy(tmp_path)
    spoil(root, "vi", lambda po: po.find("Set the shipping address first.").flags.append("fuzzy"))
    assert problems(root) == [
        "vi: fuzzy entry (check the translation, remove the flag): 'Set the shipping address first.'"
    ]


def test_an_untranslated_entry_fails(tmp_path):
    def untranslate(po):
        po.find("Set the shipping address first.").msgstr = ""

    root = catalogue_copy(tmp_path)
    spoil(root, "vi", untranslate)
    assert problems(root) == ["vi: untranslated: 'Set the shipping address first.'"]


def test_a_translation_that_loses_a_placeholder_fails(tmp_path):
    def lose(po):
        po.find("At most %(limit)s photos per product.").msgstr = "Tối đa 10 ảnh."

    root = catalogue_copy(tmp_path)
    spoil(root, "vi", lose)
    assert problems(root) == [
        "vi: the placeholders differ from the English text's: 'At most %(limit)s photos per product.'"
    ]


def test_a_stale_compiled_catalogue_fails(tmp_path):
    root = catalogue_copy(tmp_path)
    po = polib.pofile(str(messages.catalogue(root, "vi")))
    po.find("Set the shipping address first.").msgstr = "Nhập địa chỉ giao hàng trước đã."
    po.save()  # the .mo is not compiled again
    assert problems(root) == [
        "locale/vi/LC_MESSAGES/django.mo is not the compiled vi catalogue: run `make messages`."
    ]


def test_an_english_catalogue_out_of_step_fails(tmp_path):
    root = catalogue_copy(tmp_path)
    spoil(root, "en", lambda po: po.remove(po.find("Set the shipping address first.")))
    assert problems(root) == ["en: not the same texts as vi (run `make messages`)."]


def test_extraction_reads_the_code_into_a_scratch_copy(tmp_path):
    """The texts extracted from a copy of the project with one more translatable text: that
    one is found, and the copy's committed catalogue is not written."""
    for name in (*messages.SOURCES, "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "manage.py", tmp_path / "manage.py")
    (tmp_path / "vendors" / "shops" / "notes.py").write_text(
        "from django.utils.translation import gettext_lazy as _\n\nNOTE = _('A sentence nobody translated.')\n"
    )
    before = messages.catalogue(tmp_path, "vi").read_bytes()
    extracted = messages.extracted_msgids(tmp_path)
    assert extracted - committed_msgids() == {"A sentence nobody translated."}
    assert committed_msgids() <= extracted
    assert messages.catalogue(tmp_path, "vi").read_bytes() == before
    report = messages.Report()
    messages.check_catalogues(tmp_path, extracted, report)
    assert report.problems == [
        "vi: new text not in the catalogue (run `make messages` and translate it): 'A sentence nobody translated.'"
    ]


def test_the_command_exits_non_zero_on_a_problem_and_zero_when_in_step(tmp_path):
    ok = subprocess.run(
        [sys.executable, "scripts/messages.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "complete and in step" in ok.stdout


def test_the_domain_and_the_back_office_translate_a_shared_text_alike():
    """Both catalogues are in LOCALE_PATHS and the domain's comes first: a text both hold
    (a form label, a status) must read the same, or the back office shows the domain's."""
    for language in ("vi", "en"):
        domain = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
        backoffice = {
            (entry.msgctxt, entry.msgid): entry.msgstr
            for entry in polib.pofile(
                str(ROOT / "backoffice" / "locale" / language / "LC_MESSAGES" / "django.po")
            )
            if not entry.obsolete
        }
        differing = [
            entry.msgid
            for entry in domain
            if not entry.obsolete
            and (entry.msgctxt, entry.msgid) in backoffice
            and (backoffice[(entry.msgctxt, entry.msgid)] or entry.msgid) != (entry.msgstr or entry.msgid)
        ]
        assert differing == [], (language, differing)
