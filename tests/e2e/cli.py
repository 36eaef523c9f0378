"""Run the real `ramstein` entry point in-process and capture what a user would see."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

import pytest

from ramstein.interfaces.cli.app import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.setattr(sys, "argv", ["ramstein", *args])
    monkeypatch.setenv("COLUMNS", "200")
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)
