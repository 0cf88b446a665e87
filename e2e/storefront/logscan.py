"""Reading the logs of a storefront run: the API's, the storefront server's, the browser
console's, and the storefront's code generation output. Pure functions over text, so that
the suite tests them without a storefront.

A finding is ``graphql`` (a GraphQL error: the run fails), ``error`` (an error of another
kind: the run fails) or ``warning`` (reported, does not fail the run)."""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

GRAPHQL = "graphql"
ERROR = "error"
WARNING = "warning"
FAILING = (GRAPHQL, ERROR)

# storefront_api.views.log_graphql_errors writes these (one per response with errors).
API_GRAPHQL_MESSAGE = re.compile(r"^GraphQL errors \(HTTP \d{3}\) in operation ")


@dataclass(frozen=True)
class Finding:
    source: str  # "api", "storefront", "browser", "codegen"
    kind: str  # GRAPHQL, ERROR or WARNING
    text: str
    line: int = 0  # 1-based line of the log, 0 when not from a file

    def as_dict(self) -> dict[str, object]:
        return {"source": self.source, "kind": self.kind, "text": self.text, "line": self.line}


def failing(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.kind in FAILING]


# ---------------------------------------------------------------- the API (LOG_FORMAT=json)

_GUNICORN_LEVEL = re.compile(r"^\[[^\]]+\] \[\d+\] \[(?P<level>[A-Z]+)\] (?P<message>.*)$")


def scan_api_log(lines: Iterable[str]) -> list[Finding]:
    """The API runs with ``LOG_FORMAT=json``: one JSON object per line from Django and Celery;
    gunicorn writes its own ``[time] [pid] [LEVEL] message`` lines; a traceback printed
    outside logging is plain text. Every GraphQL error response is a WARNING of the
    ``storefront_api`` logger whose message starts "GraphQL errors"."""
    findings: list[Finding] = []
    in_traceback = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        entry = _json_object(line)
        if entry is not None:
            in_traceback = False
            level = str(entry.get("level", "")).upper()
            message = str(entry.get("message", ""))
            logger = str(entry.get("logger", ""))
            if logger == "storefront_api" and API_GRAPHQL_MESSAGE.match(message):
                findings.append(Finding("api", GRAPHQL, message, number))
            elif level in ("ERROR", "CRITICAL"):
                detail = message + (
                    f" | {entry['exception'].splitlines()[-1]}" if entry.get("exception") else ""
                )
                findings.append(Finding("api", ERROR, f"{logger}: {detail}", number))
            elif level == "WARNING" and not _is_echo_of_graphql_error(logger, message):
                findings.append(Finding("api", WARNING, f"{logger}: {message}", number))
            continue
        gunicorn = _GUNICORN_LEVEL.match(line)
        if gunicorn:
            in_traceback = False
            if gunicorn["level"] in ("ERROR", "CRITICAL"):
                findings.append(Finding("api", ERROR, f"gunicorn: {gunicorn['message']}", number))
            continue
        if line.startswith("Traceback (most recent call last)"):
            in_traceback = True
            findings.append(Finding("api", ERROR, "a traceback outside the log format", number))
        elif in_traceback and not line.startswith((" ", "\t")):
            in_traceback = False
            findings.append(Finding("api", ERROR, f"traceback ends: {line.strip()[:300]}", number))
    return findings


def _json_object(line: str) -> dict | None:
    if not line.startswith("{"):
        return None
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _is_echo_of_graphql_error(logger: str, message: str) -> bool:
    """Django's own "Bad Request: /graphql/" accompanies every 4xx answer, already logged."""
    return logger == "django.request" and message.endswith(": /graphql/")


# ---------------------------------------------------------------- the storefront's server

# What the storefront (urql, its own fetch helpers, Next) prints when a GraphQL request fails.
_SF_GRAPHQL = (
    re.compile(r"\[GraphQL\]"),  # urql's CombinedError
    re.compile(r"\{\s*\"errors\"\s*:\s*\["),  # a GraphQL error body printed as is
    re.compile(r"GraphQLError"),
    re.compile(r"GraphQL (request )?(error|failed)", re.IGNORECASE),
    re.compile(r"\bgraphql\b.*\bHTTP [45]\d\d\b", re.IGNORECASE),
)
_SF_IMAGE = re.compile(r"upstream image", re.IGNORECASE)
_SF_ERROR = (
    re.compile(r"^\s*⨯"),  # Next's error mark
    re.compile(r"\bError:"),
    re.compile(r"\bFailed to (fetch|load)\b", re.IGNORECASE),
    re.compile(r"\bHTTP [45]\d\d\b"),
    re.compile(r"\bunhandled(Rejection)?\b", re.IGNORECASE),
)
_SF_WARNING = re.compile(r"^\s*⚠")


