"""Documents that made a worker spin (fragments spreading each other twice ran 30 s until
gunicorn killed the worker; two of them stalled every other request) are refused by a
production-like server while another client is served, and the worker is never killed.

One gunicorn sync worker, as the smallest deployment: the hostile requests arrive
together, the ordinary one behind them must still be answered."""

import json
import threading
import urllib.request

import pytest
from django.conf import settings

from tests.hardening.processes import free_port, post_graphql, project_env, start_gunicorn, stop_process

SHOP = "{ shop { name } }"


def exponential(levels: int) -> str:
    fragments = ["fragment F0 on Query { shop { name } }"]
    fragments += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels + 1)]
    return f"query {{ ...F{levels} }}\n" + "\n".join(fragments)


HOSTILE = {
    "exponential fragments": exponential(24),
    "exponential fragments again": exponential(24).replace("query {", "query Again {"),
    "circular fragments": "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
    "one field a thousand times": "{ shop { " + "name " * 1000 + "} }",
    "aliased introspection": "{ "
    + " ".join(
        f"a{i}: __schema {{ types {{ fields {{ type {{ fields {{ name }} }} }} }} }}" for i in range(40)
    )
    + " }",
}


@pytest.mark.django_db
def test_hostile_documents_do_not_stall_the_server(tmp_path):
    db = settings.DATABASES["default"]
    env = project_env(DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}")
    port = free_port()
    log = tmp_path / "gunicorn.log"
    server = start_gunicorn(port=port, env=env, log=log, workers=1)
    try:
        answers: dict[str, tuple[int, dict]] = {}

        def send(name: str, document: str) -> None:
            status, content, _ = post_graphql(port, document, timeout=25)
            answers[name] = (status, content)

        threads = [threading.Thread(target=send, args=item) for item in HOSTILE.items()]
        for thread in threads:
            thread.start()
        send("ordinary", SHOP)
        for thread in threads:
            thread.join()

        assert answers["ordinary"][0] == 200
        assert answers["ordinary"][1]["data"]["shop"]["name"] == settings.SHOP_NAME
        for name in HOSTILE:
            status, content = answers[name]
            assert status == 400, (name, content)
            assert "INTERNAL_ERROR" not in json.dumps(content), name
        assert server.poll() is None
        text = log.read_text()
        assert text.count("Booting worker") == 1, text  # never killed for running too long
        assert "WORKER TIMEOUT" not in text
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=5) as response:
            assert response.status == 200
    finally:
        stop_process(server)
