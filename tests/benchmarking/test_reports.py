"""Benchmark reports: the page and the PDF for a seeded organisation, the report id, the change since the previous
report, recommendations, the empty state, "learn from us", and query counts that do not grow with the data."""

from __future__ import annotations

import io
import random
import re

from django.urls import reverse
from pypdf import PdfReader

from benchmarking.models import BenchmarkReport, LearnFromUsOptIn
from benchmarking.services import peer_statistics_recompute
from portal.models import AuditEvent
from tests.benchmarking.factories import peers, reviewed_assessment
from tests.factories import ClusterOrganisationFactory


def test_the_report_id_is_the_country_year_and_a_sequence(report_a):
    assert re.fullmatch(r"DEU-\d{4}-\d{6}", report_a.number)


def test_the_report_page_shows_scores_charts_ranks_and_recommendations(manager_a_client, report_a):
    response = manager_a_client.get(report_a.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert report_a.number in page
    assert "Total and dimension scores against the peer medians" in page
    assert page.count('class="box-chart"') >= 30  # one box chart per indicator with a value
    assert "pygal-chart" in page  # score bars and radar
    assert "<script" not in page.split('id="main"')[1].split("</main>")[0]
    assert "Strongest" in page and "Weakest" in page
    assert "1.2 Share of companies among participants" in page  # red: recommended
    assert "first benchmark report" in page


def test_the_pdf_has_the_same_content(manager_a_client, report_a):
    response = manager_a_client.get(reverse("benchmarking:report_pdf", args=[report_a.number]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert report_a.number in text
    assert "Alpha Photonics Cluster" in text
    assert "Recommendations" in text
    assert "Share of companies among participants" in text
    assert len(reader.pages) >= 5
    report_a.refresh_from_db()
    assert report_a.pdf  # kept for the next download
    again = manager_a_client.get(reverse("benchmarking:report_pdf", args=[report_a.number]))
    assert again.content == response.content


def test_a_second_assessment_makes_a_second_report_with_the_changes(manager_a_client, org_a, report_a):
    reviewed_assessment(
        org_a, colours={"1.2": "green", "2.3": "yellow", "3.1": "yellow", "4.9": "yellow", "1.1": "red"}
    )
    peer_statistics_recompute()
    latest = org_a.benchmark_reports.order_by("-created_at", "-id").first()
    assert latest.pk != report_a.pk and latest.previous_id == report_a.pk
    page = manager_a_client.get(latest.get_absolute_url()).content.decode()
    improved = page.split("Improved")[1].split("Declined")[0]
    declined = page.split("Declined")[1].split("</section>")[0]
    assert "1.2" in improved and "3.1" in improved
    assert "1.1" in declined
    assert "Silver" in improved


def test_no_new_report_while_the_data_did_not_change(report_a):
    peer_statistics_recompute()
    assert BenchmarkReport.objects.filter(organisation=report_a.organisation).count() == 1


def test_an_organisation_without_data_gets_a_helpful_empty_state(manager_a_client, org_a, population):
    peer_statistics_recompute()
    response = manager_a_client.get(reverse("benchmarking:organisation_reports", args=[org_a.slug]))
    assert "No benchmark report yet" in response.content.decode()
    assert "start a self-assessment" in response.content.decode()


def test_the_home_page_lists_my_reports_and_public_statistics(manager_a_client, report_a):
    page = manager_a_client.get(reverse("benchmarking:home")).content.decode()
    assert report_a.number in page
    assert "Public statistics" in page and "1.1" in page


def test_the_home_page_refuses_an_unknown_group(client, report_a):
    response = client.get(reverse("benchmarking:home"), {"group": "country:XX"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_recommendations_show_modules_or_say_none_yet(manager_a_client, report_a):
    page = manager_a_client.get(report_a.get_absolute_url()).content.decode()
    assert ("Training module" in page) or ("No training module covers" in page) or ("No modules yet" in page)


def test_managers_choose_learn_from_us_indicators(manager_a_client, manager_a, org_a, report_a):
    url = reverse("benchmarking:learn_from_us", args=[org_a.slug])
    assert "Learn from us" in manager_a_client.get(url).content.decode()
    response = manager_a_client.post(url, {"indicators": ["1.1", "2.2"]})
    assert response.status_code == 302
    assert set(LearnFromUsOptIn.objects.filter(organisation=org_a).values_list("indicator_code", flat=True)) == {
        "1.1",
        "2.2",
    }
    assert AuditEvent.objects.filter(action="benchmarking.learn_from_us.changed").count() == 1
    manager_a_client.post(url, {"indicators": ["2.2"]})
    assert list(LearnFromUsOptIn.objects.filter(organisation=org_a).values_list("indicator_code", flat=True)) == ["2.2"]


def test_an_unknown_indicator_is_refused_with_a_message(manager_a_client, org_a, report_a):
    url = reverse("benchmarking:learn_from_us", args=[org_a.slug])
    response = manager_a_client.post(url, {"indicators": ["9.9"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not LearnFromUsOptIn.objects.filter(organisation=org_a).exists()


def test_report_page_queries_do_not_grow_with_peers(manager_a_client, org_a, manager_a, django_assert_max_num_queries):
    first_peers = peers(5, rng=random.Random(31))
    LearnFromUsOptIn.objects.create(organisation=first_peers[0], indicator_code="1.2")
    reviewed_assessment(org_a, colours={"1.2": "red", "2.3": "yellow"})
    peer_statistics_recompute()
    url = org_a.benchmark_reports.get().get_absolute_url()
    manager_a_client.get(url)
    with django_assert_max_num_queries(20) as small:
        manager_a_client.get(url)
    for peer in peers(15, rng=random.Random(32)):
        LearnFromUsOptIn.objects.create(organisation=peer, indicator_code="1.2")
    peer_statistics_recompute()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = manager_a_client.get(url)
    assert response.status_code == 200


def test_reports_of_other_countries_get_their_code(db):
    peers(5, rng=random.Random(33))
    french = ClusterOrganisationFactory(country="FR", nuts2_code="FR10")
    reviewed_assessment(french)
    peer_statistics_recompute()
    assert french.benchmark_reports.get().number.startswith("FRA-")
