"""Raw responses as a table (one row per submitted response), for the CSV and XLSX downloads.

The table holds the values as they are; portal/exports.py writes them and keeps text a spreadsheet could run as a
formula from running.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from survey.models import Answer, Question, Response, Survey
from survey.structure import SurveyStructure


def export_table(survey: Survey) -> Iterator[list]:
    """The header row, then one row per submitted response; a column per question (per row for a matrix).
    Two queries for the data whatever the number of responses (plus three for the structure)."""
    structure = SurveyStructure(survey)
    columns: list[tuple] = []
    header = [_("response"), _("submitted"), _("country"), _("sector")]
    if not survey.is_anonymous:
        header.insert(2, _("organisation"))
    for node in structure.questions:
        if node.kind == Question.Kind.MATRIX:
            for row in node.rows:
                columns.append((node, row.value))
                header.append(f"{node.question.code}:{row.value}")
        else:
            columns.append((node, None))
            header.append(node.question.code)
    yield header
    responses = (
        Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
        .select_related("organisation")
        .order_by("pk")
    )

    answer_rows: dict[int, list[dict]] = {}
    for row in (
        Answer.objects.filter(response__survey=survey, response__status=Response.Status.SUBMITTED)
        .values("response_id", "question_id", "row_id", "option_id", "number", "text")
        .iterator(chunk_size=2000)
    ):
        answer_rows.setdefault(row["response_id"], []).append(row)
    for number, response in enumerate(responses.iterator(chunk_size=500), start=1):
        values = structure.value_from_rows(answer_rows.get(response.pk, []))
        submitted = timezone.localtime(response.submitted_at)
        line = [number, submitted.date().isoformat() if survey.is_anonymous else submitted.strftime("%Y-%m-%d %H:%M")]
        if not survey.is_anonymous:
            line.append(response.organisation.name if response.organisation else "")
        line += [response.country, response.sector]
        for node, row_value in columns:
            line.append(_cell(node, values.get(node.pk), row_value))
        yield line


def _cell(node, value, row_value):
    if value in (None, "", set(), {}):
        return ""
    if node.kind == Question.Kind.SINGLE:
        return value
    if node.kind == Question.Kind.MULTIPLE:
        return "; ".join(o.value for o in node.choices if o.value in value)
    if node.kind == Question.Kind.MATRIX:
        chosen = node.choice_by_value(value.get(row_value, ""))
        if chosen is None:
            return ""
        return chosen.score if chosen.score is not None else chosen.value
    if node.kind == Question.Kind.RATING:
        return int(value)
    if node.kind == Question.Kind.NUMBER:
        return float(value)
    return value
