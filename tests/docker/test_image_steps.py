"""The Docker image's own steps, outside a container, with the image's environment (see
conftest.py): the build's collectstatic, ``check --deploy``, and every role of
docker/entrypoint.sh — ``migrate``, ``api`` (which never migrates), the default command,
``worker`` and ``beat`` — against real PostgreSQL, Redis, S3 (moto) and SMTP."""

import json
import re
import socket
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import psycopg
from django.conf import settings

from tests.docker.conftest import (
    SECRET_KEY,
    Api,
    Stack,
    compose_env,
    fresh_database,
    graphql,
    gunicorn_args,
    http,
    tables,
    wait_for_line,
    wait_until_live,
)
from tests.docker.dockerfile import DOCKERFILE, Image, dockerignore_patterns, ignored, load_compose, parse
from tests.hardening.processes import free_port, stop_process

ROOT = Path(__file__).resolve().parents[2]
VENDORED = ROOT / "storefront_api" / "static" / "storefront_api" / "graphiql"


def test_the_image_runs_the_production_settings_module():
    runtime = parse(DOCKERFILE.read_text())[-1]
    env_lines = " ".join(i.value for i in runtime.instructions if i.keyword == "ENV")
    assert "DJANGO_SETTINGS_MODULE=marketplace.settings.production" in env_lines
    module = ROOT / "marketplace" / "settings" / "production.py"
    assert "from marketplace.settings.base import *" in module.read_text()


def test_the_build_context_filter_is_read_as_docker_reads_it():
    patterns = dockerignore_patterns()
    for left_out in [
        ".git",
        ".venv/bin/python",
        ".env",
        "tests/conftest.py",
        "static/x.js",
        "media/a.jpg",
        "marketplace/__pycache__/a.pyc",
        "__pycache__/x.pyc",
        "marketplace/core/x.pyc",
    ]:
        assert ignored(left_out, patterns), left_out
    for kept in [
        ".env.example",
        "marketplace/core/storage.py",
        "storefront_api/static/storefront_api/x.js",
        "requirements/base.txt",
        "docker/entrypoint.sh",
        "manage.py",
    ]:
        assert not ignored(kept, patterns), kept


def test_the_build_collects_static_files_for_whitenoise(image: Image):
    static = image.map("/app/static")
    assert any("collectstatic" in step for step in image.run_steps)
    manifest = json.loads((Path(static) / "staticfiles.json").read_text())["paths"]
    for vendored in VENDORED.rglob("*.js"):
        name = f"storefront_api/graphiql/{vendored.relative_to(VENDORED)}"
        hashed = Path(static) / manifest[name]
        assert hashed.read_bytes() == vendored.read_bytes()
        assert Path(f"{hashed}.gz").is_file()  # WhiteNoise's compressed copy
    assert "graphene_django/graphiql.js" in manifest
    # The image's code is the copy under its root, not the repository.
    where = image.run("python", "-c", "import marketplace; print(marketplace.__file__)", env={})
    assert where.stdout.strip() == image.map("/app/marketplace/__init__.py")