def scan_storefront_log(lines: Iterable[str]) -> list[Finding]:
    """``next start``'s output: GraphQL failures, image optimizer refusals, other errors."""
    findings: list[Finding] = []
    for number, raw in enumerate(lines, start=1):
        line = _strip_ansi(raw.rstrip("\n"))
        if not line.strip():
            continue
        text = line.strip()[:500]
        if any(p.search(line) for p in _SF_GRAPHQL):
            findings.append(Finding("storefront", GRAPHQL, text, number))
        elif _SF_IMAGE.search(line) or any(p.search(line) for p in _SF_ERROR):
            findings.append(Finding("storefront", ERROR, text, number))
        elif _SF_WARNING.search(line):
            findings.append(Finding("storefront", WARNING, text, number))
    return findings


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


# ---------------------------------------------------------------- the browser

# Noise that says nothing about the API: Vercel's analytics script exists only on Vercel's
# hosting, so `next start` elsewhere answers 404 for it and the script says so; Stripe.js
# (`@stripe/stripe-js` adds its <script> from js.stripe.com as soon as the checkout's payment
# chunk imports it, Stripe configured or not) cannot load on a machine without the Internet.
BROWSER_NOISE = (
    re.compile(r"/_vercel/(speed-insights|insights)/"),
    re.compile(r"\[Vercel (Speed Insights|Web Analytics)\]"),
    re.compile(r"^Failed to load resource: net::ERR_NAME_NOT_RESOLVED \[https://js\.stripe\.com/"),
    re.compile(r"^Error: Failed to load Stripe\.js\b"),
)
_BROWSER_GRAPHQL = (
    re.compile(r"\[GraphQL\]"),
    re.compile(r"GraphQLError"),
    re.compile(r"\"errors\"\s*:\s*\["),
    re.compile(r"/graphql/?\b.*\b(400|401|403|413|415|500|502|503)\b"),
    re.compile(r"\b(400|401|403|413|415|500|502|503)\b.*/graphql/?\b"),
)


@dataclass(frozen=True)
class ConsoleEntry:
    type: str  # console message type ("error", "warning", "log", ...) or "pageerror" / "response"
    text: str
    url: str = ""  # the page's URL when it was seen


def scan_browser(entries: Iterable[ConsoleEntry]) -> list[Finding]:
    findings: list[Finding] = []
    for entry in entries:
        text = f"{entry.text} (on {entry.url})" if entry.url else entry.text
        if any(p.search(entry.text) for p in BROWSER_NOISE):
            continue
        if any(p.search(entry.text) for p in _BROWSER_GRAPHQL):
            findings.append(Finding("browser", GRAPHQL, text[:500]))
        elif entry.type in ("error", "pageerror", "response"):
            findings.append(Finding("browser", ERROR, text[:500]))
        elif entry.type == "warning":
            findings.append(Finding("browser", WARNING, text[:500]))
    return findings


# ---------------------------------------------------------------- the storefront's codegen

_CODEGEN_ERROR = re.compile(r"^\s*Error \d+: (?P<message>.+?)\s*$")
_CODEGEN_AT = re.compile(r"^\s*at (?P<location>\S+?:\d+:\d+)\s*\]?\s*$")


@dataclass(frozen=True)
class CodegenError:
    message: str
    location: str  # file:line:column, relative to the storefront when possible

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def parse_codegen_errors(output: str, storefront_dir: str = "") -> list[CodegenError]:
    """graphql-codegen's "GraphQL Document Validation failed" lists ``Error N: message`` each
    followed by ``at file:line:col``; it prints the list twice (the task list and the final
    summary). Returns each error once, in order."""
    found: list[CodegenError] = []
    seen: set[tuple[str, str]] = set()
    pending: str | None = None
    prefix = storefront_dir.rstrip("/") + "/" if storefront_dir else ""
    for raw in _strip_ansi(output).splitlines():
        line = raw.replace("✖ Generate [FAILED: GraphQL Document Validation failed with", "")
        error = _CODEGEN_ERROR.match(line)
        if error:
            pending = error["message"]
            continue
        at = _CODEGEN_AT.match(line)
        if at and pending is not None:
            location = at["location"]
            if prefix and location.startswith(prefix):
                location = location[len(prefix) :]
            key = (pending, location)
            if key not in seen:
                seen.add(key)
                found.append(CodegenError(pending, location))
            pending = None
    return found
