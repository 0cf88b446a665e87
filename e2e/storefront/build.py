"""The storefront's checkout at the pinned commit, installed and built with its own tooling
(``pnpm install --frozen-lockfile``, ``pnpm build``, whose ``prebuild`` runs its code
generation against the running API). A re-run reuses ``node_modules`` while the commit and
lockfile are unchanged, and ``.next`` while the commit, the build's environment and the
API's schema are unchanged."""

import hashlib
import json
import os
import shutil
import subprocess
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from e2e.storefront.logscan import CodegenError, parse_codegen_errors
from e2e.storefront.stack import StackError, log, run

# Kept inside ignored directories, which the checkout leaves alone and a new install or build replaces.
INSTALL_STAMP = "node_modules/.langnghe-install.json"
BUILD_STAMP = ".next/.langnghe-build.json"


def _git(*args: str, cwd: Path | None = None, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise StackError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def checkout(source: str, commit: str, directory: Path) -> str:
    """``directory`` holds the storefront at ``commit`` (a clone of ``source``: a working copy,
    a bare mirror or a URL). Tracked files are reset to the commit; ignored ones
    (node_modules, .next, generated code) stay. Returns the full commit id."""
    if not (directory / ".git").exists():
        if directory.exists() and any(directory.iterdir()):
            raise StackError(
                f"{directory} exists and is not a git checkout; remove it or choose another --work-dir"
            )
        directory.parent.mkdir(parents=True, exist_ok=True)
        log(f"cloning {source} into {directory}")
        _git("clone", "--quiet", "--no-checkout", source, str(directory))
    resolved = _git("rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}", cwd=directory, check=False)
    if not resolved:
        log(f"fetching {commit} from {source}")
        _git("fetch", "--quiet", source, cwd=directory, check=False)
        _git("fetch", "--quiet", source, commit, cwd=directory, check=False)
        resolved = _git(
            "rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}", cwd=directory, check=False
        )
        if not resolved:
            resolved = _git(
                "rev-parse", "--verify", "--quiet", "FETCH_HEAD^{commit}", cwd=directory, check=False
            )
            if not resolved or not resolved.startswith(commit.lower()):
                raise StackError(f"commit {commit} is not in {source}")
    if _git("rev-parse", "HEAD", cwd=directory, check=False) != resolved:
        log(f"checking out {resolved[:12]}")
    _git("checkout", "--quiet", "--force", "--detach", resolved, cwd=directory)
    _git("clean", "--quiet", "-fd", cwd=directory)  # untracked files, not ignored ones
    return resolved


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_stamp(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def install(directory: Path, commit: str, *, env: dict[str, str], log_path: Path) -> bool:
    """``pnpm install --frozen-lockfile`` unless node_modules was installed for this commit and
    lockfile. Returns whether it ran."""
    if shutil.which("pnpm", path=env.get("PATH")) is None:
        raise StackError("pnpm is not installed (npm install -g pnpm@10, the version the storefront pins)")
    stamp = {"commit": commit, "lockfile": _sha256(directory / "pnpm-lock.yaml")}
    if (directory / "node_modules").is_dir() and _read_stamp(directory / INSTALL_STAMP) == stamp:
        log("node_modules: reused (same commit and lockfile)")
        return False
    run(
        ["pnpm", "install", "--frozen-lockfile"],
        env=env,
        cwd=directory,
        log_path=log_path,
        timeout=1800,
        what="installing the storefront's packages",
    )
    (directory / INSTALL_STAMP).write_text(json.dumps(stamp))
    return True


INTROSPECTION = (
    "query IntrospectionForStamp { __schema { types { kind name fields(includeDeprecated: true) "
    "{ name args { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } "
    "type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } "
    "inputFields { name type { kind name ofType { kind name ofType { kind name } } } } "
    "enumValues(includeDeprecated: true) { name } possibleTypes { name } } } }"
)


def schema_digest(api_url: str) -> str:
    """A digest of the running API's schema, read by introspection: a build is reused only
    against the schema its code generation saw."""
    request = urllib.request.Request(
        api_url,
        data=json.dumps({"query": INTROSPECTION}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
    except OSError as error:
        raise StackError(f"cannot introspect {api_url}: {error}") from error
    return hashlib.sha256(body).hexdigest()


@dataclass
class BuildResult:
    ran: bool
    ok: bool
    codegen_errors: dict[str, list[CodegenError]] = field(default_factory=dict)
    message: str = ""


def build(
    directory: Path, commit: str, *, env: dict[str, str], build_env: dict[str, str], api_url: str, logs: Path
) -> BuildResult:
    """``pnpm build`` (its ``prebuild`` is ``generate:all``: codegen against ``api_url``). On
    failure, each code generation is run alone too, so that the report lists every document
    the API refuses, the checkout's included."""
    stamp = {"commit": commit, "env": build_env, "schema": schema_digest(api_url)}
    if (directory / ".next" / "BUILD_ID").is_file() and _read_stamp(directory / BUILD_STAMP) == stamp:
        log(".next: reused (same commit, build environment and API schema)")
        return BuildResult(ran=False, ok=True)
    (directory / BUILD_STAMP).unlink(missing_ok=True)
    log_path = logs / "build.log"
    try:
        run(
            ["pnpm", "build"],
            env=env,
            cwd=directory,
            log_path=log_path,
            timeout=2400,
            what="building the storefront",
        )
    except StackError as error:
        result = BuildResult(ran=True, ok=False, message=str(error))
        for script in ("generate", "generate:checkout"):
            codegen_log = logs / f"codegen-{script.replace(':', '-')}.log"
            codegen_log.unlink(missing_ok=True)
            try:
                run(
                    ["pnpm", "run", script],
                    env=env,
                    cwd=directory,
                    log_path=codegen_log,
                    timeout=600,
                    what=script,
                )
            except StackError:
                pass
            errors = parse_codegen_errors(codegen_log.read_text(errors="replace"), str(directory))
            if errors:
                result.codegen_errors[script] = errors
        return result
    (directory / BUILD_STAMP).write_text(json.dumps(stamp))
    return BuildResult(ran=True, ok=True)


def node_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment of the storefront's commands: ours, without proxies (everything it
    reaches is on this machine), with Next's telemetry off."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env.update({"NEXT_TELEMETRY_DISABLED": "1", "CI": "1", **extra})
    return env