def test_the_image_carries_the_compiled_catalogues(image: Image):
    """The domain's messages in Vietnamese, from the .mo files copied into the image (no
    gettext in the image: nothing is compiled there)."""
    script = (
        "import django; django.setup(); from django.utils import translation; "
        "translation.activate('vi'); print(translation.gettext('Set the shipping address first.'))"
    )
    result = image.run(
        "python", "-c", script,
        env={"DJANGO_SECRET_KEY": SECRET_KEY, "DATABASE_URL": "postgres://unused/none", "CELERY_TASK_ALWAYS_EAGER": "true"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Hãy nhập địa chỉ giao hàng trước."
    assert Path(image.map("/app/locale/vi/LC_MESSAGES/django.mo")).is_file()


def test_check_deploy_passes_with_the_image_environment(image: Image):
    with fresh_database("deploy") as database_url:
        result = image.run(
            "python", "manage.py", "check", "--deploy", "--fail-level", "WARNING",
            env={
                "DJANGO_SECRET_KEY": SECRET_KEY,
                "ALLOWED_HOSTS": "api.langnghe.vn",
                "DATABASE_URL": database_url,
                "REDIS_URL": "redis://127.0.0.1:6379/15",
            },
        )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_image_refuses_to_start_without_its_required_settings(image: Image):
    result = image.run("python", "manage.py", "check", env={"DJANGO_SECRET_KEY": SECRET_KEY})
    assert result.returncode != 0
    assert "DATABASE_URL must be set when DEBUG is off" in result.stderr
    debug = image.run("python", "manage.py", "check", env={**compose_env(), "DEBUG": "true"})
    assert debug.returncode != 0
    assert "marketplace.settings.production never runs with DEBUG on" in debug.stderr


def test_api_role_and_default_command_never_migrate(image: Image, image_stack: Stack):
    with fresh_database("unmigrated") as database_url:
        env = {**image_stack.env, "DATABASE_URL": database_url}
        for name, args in [("api", ["api"]), ("cmd", image.cmd)]:
            port = free_port()
            log = image_stack.logs / f"unmigrated-{name}.log"
            process = image.start(*args, *gunicorn_args(image, port), env=env, log=log)
            try:
                wait_until_live(port, process, log)
                assert tables(database_url) == [], name
            finally:
                stop_process(process)
            assert "Applying" not in log.read_text()


def test_migrate_role_applies_every_migration(image: Image, image_stack: Stack):
    assert "Applying accounts.0001_initial... OK" in image_stack.migrate_output  # type: ignore[attr-defined]
    assert "database is ready" in image_stack.migrate_output  # type: ignore[attr-defined]
    assert "django_migrations" in tables(image_stack.database_url)
    again = image.run("migrate", env=image_stack.env)
    assert again.returncode == 0 and "No migrations to apply" in again.stdout


def test_api_role_serves_and_is_ready(image: Image, image_stack: Stack, image_api: Api):
    status, _, body = http(f"{image_api.origin}/health/ready")
    assert status == 200, body
    assert json.loads(body)["checks"] == {"database": "ok", "cache": "ok", "broker": "ok", "storage": "ok"}
    status, content = graphql(image_api, "{ shop { name } }")
    assert (status, content["data"]) == (200, {"shop": {"name": "Làng Nghề Market"}})
    # The image's HEALTHCHECK and compose's api healthcheck, aimed at this server.
    for probe in (image.healthcheck, compose_healthcheck("api")):
        assert "127.0.0.1:8000" in " ".join(probe)
        command = [part.replace("127.0.0.1:8000", f"127.0.0.1:{image_api.port}") for part in probe]
        assert subprocess.run(command, env={**image.env, **image_stack.env}, timeout=10).returncode == 0


def compose_command(service: str) -> list[str]:
    return load_compose({"DJANGO_SECRET_KEY": SECRET_KEY})["services"][service]["command"]


def compose_healthcheck(service: str) -> list[str]:
    """A compose service's healthcheck as a command line (CMD-SHELL through a shell)."""
    test = load_compose({"DJANGO_SECRET_KEY": SECRET_KEY})["services"][service]["healthcheck"]["test"]
    assert test[0] in ("CMD", "CMD-SHELL")
    return test[1:] if test[0] == "CMD" else ["sh", "-c", test[1]]


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"])  # type: ignore[arg-type]
        if tag == "link" and values.get("href"):
            self.urls.append(values["href"])  # type: ignore[arg-type]


def test_graphiql_and_its_assets_come_from_the_api_through_whitenoise(image_api: Api):
    status, headers, body = http(f"{image_api.origin}/graphql/", headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    parser = _Assets()
    parser.feed(page)
    assert len(parser.urls) == 8  # 2 stylesheets, 6 scripts
    assert "cdn" not in page.lower() and "https://" not in page and "http://" not in page
    for url in parser.urls:
        assert url.startswith("/static/") and not url.startswith("//"), url  # same origin
        status, headers, content = http(f"{image_api.origin}{url}", headers={"Accept-Encoding": "gzip"})
        assert status == 200, url
        assert headers.get("Content-Encoding") == "gzip", url  # WhiteNoise's compressed copy
        assert "immutable" in headers["Cache-Control"], url  # a hashed name, cached for ever
        assert re.search(r"\.[0-9a-f]{12}\.(js|css)$", url), url


def test_worker_role_runs_tasks_and_sends_mail_to_the_catcher(image: Image, image_stack: Stack):
    # as compose's worker-emails runs it: the e-mails queue only
    process, log = image_stack.start(*compose_command("worker-emails"), name="worker")
    try:
        wait_for_line(log, r"celery@\S+ ready\.", process)
        # compose's worker healthcheck (celery inspect ping of this worker)
        ping = subprocess.run(
            compose_healthcheck("worker-emails"),
            cwd=image.workdir,
            env={**image.env, **image_stack.env, "HOSTNAME": socket.gethostname()},
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert ping.returncode == 0, ping.stdout + ping.stderr
        queued = image.run(
            "python", "manage.py", "shell", "-c",
            "from marketplace.core.tasks import send_email; "
            "send_email.delay(to='lan@example.vn', subject='Image test', body='Xin chao')",
            env=image_stack.env,
        )  # fmt: skip
        assert queued.returncode == 0, queued.stderr
        deadline = time.monotonic() + 30
        while not image_stack.smtp.messages and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(image_stack.smtp.messages) == 1, log.read_text()
        message = image_stack.smtp.messages[0].decode()
        assert "Subject: Image test" in message and "To: lan@example.vn" in message
        assert "Xin chao" in message
    finally:
        stop_process(process)


def test_beat_role_schedules(image: Image, image_stack: Stack):
    """Beat keeps its schedule in the database (django-celery-beat) and leads (marketplace/core/beat.py)."""
    process, log = image_stack.start("beat", name="beat")
    try:
        wait_for_line(log, r"beat: Starting\.\.\.", process)
        wait_for_line(log, r"beat is the leader", process)
        expected = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        with psycopg.connect(image_stack.database_url.replace("postgres://", "postgresql://")) as conn:
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                tasks = {row[0] for row in conn.execute("SELECT task FROM django_celery_beat_periodictask")}
                if expected <= tasks:
                    break
                time.sleep(0.2)
        assert expected <= tasks, log.read_text()  # the whole schedule, installed in the database
        assert process.poll() is None
    finally:
        stop_process(process)


def test_the_entrypoint_runs_any_command_and_wants_a_role(image: Image):
    entrypoint = image.command()
    usage = subprocess.run(entrypoint, env=image.env, capture_output=True, text=True, timeout=10)
    assert usage.returncode == 64
    assert "usage: entrypoint.sh migrate|api|worker|beat|COMMAND" in usage.stderr
    other = subprocess.run([*entrypoint, "pwd"], env=image.env, capture_output=True, text=True, timeout=10)
    assert other.returncode == 0 and other.stdout.strip() == image.map("/app")
