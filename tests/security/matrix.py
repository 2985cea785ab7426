"""The world the permission matrix runs in: two organisations and one object of every kind the portal serves.

Built once per test module (see tests/security/test_permission_matrix.py); every object is owned by organisation A,
its manager, or the coordinators, so that each persona stands in a clear relation to it.
"""

from __future__ import annotations

import random
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

PERSONAS = ("visitor", "user", "manager_a", "manager_b", "assessor", "assessor_other", "member", "coordinator")

SURVEY_TOKEN = "matrix-survey-invitation-token"


def build_world() -> SimpleNamespace:
    """Organisation A (owner of everything) and B, the personas, and one object of every kind behind a URL."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from benchmarking.services import peer_statistics_recompute
    from club.models import Announcement, ClubMembership, Event
    from club.notifications import unsubscribe_token
    from knowledge.models import QuizAttempt, TrainingProgramme
    from labelling.framework.levels import Level
    from labelling.models import Appeal, Assessment, AssessorAffiliation, Decision, ImprovementDeclaration
    from platform_directory.models import OrganisationMembership
    from portal.models import TaskRun
    from survey.models import Invitation, invitation_token_hash
    from tests.benchmarking.factories import peers, reviewed_assessment
    from tests.club.factories import (
        AnnouncementFactory,
        ApplicantFactory,
        EventFactory,
        MemberFactory,
        RegistrationFactory,
    )
    from tests.factories import (
        AssessorProfileFactory,
        ClusterOrganisationFactory,
        CoordinatorFactory,
        MembershipFactory,
        UserFactory,
    )
    from tests.knowledge.factories import (
        CaseStudyFactory,
        LessonFactory,
        ModuleFactory,
        QuizOptionFactory,
        QuizQuestionFactory,
        TrainingProgrammeFactory,
    )
    from tests.labelling.certificate_helpers import make_label
    from tests.labelling.factories import PDF_BYTES, AssessmentFactory
    from tests.labelling.review_support import start_review, submitted_assessment
    from tests.platform_directory.factories import (
        CollaborationRequestFactory,
        InvitationFactory,
        PendingOrganisationFactory,
        image_bytes,
    )
    from tests.survey.factories import build_survey

    w = SimpleNamespace()
    org_a = w.org_a = ClusterOrganisationFactory(name="Alpha Photonics Cluster", slug="alpha-photonics")
    org_a.logo = SimpleUploadedFile("logo.png", image_bytes(), content_type="image/png")
    org_a.save(update_fields=["logo"])
    org_b = w.org_b = ClusterOrganisationFactory(
        name="Beta Food Valley", slug="beta-food-valley", country="NL", nuts2_code="NL22"
    )
    w.pending_org = PendingOrganisationFactory(name="Gamma Pending Cluster", slug="gamma-pending")

    # Personas
    w.user = UserFactory(email="someone@example.org")
    w.manager_a = MembershipFactory(organisation=org_a, user__email="manager.a@example.org").user
    w.manager_b = MembershipFactory(organisation=org_b, user__email="manager.b@example.org").user
    w.assessor = AssessorProfileFactory(user__email="assessor@example.org", home_country="FR").user
    w.assessor_other = AssessorProfileFactory(user__email="assessor.other@example.org", home_country="IT").user
    w.member = MemberFactory(user__email="member@example.org").user
    w.coordinator = CoordinatorFactory(email="coordinator@example.org")
    w.deciding_coordinator = CoordinatorFactory(email="decider@example.org")

    # Directory: a viewer of A (to be removed), an open invitation to A, a request from B to A
    w.viewer_membership = MembershipFactory(organisation=org_a, role=OrganisationMembership.Role.VIEWER)
    w.invitation = InvitationFactory(organisation=org_a, invited_by=w.manager_a)
    w.collaboration_request = CollaborationRequestFactory(
        sender_organisation=org_b, recipient_organisation=org_a, sender=w.manager_b
    )

    # Labelling: A's assessment in review by `assessor`, with answers and evidence
    w.assessment = submitted_assessment(org_a)
    start_review(w.assessment, assessors=[w.assessor], coordinator=w.deciding_coordinator)
    w.assignment = w.assessment.assignments.get(assessor=w.assessor)
    w.answer = w.assessment.answers.filter(evidence__isnull=False).first()
    w.document = w.answer.evidence.first()
    w.affiliation = AssessorAffiliation.objects.create(
        assessor=w.assessor, organisation=org_b, relation=AssessorAffiliation.Relation.ADVISER
    )
    # A Silver draft of A with an improvement declared (the Silver-only pages)
    w.silver = AssessmentFactory(organisation=org_a, level=Level.SILVER, started_by=w.manager_a)
    w.declaration = ImprovementDeclaration.objects.create(
        assessment=w.silver, indicator=w.silver.level_indicators().first(), explanation="Better now."
    )
    # A rejected assessment of A under appeal, decided by another coordinator
    w.appealed = AssessmentFactory(
        organisation=org_a,
        level=Level.GOLD,
        status=Assessment.Status.APPEALED,
        submitted_at=timezone.now(),
        started_by=w.manager_a,
    )
    Decision.objects.create(
        assessment=w.appealed,
        outcome=Decision.Outcome.REJECT,
        reasons="Too few members.",
        decided_by=w.deciding_coordinator,
    )
    Appeal.objects.create(assessment=w.appealed, filed_by=w.manager_a, reasons="We have more members now.")
    # A's Gold label with its certificate issued (revision 1)
    w.label = make_label(org_a, level=Level.GOLD, issue=True)

    # Benchmarking: A among five peers, with its first report
    peers(5, rng=random.Random(3))
    reviewed_assessment(org_a)
    peer_statistics_recompute()
    w.report = org_a.benchmark_reports.get()
    # The worker renders the PDF once the recomputation commits; its rendering is tested in tests/benchmarking, here
    # a stored stand-in is enough (WeasyPrint would take most of the matrix's time)
    w.report.pdf.save(f"{w.report.number}.pdf", ContentFile(PDF_BYTES), save=True)

    # Knowledge
    w.module = ModuleFactory(slug="matrix-module", indicators=["1.1"])
    w.lesson = LessonFactory(module=w.module, slug="matrix-lesson")
    QuizOptionFactory(question=QuizQuestionFactory(module=w.module), is_correct=True)
    w.case = CaseStudyFactory(slug="matrix-case")
    w.programme = TrainingProgrammeFactory(state=TrainingProgramme.State.PROPOSED, proposed_by=w.user)
    w.attempt = QuizAttempt.objects.create(user=w.user, module=w.module, correct=1, total=1, percent=100, passed=True)

    # Club: a members-only event organised by the coordinator with the member registered, an announcement for
    # members, an application waiting for a decision
    w.membership = ClubMembership.objects.get(user=w.member)
    w.event = EventFactory(audience=Event.Audience.MEMBERS, organiser=w.coordinator)
    RegistrationFactory(event=w.event, user=w.member)
    w.announcement = AnnouncementFactory(audience=Announcement.Audience.MEMBERS, author=w.coordinator)
    # Another member, in the directory and at the event: whom the member sees by name only
    RegistrationFactory(event=w.event, user=MemberFactory(user__email="peer@example.org").user)
    w.application = ApplicantFactory()
    w.unsubscribe_token = unsubscribe_token(w.membership)

    # Survey: live, for organisation members, results published; one invitation link
    w.survey_built = build_survey(user=w.coordinator, slug="matrix-survey", results_published=True)
    w.survey = w.survey_built.survey
    Invitation.objects.create(
        survey=w.survey,
        email="invitee@example.org",
        token_hash=invitation_token_hash(SURVEY_TOKEN),
        sent_at=timezone.now(),
        created_by=w.coordinator,
    )

    # A background job manager A started
    w.task_run = TaskRun.objects.create(name="matrix-job", started_by=w.manager_a)
    w.org_a_content_type = ContentType.objects.get_for_model(org_a).pk

    # Nobody has a name, as accounts made before sign-up asked for one: pages must not name people by their e-mail
    # addresses (the leak check in tests/security/email_leaks.py)
    get_user_model().objects.update(display_name="")
    return w
