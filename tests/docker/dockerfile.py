"""docker/Dockerfile and docker/compose.yaml as the tests read them, and the image's runtime
stage laid out on this machine (which has no Docker engine).

``parse`` reads a Dockerfile as Docker does (line continuations, comment lines, stages).
``lay_out`` replays the final stage outside a container: its ENV lines (the image's
environment, container paths mapped to a temporary root), its COPY lines (files copied
from the repository to the same place under that root), and its RUN steps (run with that
environment; only the user-account commands are left out, the machine has no ``app``
user). ``/opt/venv``, which the image copies from its build stage, is the project's
virtualenv here (it holds the runtime lock and more). ``load_compose`` reads compose.yaml
with Compose's variable interpolation.
"""

import fnmatch
import json
import re
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "docker" / "Dockerfile"
COMPOSE = ROOT / "docker" / "compose.yaml"
# The environment of the python:3.11-slim base image that the Dockerfile's ENV lines extend.
BASE_IMAGE_ENV = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
VENV_IN_IMAGE = "/opt/venv"
# Commands about the image's user accounts, which this machine does not have.
ACCOUNT_COMMANDS = {"groupadd", "useradd", "chown"}


@dataclass
class Instruction:
    keyword: str
    value: str


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)


def parse(text: str) -> list[Stage]:
    """The stages of a Dockerfile, each with its instructions in order."""
    logical: list[str] = []
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#") or (not line and not current):
            continue  # comment lines are dropped, even inside a continued instruction
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        logical.append((current + line).strip())
        current = ""
    assert not current, "the Dockerfile ends inside a continued line"

    stages: list[Stage] = []
    for line in logical:
        keyword, _, value = line.partition(" ")
        keyword, value = keyword.upper(), value.strip()
        if keyword == "ARG" and not stages:
            continue
        if keyword == "FROM":
            parts = value.split()
            name = parts[2] if len(parts) == 3 and parts[1].upper() == "AS" else None
            stages.append(Stage(base=parts[0], name=name))
            continue
        assert stages, f"{keyword} before FROM"
        stages[-1].instructions.append(Instruction(keyword, value))
    return stages


def expand(value: str, env: Mapping[str, str]) -> str:
    """$VAR and ${VAR} as Docker expands them in ENV, WORKDIR and COPY (unknown: empty)."""
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: env.get(m.group(1) or m.group(2), ""), value)


def env_pairs(value: str, env: Mapping[str, str]) -> dict[str, str]:
    """The ``KEY=value`` pairs of one ENV instruction, expanded against ``env``."""
    pairs = {}  # type: ignore[var-annotated]
    for token in shlex.split(value):
        key, sep, item = token.partition("=")
        assert sep, f"ENV {value!r}: only the KEY=value form is read here"
        pairs[key] = expand(item, {**env, **pairs})
    return pairs


def exec_form(value: str) -> list[str]:
    """The JSON array of CMD, ENTRYPOINT or HEALTHCHECK ... CMD (the exec form)."""
    array = json.loads(value)
    assert isinstance(array, list) and all(isinstance(a, str) for a in array), value
    return array


