"""Every CSV and XLSX file the portal hands out is written here, so that text people typed stays text.

A spreadsheet runs a cell that starts with = + - or @ as a formula: an organisation named `=HYPERLINK(...)` would
become a link in a coordinator's spreadsheet, `=cmd|...` a command. Some programs also drop a leading tab, carriage
return or line feed, or leading spaces, before they look, and read the full-width forms an East Asian keyboard types
(＝ ＋ － ＠) as the ASCII ones. OWASP's rule, applied by `cell()` to every value of every row: such text is written
with an apostrophe in front, which spreadsheets show as text. Numbers and dates the portal itself produces are
passed as numbers and dates and stay what they are (a negative score is a number, not a formula).

In an XLSX file every text is also written as a string cell: openpyxl would otherwise turn a str starting with "="
into a formula cell of its own accord.

Nothing else in the portal writes CSV or XLSX (tests/portal/test_exports.py fails on a csv.writer, csv.DictWriter
or openpyxl Workbook anywhere else).
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a spreadsheet reads as the start of a formula (after NFKC, which folds ＝ ＋ － ＠ and the small forms
# ﹦ ﹢ ﹣ ﹫ into these).
FORMULA_STARTS = frozenset("=+-@")
# A cell that starts with one of these is escaped whatever follows: programs differ in whether they drop them.
ESCAPED_LEADS = frozenset("\t\r\n")
# Values the portal produces itself and writes as they are.
NUMBERS_AND_DATES = (int, float, Decimal, datetime.date, datetime.time)

Row = Iterable[object]


def _skipped_before_formula(char: str) -> bool:
    """Characters a spreadsheet may skip before it looks for "=": whitespace, control and invisible format ones."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula."""
    if text[:1] in ESCAPED_LEADS:
        return True
    for char in text:
        if not _skipped_before_formula(char):
            return unicodedata.normalize("NFKC", char)[:1] in FORMULA_STARTS
    return False


def cell(value: object) -> object:
    """`value` as it may go into a CSV or XLSX cell: numbers and dates unchanged, None empty, everything else as
    text (lazy translations and model instances through str()), with an apostrophe in front if a spreadsheet could
    read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, NUMBERS_AND_DATES):
        return value
    text = str(value)
    return "'" + text if starts_like_formula(text) else text


def safe_row(row: Row) -> list[object]:
    return [cell(value) for value in row]


# --- CSV ------------------------------------------------------------------------------------------------------------


def csv_text(rows: Iterable[Row]) -> str:
    """The rows as CSV text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(safe_row(row))
    return buffer.getvalue()


def csv_response(rows: Iterable[Row], *, filename: str) -> HttpResponse:
    """A CSV download of the rows, built in memory (for files of a few thousand rows)."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    writer = csv.writer(response)
    for row in rows:
        writer.writerow(safe_row(row))
    return response


class _Echo:
    """A file that gives back what is written to it: csv.writer then returns each line for streaming."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterable[Row]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(safe_row(row))


def csv_streaming_response(rows: Iterable[Row], *, filename: str) -> StreamingHttpResponse:
    """A CSV download written row by row as `rows` yields them (for lists of any length)."""
    response = StreamingHttpResponse(_csv_lines(rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- XLSX -----------------------------------------------------------------------------------------------------------


def _xlsx_cell(sheet, value: object) -> object:
    # openpyxl is loaded when a spreadsheet is asked for, not by every process that imports the CSV exports
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # loaded with the spreadsheet, as above

    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)  # XLSX has no time zones: the portal's local time
    if value is None or isinstance(value, NUMBERS_AND_DATES):
        return value
    # XML cannot hold most control characters (openpyxl refuses them): they are dropped before the guard looks.
    text = cell(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    string = WriteOnlyCell(sheet, value=text)
    string.data_type = "s"  # never "f", whatever the text looks like
    return string


def xlsx_bytes(rows: Iterable[Row], *, sheet_title: str) -> bytes:
    """The rows as an XLSX workbook of one sheet, every text a string cell."""
    from openpyxl import Workbook  # loaded when a spreadsheet is asked for, as above

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:31])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(rows: Iterable[Row], *, filename: str, sheet_title: str) -> HttpResponse:
    """An XLSX download of the rows."""
    response = HttpResponse(xlsx_bytes(rows, sheet_title=sheet_title), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
