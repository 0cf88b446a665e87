"""The domain's message catalogues: ``locale/{vi,en}/LC_MESSAGES/django.po`` and their ``.mo``.

    python scripts/messages.py          extract (makemessages) and compile (compilemessages)
    python scripts/messages.py --check  fail when the committed catalogues are not in step

The catalogue holds every translatable text of ``marketplace/``, ``vendors/`` and
``storefront_api/`` (``gettext_lazy`` in Python, ``{% translate %}`` in the e-mail templates);
the English text is the source (``msgid``), ``vi`` translates all of it and ``en`` is the
source language (empty ``msgstr``: Django shows the ``msgid``). The back office keeps its own
catalogue (``backoffice/locale``), which this script leaves alone. Extraction is Django's
``makemessages`` (GNU gettext's ``xgettext`` and ``msgmerge``: ``make gettext`` installs them);
the ``.mo`` files are committed, so running the project needs no gettext.

``--check`` (run by ``make test``) extracts again into a scratch copy of the sources and fails
when:

- a text of the code is missing from the Vietnamese catalogue, or the catalogue keeps a text
  the code no longer has (run ``make messages``, translate, commit);
- a Vietnamese entry is fuzzy or untranslated, or its ``%(name)s`` placeholders differ from
  the English text's;
- the English catalogue does not hold the same texts;
- a committed ``.mo`` file is not the compiled form of its ``.po``.
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("vi", "en")
TRANSLATED = "vi"  # every entry of this catalogue must be translated
SOURCES = ("marketplace", "vendors", "storefront_api")  # what the domain catalogue covers
# Everything else under the root that makemessages would otherwise walk.
IGNORE = (
    "backoffice",  # its own catalogue: backoffice/locale
    "tests",
    "e2e",
    "benchmarks",
    "docker",
    "scripts",
    "requirements",
    "static",
    "media",
    "locale",
    "node_modules",
)
MAKEMESSAGES = ["makemessages", *(f"--locale={lang}" for lang in LANGUAGES), "--no-location", "--no-obsolete"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogue(root: Path, language: str, suffix: str = "po") -> Path:
    return root / "locale" / language / "LC_MESSAGES" / f"django.{suffix}"


def _manage(root: Path, *args: str) -> None:
    """``manage.py`` of ``root`` (the project or a scratch copy of it), its own code first."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        raise SystemExit("GNU gettext is missing (xgettext, msgmerge): `make gettext` installs it.")
    env = {**os.environ, "PYTHONPATH": str(root), "DJANGO_SETTINGS_MODULE": "marketplace.settings.test"}
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=root,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def extract(root: Path = ROOT) -> None:
    """Update the ``.po`` files from the code (new texts added untranslated, gone ones dropped),
    then sort them, so that texts added on two branches rarely touch the same lines."""
    _manage(root, *MAKEMESSAGES, *(f"--ignore={name}" for name in IGNORE))
    for lang in LANGUAGES:
        normalise(catalogue(root, lang))


def normalise(path: Path) -> None:
    """Entries sorted by text, no creation date: the same code gives the same file."""
    po = polib.pofile(str(path), wrapwidth=100)
    po.sort(key=lambda entry: (entry.msgctxt or "", entry.msgid))
    for key in ("POT-Creation-Date", "PO-Revision-Date"):
        po.metadata.pop(key, None)
    po.save()


def compile_catalogues(root: Path = ROOT) -> None:
    _manage(root, "compilemessages", *(f"--locale={lang}" for lang in LANGUAGES))


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)

    def add(self, problem: str) -> None:
        self.problems.append(problem)

    @property
    def ok(self) -> bool:
        return not self.problems


def _msgids(po: polib.POFile) -> set[str]:
    return {entry.msgid for entry in po if not entry.obsolete}


def check_catalogues(root: Path, extracted: set[str] | None, report: Report) -> None:
    """The committed catalogues of ``root`` against the texts ``extracted`` from the code."""
    files = {lang: catalogue(root, lang) for lang in LANGUAGES}
    for path in files.values():
        if not path.is_file():
            report.add(f"{path.relative_to(root)} is missing: run `make messages`.")
    if not report.ok:
        return
    pos = {lang: polib.pofile(str(path)) for lang, path in files.items()}
    translated = pos[TRANSLATED]
    if extracted is not None:
        for msgid in sorted(extracted - _msgids(translated)):
            report.add(f"vi: new text not in the catalogue (run `make messages` and translate it): {msgid!r}")
        for msgid in sorted(_msgids(translated) - extracted):
            report.add(f"vi: the code no longer has this text (run `make messages`): {msgid!r}")
    for entry in translated:
        if entry.obsolete:
            report.add(f"vi: obsolete entry (run `make messages`): {entry.msgid!r}")
        elif "fuzzy" in entry.flags:
            report.add(f"vi: fuzzy entry (check the translation, remove the flag): {entry.msgid!r}")
        elif not entry.translated():
            report.add(f"vi: untranslated: {entry.msgid!r}")
        else:
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(entry.msgid)):
                    report.add(f"vi: the placeholders differ from the English text's: {entry.msgid!r}")
    for lang, po in pos.items():
        if lang != TRANSLATED and _msgids(po) != _msgids(translated):
            report.add(f"{lang}: not the same texts as vi (run `make messages`).")
    for lang, po in pos.items():
        check_compiled(root, lang, po, report)


def _compiled(po: polib.POFile) -> dict[tuple[str | None, str], str]:
    return {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries() if "fuzzy" not in e.flags}


def check_compiled(root: Path, lang: str, po: polib.POFile, report: Report) -> None:
    path = catalogue(root, lang, "mo")
    if not path.is_file():
        report.add(f"{path.relative_to(root)} is missing: run `make messages`.")
        return
    mo = polib.mofile(str(path))
    if {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid} != _compiled(po):
        report.add(f"{path.relative_to(root)} is not the compiled {lang} catalogue: run `make messages`.")


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def extracted_msgids(root: Path = ROOT) -> set[str]:
    """The texts the code of ``root`` holds, extracted into a scratch copy of it (the
    committed catalogues are not touched)."""
    committed = [catalogue(root, lang, suffix) for lang in LANGUAGES for suffix in ("po", "mo")]
    before = _digest(committed)
    with tempfile.TemporaryDirectory(prefix="messages-") as scratch:
        copy = Path(scratch)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "migrations")
        for name in SOURCES:
            shutil.copytree(root / name, copy / name, ignore=ignore)
        shutil.copy2(root / "manage.py", copy / "manage.py")
        (copy / "locale").mkdir()
        extract(copy)
        path = catalogue(copy, TRANSLATED)
        if not path.is_file():
            raise SystemExit("makemessages wrote no catalogue in the scratch copy.")
        found = _msgids(polib.pofile(str(path)))
    if _digest(committed) != before:  # the scratch run must never write the real catalogue
        raise SystemExit("The extraction changed the committed catalogues; it must run on a copy.")
    return found


def check(root: Path = ROOT) -> Report:
    report = Report()
    check_catalogues(root, extracted_msgids(root), report)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail when the catalogues are not in step")
    args = parser.parse_args()
    if not args.check:
        extract()
        compile_catalogues()
        print("==> locale/: catalogues extracted and compiled; translate what is new in vi, then commit.")
        return 0
    report = check()
    for problem in report.problems:
        print(f"messages: {problem}", file=sys.stderr)
    if report.ok:
        print("messages: the vi and en catalogues are complete and in step with the code.")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
