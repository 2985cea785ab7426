"""The public directory: full-text search, filters, sorting, pagination, hidden profiles and the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from platform_directory.models import ClusterOrganisation
from platform_directory.services import organisation_search_vector_update
from tests.factories import ClusterOrganisationFactory
from tests.platform_directory.factories import TechnologyFieldFactory

pytestmark = pytest.mark.django_db

LIST = reverse("platform_directory:list")


def _names(response) -> list[str]:
    return [o.name for o in response.context["page_obj"]]


@pytest.fixture
def directory(db):
    lasers = TechnologyFieldFactory(name="Laser processing", slug="laser-processing")
    proteins = TechnologyFieldFactory(name="Alternative proteins", slug="alternative-proteins")
    now = timezone.now()
    photonics = ClusterOrganisationFactory(
        name="Bavarian Photonics Cluster",
        country="DE",
        main_sector="electronics",
        description="Optical technologies for industry.",
        companies=150,
        smes=100,
        created_at=now - timedelta(days=300),
    )
    photonics.technologies.add(lasers)
    food = ClusterOrganisationFactory(
        name="Food Valley",
        country="NL",
        nuts2_code="NL22",
        main_sector="agri-food",
        description="Food producers working on lasers for sorting grain.",
        companies=20,
        smes=15,
        created_at=now - timedelta(days=10),
    )
    food.technologies.add(proteins)
    food.sectors.add("health")
    wood = ClusterOrganisationFactory(
        name="Alpine Timber Network",
        country="AT",
        nuts2_code="AT33",
        main_sector="construction",
        description="Builders using timber.",
        companies=60,
        smes=50,
        created_at=now - timedelta(days=100),
    )
    ClusterOrganisationFactory(name="Hidden Lasers", is_published=False, description="lasers")
    organisation_search_vector_update()
    return {"photonics": photonics, "food": food, "wood": wood}


@pytest.mark.postgres
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="full-text search needs PostgreSQL (SQLite uses icontains)")
def test_full_text_search_finds_names_technologies_and_descriptions_ranked(client, directory):
    response = client.get(LIST, {"q": "laser"})
    # The technology field (weight B) outranks a mention in a description (weight D); hidden profiles never show.
    assert _names(response) == ["Bavarian Photonics Cluster", "Food Valley"]
    assert response.context["sort_applied"] == "relevance"
    assert _names(client.get(LIST, {"q": "photonics"})) == ["Bavarian Photonics Cluster"]
    assert _names(client.get(LIST, {"q": "proteins"})) == ["Food Valley"]
    assert _names(client.get(LIST, {"q": "laser -grain"})) == ["Bavarian Photonics Cluster"]  # websearch syntax
    assert _names(client.get(LIST, {"q": "nothing-like-this"})) == []


@pytest.mark.postgres
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="full-text search needs PostgreSQL (SQLite uses icontains)")
def test_search_ignores_accents_both_ways(client, db):
    ClusterOrganisationFactory(name="Agri-Food Hub Wrocław", country="PL", nuts2_code="PL51", city="Wrocław")
    ClusterOrganisationFactory(name="Medical Valley Munich", country="DE", city="München", description="Medizintechnik")
    organisation_search_vector_update()
    assert _names(client.get(LIST, {"q": "wroclaw"})) == ["Agri-Food Hub Wrocław"]
    assert _names(client.get(LIST, {"q": "Wrocław"})) == ["Agri-Food Hub Wrocław"]
    assert _names(client.get(LIST, {"q": "munchen"})) == ["Medical Valley Munich"]
    assert _names(client.get(LIST, {"q": "München"})) == ["Medical Valley Munich"]


@pytest.mark.postgres
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL")
def test_the_search_vector_follows_every_save_through_the_services(manager_a_client, org_a):
    from tests.platform_directory.factories import profile_data

    data = profile_data(name=org_a.name, country="DE", nuts2_code="DE21", technologies="quantum sensing")
    manager_a_client.post(reverse("platform_directory:edit", args=[org_a.slug]), data)
    assert _names(manager_a_client.get(LIST, {"q": "quantum"})) == [org_a.name]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "NL"}, ["Food Valley"]),
        ({"sector": "agri-food"}, ["Food Valley"]),
        ({"sector": "health"}, ["Food Valley"]),  # "also active in"
        ({"technology": "laser-processing"}, ["Bavarian Photonics Cluster"]),
        ({"size": "small"}, ["Food Valley"]),  # 20 + 13 = 33 participants
        ({"size": "medium"}, ["Alpine Timber Network"]),
        ({"size": "large"}, ["Bavarian Photonics Cluster"]),
        ({"country": "DE", "sector": "agri-food"}, []),
    ],
)
def test_filters(client, directory, params, expected):
    assert _names(client.get(LIST, params)) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Alpine Timber Network", "Bavarian Photonics Cluster", "Food Valley"]),
        ("newest", ["Food Valley", "Alpine Timber Network", "Bavarian Photonics Cluster"]),
        ("size", ["Bavarian Photonics Cluster", "Alpine Timber Network", "Food Valley"]),
        ("", ["Alpine Timber Network", "Bavarian Photonics Cluster", "Food Valley"]),  # best match without search
    ],
)
def test_sorting(client, directory, sort, expected):
    assert _names(client.get(LIST, {"sort": sort})) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"country": "ZZ"},
        {"sector": "piracy"},
        {"technology": "no-such-thing"},
        {"size": "huge"},
        {"sort": "random"},
        {"label": "platinum"},
        {"page": "many"},
        {"page": "9999"},
        {"q": "x" * 500},
    ],
)
def test_unknown_filter_values_are_ignored_with_a_notice(client, directory, params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    if "page" not in params:
        assert "was ignored" in response.content.decode(), params


@pytest.mark.parametrize("q", ["'\"!&|:*()", "or", "-", "a & b | !c", "\\x00"])
def test_search_syntax_never_fails(client, directory, q):
    assert client.get(LIST, {"q": q}).status_code == 200


def test_a_nul_in_the_search_is_answered_by_the_front_door(client, directory):
    response = client.get(LIST, {"q": "nul\x00byte"})
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_an_unknown_value_is_ignored_but_the_other_filters_apply(client, directory):
    response = client.get(LIST, {"country": "ZZ", "sector": "agri-food"})
    assert _names(response) == ["Food Valley"]
    assert "Country “ZZ” was ignored" in response.content.decode()


@pytest.fixture
def labels(directory):
    """A current Gold label for Food Valley, a current Bronze one for Alpine Timber, an expired Gold one for Bavaria."""
    import importlib

    from django.apps import apps

    from labelling.models import Framework
    from tests.labelling.factories import LabelFactory

    if not Framework.objects.filter(code="ECEI-2026", version=1).exists():  # flushed by a transactional test
        importlib.import_module("labelling.migrations.0002_ecei_2026").load(apps, None)
    return {
        "gold": LabelFactory(assessment__organisation=directory["food"], assessment__level="gold"),
        "bronze": LabelFactory(assessment__organisation=directory["wood"], assessment__level="bronze"),
        "expired": LabelFactory(
            assessment__organisation=directory["photonics"], assessment__level="gold", status="expired"
        ),
    }


@pytest.mark.parametrize(
    ("level", "expected"), [("gold", ["Food Valley"]), ("bronze", ["Alpine Timber Network"]), ("silver", [])]
)
def test_the_label_filter_keeps_organisations_holding_a_current_label_of_that_level(client, labels, level, expected):
    response = client.get(LIST, {"label": level})
    assert _names(response) == expected
    assert not response.context["notices"]


def test_the_list_and_the_profile_show_current_labels_with_a_link_to_the_registry(client, directory, labels):
    gold = labels["gold"]
    page = client.get(LIST).content.decode()
    assert f'href="/labels/{gold.number}/"' in page and "badge-level-gold" in page
    assert labels["expired"].number not in page
    assert f'href="/labels/{gold.number}/"' in client.get(directory["food"].get_absolute_url()).content.decode()


def test_pagination_keeps_the_filters(client, db):
    ClusterOrganisationFactory.create_batch(25, country="PL", nuts2_code="PL21")
    response = client.get(LIST, {"country": "PL"})
    assert len(_names(response)) == 20
    assert "?country=PL&amp;page=2" in response.content.decode()
    assert len(_names(client.get(LIST, {"country": "PL", "page": 2}))) == 5


def test_htmx_requests_get_only_the_results(client, directory):
    response = client.get(LIST, {"country": "NL"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Food Valley" in page and "<html" not in page


def test_hidden_profiles_are_404_to_outsiders_and_visible_to_their_managers_and_coordinators(
    visitor_client, manager_a_client, manager_b_client, coordinator_client, hidden_a
):
    url = hidden_a.get_absolute_url()
    assert visitor_client.get(url).status_code == 404
    assert manager_b_client.get(url).status_code == 404
    assert manager_a_client.get(url).status_code == 200
    assert coordinator_client.get(url).status_code == 200
    assert "Hidden from the directory" in manager_a_client.get(url).content.decode()


def test_the_profile_page_shows_figures_sectors_technologies_region_and_badge(client, directory):
    page = client.get(directory["food"].get_absolute_url()).content.decode()
    for text in ("Food Valley", "Agri-food", "Health", "Alternative proteins", "NL22", "Validated", "33"):
        assert text in page, text
    assert "Log in to see the contact address" in page


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_export_holds_the_filtered_list(client, directory):
    response = client.get(reverse("platform_directory:export"), {"sector": "agri-food"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0][:3] == ["name", "acronym", "country"]
    assert [row[0] for row in rows[1:]] == ["Food Valley"]
    assert rows[1][rows[0].index("technologies")] == "Alternative proteins"
    assert rows[1][rows[0].index("also_active_in")] == "health"


def test_the_csv_export_never_includes_hidden_profiles_and_neutralises_formulas(client, db):
    ClusterOrganisationFactory(name='=HYPERLINK("http://evil")', country="FR", nuts2_code="FR10")
    ClusterOrganisationFactory(name="Secret", is_published=False)
    rows = _csv(client.get(reverse("platform_directory:export")))
    assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("http://evil")']


def test_the_export_link_carries_the_filters(client, directory):
    assert "export.csv?country=NL" in client.get(LIST, {"country": "NL"}).content.decode()


def _make(n):
    technology = TechnologyFieldFactory(name="Shared tech", slug="shared-tech")
    for organisation in ClusterOrganisationFactory.create_batch(n):
        organisation.technologies.add(technology)
        organisation.sectors.add("health")


@pytest.mark.parametrize("persona", ["visitor_client", "manager_a_client"])
def test_the_directory_page_makes_the_same_number_of_queries_for_20_and_200_organisations(
    request, persona, django_assert_num_queries, db
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = request.getfixturevalue(persona)
    _make(20)
    with CaptureQueriesContext(connection) as small:
        assert client.get(LIST).status_code == 200
    _make_more = ClusterOrganisationFactory.create_batch(180)
    assert ClusterOrganisation.objects.count() >= 200 and _make_more
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(LIST)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(LIST, {"sort": "size", "page": "3"})
    assert len(small.captured_queries) <= 10
