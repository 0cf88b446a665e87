"""The run's record: each step (pass, fail or skipped, its URL and screenshot), the findings
of the log scans and the code generation errors, written as summary.json and summary.md."""

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from e2e.storefront.logscan import CodegenError, Finding, failing

PASS = "pass"
FAIL = "fail"
SKIP = "skipped"


@dataclass
class Step:
    name: str
    status: str
    url: str = ""
    detail: str = ""
    screenshot: str = ""
    seconds: float = 0.0


@dataclass
class Report:
    storefront_commit: str = ""
    api_url: str = ""
    storefront_url: str = ""
    started: float = field(default_factory=time.time)
    steps: list[Step] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    codegen_errors: dict[str, list[CodegenError]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, step: Step) -> Step:
        self.steps.append(step)
        return step

    @property
    def passed(self) -> bool:
        return bool(self.steps) and all(s.status == PASS for s in self.steps) and not failing(self.findings)

    def as_dict(self) -> dict:
        return {
            "passed": self.passed,
            "storefront_commit": self.storefront_commit,
            "api_url": self.api_url,
            "storefront_url": self.storefront_url,
            "seconds": round(time.time() - self.started, 1),
            "steps": [asdict(s) for s in self.steps],
            "findings": [f.as_dict() for f in self.findings],
            "codegen_errors": {k: [str(e) for e in v] for k, v in self.codegen_errors.items()},
            "notes": self.notes,
        }

    def markdown(self) -> str:
        lines = [
            "# Saleor storefront against the Làng Nghề API",
            "",
            f"Result: **{'PASS' if self.passed else 'FAIL'}** — storefront {self.storefront_commit[:12]}, "
            f"API {self.api_url}, storefront {self.storefront_url}, {time.time() - self.started:.0f} s.",
            "",
            "| # | step | result | URL | detail |",
            "| --- | --- | --- | --- | --- |",
        ]
        for number, step in enumerate(self.steps, start=1):
            detail = step.detail.replace("|", "\\|").replace("\n", " ")[:400]
            lines.append(f"| {number} | {step.name} | {step.status} | {step.url} | {detail} |")
        for script, errors in self.codegen_errors.items():
            lines += ["", f"## `pnpm run {script}`: {len(errors)} validation errors against the API", ""]
            lines += [f"- `{e.location}`: {e.message}" for e in errors]
        bad = failing(self.findings)
        lines += ["", f"## Log findings: {len(bad)} failing, {len(self.findings) - len(bad)} warnings", ""]
        for finding in self.findings[:400]:
            where = f" (line {finding.line})" if finding.line else ""
            lines.append(f"- {finding.kind} [{finding.source}{where}]: {finding.text[:300]}")
        if self.notes:
            lines += ["", "## Notes", ""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines) + "\n"

    def write(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "summary.json").write_text(json.dumps(self.as_dict(), indent=2, ensure_ascii=False))
        (directory / "summary.md").write_text(self.markdown())
