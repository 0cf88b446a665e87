"""Sentry and OpenTelemetry: off unless configured; when configured, a request served by
gunicorn reaches both (a local HTTP server stands in for Sentry and for the OTLP collector),
with the request id on the Sentry event and on the request's span."""

import gzip
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import sentry_sdk
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

from tests.hardening.processes import free_port, project_env, start_gunicorn, stop_process
from tests.scale.http import graphql

REQUEST_ID = "observed-request-0001"


def test_both_are_off_by_default():
    assert not sentry_sdk.get_client().is_active()
    assert not isinstance(trace.get_tracer_provider(), TracerProvider)


class Collector(ThreadingHTTPServer):
    """Records every POST: (path, decoded body)."""

    def __init__(self) -> None:
        self.received: list[tuple[str, bytes]] = []
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                encoding = self.headers.get("Content-Encoding", "")
                if encoding == "gzip":
                    body = gzip.decompress(body)
                elif encoding == "deflate":
                    body = zlib.decompress(body)
                elif encoding == "br":  # sentry-sdk's choice when the brotli package is installed
                    import brotli  # present whenever sentry-sdk could use it (the same virtualenv)

                    body = brotli.decompress(body)
                collector.received.append((self.path, body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", free_port()), Handler)

    def bodies(self, path_part: str) -> list[bytes]:
        return [body for path, body in self.received if path_part in path]


def test_a_request_reaches_sentry_and_the_trace_collector(tmp_path):
    collector = Collector()
    thread = threading.Thread(target=collector.serve_forever, daemon=True)
    thread.start()
    collector_port = collector.server_address[1]
    env = project_env(
        SENTRY_DSN=f"http://public@127.0.0.1:{collector_port}/1",
        SENTRY_TRACES_SAMPLE_RATE="1.0",
        OTEL_EXPORTER_OTLP_ENDPOINT=f"http://127.0.0.1:{collector_port}",
        OTEL_SERVICE_NAME="langnghe-api-test",
        OTEL_BSP_SCHEDULE_DELAY="100",  # export spans every 100 ms (5 s by default)
    )
    port = free_port()
    server = start_gunicorn(port=port, env=env, log=tmp_path / "gunicorn.log")
    try:
        status, body, headers = graphql(
            f"http://127.0.0.1:{port}", "{ shop { name } }", headers={"X-Request-ID": REQUEST_ID}
        )
        assert status == 200 and body["data"]["shop"]["name"], body
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            sentry = [b for b in collector.bodies("/api/1/envelope/") if REQUEST_ID.encode() in b]
            spans = [b for b in collector.bodies("/v1/traces") if REQUEST_ID.encode() in b]
            if sentry and spans:
                break
            time.sleep(0.1)
        assert sentry, [(path, body[:300]) for path, body in collector.received]
        assert b'"request_id":"%s"' % REQUEST_ID.encode() in sentry[0].replace(b" ", b"")  # a tag
        assert spans, [path for path, _ in collector.received]
        assert b"langnghe-api-test" in spans[0]  # the service's name, from OTEL_SERVICE_NAME
    finally:
        stop_process(server)
        collector.shutdown()
