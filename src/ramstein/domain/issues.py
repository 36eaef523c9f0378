"""Problems in data are values: validators and importers return a list of these."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DataIssue:
    """One problem found in input data: where it is and what is wrong with it.

    `row` counts lines of the file as a spreadsheet shows them (the header is row 1); 0 means the whole file.
    """

    source: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = self.source if self.row == 0 else f"{self.source}, row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"
