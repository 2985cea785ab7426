"""The training programmes catalogue: filterable; users propose, coordinators approve or reject."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knowledge import services
from knowledge.models import TrainingProgramme
from portal.models import AuditEvent
from tests.knowledge.factories import TrainingProgrammeFactory

VALID = {
    "title": "Cluster finance for beginners",
    "provider": "Finance School",
    "description": "Budgets and controlling.",
    "url": "https://example.org/finance",
    "country": "FR",
    "language": "fr",
    "format": "blended",
    "duration": "2 days",
    "duration_hours": "14",
    "cost_eur": "600",
    "cost_note": "",
    "topics": ["financing", "governance"],
}


def test_the_catalogue_lists_approved_programmes_only(visitor_client, db):
    TrainingProgrammeFactory(title="Listed")
    TrainingProgrammeFactory(title="Waiting", state=TrainingProgramme.State.PROPOSED)
    TrainingProgrammeFactory(title="Turned down", state=TrainingProgramme.State.REJECTED)
    content = visitor_client.get(reverse("knowledge:programmes")).content.decode()
    assert "Listed" in content and "Waiting" not in content and "Turned down" not in content


def test_the_catalogue_filters(visitor_client, db):
    online = TrainingProgrammeFactory(title="Online DE", format="online", country="DE", cost_eur=0)
    TrainingProgrammeFactory(title="On site FR", format="on_site", country="FR", language="fr", cost_eur=2000)
    intl = TrainingProgrammeFactory(title="International", format="blended", country="", cost_eur=None)
    online.topics.create(field="financing")

    def titles(query):
        page = visitor_client.get(reverse("knowledge:programmes") + query).context["page"]
        return sorted(p.title for p in page)

    assert titles("?format=online") == ["Online DE"]
    assert titles("?country=intl") == [intl.title]
    assert titles("?language=fr") == ["On site FR"]
    assert titles("?max_cost=1000") == ["Online DE"]
    assert titles("?free=on") == ["Online DE"]
    assert titles("?topic=financing") == ["Online DE"]
    assert titles("?q=site") == ["On site FR"]
    assert len(titles("")) == 3


def test_bad_filter_values_show_the_form_error_not_a_crash(visitor_client, db):
    response = visitor_client.get(reverse("knowledge:programmes") + "?format=teleport&max_cost=abc")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_user_proposes_a_programme(user_client, user):
    response = user_client.post(reverse("knowledge:programme_propose"), VALID)
    assert response.status_code == 302
    programme = TrainingProgramme.objects.get(title=VALID["title"])
    assert programme.state == TrainingProgramme.State.PROPOSED and programme.proposed_by == user
    assert sorted(programme.topics.values_list("field", flat=True)) == ["financing", "governance"]
    assert AuditEvent.objects.filter(action="knowledge.programme.proposed", actor=user).exists()
    assert VALID["title"] in user_client.get(reverse("knowledge:my_learning")).content.decode()


def test_a_proposal_with_bad_input_shows_errors(user_client):
    response = user_client.post(
        reverse("knowledge:programme_propose"),
        {**VALID, "url": "javascript:alert(1)", "cost_eur": "-5", "topics": [], "format": "teleport"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"url", "cost_eur", "topics", "format"} <= set(form.errors)
    assert not TrainingProgramme.objects.exists()


def test_a_duplicate_proposal_is_refused(user_client, db):
    TrainingProgrammeFactory(title=VALID["title"], provider=VALID["provider"])
    response = user_client.post(reverse("knowledge:programme_propose"), {**VALID, "title": VALID["title"].upper()})
    assert "already in the catalogue" in response.content.decode()


def test_a_coordinator_approves_a_proposal(coordinator_client, coordinator, user):
    proposal = TrainingProgrammeFactory(state=TrainingProgramme.State.PROPOSED, proposed_by=user)
    response = coordinator_client.post(
        reverse("knowledge:programme_decide", args=[proposal.pk]), {"decision": "approve", "note": ""}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == TrainingProgramme.State.APPROVED and proposal.reviewed_by == coordinator
    assert AuditEvent.objects.filter(action="knowledge.programme.approved", actor=coordinator).exists()


def test_rejecting_needs_a_reason(coordinator_client, user):
    proposal = TrainingProgrammeFactory(state=TrainingProgramme.State.PROPOSED, proposed_by=user)
    url = reverse("knowledge:programme_decide", args=[proposal.pk])
    coordinator_client.post(url, {"decision": "reject", "note": "  "})
    proposal.refresh_from_db()
    assert proposal.state == TrainingProgramme.State.PROPOSED
    coordinator_client.post(url, {"decision": "reject", "note": "Not about cluster management."})
    proposal.refresh_from_db()
    assert proposal.state == TrainingProgramme.State.REJECTED
    assert proposal.review_note == "Not about cluster management."


def test_an_approved_programme_cannot_be_approved_again(coordinator):
    programme = TrainingProgrammeFactory()
    with pytest.raises(services.KnowledgeError, match="cannot be changed"):
        services.programme_approve(programme=programme, by=coordinator)


def test_the_review_queue_lists_waiting_proposals(coordinator_client, user):
    TrainingProgrammeFactory(title="Please list me", state=TrainingProgramme.State.PROPOSED, proposed_by=user)
    content = coordinator_client.get(reverse("knowledge:programme_review")).content.decode()
    assert "Please list me" in content and user.email in content


def test_the_catalogue_query_count_does_not_grow(visitor_client, django_assert_max_num_queries, db):
    for _n in range(25):
        TrainingProgrammeFactory().topics.create(field="strategy")
    with django_assert_max_num_queries(8):
        visitor_client.get(reverse("knowledge:programmes"))


def test_the_proposer_is_told_the_decision_by_e_mail(coordinator, user, mailoutbox, django_capture_on_commit_callbacks):
    proposal = TrainingProgrammeFactory(title="Bootcamp", state=TrainingProgramme.State.PROPOSED, proposed_by=user)
    with django_capture_on_commit_callbacks(execute=True):
        services.programme_reject(programme=proposal, by=coordinator, note="Please add the syllabus.")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [user.email] and "Bootcamp" in message.subject
    assert "decided not to list it" in message.body and "Please add the syllabus." in message.body
    assert f"/knowledge/programmes/{proposal.pk}/" in message.body
