"""Formulas in exports (issue 13, point 1): user text reaches every CSV and XLSX of the portal as text.

Three layers: the cell guard over a table of hostile and harmless values; every export URL downloaded with hostile
text in each user text field that reaches its file; a scan of the source so that no module but portal/exports.py
writes CSV or XLSX (a fifth copy of the guard cannot appear).
"""

from __future__ import annotations

import ast
import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal import exports
from portal.exports import cell

# --- The cell guard ---------------------------------------------------------------------------------------------

TRIGGERS = ["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫"]
LEADS = ["", " ", "   ", "\t", "\r", "\n", "\r\n", " \t ", "\u3000", "\xa0", "\u200b", "\ufeff"]
HOSTILE = [
    lead + trigger + body
    for lead in LEADS
    for trigger in TRIGGERS
    for body in ('HYPERLINK("http://evil.example","Click")', "cmd|' /C calc'!A0")
] + ["\tplain text after a tab", "\rplain text after a carriage return", "\nplain text after a line feed"]

HARMLESS = [
    "Food Valley",
    "München Photonics",
    "ECCM-2026-0042",
    "2026-12-03",
    "2026-12-03 12:50",
    "Cluster - the second",
    "a=b",
    "1+1",
    "x@example.org",
    "'=already escaped",
    "",
    " ",
    "Ünïcödé ＡＢＣ",
]

PORTAL_VALUES = [
    -3.5,
    -1,
    0,
    42,
    Decimal("-12.50"),
    Decimal("87.25"),
    datetime.date(2026, 12, 3),
    datetime.datetime(2026, 12, 3, 12, 50),
    True,
]


@pytest.mark.parametrize("text", HOSTILE, ids=repr)
def test_text_a_spreadsheet_could_run_gets_an_apostrophe_in_front(text):
    assert cell(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS, ids=repr)
def test_plain_text_is_written_unchanged(text):
    assert cell(text) == text


@pytest.mark.parametrize("value", PORTAL_VALUES, ids=repr)
def test_numbers_and_dates_the_portal_produces_stay_numbers_and_dates(value):
    assert cell(value) is value


def test_nothing_is_an_empty_cell_and_other_objects_are_their_text():
    class Named:
        def __str__(self):
            return "=HYPERLINK(1)"

    assert cell(None) == ""
    assert cell(Named()) == "'=HYPERLINK(1)"


def test_a_negative_number_typed_as_text_is_escaped_but_one_the_portal_writes_is_a_number():
    assert cell("-5") == "'-5"
    assert exports.csv_text([[-5, Decimal("-2.50")]]) == "-5,-2.50\r\n"


# --- What the downloaded files must look like -----------------------------------------------------------------

PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def _unescaped_formula(value) -> bool:
    """Written independently of portal/exports.py: could a spreadsheet run this cell?"""
    if not isinstance(value, str) or PLAIN_NUMBER.fullmatch(value):
        return False  # numbers are numbers (a CSV holds the portal's numbers as digits)
    if value.startswith(("\t", "\r", "\n")):
        return True
    return value.lstrip(" \t\r\n\u3000\xa0\u200b\ufeff").startswith(tuple("=+-@＝＋－＠﹦﹢﹣﹫"))


