"""Read CSV, XLSX and JSON files as a stream of rows, with clear messages for files that cannot be read.

Row numbers are those a spreadsheet shows: the header is row 1, the first record row 2 (a JSON file's
records are numbered 1, 2, ...). Files are read lazily, so memory stays small for big files.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from techbridge.dataio.report import FileError

MAX_BYTES = 20 * 1024 * 1024
FORMATS = ("csv", "xlsx", "json")
_FORMULA_START = ("=", "+", "-", "@")
_CHUNK = 1 << 16


@dataclass
class Row:
    """One record: `values` maps column name to text ("" for empty); `problems` are (column, message)."""

    number: int
    values: dict[str, str]
    problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Table:
    columns: list[str]
    rows: Iterator[Row]
    total: int | None = None  # number of records where known cheaply (for a progress bar)


def detect_format(name: str, fmt: str | None = None) -> str:
    """The format chosen by the user, else guessed from the file name's extension."""
    if fmt:
        if fmt not in FORMATS:
            raise FileError(
                _("Unknown format '{format}': use one of {formats}.").format(
                    format=fmt, formats=", ".join(FORMATS)
                )
            )
        return fmt
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if suffix == "xls":
        raise FileError(_("The old Excel format .xls is not supported: save the workbook as .xlsx."))
    if suffix in ("txt", "tsv"):
        return "csv"
    raise FileError(
        _("Cannot tell the format of '{name}' from its extension: name it .csv, .xlsx or .json.").format(
            name=name
        )
    )


