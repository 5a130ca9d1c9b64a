"""Read the rows of an uploaded CSV or XLSX file (pure: bytes in, rows out).

Returns the header row and the data rows with their spreadsheet row numbers (header = 1), so
that error reports point at the row a person sees in Excel or LibreOffice.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _

from .registry import RegistryInputError, RowError


def read_table(data: bytes, filename: str) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    name = filename.lower()
    if name.endswith(".csv"):
        return _read_csv(data)
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    raise RegistryInputError([RowError(0, "", _("Upload a .csv or .xlsx file."))])


def _is_blank(values: list[Any]) -> bool:
    return all(v is None or str(v).strip() == "" for v in values)


def _read_csv(data: bytes) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RegistryInputError([RowError(0, "", _("The CSV file must be encoded in UTF-8."))]) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        raise RegistryInputError([RowError(1, "", _("The file is empty."))])
    body = [(index, row) for index, row in enumerate(rows[1:], start=2) if not _is_blank(row)]
    return rows[0], body


def _read_xlsx(data: bytes) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises several unrelated types for a bad file
        raise RegistryInputError([RowError(0, "", _("The file is not a valid XLSX workbook."))]) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    if not rows:
        raise RegistryInputError([RowError(1, "", _("The file is empty."))])
    body = [(index, row) for index, row in enumerate(rows[1:], start=2) if not _is_blank(row)]
    return rows[0], body
