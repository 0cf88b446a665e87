"""A local HTTP server standing in for SpeedSMS and Zalo ZNS: it records every request
(path, headers, JSON body) and answers what the test scripted."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Provider:
    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    # Each answer: (status, body, delay seconds); the last one repeats.
    answers: list[tuple[int, Any, float]] = field(default_factory=list)


@contextmanager
def provider(*answers: tuple[int, Any, float]) -> Iterator[Provider]:
    state = Provider(url="", answers=list(answers) or [(200, {}, 0.0)])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            state.requests.append(
                {
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "json": json.loads(raw or b"null"),
                }
            )
            index = min(len(state.requests) - 1, len(state.answers) - 1)
            status, body, delay = state.answers[index]
            if delay:
                threading.Event().wait(delay)
            payload = body if isinstance(body, bytes) else json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
