"""Shipped YAML files found by name (their file stem), or a user's own file by path: rule sets, price lists."""

from __future__ import annotations

from pathlib import Path

from ramstein.domain.errors import NotFound


def is_path(name_or_path: str) -> bool:
    """A file name or path rather than the name of a shipped file."""
    return name_or_path.endswith((".yaml", ".yml")) or "/" in name_or_path


class NamedFiles:
    """The `*.yaml` files of a folder by name, and any other file by path; a miss names what exists."""

    def __init__(self, folder: Path, what: str, *, missing_hint: str, others_hint: str) -> None:
        self.folder, self._what = folder, what
        self._missing_hint, self._others_hint = missing_hint, others_hint

    def names(self) -> list[str]:
        return sorted(p.stem for p in self.folder.glob("*.yaml"))

    def path(self, name_or_path: str) -> Path:
        if is_path(name_or_path):
            path = Path(name_or_path)
            if not path.is_file():
                raise NotFound(f"no {self._what} file {name_or_path}", hint=self._missing_hint)
            return path
        if name_or_path in self.names():
            return self.folder / f"{name_or_path}.yaml"
        raise NotFound(
            f"unknown {self._what} {name_or_path!r}",
            hint=f"the shipped {self._what}s are {', '.join(self.names()) or 'none'}{self._others_hint}",
        )
