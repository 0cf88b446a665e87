"""The back office's translation catalogues (backoffice/locale/{vi,en}/LC_MESSAGES/django.po
and their compiled .mo), with Babel only: no GNU gettext on the machine is needed.

    python scripts/backoffice_messages.py update   # extract the strings of backoffice/ (Python
                                                   # and templates), merge them into both .po
                                                   # files, then compile the .mo files
    python scripts/backoffice_messages.py compile  # .po -> .mo
    python scripts/backoffice_messages.py check    # make test: fails on a stale or incomplete catalogue

Strings are written in English in the code; Vietnamese is the default language, so every
entry of the Vietnamese catalogue must be translated and none may be fuzzy; the English
catalogue repeats each string (so English never falls back to another language). The .mo
files are committed (the Docker image and `make demo` need no build step); ``check`` fails
when a committed .mo differs from what its .po compiles to, when the code has a string the
catalogues lack (or they keep one the code no longer has), and on any fuzzy or empty
Vietnamese translation.
"""

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.extract import DEFAULT_KEYWORDS, extract, extract_python  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

SOURCE = ROOT / "backoffice"
LOCALE = SOURCE / "locale"
LANGUAGES = ("vi", "en")
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
HEADER = "Làng Nghề Market back office"


def _django() -> None:
    import django

    django.setup()


def extract_template(fileobj, keywords, comment_tags, options):
    """A Django template's messages: Django's own templatize (as makemessages uses), then Python."""
    from django.utils.translation.template import templatize

    source = fileobj.read().decode("utf-8")
    return extract_python(io.BytesIO(templatize(source).encode("utf-8")), keywords, comment_tags, options)


def extracted() -> Catalog:
    _django()
    catalog = Catalog(project=HEADER, fuzzy=False)
    for path in sorted(SOURCE.rglob("*")):
        if path.suffix == ".py" and "migrations" not in path.parts:
            method = "python"
        elif path.suffix in (".html", ".txt") and "templates" in path.parts:
            method = extract_template  # type: ignore[assignment]
        else:
            continue
        relative = path.relative_to(ROOT).as_posix()
        with path.open("rb") as handle:
            for lineno, message, comments, context in extract(method, handle, keywords=KEYWORDS):
                catalog.add(message, None, [(relative, lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def load(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, project=HEADER, fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for language in LANGUAGES:
        po_path(language).with_suffix(".mo").write_bytes(mo_bytes(load(language)))


def update() -> None:
    template = extracted()
    for language in LANGUAGES:
        catalog = load(language)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        if language == "en":  # English is the code's own text
            for message in catalog:
                if message.id and _untranslated(message):
                    message.string = tuple(message.id) if message.pluralizable else message.id
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, omit_header=False, include_lineno=False)
    compile_all()


def _untranslated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return not strings or not all(strings)


def check() -> list[str]:
    problems = []
    wanted = {(m.id if isinstance(m.id, str) else m.id[0]) for m in extracted() if m.id}
    for language in LANGUAGES:
        catalog = load(language)
        have = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
        for missing in sorted(wanted - have):
            problems.append(f"{language}: the code has a string the catalogue lacks: {missing!r}")
        for extra in sorted(have - wanted):
            problems.append(f"{language}: the catalogue has a string the code no longer has: {extra!r}")
        for message in catalog:
            if not message.id:
                continue
            if message.fuzzy:
                problems.append(f"{language}: fuzzy translation of {message.id!r}")
            if _untranslated(message):
                problems.append(f"{language}: no translation of {message.id!r}")
        mo = po_path(language).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
            problems.append(f"{language}: {language}/LC_MESSAGES/{mo.name} is not the compiled django.po")
    return problems


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
        print(
            "==> catalogues updated: translate the new entries of backoffice/locale/vi/LC_MESSAGES/django.po,"
            " then run `python scripts/backoffice_messages.py compile`"
        )
        return 0
    if command == "compile":
        compile_all()
        return 0
    if command == "check":
        problems = check()
        for problem in problems:
            print(f"back-office catalogue: {problem}", file=sys.stderr)
        if problems:
            print(
                "==> run `make messages`, translate what is missing in Vietnamese, and commit",
                file=sys.stderr,
            )
            return 1
        print("==> back-office catalogues: complete and compiled")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
