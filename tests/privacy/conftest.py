"""A person who appears in every kind of record the portal keeps (privacy.registry.HOLDINGS), and the helpers the
privacy tests share: re-authenticating a test client as allauth asks for sensitive actions."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, ClusterOrganisationFactory, CoordinatorFactory, MembershipFactory, UserFactory

PERSON_EMAIL = "petra.person@example.org"
PERSON_SECOND_EMAIL = "petra@home.example.net"
PERSON_NAME = "Petra Persönlich"


def reauthenticated_client(user) -> Client:
    """A client signed in as `user` who has just confirmed their password (allauth's reauthentication)."""
    client = Client()
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def build_person_with_everything() -> SimpleNamespace:
    """Petra: manager (with a co-manager), former coordinator, assessor of a decided assessment, club member,
    learner, survey respondent... one record at least of every holding."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from rest_framework.authtoken.models import Token

    from benchmarking.models import LearnFromUsOptIn
    from club.models import ClubMembership, ContactMessage, DigestDelivery, Registration, RenewalReminder
    from knowledge.models import (
        KnowledgeImage,
        KnowledgeProfile,
        LessonCompletion,
        ModuleProgress,
        QuizAnswer,
        QuizAttempt,
    )
    from labelling.models import (
        AnswerMessage,
        AnswerReview,
        Appeal,
        Assessment,
        AssessorAffiliation,
        AssessorAssignment,
        Certificate,
        CertificateRevision,
        Decision,
        LabelStatusChange,
    )
    from platform_directory.models import CollaborationRequest, Invitation
    from portal.audit import audit_log
    from portal.models import TaskRun
    from privacy.models import DataExport
    from survey.models import Invitation as SurveyInvitation
    from survey.models import Response
    from tests.club.factories import AnnouncementFactory, ApplicantFactory, EventFactory, MemberFactory
    from tests.factories import AssessorProfileFactory
    from tests.knowledge.factories import (
        LessonFactory,
        ModuleFactory,
        QuizOptionFactory,
        QuizQuestionFactory,
        TrainingProgrammeFactory,
    )
    from tests.labelling.factories import (
        PDF_BYTES,
        AnswerFactory,
        AssessmentFactory,
        EvidenceDocumentFactory,
        LabelFactory,
    )
    from tests.platform_directory.factories import image_bytes
    from tests.survey.factories import SurveyFactory, build_survey, submit_response

    w = SimpleNamespace()
    now = timezone.now()
    p = w.person = UserFactory(email=PERSON_EMAIL, display_name=PERSON_NAME)
    w.other = UserFactory(email="olga.other@example.org", display_name="Olga Other")
    w.coordinator = CoordinatorFactory(email="cora.coordinator@example.org", display_name="Cora Coordinator")

    # Account
    EmailAddress.objects.create(user=p, email=PERSON_SECOND_EMAIL, verified=True, primary=False)
    Authenticator.objects.create(user=p, type=Authenticator.Type.TOTP, data={"secret": "TOTPSECRETNEVEREXPORTED"})
    w.token = Token.objects.create(user=p)
    AssessorProfileFactory(user=p, home_country="FR")
    w.task_run = TaskRun.objects.create(name="person-job", started_by=p, state=TaskRun.State.DONE)
    LogEntry.objects.create(
        user=p,
        content_type=ContentType.objects.get_for_model(TaskRun),
        object_id=str(w.task_run.pk),
        object_repr="person-job",
        action_flag=CHANGE,
        change_message="Changed state.",
    )
    w.export = DataExport.objects.create(user=p, expires_at=now + datetime.timedelta(days=7), finished_at=now, size=13)
    w.export.file.save("export.zip", ContentFile(b"PK old export"), save=True)

    # Directory: Petra manages org with Olga as co-manager; invitations both ways; requests; her address as contact
    org = w.org = ClusterOrganisationFactory(name="Petra's Photonics", contact_email=PERSON_EMAIL, validated_by=p)
    MembershipFactory(organisation=org, user=p)
    MembershipFactory(organisation=org, user=w.other)
    other_org = w.other_org = ClusterOrganisationFactory(name="Other Org")
    MembershipFactory(organisation=other_org, user=w.other)
    w.invitation_sent = Invitation.objects.create(organisation=org, email="new.person@example.org", invited_by=p)
    w.invitation_open = Invitation.objects.create(
        organisation=other_org, email=PERSON_SECOND_EMAIL.upper(), invited_by=w.other
    )
    w.invitation_accepted = Invitation.objects.create(
        organisation=org, email=PERSON_EMAIL, invited_by=w.other, accepted_at=now, accepted_by=p
    )
    w.request_sent = CollaborationRequest.objects.create(
        sender_organisation=org, recipient_organisation=other_org, sender=p, subject="Joint", message="Let's work."
    )
    w.request_answered = CollaborationRequest.objects.create(
        sender_organisation=other_org,
        recipient_organisation=org,
        sender=w.other,
        subject="Hello",
        message="Hi.",
        status=CollaborationRequest.Status.ACCEPTED,
        responded_by=p,
        responded_at=now,
    )

    # Labelling: her organisation's assessment, answer, evidence, message; her review of another organisation
    w.assessment = AssessmentFactory(organisation=org, started_by=p)
    w.answer = AnswerFactory(assessment=w.assessment, updated_by=p, comment="Counted by Petra Persönlich.")
    w.evidence = EvidenceDocumentFactory(organisation=org, uploaded_by=p, original_name="members 2026.pdf")
    w.answer.evidence.add(w.evidence)
    w.message = AnswerMessage.objects.create(
        answer=w.answer,
        author=p,
        author_role=AnswerMessage.Role.MANAGER,
        kind=AnswerMessage.Kind.REPLY,
        body="See file.",
    )
    AssessorAffiliation.objects.create(
        assessor=p, organisation=other_org, relation=AssessorAffiliation.Relation.ADVISER
    )
    reviewed_org = ClusterOrganisationFactory(name="Reviewed Cluster")
    w.decided = AssessmentFactory(organisation=reviewed_org, status=Assessment.Status.AWARDED, decided_at=now)
    reviewed_answer = AnswerFactory(assessment=w.decided)
    w.assignment = AssessorAssignment.objects.create(
        assessment=w.decided,
        assessor=p,
        assigned_by=w.coordinator,
        status=AssessorAssignment.Status.ACTIVE,
        declared_no_conflict_at=now,
        recommendation=AssessorAssignment.Recommendation.AWARD,
        recommendation_summary="All answers are backed by evidence.",
        recommended_at=now,
    )
    w.review = AnswerReview.objects.create(
        answer=reviewed_answer, assignment=w.assignment, verdict=AnswerReview.Verdict.ACCEPTED
    )
    w.assigned = AssessorAssignment.objects.create(
        assessment=w.decided,
        assessor=AssessorProfileFactory().user,
        assigned_by=p,
        status="declined",
        declined_at=now,
        decline_reason="Busy.",
    )
    w.decision = Decision.objects.create(assessment=w.decided, outcome="award", reasons="Meets.", decided_by=p)
    rejected = AssessmentFactory(organisation=org, status=Assessment.Status.REJECTED, level="gold")
    w.appeal = Appeal.objects.create(
        assessment=rejected,
        filed_by=p,
        reasons="We have more members.",
        status=Appeal.Status.DISMISSED,
        decided_by=p,
        decided_at=now,
        outcome_reasons="Not enough.",
    )
    label = LabelFactory(assessment=w.decided)
    certificate = Certificate.objects.create(label=label, state=Certificate.State.ISSUED, current_revision=1)
    w.revision = CertificateRevision.objects.create(
        certificate=certificate,
        revision=1,
        file=ContentFile(PDF_BYTES, name="c.pdf"),
        sha256="0" * 64,
        size=len(PDF_BYTES),
        organisation_name=reviewed_org.name,
        issued_by=p,
    )
    w.status_change = LabelStatusChange.objects.create(
        label=label, from_status="valid", to_status="suspended", effective_on=timezone.localdate(), changed_by=p
    )

    # Benchmarking
    w.opt_in = LearnFromUsOptIn.objects.create(organisation=org, indicator_code="1.1", created_by=p)

    # Knowledge
    module = ModuleFactory()
    lesson = LessonFactory(module=module)
    question = QuizQuestionFactory(module=module)
    option = QuizOptionFactory(question=question, is_correct=True)
    ModuleProgress.objects.create(user=p, module=module, last_lesson=lesson)
    LessonCompletion.objects.create(user=p, lesson=lesson)
    attempt = QuizAttempt.objects.create(user=p, module=module, correct=1, total=1, percent=100, passed=True)
    QuizAnswer.objects.create(attempt=attempt, question=question, is_correct=True).selected.add(option)
    KnowledgeProfile.objects.create(user=p, is_instructor=True)
    w.image = KnowledgeImage.objects.create(
        image=ContentFile(image_bytes(), name="diagram.png"), alt_text="A diagram", uploaded_by=p
    )
    w.programme = TrainingProgrammeFactory(proposed_by=p, reviewed_by=p)

    # Club: member with reminders, digests, messages both ways, an event she organises, a place at a full event
    membership = MemberFactory(user=p, bio="Photonics since 2010.")
    RenewalReminder.objects.create(membership=membership, period_end=membership.valid_until)
    DigestDelivery.objects.create(membership=membership, week=timezone.localdate())
    w.applicant = ApplicantFactory(user__email="applicant@example.org")
    ClubMembership.objects.filter(pk=w.applicant.pk).update(
        status=ClubMembership.Status.DECLINED, decline_reason="Not a cluster manager.", decided_by=p, decided_at=now
    )
    member_other = MemberFactory(user=w.other)
    ContactMessage.objects.create(sender=p, recipient=w.other, subject="Hi Olga", body="From Petra.")
    ContactMessage.objects.create(sender=w.other, recipient=p, subject="Hi Petra", body="From Olga.")
    w.event_organised = EventFactory(organiser=p, created_by=p)
    w.full_event = EventFactory(capacity=1)
    w.registration = Registration.objects.create(event=w.full_event, user=p, status=Registration.Status.REGISTERED)
    w.waiting = Registration.objects.create(
        event=w.full_event, user=member_other.user, status=Registration.Status.WAITING
    )
    w.announcement = AnnouncementFactory(author=p)

    # Surveys: one she created, answered (submitted) and was invited to; another left unfinished
    built = build_survey(user=w.coordinator, slug="petra-survey")
    w.survey = built.survey
    type(w.survey).objects.filter(pk=w.survey.pk).update(created_by=p)
    w.survey_invitation = SurveyInvitation.objects.create(
        survey=w.survey, email=PERSON_EMAIL, user=p, created_by=p, sent_at=now
    )
    w.response = submit_response(built, user=p, remarks="Petra Persönlich thinks it is fine.")
    draft_survey = SurveyFactory(slug="petra-draft-survey", status="live")
    w.draft_response = Response.objects.create(survey=draft_survey, user=p, organisation=org, country="DE")

    # The audit log: something she did, something done to her account, something naming her address
    audit_log(actor=p, action="test.person.acted", target=org, data={"email": PERSON_EMAIL, "note": PERSON_NAME})
    audit_log(actor=w.coordinator, action="test.account.checked", target=p, data={})
    audit_log(
        actor=w.other, action="directory.invitation.created", target=other_org, data={"email": PERSON_SECOND_EMAIL}
    )
    return w


@pytest.fixture
def world(db):
    return build_person_with_everything()
