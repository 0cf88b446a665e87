"""The storefront driver's parts that need no storefront (e2e/storefront): reading the logs,
the code generation output and the e-mails, the Google Fonts stand-in, the report."""

import io
import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.mail import EmailMultiAlternatives, get_connection

from e2e.storefront import fonts, logscan, mail
from e2e.storefront.logscan import ERROR, GRAPHQL, WARNING, ConsoleEntry
from e2e.storefront.report import FAIL, PASS, Report, Step
from e2e.storefront.stack import StackError, check_public_address, recreate_database
from marketplace.core.log_format import JsonFormatter
from tests.conftest import ApiClient


def kinds(findings):
    return [(f.kind, f.text) for f in findings]


# ---------------------------------------------------------------- the API's log


@pytest.mark.django_db
def test_the_api_log_line_of_a_refused_document_is_a_graphql_finding(seeded_channels):
    """The API's own WARNING, formatted as the driver runs it (LOG_FORMAT=json), is found."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("storefront_api")
    logger.addHandler(handler)
    try:
        response = ApiClient().post(
            "/graphql/",
            data=json.dumps({"query": 'query MenuGetBySlug { noSuchMenu(slug: "navbar") { id } }'}),
            content_type="application/json",
        )
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 400
    findings = logscan.scan_api_log(stream.getvalue().splitlines())
    assert kinds(findings) == [
        (GRAPHQL, "GraphQL errors (HTTP 400) in operation MenuGetBySlug: GRAPHQL_VALIDATION_FAILED at 1:23")
    ]


def test_the_api_log_scan_sorts_lines_by_kind():
    lines = [
        json.dumps({"level": "INFO", "logger": "celery.worker", "message": "ready"}),
        json.dumps(
            {
                "level": "WARNING",
                "logger": "storefront_api",
                "message": "GraphQL errors (HTTP 200) in operation Me: PermissionDenied at me",
            }
        ),
        json.dumps({"level": "WARNING", "logger": "django.request", "message": "Bad Request: /graphql/"}),
        json.dumps({"level": "WARNING", "logger": "django.request", "message": "Not Found: /favicon.ico"}),
        json.dumps(
            {
                "level": "ERROR",
                "logger": "storefront_api",
                "message": "Unhandled error",
                "exception": "Traceback\nKeyError: 'x'",
            }
        ),
        "[2026-12-06 10:00:00 +0700] [42] [INFO] Booting worker with pid: 42",
        "[2026-12-06 10:00:01 +0700] [42] [ERROR] Exception in worker process",
        "Traceback (most recent call last):",
        '  File "x.py", line 1, in <module>',
        "ValueError: boom",
        "",
    ]
    assert kinds(logscan.scan_api_log(lines)) == [
        (GRAPHQL, "GraphQL errors (HTTP 200) in operation Me: PermissionDenied at me"),
        (WARNING, "django.request: Not Found: /favicon.ico"),
        (ERROR, "storefront_api: Unhandled error | KeyError: 'x'"),
        (ERROR, "gunicorn: Exception in worker process"),
        (ERROR, "a traceback outside the log format"),
        (ERROR, "traceback ends: ValueError: boom"),
    ]
    assert [f.line for f in logscan.scan_api_log(lines)] == [2, 4, 5, 7, 8, 10]


# ---------------------------------------------------------------- the storefront's log and the browser


def test_the_storefront_log_scan_finds_graphql_failures_image_refusals_and_errors():
    lines = [
        "\x1b[32m✓\x1b[0m Ready in 129ms",
        '{"errors":[{"message":"Cannot query field \'menu\' on type \'Query\'.","locations":[{"line":3,"column":3}]}]}',
        '[getCachedMenuItems] Failed to fetch menu "footer" for default-channel: HTTP 400: Bad Request',
        "[CombinedError: [GraphQL] Unknown type 'ProductWhereInput'.]",
        '\x1b[31m⨯\x1b[0m upstream image http://10.0.0.5/media/a.jpg resolved to private ip ["10.0.0.5"]',
        "⚠ metadataBase property in metadata export is not set",
        "GET /en/default-channel 200 in 35ms",
    ]
    assert [(f.kind, f.line) for f in logscan.scan_storefront_log(lines)] == [
        (GRAPHQL, 2),
        (ERROR, 3),
        (GRAPHQL, 4),
        (ERROR, 5),
        (WARNING, 6),
    ]


def test_the_browser_scan_ignores_vercel_analytics_and_offline_stripe_and_fails_on_graphql_and_page_errors():
    entries = [
        ConsoleEntry("response", "HTTP 404 http://127.0.0.1:13000/_vercel/speed-insights/script.js", "/en"),
        ConsoleEntry(
            "log", "[Vercel Speed Insights] Failed to load script from /_vercel/speed-insights/script.js"
        ),
        ConsoleEntry(
            "error",
            "Failed to load resource: net::ERR_NAME_NOT_RESOLVED [https://js.stripe.com/dahlia/stripe.js]",
        ),
        ConsoleEntry(
            "warning", "Error: Failed to load Stripe.js\n    at HTMLScriptElement.it (chunk.js:6:95298)"
        ),
        ConsoleEntry(
            "error", "Failed to load resource: net::ERR_NAME_NOT_RESOLVED [https://cdn.example.com/x.js]"
        ),
        ConsoleEntry("response", "HTTP 400 http://11.22.33.44:18000/graphql/", "/checkout"),
        ConsoleEntry("error", '[GraphQL] Cannot query field "delivery" on type "Checkout".'),
        ConsoleEntry("pageerror", "Minified React error #418"),
        ConsoleEntry("warning", "Image with src has either width or height modified"),
        ConsoleEntry("log", "hello"),
    ]
    assert kinds(logscan.scan_browser(entries)) == [
        (ERROR, "Failed to load resource: net::ERR_NAME_NOT_RESOLVED [https://cdn.example.com/x.js]"),
        (GRAPHQL, "HTTP 400 http://11.22.33.44:18000/graphql/ (on /checkout)"),
        (GRAPHQL, '[GraphQL] Cannot query field "delivery" on type "Checkout".'),
        (ERROR, "Minified React error #418"),
        (WARNING, "Image with src has either width or height modified"),
    ]


# ---------------------------------------------------------------- code generation

CODEGEN_OUTPUT = """\
\x1b[31m✖\x1b[39m Generate [FAILED: GraphQL Document Validation failed with 2 errors;
  Error 0: Cannot query field "menu" on type "Query". Did you mean "me"?
    at /work/sf/src/graphql/MenuGetBySlug.graphql:39:2

Error 1: Unknown type "ProductWhereInput".
    at /work/sf/src/graphql/ProductList.graphql:10:10]
\x1b[31m✖\x1b[39m GraphQL Document Validation failed with 2 errors;
  Error 0: Cannot query field "menu" on type "Query". Did you mean "me"?
    at /work/sf/src/graphql/MenuGetBySlug.graphql:39:2

Error 1: Unknown type "ProductWhereInput".
    at /work/sf/src/graphql/ProductList.graphql:10:10
"""


def test_codegen_errors_are_read_once_each_with_their_document():
    errors = logscan.parse_codegen_errors(CODEGEN_OUTPUT, "/work/sf")
    assert [str(e) for e in errors] == [
        'src/graphql/MenuGetBySlug.graphql:39:2: Cannot query field "menu" on type "Query". Did you mean "me"?',
        'src/graphql/ProductList.graphql:10:10: Unknown type "ProductWhereInput".',
    ]


# ---------------------------------------------------------------- the Google Fonts stand-in

FONTS_SOURCE = """
import { Fraunces, Inter as Body } from "next/font/google";
import { GeistSans } from "geist/font/sans";
const display = Fraunces({
\tsubsets: ["latin"],
\tvariable: "--font-fraunces",
\tdisplay: "swap",
\tadjustFontFallback: true,
});
const body = Body({ subsets: ["latin", "vietnamese"], weight: ["400", "700"], fallback: ["a}b"] });
GeistSans.variable;
"""


def test_the_google_font_calls_of_a_source_file_are_found_with_their_options():
    calls = fonts.find_google_font_calls(FONTS_SOURCE)
    assert [c.function for c in calls] == ["Fraunces", "Inter"]
    assert calls[0].options.startswith("{\n\tsubsets") and calls[0].options.endswith("true,\n}")
    assert (
        calls[1].options == '{ subsets: ["latin", "vietnamese"], weight: ["400", "700"], fallback: ["a}b"] }'
    )


def test_the_stylesheet_reads_as_next_reads_google_fonts_answers():
    css = fonts.stylesheet("Fraunces", "http://127.0.0.1:5000/stand-in.woff2", "woff2")
    # next/dist/compiled/@next/font/dist/google/find-font-files-in-css.js
    subsets = re.findall(r"/\* (.+?) \*/", css)
    files = re.findall(r"src: url\((.+?)\)", css)
    assert subsets == ["latin", "latin-ext", "vietnamese"]
    assert set(files) == {"http://127.0.0.1:5000/stand-in.woff2"}
    assert "font-family: 'Fraunces';" in css
    with pytest.raises(ValueError):
        fonts.stylesheet("Fraunces", "http://x/a b.woff2", "woff2")


def test_the_mock_module_is_a_plain_object_node_can_serialise(tmp_path):
    """Turbopack evaluates the module with Node and reads it as JSON: the exact URLs, no Proxy."""
    node = shutil.which("node")
    assert node, "node is needed (the storefront driver runs on Node.js)"
    url = "https://fonts.googleapis.com/css2?family=Fraunces:wght@100..900&display=swap"
    css = fonts.stylesheet("Fraunces", "http://127.0.0.1:5000/stand-in.woff2", "woff2")
    path = tmp_path / "google-fonts-mock.cjs"
    path.write_text(fonts.mock_module({url: css}))
    out = subprocess.run(
        [node, "-e", f"process.stdout.write(JSON.stringify(require({json.dumps(str(path))})))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == {url: css}


def test_the_font_file_is_checked(tmp_path):
    with pytest.raises(FileNotFoundError):
        fonts.find_font_file(tmp_path, tmp_path / "missing.woff2")
    odd = tmp_path / "font.svg"
    odd.write_text("<svg/>")
    assert fonts.find_font_file(tmp_path, odd) == odd.resolve()
    with pytest.raises(ValueError):
        fonts.font_format(odd)
    assert fonts.font_format(Path("/x/DejaVuSerif.ttf")) == "truetype"


# ---------------------------------------------------------------- e-mails


def test_the_confirmation_link_is_read_from_the_file_backend(tmp_path):
    connection = get_connection("django.core.mail.backends.filebased.EmailBackend", file_path=str(tmp_path))
    other = EmailMultiAlternatives(
        "Xin chào", "http://127.0.0.1:13000/other", to=["khac@example.vn"], connection=connection
    )
    link = "http://127.0.0.1:13000/en/default-channel/login?confirm=1&email=lan%40example.vn&token=abc-123"
    message = EmailMultiAlternatives(
        "Xác nhận tài khoản của bạn",
        f"Chào Lan, hãy xác nhận tài khoản: {link}\nhttps://langnghe.vn/help",
        to=["Lan@Example.vn"],
        connection=connection,
    )
    message.attach_alternative(f'<a href="{link.replace("&", "&amp;")}">Xác nhận</a>', "text/html")
    connection.send_messages([other, message])

    mails = mail.read_mails(tmp_path)
    assert [m.subject for m in mails] == ["Xin chào", "Xác nhận tài khoản của bạn"]
    assert mails[1].to == ("lan@example.vn",)
    assert "hãy xác nhận" in mails[1].text
    assert mail.links_to(mails, recipient="lan@example.vn", base_url="http://127.0.0.1:13000") == [link]
    assert mail.links_to(mails, recipient="nobody@example.vn", base_url="http://127.0.0.1:13000") == []
    assert mail.read_mails(tmp_path / "absent") == []


# ---------------------------------------------------------------- the report and the stack's checks


def test_the_report_passes_only_with_every_step_passed_and_no_failing_finding(tmp_path):
    report = Report(storefront_commit="60fea090", api_url="http://11.22.33.44:18000/graphql/")
    report.add(Step("home with the menu", PASS, url="http://127.0.0.1:13000/en/default-channel"))
    report.findings.append(logscan.Finding("storefront", WARNING, "⚠ metadataBase"))
    assert report.passed
    report.findings.append(
        logscan.Finding(
            "api", GRAPHQL, "GraphQL errors (HTTP 400) in operation X: GRAPHQL_VALIDATION_FAILED at 1:1", 7
        )
    )
    assert not report.passed
    report.add(Step("cart", FAIL, detail="no | line"))
    report.codegen_errors = {"generate": logscan.parse_codegen_errors(CODEGEN_OUTPUT, "/work/sf")}
    report.write(tmp_path)
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["passed"] is False
    assert [(s["name"], s["status"]) for s in summary["steps"]] == [
        ("home with the menu", "pass"),
        ("cart", "fail"),
    ]
    assert (
        summary["codegen_errors"]["generate"][1]
        == 'src/graphql/ProductList.graphql:10:10: Unknown type "ProductWhereInput".'
    )
    markdown = (tmp_path / "summary.md").read_text()
    assert "| 2 | cart | fail |  | no \\| line |" in markdown
    assert "- graphql [api (line 7)]: GraphQL errors (HTTP 400)" in markdown


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "10.1.2.3", "192.168.1.1", "192.0.2.10", "100.64.0.1", "224.0.0.1"]
)
def test_only_a_global_unicast_address_can_serve_images_to_next(address):
    with pytest.raises(StackError):
        check_public_address(address)


def test_a_global_unicast_address_is_accepted():
    check_public_address("11.22.33.44")


def test_only_postgresql_and_sqlite_databases_are_recreated():
    with pytest.raises(StackError, match="--keep-database"):
        recreate_database("mysql://root@127.0.0.1/langnghe")
