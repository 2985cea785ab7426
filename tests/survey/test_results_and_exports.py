"""Results: counts and percentages, filters, the small-group threshold, the public summary, exports, query counts."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from survey.models import Response
from survey.selectors import survey_results
from tests.factories import ClusterOrganisationFactory
from tests.survey.factories import submit_response

pytestmark = pytest.mark.django_db


def _org(country="DE", sector="digital"):
    nuts = {"DE": "DE21", "FR": "FR10", "NL": "NL22"}[country]
    return ClusterOrganisationFactory(country=country, nuts2_code=nuts, main_sector=sector)


def _result(results, code):
    for _section, items in results.sections:
        for item in items:
            if item.question.code == code:
                return item
    raise KeyError(code)


@pytest.fixture
def answered(built):
    de, fr = _org("DE", "digital"), _org("FR", "health")
    submit_response(
        built, organisation=de, role="a", topics=("x", "y"), needs=("1", "5"), staff="2", remarks="=cmd|' /C calc'!A0"
    )
    submit_response(
        built, organisation=de, role="b", topics=("x",), needs=("3", "5"), staff="4", remarks="More peer exchange"
    )
    submit_response(built, organisation=fr, role="a", topics=("z",), needs=("5", "4"), staff="6", remarks="")
    return built


def test_counts_and_percentages_per_question(answered):
    results = survey_results(survey=answered.survey)
    assert results.responses == 3
    role = _result(results, "role")
    assert [(i["label"], i["count"], i["percent"]) for i in role.items] == [("Manager", 2, 66.7), ("Staff", 1, 33.3)]
    topics = _result(results, "topics")
    assert [(i["count"], i["percent"]) for i in topics.items] == [(2, 66.7), (1, 33.3), (1, 33.3)]
    needs = _result(results, "needs")
    governance, financing = needs.matrix_rows
    assert governance["mean"] == 3 and governance["cells"][0] == {"count": 1, "percent": 33.3}
    assert str(financing["mean"]) == "4.67"
    staff = _result(results, "staff")
    assert staff.stats["mean"] == 4 and staff.stats["min"] == 2 and staff.stats["max"] == 6
    assert _result(results, "rating").stats["mean"] == 4
    assert sorted(_result(results, "remarks").texts) == ["=cmd|' /C calc'!A0", "More peer exchange"]
    assert "<svg" in role.chart and "<rect" in needs.chart


def test_results_filter_by_country_and_sector(answered):
    results = survey_results(survey=answered.survey, country="FR")
    assert results.responses == 1
    assert _result(results, "role").items[0]["count"] == 1
    assert survey_results(survey=answered.survey, sector="digital").responses == 2
    assert [c for c, _n in results.countries] == ["FR", "DE"]  # each once, by name: France, Germany
    assert [s for s, _n in results.sectors] == ["digital", "health"]
    # an unknown filter value is ignored rather than trusted
    assert survey_results(survey=answered.survey, country="XX").responses == 3


def test_drafts_are_not_counted(answered, manager_a_client):
    manager_a_client.post(
        reverse("survey:answer", kwargs={"slug": answered.survey.slug, "step": 1}),
        {f"q{answered.role.pk}": "b", "action": "next"},
    )
    assert Response.objects.count() == 4
    assert survey_results(survey=answered.survey).responses == 3


def test_anonymous_groups_under_five_are_hidden(anonymous_built, coordinator_client):
    de, fr = _org("DE"), _org("FR", "health")
    for _ in range(5):
        submit_response(anonymous_built, organisation=de)
    for _ in range(4):
        submit_response(anonymous_built, organisation=fr)
    url = reverse("survey:results", kwargs={"slug": anonymous_built.survey.slug})
    assert survey_results(survey=anonymous_built.survey, country="DE").hidden is False
    hidden = survey_results(survey=anonymous_built.survey, country="FR")
    assert hidden.hidden is True and hidden.sections == []
    page = coordinator_client.get(url, {"country": "FR"})
    assert "Too few responses to show." in page.text
    assert "<svg" not in page.text
    assert "<svg" in coordinator_client.get(url, {"country": "DE"}).text


def test_named_results_for_coordinators_show_small_groups(answered, coordinator_client):
    page = coordinator_client.get(reverse("survey:results", kwargs={"slug": answered.survey.slug}), {"country": "FR"})
    assert "Too few responses" not in page.text
    assert "1 submitted response" in page.text


def test_the_public_summary_hides_small_groups_and_free_texts(answered, client, coordinator):
    from survey.services import survey_results_publish

    survey_results_publish(survey=answered.survey, user=coordinator)
    url = reverse("survey:summary", kwargs={"slug": answered.survey.slug})
    page = client.get(url)
    assert "Too few responses to show." in page.text  # 3 < 5
    for _ in range(3):
        submit_response(answered, organisation=_org("NL", "agri-food"))
    page = client.get(url)
    assert page.status_code == 200 and "<svg" in page.text
    assert "More peer exchange" not in page.text
    assert "not published" in page.text
    assert "Responses (CSV)" not in page.text


def test_the_csv_export_opens_and_matches_the_counts(answered, coordinator_client):
    response = coordinator_client.get(reverse("survey:results_csv", kwargs={"slug": answered.survey.slug}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 3
    assert [r["role"] for r in rows].count("a") == 2
    assert sum("x" in r["topics"].split("; ") for r in rows) == 2
    assert sorted(r["needs:r2"] for r in rows) == ["4", "5", "5"]
    assert {r["country"] for r in rows} == {"DE", "FR"}
    # a formula typed as an answer is neutralised
    assert "'=cmd|' /C calc'!A0" in [r["remarks"] for r in rows]


def test_the_xlsx_export_opens_and_matches_the_counts(answered, coordinator_client):
    response = coordinator_client.get(reverse("survey:results_xlsx", kwargs={"slug": answered.survey.slug}))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    assert len(data) == 3
    staff = header.index("staff")
    assert sorted(row[staff] for row in data) == [2, 4, 6]
    assert [row[header.index("role")] for row in data].count("a") == 2


def test_the_anonymous_export_has_no_organisation_and_only_dates(anonymous_built, coordinator_client):
    for _ in range(2):
        submit_response(anonymous_built, organisation=_org("DE"))
    response = coordinator_client.get(reverse("survey:results_csv", kwargs={"slug": anonymous_built.survey.slug}))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert "organisation" not in rows[0]
    assert len(rows[1][1]) == 10  # YYYY-MM-DD


def test_the_results_page_needs_the_same_queries_for_3_or_30_responses(
    answered, coordinator_client, django_assert_max_num_queries
):
    url = reverse("survey:results", kwargs={"slug": answered.survey.slug})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url)
    for index in range(27):
        submit_response(answered, organisation=_org("DE" if index % 2 else "FR"), topics=("x", "z"))
    with django_assert_max_num_queries(len(few)):
        page = coordinator_client.get(url)
    assert "30 submitted responses" in page.text
    for name in ("results_csv", "results_xlsx"):
        with django_assert_max_num_queries(14):
            coordinator_client.get(reverse(f"survey:{name}", kwargs={"slug": answered.survey.slug}))


def test_results_are_cached_until_a_new_response_is_submitted(answered, django_assert_max_num_queries):
    first = survey_results(survey=answered.survey)
    with django_assert_max_num_queries(1):
        again = survey_results(survey=answered.survey)
    assert again.responses == first.responses == 3
    submit_response(answered, organisation=_org("NL", "agri-food"))
    assert survey_results(survey=answered.survey).responses == 4