@dataclass
class Image:
    """The final stage of the Dockerfile, laid out under ``root``."""

    root: Path
    venv: Path
    env: dict[str, str]  # the image's environment, paths mapped
    workdir: Path
    entrypoint: list[str]
    cmd: list[str]
    healthcheck: list[str]
    user: str
    run_steps: list[str] = field(default_factory=list)  # what was run, for messages

    def map(self, path: str) -> str:
        return map_path(path, root=self.root, venv=self.venv)

    def command(self, *args: str) -> list[str]:
        """``docker run IMAGE args...``: the entrypoint with the arguments (paths mapped)."""
        return [self.map(a) for a in self.entrypoint] + [self.map(a) for a in args]

    def run(self, *args: str, env: Mapping[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(*args),
            cwd=self.workdir,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def start(self, *args: str, env: Mapping[str, str], log: Path) -> subprocess.Popen:
        with open(log, "ab") as out:
            return subprocess.Popen(
                self.command(*args),
                cwd=self.workdir,
                env={**self.env, **env},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )


def map_path(path: str, *, root: Path, venv: Path) -> str:
    """A container path as laid out here: the virtualenv for /opt/venv, ``root`` + path for
    what the image copies or creates (/app, /usr/local/bin/entrypoint.sh); other paths
    (system directories on PATH, URLs, words) unchanged."""
    if path == VENV_IN_IMAGE or path.startswith(VENV_IN_IMAGE + "/"):
        return str(venv) + path[len(VENV_IN_IMAGE) :]
    if path.startswith("/") and (root / path.lstrip("/")).exists():
        return str(root / path.lstrip("/"))
    if path.startswith("/app"):  # the application's home, whether or not it exists yet
        return str(root / path.lstrip("/"))
    return path


def map_value(value: str, *, root: Path, venv: Path) -> str:
    """An environment value: each ``:``-separated part mapped (PATH, PYTHONPATH)."""
    if not value.startswith("/"):
        return value
    return ":".join(map_path(part, root=root, venv=venv) for part in value.split(":"))


def lay_out(root: Path, *, venv: Path, context: Path = ROOT, dockerfile: Path = DOCKERFILE) -> Image:
    """Replay the final stage of ``dockerfile`` under ``root``; returns the image."""
    stages = parse(dockerfile.read_text(encoding="utf-8"))
    runtime = stages[-1]
    env = dict(BASE_IMAGE_ENV)
    workdir = "/"
    entrypoint: list[str] = []
    cmd: list[str] = []
    healthcheck: list[str] = []
    user = "root"
    ran: list[str] = []

    def mapped_env() -> dict[str, str]:
        return {key: map_value(value, root=root, venv=venv) for key, value in env.items()}

    for instruction in runtime.instructions:
        keyword, value = instruction.keyword, instruction.value
        if keyword == "ENV":
            env.update(env_pairs(value, env))
        elif keyword == "WORKDIR":
            workdir = expand(value, env)
            (root / workdir.lstrip("/")).mkdir(parents=True, exist_ok=True)
        elif keyword == "COPY":
            _copy(value, root=root, context=context, workdir=workdir, env=env)
        elif keyword == "RUN":
            for step in (part.strip() for part in value.split("&&")):
                words = shlex.split(step)
                if words[0] in ACCOUNT_COMMANDS:
                    continue
                mapped = shlex.join(map_path(w, root=root, venv=venv) for w in words)
                result = subprocess.run(
                    ["bash", "-c", mapped],
                    cwd=root / workdir.lstrip("/"),
                    env=mapped_env(),
                    capture_output=True,
                    text=True,
                    timeout=600,
                    check=False,
                )
                assert result.returncode == 0, f"RUN step {step!r} failed:\n{result.stdout}\n{result.stderr}"
                ran.append(step)
        elif keyword == "USER":
            user = value
        elif keyword == "ENTRYPOINT":
            entrypoint = exec_form(value)
        elif keyword == "CMD":
            cmd = exec_form(value)
        elif keyword == "HEALTHCHECK":
            healthcheck = exec_form(value.split(" CMD ", 1)[1])
        elif keyword not in ("EXPOSE", "LABEL"):
            raise AssertionError(f"{keyword} is not understood by tests/docker/dockerfile.py")
    return Image(
        root=root,
        venv=venv,
        env=mapped_env(),
        workdir=root / workdir.lstrip("/"),
        entrypoint=entrypoint,
        cmd=cmd,
        healthcheck=healthcheck,
        user=user,
        run_steps=ran,
    )


def dockerignore_patterns(dockerfile: Path = DOCKERFILE) -> list[str]:
    """The build context filter BuildKit reads beside the Dockerfile (<Dockerfile>.dockerignore)."""
    path = dockerfile.with_name(dockerfile.name + ".dockerignore")
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def ignored(relative: str, patterns: list[str]) -> bool:
    """Whether ``relative`` (a path in the build context) is left out of the context: the
    last matching pattern decides (``!`` re-includes); a left-out directory takes its
    contents with it; ``**`` matches any number of directories, none included."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    excluded = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        body = pattern[1:] if negate else pattern
        candidates = {body, body.removeprefix("**/")}
        if any(fnmatch.fnmatchcase(prefix, c) for prefix in prefixes for c in candidates):
            excluded = not negate
    return excluded


def _copy(value: str, *, root: Path, context: Path, workdir: str, env: Mapping[str, str]) -> None:
    words = [expand(w, env) for w in shlex.split(value)]
    flags = [w for w in words if w.startswith("--")]
    *sources, dest = [w for w in words if not w.startswith("--")]
    if any(flag.startswith("--from=") for flag in flags):
        # The build stage's virtualenv: here, the project's own (see the module docstring).
        assert sources == [VENV_IN_IMAGE] and dest == VENV_IN_IMAGE, value
        return
    target = Path(dest if dest.startswith("/") else f"{workdir.rstrip('/')}/{dest}")
    host = root / str(target).lstrip("/")
    into_directory = dest.endswith("/") or len(sources) > 1
    patterns = dockerignore_patterns()

    def leave_out(directory: str, names: list[str]) -> list[str]:
        base = Path(directory).relative_to(context).as_posix()
        return [n for n in names if ignored(n if base == "." else f"{base}/{n}", patterns)]

    for source in sources:
        src = context / source
        assert src.exists() and not ignored(source, patterns), f"COPY {source}: not in the build context"
        if src.is_dir():
            shutil.copytree(src, host, dirs_exist_ok=True, ignore=leave_out)
        else:
            destination = host / src.name if into_directory else host
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, destination)


# ---------------------------------------------------------------- compose

_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|\$(?P<bare>\w+)")


class MissingVariable(Exception):
    pass


def interpolate(value: str, env: Mapping[str, str]) -> str:
    """Compose's interpolation: $$, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error},
    ${VAR?error}, $VAR."""

    def substitute(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group("name") or match.group("bare")
        op, arg = match.group("op"), match.group("arg")
        present = name in env
        current = env.get(name, "")
        if op in (":-", ":?") and not current or op in ("-", "?") and not present:
            if op.endswith("?"):
                raise MissingVariable(f"{name}: {arg}")
            return arg
        return current

    return _VARIABLE.sub(substitute, value)


def _interpolate_tree(node: Any, env: Mapping[str, str]) -> Any:
    if isinstance(node, str):
        return interpolate(node, env)
    if isinstance(node, list):
        return [_interpolate_tree(item, env) for item in node]
    if isinstance(node, dict):
        return {key: _interpolate_tree(item, env) for key, item in node.items()}
    return node


def load_compose(env: Mapping[str, str], path: Path = COMPOSE) -> dict[str, Any]:
    """compose.yaml with YAML anchors and merge keys resolved and variables interpolated."""
    return _interpolate_tree(yaml.safe_load(path.read_text(encoding="utf-8")), env)
