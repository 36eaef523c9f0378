"""Text dumps of the binary formats, for snapshots and assertions: XLSX cells with their formats, PDF text."""

from __future__ import annotations

import io

import openpyxl
import pypdf


def xlsx_cells(data: bytes) -> str:
    """Every non-empty cell as `Sheet!A1 = value  [number format]`, sheet by sheet."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    lines = []
    for sheet in book.worksheets:
        lines.append(f"== {sheet.title} (frozen {sheet.freeze_panes}, filter {sheet.auto_filter.ref})")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    fmt = "" if cell.number_format == "General" else f"  [{cell.number_format}]"
                    lines.append(f"{sheet.title}!{cell.coordinate} = {cell.value!r}{fmt}")
    return "\n".join(lines) + "\n"


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [f"== page {i}\n{page.extract_text()}" for i, page in enumerate(reader.pages, start=1)]
    return "\n".join(pages) + "\n"