def _csv_cells(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def _xlsx_cells(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(response.content))
    formulas = [
        f"{sheet.title}!{c.coordinate}"
        for sheet in workbook
        for row in sheet.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == [], f"formula cells: {formulas}"
    return [list(row) for sheet in workbook for row in sheet.iter_rows(values_only=True)]


def assert_text_stays_text(rows: list[list], tags: list[str]) -> None:
    """Every tagged payload reached the file (else the check would prove nothing), and no cell can run."""
    cells = [value for row in rows for value in row]
    for tag in tags:
        assert any(isinstance(v, str) and f"/{tag})" in v for v in cells), f"{tag} is not in the file"
    running = [v for v in cells if _unescaped_formula(v)]
    assert running == [], f"cells a spreadsheet would run: {running}"


# Each run puts one kind of payload in every field; the tag says which field a cell came from.
PAYLOADS = {
    "equals": "={}",
    "plus": "+{}",
    "minus": "-{}",
    "at after spaces": "  @{}",
    "tab": "\t={}",
    "carriage return": "\r={}",
    "full-width": "＝{}",
}


@pytest.fixture(params=list(PAYLOADS.values()), ids=list(PAYLOADS))
def hostile(request):
    """hostile("name") -> a formula of that payload kind, tagged "name" (short: fields of 30 characters hold it)."""
    return lambda tag: request.param.format(f"HYPERLINK(/{tag})")


@pytest.fixture
def hostile_survey(hostile, coordinator):
    """A submitted response whose organisation name, free-text answers, question code and option values (what the
    coordinator typed) are formulas."""
    from django.core.cache import cache

    from survey.models import Answer, Option, Question
    from tests.factories import ClusterOrganisationFactory
    from tests.survey.factories import build_survey, submit_response

    built = build_survey(user=coordinator, slug="hostile", title="Hostile")
    organisation = ClusterOrganisationFactory(name=hostile("org"))
    submit_response(built, organisation=organisation, remarks=hostile("long"), topics=("x", "y"), staff="2.5")
    Answer.objects.filter(question=built.detail).update(text=hostile("short"))
    Question.objects.filter(pk=built.text.pk).update(code=hostile("code"))
    Option.objects.filter(question=built.role, value="a").update(value=hostile("single"))
    Option.objects.filter(question=built.multi, value="x").update(value=hostile("multi"))
    cache.clear()
    return built.survey


SURVEY_TAGS = ["org", "long", "short", "code", "single", "multi"]


def test_the_survey_csv_writes_every_answer_and_name_as_text(hostile_survey, coordinator_client):
    response = coordinator_client.get(reverse("survey:results_csv", kwargs={"slug": hostile_survey.slug}))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="hostile-responses.csv"'
    rows = _csv_cells(response)
    assert_text_stays_text(rows, SURVEY_TAGS)
    assert rows[1][rows[0].index("staff")] == "2.5"


def test_the_survey_xlsx_writes_every_answer_and_name_as_a_string_cell(hostile_survey, coordinator_client):
    response = coordinator_client.get(reverse("survey:results_xlsx", kwargs={"slug": hostile_survey.slug}))
    assert response.status_code == 200 and response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="hostile-responses.xlsx"'
    rows = _xlsx_cells(response)
    assert_text_stays_text(rows, SURVEY_TAGS)
    assert rows[1][rows[0].index("staff")] == 2.5 and rows[1][0] == 1  # numbers stay numbers


def test_the_benchmarking_export_writes_group_keys_and_labels_as_text(hostile, coordinator_client, db):
    from benchmarking.models import GroupKind, PeerStatistic, StatisticsSnapshot

    snapshot = StatisticsSnapshot.objects.create(organisations=6)
    # A key no code list knows is shown as it is stored (the label falls back to the key).
    PeerStatistic.objects.create(
        snapshot=snapshot, metric="total", group_kind=GroupKind.COUNTRY, group_key=hostile("key"), n=1
    )
    PeerStatistic.objects.create(
        snapshot=snapshot,
        metric="total",
        group_kind=GroupKind.ALL,
        group_key="",
        n=6,
        **dict.fromkeys(("q1", "median", "q3", "mean"), 50.0),
    )
    response = coordinator_client.get(reverse("benchmarking:programme_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="benchmark-programme-')
    rows = _csv_cells(response)
    assert_text_stays_text(rows, ["key"])
    (everyone,) = (row for row in rows if row[0] == "all")
    assert everyone[:5] == ["all", "", "All organisations", "total", "6"] and everyone[7] == "50.00"


def test_the_attendee_csv_writes_names_addresses_and_organisations_as_text(hostile, coordinator_client, db):
    from tests.club.factories import EventFactory, MemberFactory, RegistrationFactory

    event = EventFactory(title=hostile("title"))
    member = MemberFactory(organisation_name=hostile("org"), user__display_name=hostile("name"))
    RegistrationFactory(event=event, user=member.user)
    # an address may start with = + - (they are allowed before the @)
    address = MemberFactory(user__email="=1+HYPERLINK(/mail)@example.org", user__display_name=hostile("other"))
    RegistrationFactory(event=event, user=address.user)
    response = coordinator_client.get(reverse("club:event_attendees_csv", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="attendees-{event.pk}.csv"'
    assert_text_stays_text(_csv_cells(response), ["org", "name", "other", "mail"])


def test_the_directory_csv_writes_every_profile_text_as_text(hostile, visitor_client, db):
    from platform_directory.models import TechnologyField
    from tests.factories import ClusterOrganisationFactory

    organisation = ClusterOrganisationFactory(
        name=hostile("name"),
        acronym=hostile("acr"),
        city=hostile("city"),
        region_name=hostile("region"),
        website=hostile("web"),
    )
    organisation.technologies.add(TechnologyField.objects.create(name=hostile("tech"), slug="hostile-tech"))
    response = visitor_client.get(reverse("platform_directory:export"))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="cluster-directory-')
    rows = _csv_cells(response)
    assert_text_stays_text(rows, ["name", "acr", "city", "region", "web", "tech"])
    assert rows[1][rows[0].index("participants")] == str(organisation.participants)  # numbers stay digits


# --- The writers ------------------------------------------------------------------------------------------------


def test_the_xlsx_writer_keeps_numbers_and_dates_and_never_writes_a_formula():
    from openpyxl import load_workbook

    aware = datetime.datetime(2026, 12, 3, 11, 0, tzinfo=datetime.UTC)
    data = exports.xlsx_bytes(
        [["=1+1", -3.5, 7, Decimal("2.25"), datetime.date(2026, 12, 3), aware, None, "ok\x01", "\x02=2+2"]],
        sheet_title="Sheet",
    )
    (row,) = load_workbook(io.BytesIO(data)).active.iter_rows()
    assert [c.data_type for c in row[:4]] == ["s", "n", "n", "n"]
    assert [c.value for c in row] == [
        "'=1+1",
        -3.5,
        7,
        2.25,
        datetime.datetime(2026, 12, 3),
        datetime.datetime(2026, 12, 3, 12, 0),  # the portal's time zone (Europe/Brussels)
        None,
        "ok",  # XML cannot hold the control character: dropped, not a 500
        "'=2+2",
    ]


def test_the_csv_responses_keep_the_filename_and_stream_row_by_row():
    response = exports.csv_response([["a", "=b"]], filename="x-1.csv")
    assert response.content == b"a,'=b\r\n"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x-1.csv"'

    yielded = []

    def rows():
        for n in range(3):
            yielded.append(n)
            yield [n, f"-{n}"]

    streaming = exports.csv_streaming_response(rows(), filename="y.csv")
    lines = iter(streaming.streaming_content)
    assert next(lines) == b"0,'-0\r\n" and yielded == [0]
    assert b"".join(lines) == b"1,'-1\r\n2,'-2\r\n"
    assert streaming["Content-Disposition"] == 'attachment; filename="y.csv"'


# --- No other writer ---------------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
THE_WRITER = Path("portal/exports.py")
# Uploads accepted as evidence name the XLSX type; they are files people send, not files the portal writes.
UPLOAD_TYPES = Path("labelling/selfassessment/uploads.py")
SKIPPED_DIRS = {".venv", "tests", "node_modules", ".git", "static", "media", "private_media"}


def spreadsheet_writers_in(source: str, *, may_name_xlsx: bool = False) -> list[str]:
    """What in `source` writes CSV or XLSX, or answers with their content type (a file written by hand)."""
    tree = ast.parse(source)
    csv_names = {"csv"}
    openpyxl_names = {"openpyxl"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "csv":
                    csv_names.add(alias.asname or "csv")
                elif alias.name.split(".")[0] == "openpyxl":
                    openpyxl_names.add(alias.asname or alias.name.split(".")[0])
                elif alias.name.split(".")[0] in ("xlsxwriter", "tablib", "pyexcel"):
                    found.append(f"line {node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            root = node.module.split(".")[0]
            names = {alias.name for alias in node.names}
            if root == "csv" and names & {"writer", "DictWriter", "*"}:
                found.append(f"line {node.lineno}: from csv import {', '.join(sorted(names))}")
            elif root == "openpyxl" and names & {"Workbook", "WriteOnlyCell", "*"}:
                found.append(f"line {node.lineno}: from {node.module} import {', '.join(sorted(names))}")
            elif root in ("xlsxwriter", "tablib", "pyexcel"):
                found.append(f"line {node.lineno}: from {node.module} import ...")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in csv_names and node.attr in ("writer", "DictWriter"):
                found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
            elif node.value.id in openpyxl_names and node.attr == "Workbook":
                found.append(f"line {node.lineno}: {node.value.id}.Workbook")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and ("text/csv" in node.value or ("spreadsheetml" in node.value and not may_name_xlsx))
        ):
            found.append(f"line {node.lineno}: content type {node.value!r}")
    return found


@pytest.mark.parametrize(
    "source",
    [
        "import csv\ncsv.writer(response)",
        "import csv\nw = csv.DictWriter(f, fieldnames=[])",
        "import csv as spreadsheet\nspreadsheet.writer(f)",
        "from csv import writer",
        "from csv import DictWriter as W",
        "from openpyxl import Workbook",
        "from openpyxl.workbook import Workbook",
        "import openpyxl\nopenpyxl.Workbook()",
        "import xlsxwriter",
        "HttpResponse(body, content_type='text/csv')",
        "XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'",
    ],
)
def test_the_scan_finds_a_spreadsheet_writer(source):
    assert spreadsheet_writers_in(source)


@pytest.mark.parametrize(
    "source",
    [
        "import csv\nrows = list(csv.reader(f))",
        "from openpyxl import load_workbook",
        "writer = make_writer()",
        "XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'",
    ],
)
def test_the_scan_lets_readers_and_upload_checks_pass(source):
    assert spreadsheet_writers_in(source, may_name_xlsx=True) == []


def _project_modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if not SKIPPED_DIRS & set(relative.parts[:-1]):
            yield relative


def test_no_module_but_portal_exports_writes_csv_or_xlsx():
    modules = list(_project_modules())
    assert THE_WRITER in modules and Path("survey/views.py") in modules  # the scan does look at the apps
    assert spreadsheet_writers_in((ROOT / THE_WRITER).read_text()), "the scan finds the writer itself"
    found = {
        str(path): writers
        for path in modules
        if path != THE_WRITER
        and (writers := spreadsheet_writers_in((ROOT / path).read_text(), may_name_xlsx=path == UPLOAD_TYPES))
    }
    assert found == {}, "write CSV and XLSX through portal/exports.py (it keeps formulas out): " + repr(found)
