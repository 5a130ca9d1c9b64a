"""Reading and writing the catalogue's flat tables as CSV or XLSX (openpyxl).

A *table set* maps a table name (``procedures``, ``components``, ``steps``) to its rows; each
row is ``[row_number, {column: text}]`` with the spreadsheet row number (the header is row 1),
so validation messages can point at the cell the user sees. Every value is read as text;
parsing into numbers and dates happens in ``exchange.py``.

* XLSX: one sheet per table, named after the table, header in row 1.
* CSV: one file, UTF-8 (a BOM is written for Excel), with a first column ``record`` whose value
  is ``procedure``, ``component`` or ``step``; the other columns are the union of the three
  tables' columns (``name`` is shared).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

Row = list[Any]  # [row_number, {column: text}]
Tables = dict[str, list[Row]]

TABLE_NAMES = ("procedures", "components", "steps")
CSV_RECORD = {"procedure": "procedures", "component": "components", "step": "steps"}
CSV_RECORD_OF_TABLE = {table: record for record, table in CSV_RECORD.items()}
MAX_ROWS = 20000


class TabularError(ValueError):
    """The file cannot be read as a catalogue (wrong format, missing sheet, too large)."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value).strip()


def read_upload(name: str, data: bytes) -> Tables:
    """Read an uploaded ``.csv`` or ``.xlsx`` file into a table set."""
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        return read_xlsx(data)
    if lower.endswith(".csv"):
        return read_csv(data)
    raise TabularError(_("Upload a .csv or .xlsx file."))


def read_xlsx(data: bytes) -> Tables:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise TabularError(_("The file is not a valid XLSX workbook.")) from exc
    sheets = {ws.title.strip().lower(): ws for ws in workbook.worksheets}
    tables: Tables = {}
    total = 0
    for table in TABLE_NAMES:
        sheet = sheets.get(table)
        if sheet is None:
            raise TabularError(_("The workbook has no sheet named “%(name)s”.") % {"name": table})
        rows = sheet.iter_rows(values_only=True)
        header = [_text(v).lower() for v in next(rows, ())]
        out: list[Row] = []
        for number, values in enumerate(rows, start=2):
            cells = [_text(v) for v in values]
            if not any(cells):
                continue
            total += 1
            if total > MAX_ROWS:
                raise TabularError(_("The file has too many rows."))
            out.append([number, {col: cells[i] if i < len(cells) else "" for i, col in enumerate(header) if col}])
        tables[table] = out
    workbook.close()
    return tables


def read_csv(data: bytes) -> Tables:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TabularError(_("The CSV file must be encoded in UTF-8.")) from exc
    # The delimiter is the most frequent of , ; and tab in the header line (spreadsheets in
    # some locales save with semicolons); csv.Sniffer guesses wrong on short files.
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    if "record" not in header:
        raise TabularError(_("The CSV file needs a “record” column (procedure, component or step)."))
    tables: Tables = {table: [] for table in TABLE_NAMES}
    for values in reader:
        line = reader.line_num
        cells = [v.strip() for v in values]
        if not any(cells):
            continue
        if sum(len(rows) for rows in tables.values()) >= MAX_ROWS:
            raise TabularError(_("The file has too many rows."))
        row = {col: cells[i] if i < len(cells) else "" for i, col in enumerate(header) if col}
        kind = row.pop("record", "").strip().lower()
        table = CSV_RECORD.get(kind)
        if table is None:
            table = "procedures"  # reported by validation as an unknown record type
            row["__bad_record__"] = kind
        tables[table].append([line, row])
    return tables


def csv_columns(columns: Mapping[str, Sequence[str]]) -> list[str]:
    out = ["record"]
    for table in TABLE_NAMES:
        for col in columns[table]:
            if col not in out:
                out.append(col)
    return out


def write_csv(columns: Mapping[str, Sequence[str]], tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> bytes:
    header = csv_columns(columns)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for table in TABLE_NAMES:
        for values in tables[table]:
            row = {"record": CSV_RECORD_OF_TABLE[table], **{k: _text(v) for k, v in values.items()}}
            writer.writerow([row.get(col, "") for col in header])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(columns: Mapping[str, Sequence[str]], tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for table in TABLE_NAMES:
        sheet = workbook.create_sheet(table)
        cols = list(columns[table])
        sheet.append(cols)
        for cell in sheet[1]:
            cell.font = bold
        for values in tables[table]:
            sheet.append([_cell(values.get(col)) for col in cols])
        for i, col in enumerate(cols, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = 40 if col in {"name", "fee_note", "time_note"} else 16
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
