"""A local stand-in for Google Fonts, for building the storefront offline.

``next/font/google`` fetches a stylesheet from fonts.googleapis.com at build time. When
``NEXT_FONT_GOOGLE_MOCKED_RESPONSES`` names a module, Next ``require``s it and reads the
stylesheet of each URL from it instead (``fetch-css-from-google-fonts.js``); a font file URL
that starts with ``/`` is then read from the disk (``fetch-font-file.js``). The module written
here answers every ``css2`` URL with one ``@font-face`` per requested family, all pointing at
one local font file, so the build needs no network and no change to the storefront.
"""

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

FORMATS = {".woff2": "woff2", ".woff": "woff", ".ttf": "truetype", ".otf": "opentype"}

# Looked for in this order; the first that exists is used (``--font-file`` overrides).
FONT_CANDIDATES = (
    "node_modules/geist/dist/fonts/geist-sans/Geist-Variable.woff2",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
SUBSETS = ("latin", "latin-ext", "vietnamese")
SOURCE_SUFFIXES = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs")

_IMPORT = re.compile(r"import\s*\{(?P<names>[^}]*)\}\s*from\s*[\"']next/font/google[\"']")


@dataclass(frozen=True)
class FontCall:
    function: str  # the next/font/google export called: the family with "_" for spaces
    options: str  # the object literal passed to it, as written (JavaScript)


def find_google_font_calls(text: str) -> list[FontCall]:
    """The calls of ``next/font/google`` functions in one source file: ``Fraunces({...})``,
    aliases included (``import { Inter as Body }``). Options must be a literal object, as
    Next itself requires."""
    calls: list[FontCall] = []
    for match in _IMPORT.finditer(text):
        for part in match["names"].split(","):
            part = part.strip()
            if not part or part.startswith("type "):
                continue
            original, _, alias = part.partition(" as ")
            original, local = original.strip(), (alias or original).strip()
            for call in re.finditer(rf"(?<![\w.$]){re.escape(local)}\s*\(\s*", text):
                options = _balanced_object(text, call.end())
                if options is not None:
                    calls.append(FontCall(original, options))
    return calls


def _balanced_object(text: str, start: int) -> str | None:
    """The object literal starting at ``start`` (``{`` ... its matching ``}``), or None."""
    if start >= len(text) or text[start] != "{":
        return None
    depth = 0
    quote = ""
    index = start
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[start : index + 1]
        index += 1
    return None


def scan_sources(storefront_dir: Path) -> list[FontCall]:
    """Every ``next/font/google`` call under the storefront's ``src/`` and ``app/``."""
    calls: list[FontCall] = []
    for top in ("src", "app"):
        root = storefront_dir / top
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and "node_modules" not in path.parts and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                if "next/font/google" in text:
                    calls.extend(find_google_font_calls(text))
    return calls


def find_font_file(storefront_dir: Path, override: Path | None = None) -> Path:
    """The font file to stand in for every Google font: ``override`` if given, else the first
    of FONT_CANDIDATES that exists (relative ones inside the storefront)."""
    if override is not None:
        if not override.is_file():
            raise FileNotFoundError(f"font file {override} does not exist")
        return override.resolve()
    for candidate in FONT_CANDIDATES:
        path = Path(candidate) if candidate.startswith("/") else storefront_dir / candidate
        if path.is_file():
            return path.resolve()
    raise FileNotFoundError(
        "no local font file to stand in for Google Fonts; looked for "
        + ", ".join(FONT_CANDIDATES)
        + " (install Debian's fonts-dejavu-core or pass --font-file)"
    )


def font_format(font_file: Path) -> str:
    fmt = FORMATS.get(font_file.suffix.lower())
    if fmt is None:
        raise ValueError(f"{font_file.name}: Next accepts only {', '.join(sorted(FORMATS))} font files")
    return fmt


def stylesheet(family: str, font_url: str, fmt: str, subsets: tuple[str, ...] = SUBSETS) -> str:
    """What Google Fonts would answer: one ``@font-face`` per subset, each under its
    ``/* subset */`` comment (Next reads the subset from it to decide what to preload)."""
    if any(ch in font_url for ch in "()'\" \n\\"):
        raise ValueError(f"{font_url}: not usable unquoted in CSS url()")
    faces = [
        f"/* {subset} */\n@font-face {{\n  font-family: '{family}';\n  font-style: normal;\n"
        f"  font-weight: 100 900;\n  font-display: swap;\n  src: url({font_url}) format('{fmt}');\n}}\n"
        for subset in subsets
    ]
    return "".join(faces)


def mock_module(stylesheets: dict[str, str]) -> str:
    """The text of the CommonJS module for NEXT_FONT_GOOGLE_MOCKED_RESPONSES: a plain object
    from each Google Fonts stylesheet URL to its CSS. (Turbopack evaluates the module and
    reads it as JSON, so the keys must be the exact URLs: no catch-all.)"""
    return (
        "// Written by the Làng Nghề storefront driver (e2e/storefront/fonts.py): a local\n"
        "// stand-in for Google Fonts, read by next/font through NEXT_FONT_GOOGLE_MOCKED_RESPONSES.\n"
        f"module.exports = {json.dumps(stylesheets, indent=2, ensure_ascii=False)};\n"
    )


# Next's own helpers turn a call's options into the stylesheet URL it fetches (the same rules
# in its webpack loader and in Turbopack), so the URL is computed by them, not re-implemented.
_URLS_SCRIPT = r"""
const path = require("node:path");
const base = path.dirname(require.resolve("next/package.json", { paths: [process.cwd()] }));
const dir = path.join(base, "dist/compiled/@next/font/dist/google/");
const { validateGoogleFontFunctionCall } = require(dir + "validate-google-font-function-call");
const { getFontAxes } = require(dir + "get-font-axes");
const { getGoogleFontsUrl } = require(dir + "get-google-fonts-url");
const calls = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const out = calls.map(({ function: fn, options }) => {
  const data = new Function("return (" + options + ");")();
  const v = validateGoogleFontFunctionCall(fn, data);
  const axes = getFontAxes(v.fontFamily, v.weights, v.styles, v.selectedVariableAxes);
  return { family: v.fontFamily, url: getGoogleFontsUrl(v.fontFamily, axes, v.display) };
});
process.stdout.write(JSON.stringify(out));
"""


def stylesheet_urls(storefront_dir: Path, calls: list[FontCall]) -> list[tuple[str, str]]:
    """(family, stylesheet URL) of each call, computed by the storefront's own Next."""
    payload = json.dumps([{"function": c.function, "options": c.options} for c in calls])
    result = subprocess.run(
        ["node", "-e", _URLS_SCRIPT],
        cwd=storefront_dir,
        input=payload,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"could not compute the Google Fonts URLs with Next's helpers: {result.stderr.strip()}"
        )
    return [(entry["family"], entry["url"]) for entry in json.loads(result.stdout)]


def write_mock(directory: Path, *, storefront_dir: Path, font_file: Path, font_base_url: str) -> Path:
    """Copies the font into ``directory`` (served at ``font_base_url`` during the build:
    Turbopack downloads font files even from a mocked stylesheet), writes the module and
    returns its path, the value of NEXT_FONT_GOOGLE_MOCKED_RESPONSES."""
    directory.mkdir(parents=True, exist_ok=True)
    fmt = font_format(font_file)
    served = directory / f"stand-in{font_file.suffix.lower()}"
    shutil.copyfile(font_file, served)
    font_url = f"{font_base_url.rstrip('/')}/{served.name}"
    calls = scan_sources(storefront_dir)
    stylesheets = {
        url: stylesheet(family, font_url, fmt) for family, url in stylesheet_urls(storefront_dir, calls)
    }
    path = directory / "google-fonts-mock.cjs"
    path.write_text(mock_module(stylesheets), encoding="utf-8")
    return path