def open_table(path: Path, *, fmt: str | None = None, name: str = "", lower_headers: bool = True) -> Table:
    """Open `path` (named `name` for messages) as a Table; raises FileError when it cannot be read."""
    name = name or path.name
    fmt = detect_format(name, fmt)
    size = path.stat().st_size
    if size == 0:
        raise FileError(_("The file '{name}' is empty.").format(name=name))
    if size > MAX_BYTES:
        raise FileError(
            _(
                "The file '{name}' is {size:.1f} MB; the limit is {limit} MB. Split it into smaller files."
            ).format(name=name, size=size / 1024 / 1024, limit=MAX_BYTES // 1024 // 1024)
        )
    reader = {"csv": _csv_table, "xlsx": _xlsx_table, "json": _json_table}[fmt]
    return reader(path, name, lower_headers)


def clean_cell(value: object) -> str:
    """A cell as text: numbers without a spurious '.0', dates in ISO form, an export's formula guard removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ";".join(clean_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in _FORMULA_START:
        return text[1:]  # the exporter prefixes ' so spreadsheets do not run the text as a formula
    return text


def _headers(cells: list[object], lower: bool, row: int = 1) -> list[str]:
    names = [clean_cell(c) for c in cells]
    while names and not names[-1]:
        names.pop()
    if lower:
        names = [n.lower() for n in names]
    if not names:
        raise FileError(_("The first row is empty: it must name the columns."))
    for i, n in enumerate(names):
        if not n:
            raise FileError(
                _("Column {number} of the header (row {row}) has no name.").format(number=i + 1, row=row)
            )
    seen = set()
    for n in names:
        if n in seen:
            raise FileError(_("The column '{column}' appears twice in the header.").format(column=n))
        seen.add(n)
    return names


def _row(number: int, columns: list[str], cells: list[object]) -> Row | None:
    texts = [clean_cell(c) for c in cells]
    if not any(texts):
        return None
    row = Row(number, dict(zip(columns, texts + [""] * (len(columns) - len(texts)), strict=False)))
    extra = [t for t in texts[len(columns) :] if t]
    if extra:
        row.problems.append(
            (
                "",
                _(
                    "The row has {count} more cells than the header has columns; check the separators and quotes."
                ).format(count=len(texts) - len(columns)),
            )
        )
    return row


# ----------------------------------------------------------------------------------------------- CSV
def _check_utf8(path: Path, name: str) -> int:
    """Decode the whole file once in chunks so an encoding problem is reported before any row is used.

    Returns the number of line breaks (an estimate of the records, for the progress bar).
    """
    lines = 0
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    offset = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                position = offset + exc.start
                raise FileError(_encoding_message(path, name, position, chunk[exc.start])) from None
            offset += len(chunk)
            lines += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise FileError(
                _("The file '{name}' is not valid UTF-8: it ends in the middle of a character.").format(
                    name=name
                )
            ) from None
    return lines


def _encoding_message(path: Path, name: str, position: int, byte: int) -> str:
    sample = path.read_bytes()[: _CHUNK * 4]
    guess = _("Windows-1250/1252 (a European Windows encoding)")
    try:
        text = sample.decode("gb18030")
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            guess = _("GB18030/GBK (a Chinese Windows encoding)")
    except UnicodeDecodeError:
        pass
    return _(
        "The file '{name}' is not in UTF-8 encoding (byte 0x{byte:02x} at position {position} is not UTF-8); "
        "it looks like {guess}. Save it as 'CSV UTF-8' (Excel) or choose UTF-8 when saving, then try again."
    ).format(name=name, byte=byte, position=position, guess=guess)


def _delimiter(path: Path) -> str:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_table(path: Path, name: str, lower: bool) -> Table:
    lines = _check_utf8(path, name)
    delimiter = _delimiter(path)
    fh = path.open(encoding="utf-8-sig", newline="")
    reader = csv.reader(fh, delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        fh.close()
        raise FileError(
            _("The header of '{name}' cannot be read as CSV: {error}.").format(name=name, error=exc)
        ) from None
    if header is None or not any(c.strip() for c in header):
        fh.close()
        raise FileError(
            _("The file '{name}' has no header row: the first row must name the columns.").format(name=name)
        )
    columns = _headers(list(header), lower)

    def rows() -> Iterator[Row]:
        number = 1
        try:
            for cells in reader:
                number += 1
                row = _row(number, columns, list(cells))
                if row is not None:
                    yield row
        except csv.Error as exc:
            raise FileError(
                _("Row {row} of '{name}' cannot be read as CSV: {error}.").format(
                    row=number + 1, name=name, error=exc
                )
            ) from None
        finally:
            fh.close()

    return Table(columns, rows(), max(lines - 1, 0) or None)


# ---------------------------------------------------------------------------------------------- XLSX
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"')


def _merged_ranges(path: Path, sheet_path: str) -> list[str]:
    """Merged ranges of a sheet, read from its XML (read-only openpyxl does not expose them)."""
    found: list[str] = []
    with zipfile.ZipFile(path) as archive, archive.open(sheet_path.lstrip("/")) as fh:
        tail = b""
        while chunk := fh.read(_CHUNK):
            data = tail + chunk
            found.extend(m.decode() for m in _MERGE.findall(data))
            tail = data[-200:]
            if len(found) > 20:
                break
    return sorted(set(found))


def _xlsx_table(path: Path, name: str, lower: bool) -> Table:
    import openpyxl  # imported here: only XLSX reads pay for it

    if not zipfile.is_zipfile(path):
        raise FileError(
            _(
                "The file '{name}' is not an XLSX workbook (an .xlsx file is a ZIP archive); "
                "save it from Excel as 'Excel Workbook (.xlsx)' or export it as CSV UTF-8."
            ).format(name=name)
        )
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
        sheet = book.worksheets[0]
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise FileError(
            _("The workbook '{name}' cannot be read: {error}.").format(name=name, error=exc)
        ) from None
    try:
        merged = _merged_ranges(path, sheet._worksheet_path)
    except (KeyError, zipfile.BadZipFile) as exc:
        book.close()
        raise FileError(
            _("The workbook '{name}' cannot be read: {error}.").format(name=name, error=exc)
        ) from None
    if merged:
        book.close()
        raise FileError(
            _(
                "The sheet '{sheet}' has merged cells ({ranges}): unmerge them so every value sits in its own "
                "cell, one record per row."
            ).format(sheet=sheet.title, ranges=", ".join(merged[:5]))
        )
    cells = sheet.iter_rows()
    header = next(cells, None)
    if header is None:
        book.close()
        raise FileError(_("The workbook '{name}' is empty.").format(name=name))
    columns = _headers([c.value for c in header], lower)
    total = max(0, (sheet.max_row or 1) - 1) or None

    def rows() -> Iterator[Row]:
        try:
            for cells_of_row in cells:
                values = [c.value for c in cells_of_row]
                number = next((c.row for c in cells_of_row if getattr(c, "row", None)), None)
                if number is None:
                    continue
                formulas = [(i, c) for i, c in enumerate(cells_of_row) if c.data_type == "f"]
                row = _row(
                    number,
                    columns,
                    [None if c.data_type == "f" else v for c, v in zip(cells_of_row, values, strict=True)],
                )
                if row is None and not formulas:
                    continue
                row = row or Row(number, {c: "" for c in columns})
                for i, cell in formulas:
                    column = columns[i] if i < len(columns) else ""
                    row.problems.append(
                        (
                            column,
                            _(
                                "Cell {cell} holds a formula ({formula}); replace formulas by their values "
                                "(Paste special > Values)."
                            ).format(cell=cell.coordinate, formula=cell.value),
                        )
                    )
                yield row
        except FileError:
            raise
        except Exception as exc:  # a damaged sheet fails only when its rows are read
            raise FileError(
                _("The workbook '{name}' cannot be read: {error}.").format(name=name, error=exc)
            ) from None
        finally:
            book.close()

    return Table(columns, rows(), total)


# ---------------------------------------------------------------------------------------------- JSON
def _json_table(path: Path, name: str, lower: bool) -> Table:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise FileError(
            _("The file '{name}' is not in UTF-8 encoding; JSON files must be UTF-8.").format(name=name)
        ) from None
    except json.JSONDecodeError as exc:
        raise FileError(
            _("The file '{name}' is not valid JSON (line {line}, column {column}: {error}).").format(
                name=name, line=exc.lineno, column=exc.colno, error=exc.msg
            )
        ) from None
    if isinstance(data, dict) and len(data) == 1 and isinstance(next(iter(data.values())), list):
        data = next(iter(data.values()))  # {"projects": [...]} as well as a bare list
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise FileError(_("The JSON file '{name}' must hold a list of records (objects).").format(name=name))
    if not data:
        raise FileError(_("The JSON file '{name}' holds no records.").format(name=name))
    columns: list[str] = []
    for record in data:
        for key in record:
            label = key.strip().lower() if lower else key.strip()
            if label not in columns:
                columns.append(label)

    def rows() -> Iterator[Row]:
        for i, record in enumerate(data, start=1):
            values = {(k.strip().lower() if lower else k.strip()): clean_cell(v) for k, v in record.items()}
            yield Row(i, {c: values.get(c, "") for c in columns})

    return Table(columns, rows(), len(data))
