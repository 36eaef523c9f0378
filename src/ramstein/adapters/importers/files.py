"""Reading a reference file into text, whatever its wrapping (.csv, .csv.gz, .zip), with its checksum.

Failures are returned as `DataIssue`s at row 0 (the whole file), so a reader can report a missing,
compressed-but-broken or binary file the same way as a bad row, and never raises for bad input.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ramstein.domain.issues import DataIssue

MAX_ISSUES = 100  # a wrong file would otherwise yield one issue per row; the first hundred say enough

_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """The text of a file (None when it could not be read) and the SHA-256 of its bytes as stored."""

    name: str
    text: str | None
    sha256: str
    issues: list[DataIssue]


@dataclass(slots=True)
class IssueList:
    """Issues of one file, capped at `MAX_ISSUES` with a closing note saying how many were left out."""

    source: str
    items: list[DataIssue] = field(default_factory=list)
    dropped: int = 0

    def add(self, row: int, column: str, message: str) -> None:
        if len(self.items) < MAX_ISSUES:
            self.items.append(DataIssue(self.source, row, column, message))
        else:
            self.dropped += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def count(self) -> int:
        """Every issue found, listed or not: lets a caller tell whether a check added one."""
        return len(self.items) + self.dropped

    def as_list(self) -> list[DataIssue]:
        if not self.dropped:
            return list(self.items)
        note = f"{self.dropped} more problems were found and are not listed; fix the ones above first"
        return [*self.items, DataIssue(self.source, 0, "", note)]


def load_text(path: Path, *, expected: str) -> LoadedFile:
    """Read `path` as UTF-8 text, unwrapping gzip or a single-CSV zip; `expected` describes the format."""
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _failed(name, "", f"file not found: {path}; check the path and try again")
    except OSError as exc:
        return _failed(name, "", f"cannot read {path}: {exc.strerror or exc}; check the path and its permissions")
    digest = hashlib.sha256(raw).hexdigest()
    data, problem = _unwrap(raw)
    if problem:
        return _failed(name, digest, problem)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not a UTF-8 text file (byte {exc.start} cannot be read); {expected}. Save it as UTF-8 CSV"
        return _failed(name, digest, message)
    if not text.strip():
        return _failed(name, digest, f"the file is empty; {expected}")
    return LoadedFile(name, text, digest, [])


def _unwrap(raw: bytes) -> tuple[bytes, str]:
    """The CSV bytes inside `raw` (by content, not by file name) and a problem, if any."""
    if raw.startswith(_GZIP_MAGIC):
        try:
            return gzip.decompress(raw), ""
        except (OSError, EOFError, zlib.error):
            return b"", "the gzip file is damaged or cut short; download it again"
    if raw.startswith(_ZIP_MAGIC):
        return _unzip(raw)
    return raw, ""


def _unzip(raw: bytes) -> tuple[bytes, str]:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
            if len(members) != 1:
                found = ", ".join(archive.namelist()) or "nothing"
                return b"", f"the zip file must hold exactly one .csv file, it holds {found}; unzip it and give the CSV"
            return archive.read(members[0]), ""
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return b"", "the zip file is damaged or cut short; download it again"


def _failed(name: str, digest: str, message: str) -> LoadedFile:
    return LoadedFile(name, None, digest, [DataIssue(name, 0, "", message)])


def rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with their line number (the header is row 1); blank lines are skipped."""
    reader = csv.reader(io.StringIO(text))
    for record in reader:
        if record and any(cell.strip() for cell in record):
            yield reader.line_num, record


def parse_iso_date(text: str) -> date | None:
    """A YYYY-MM-DD date, or None when the text is anything else (other ISO forms are refused)."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_bool(text: str) -> bool | None:
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0", ""):
        return False
    return None


def shorten(text: str, limit: int = 60) -> str:
    """Echo a piece of the input back to the user without flooding the message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
