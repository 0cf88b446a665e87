"""Runs Saleor's storefront, unchanged, against this API and drives it in headless Chromium.

    .venv/bin/python -m e2e.storefront --storefront PATH_OR_GIT_URL --commit 60fea09 [options]

See "Running Saleor's storefront against the API" in the README. Exit status: 0 when every
step passed and no log holds a GraphQL error or another error, 1 otherwise, 2 when the
stack could not be prepared."""

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import sys
import time
from pathlib import Path

from e2e.storefront import build, fonts, logscan
from e2e.storefront.report import FAIL, Report, Step
from e2e.storefront.stack import (
    Process,
    StackError,
    free_port,
    log,
    loopback_alias,
    recreate_database,
    require_free,
    run,
    serve_directory,
    wait_for_http,
)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/langnghe_storefront_e2e"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m e2e.storefront", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--storefront", required=True, help="the storefront: a git checkout, a bare mirror or a git URL"
    )
    parser.add_argument("--commit", required=True, help="the storefront commit to run (e.g. 60fea09)")
    parser.add_argument(
        "--work-dir", type=Path, default=ROOT / ".e2e-storefront", help="clone, media, mail, logs"
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="screenshots and summary (default WORK_DIR/out)"
    )
    parser.add_argument(
        "--database-url", default=DEFAULT_DATABASE, help="recreated afresh unless --keep-database"
    )
    parser.add_argument(
        "--keep-database", action="store_true", help="use the database as it is (still migrated)"
    )
    parser.add_argument(
        "--public-ip", default="11.22.33.44", help="global unicast address added to lo for the API"
    )
    parser.add_argument("--api-port", type=int, default=18000)
    parser.add_argument("--media-port", type=int, default=18001)
    parser.add_argument("--storefront-port", type=int, default=13000)
    parser.add_argument("--channel", default="default-channel")
    parser.add_argument("--locale", default="en")
    parser.add_argument(
        "--font-file", type=Path, default=None, help="stand-in for Google Fonts (.woff2/.woff/.ttf/.otf)"
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument(
        "--skip-browser", action="store_true", help="prepare, build and start only (then stop)"
    )
    parser.add_argument(
        "--keep-running", action="store_true", help="leave everything up until Ctrl-C after the run"
    )
    return parser.parse_args(argv)


def api_environment(
    args: argparse.Namespace, work: Path, api_base: str, media_url: str, storefront_url: str, redis_url: str
) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.base",
        "DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": args.database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": f"{args.public_ip},127.0.0.1,localhost",
        "CORS_ALLOWED_ORIGINS": storefront_url,
        "CSRF_TRUSTED_ORIGINS": storefront_url,
        "STOREFRONT_URL": storefront_url,
        "PUBLIC_URL": api_base,
        "MEDIA_ROOT": str(work / "media"),
        "MEDIA_URL": media_url + "/",
        "USE_S3": "false",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on this machine, as behind a TLS proxy
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "PAYMENT_DUMMY_ENABLED": "true",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    env.pop("CELERY_BROKER_URL", None)
    return env


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    work = args.work_dir.resolve()
    out = (args.out or work / "out").resolve()
    logs = out / "logs"
    if out.exists():
        shutil.rmtree(out)
    logs.mkdir(parents=True)
    for stale in ("mail",):
        shutil.rmtree(work / stale, ignore_errors=True)
    report = Report()
    python = sys.executable
    storefront_dir = work / "storefront"
    api_base = f"http://{args.public_ip}:{args.api_port}"
    api_url = f"{api_base}/graphql/"
    storefront_url = f"http://127.0.0.1:{args.storefront_port}"
    report.api_url, report.storefront_url = api_url, storefront_url

    def stop(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, stop)
    code = 2
    with contextlib.ExitStack() as stack:
        try:
            commit = build.checkout(args.storefront, args.commit, storefront_dir)
            report.storefront_commit = commit
            stack.enter_context(loopback_alias(args.public_ip))
            require_free(args.public_ip, args.api_port, "the API")
            require_free(args.public_ip, args.media_port, "media")
            require_free("127.0.0.1", args.storefront_port, "the storefront")
            media_url = stack.enter_context(
                serve_directory(args.public_ip, args.media_port, work / "media", "media server")
            )
            redis_port = free_port()
            redis = Process(
                "redis",
                [
                    "redis-server",
                    "--port",
                    str(redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                env=dict(os.environ),
                cwd=work,
                log_path=logs / "redis.log",
            )
            stack.callback(redis.stop)
            redis_url = f"redis://127.0.0.1:{redis_port}/0"
            env = api_environment(args, work, api_base, media_url, storefront_url, redis_url)
            if not args.keep_database:
                recreate_database(args.database_url)
            manage = [python, "manage.py"]
            run(
                [*manage, "migrate", "--noinput"],
                env=env,
                cwd=ROOT,
                log_path=logs / "migrate.log",
                timeout=900,
                what="migrate",
            )
            run(
                [*manage, "populatedb", "--demo-accounts"],
                env=env,
                cwd=ROOT,
                log_path=logs / "populatedb.log",
                timeout=1800,
                what="populatedb",
            )
            worker = Process(
                "celery worker",
                [
                    python,
                    "-m",
                    "celery",
                    "-A",
                    "marketplace",
                    "worker",
                    "--pool",
                    "solo",
                    "--loglevel",
                    "INFO",
                ],
                env=env,
                cwd=ROOT,
                log_path=logs / "worker.log",
            )
            stack.callback(worker.stop)
            api = Process(
                "api (gunicorn)",
                [
                    python,
                    "-m",
                    "gunicorn",
                    "marketplace.wsgi:application",
                    "--bind",
                    f"{args.public_ip}:{args.api_port}",
                    "--workers",
                    "2",
                    "--timeout",
                    "60",
                    "--worker-tmp-dir",
                    "/dev/shm",
                    "--no-control-socket",
                ],  # fmt: skip
                env=env,
                cwd=ROOT,
                log_path=logs / "api.log",
            )
            stack.callback(api.stop)
            wait_for_http(f"{api_base}/health/ready", api, timeout=90, ok=lambda s: s == 200)

            # ---------------------------------------------------------- the storefront
            sf_extra = {
                "NEXT_PUBLIC_SALEOR_API_URL": api_url,
                "NEXT_PUBLIC_STOREFRONT_URL": storefront_url,
                "NEXT_PUBLIC_DEFAULT_CHANNEL": args.channel,
                "NEXT_PUBLIC_ALLOW_DUMMY_PAYMENT": "true",
                "ALLOW_DUMMY_PAYMENT": "true",
                "STOREFRONT_CHANNELS": args.channel,
                "NEXT_PUBLIC_DEFAULT_LOCALE": args.locale,
                # the storefront's copy (homepage, chrome) from our pages, not its code defaults
                "CONTENT_PROVIDER": "saleor",
            }
            build.install(storefront_dir, commit, env=build.node_env({}), log_path=logs / "install.log")
            font_file = fonts.find_font_file(storefront_dir, args.font_file)
            font_dir = work / "fonts"
            with serve_directory("127.0.0.1", free_port(), font_dir, "font server") as font_base:
                mock = fonts.write_mock(
                    font_dir, storefront_dir=storefront_dir, font_file=font_file, font_base_url=font_base
                )
                built = build.build(
                    storefront_dir,
                    commit,
                    env=build.node_env({**sf_extra, "NEXT_FONT_GOOGLE_MOCKED_RESPONSES": str(mock)}),
                    build_env=sf_extra,
                    api_url=api_url,
                    logs=logs,
                )
            report.codegen_errors = built.codegen_errors
            if not built.ok:
                report.add(
                    Step(
                        "build the storefront (pnpm build, codegen against the API)",
                        FAIL,
                        detail=built.message[-1500:],
                    )
                )
                return finish(report, out, logs, [])
            report.notes.append(
                "build: "
                + ("pnpm build ran" if built.ran else "reused .next (same commit, environment, schema)")
            )
            storefront = Process(
                "storefront (next start)",
                ["pnpm", "start", "-p", str(args.storefront_port), "-H", "127.0.0.1"],
                env=build.node_env(sf_extra),
                cwd=storefront_dir,
                log_path=logs / "storefront.log",
            )
            stack.callback(storefront.stop)
            wait_for_http(storefront_url + "/", storefront, timeout=120)
            console: list[logscan.ConsoleEntry] = []
            if not args.skip_browser:
                from e2e.storefront.journey import Api, browse

                log("driving headless Chromium through the journey")
                console = browse(
                    api=Api(api_url, storefront_url),
                    storefront_url=storefront_url,
                    channel=args.channel,
                    locale=args.locale,
                    out_dir=out,
                    mail_dir=work / "mail",
                    report=report,
                    chromium=args.chromium,
                )
            if args.keep_running:
                log(f"everything is up: storefront {storefront_url}, API {api_url}; Ctrl-C stops it")
                with contextlib.suppress(KeyboardInterrupt):
                    while True:
                        time.sleep(3600)
            time.sleep(1)  # the last log lines
            code = finish(report, out, logs, console)
        except StackError as error:
            log(f"FAILED: {error}")
            report.add(Step("prepare the stack", FAIL, detail=str(error)[-1500:]))
            finish(report, out, logs, [])
            code = 2
        except KeyboardInterrupt:
            log("interrupted: stopping everything")
            code = 130
    return code


def finish(report: Report, out: Path, logs: Path, console: list[logscan.ConsoleEntry]) -> int:
    for name, scan in (("api.log", logscan.scan_api_log), ("storefront.log", logscan.scan_storefront_log)):
        path = logs / name
        if path.is_file():
            with open(path, errors="replace") as lines:
                report.findings.extend(scan(lines))
    report.findings.extend(logscan.scan_browser(console))
    report.write(out)
    bad = logscan.failing(report.findings)
    log(
        f"{'PASS' if report.passed else 'FAIL'}: {sum(s.status == 'pass' for s in report.steps)}/{len(report.steps)} steps passed, "
        f"{len(bad)} failing log findings; summary: {out / 'summary.md'}"
    )
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
