"""Where the portal keeps something about a person, and what the export and the account deletion do with it.

One `Holding` per kind of record that points at a person: a foreign key to the user (`user`, `author`...), a path
through another record (`assignment__assessor`), or an e-mail address (`@email`: the person's verified addresses).
The export writes one JSON file per holding (`kind`); the deletion treats each as its `erase` says. Tests walk every
model of every app: a foreign key to the user or an e-mail field that no holding names (and that EXCLUDED does not
explain) fails them, so a new model cannot be forgotten by either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Erase(StrEnum):
    # A personal record: deleted with the account (the foreign key cascades).
    DELETE = "delete"
    # A record of an organisation or of the label process: kept, the link to the person removed (SET_NULL).
    KEEP = "keep"
    # A step of the deletion service handles it before the account goes (see privacy.services.ERASURE_STEPS).
    STEP = "step"


@dataclass(frozen=True)
class Holding:
    """One kind of record that refers to a person."""

    model: str  # "app_label.ModelName"
    lookups: tuple[str, ...]  # ORed: "user", "assignment__assessor", "@email" (the person's verified addresses)
    kind: str  # the export's file name, "club/event_registrations" -> club/event_registrations.json
    description: str
    erase: Erase
    step: str = ""  # for Erase.STEP (and KEEP records that a step also cleans): the step's name
    hidden: tuple[str, ...] = ()  # fields never exported: secrets, keys, hashes
    files: tuple[str, ...] = ()  # file fields whose files go into the ZIP (when the person may still open them)
    fields: tuple[str, ...] = ()  # only these fields (and the id), for records that are mostly about someone else
    personal: bool = field(default=False)  # the record is about the person (audit events on it are "about you")

    @property
    def app_label(self) -> str:
        return self.model.split(".")[0]


D, K, S = Erase.DELETE, Erase.KEEP, Erase.STEP

HOLDINGS: tuple[Holding, ...] = (
    # --- Accounts (django-allauth, DRF tokens) and the portal ----------------------------------------------------
    Holding(
        "account.EmailAddress",
        ("user",),
        "account/email_addresses",
        _("Your e-mail addresses and whether they are verified."),
        D,
        personal=True,
    ),
    Holding(
        "mfa.Authenticator",
        ("user",),
        "account/two_factor_authenticators",
        _("Your two-factor authenticators (type and dates; never their secrets)."),
        D,
        hidden=("data",),
        personal=True,
    ),
    Holding(
        "authtoken.Token",
        ("user",),
        "account/api_tokens",
        _("API tokens made for you (when they were created; never the token itself)."),
        D,
        hidden=("key",),
        personal=True,
    ),
    Holding(
        "portal.AssessorProfile",
        ("user",),
        "portal/assessor_profile",
        _("Your assessor accreditation: period, home country, languages, expertise."),
        D,
        personal=True,
    ),
    Holding(
        "portal.AuditEvent",
        ("actor",),
        "portal/audit_events_by_you",
        _("What you did in the portal, as its audit log recorded it."),
        K,
        step="audit_log",
    ),
    Holding(
        "portal.TaskRun",
        ("started_by",),
        "portal/background_jobs",
        _("Background jobs you started (exports, recomputations)."),
        K,
    ),
    Holding(
        "admin.LogEntry",
        ("user",),
        "portal/administration_changes",
        _("Changes you made in the administration."),
        S,
        step="admin_history",
    ),
    Holding(
        "privacy.DataExport",
        ("user",),
        "privacy/data_exports",
        _("Data exports you asked for (the files are deleted when they expire)."),
        D,
        step="data_exports",
        personal=True,
    ),
    # --- Directory ----------------------------------------------------------------------------------------------
    Holding(
        "platform_directory.OrganisationMembership",
        ("user",),
        "directory/organisation_memberships",
        _("Your roles in cluster organisations (manager or viewer)."),
        D,
        personal=True,
    ),
    Holding(
        "platform_directory.Invitation",
        ("invited_by",),
        "directory/invitations_you_sent",
        _("Invitations you sent to join an organisation."),
        D,
        hidden=("token",),
    ),
    Holding(
        "platform_directory.Invitation",
        ("accepted_by", "@email"),
        "directory/invitations_to_you",
        _("Invitations sent to your addresses, and those you accepted."),
        S,
        step="directory_invitations",
        hidden=("token",),
        personal=True,
    ),
    Holding(
        "platform_directory.ClusterOrganisation",
        ("@contact_email",),
        "directory/profiles_with_your_address",
        _("Organisation profiles that give one of your addresses as their public contact."),
        K,
    ),
    Holding(
        "platform_directory.ClusterOrganisation",
        ("validated_by",),
        "directory/profiles_you_validated",
        _("Organisation profiles you validated as a coordinator."),
        K,
    ),
    Holding(
        "platform_directory.CollaborationRequest",
        ("sender",),
        "directory/collaboration_requests_sent",
        _("Collaboration requests you sent for your organisation."),
        K,
    ),
    Holding(
        "platform_directory.CollaborationRequest",
        ("responded_by",),
        "directory/collaboration_requests_answered",
        _("Collaboration requests to your organisation that you answered."),
        K,
    ),
    # --- Labelling -------------------------------------------------------------------------------------------------
    Holding(
        "labelling.Assessment",
        ("started_by",),
        "labelling/assessments_you_started",
        _("Self-assessments you started for your organisation."),
        K,
    ),
    Holding(
        "labelling.Answer",
        ("updated_by",),
        "labelling/answers_you_saved",
        _("Answers of self-assessments that you saved last (earlier saves are in the audit log)."),
        K,
    ),
    Holding(
        "labelling.EvidenceDocument",
        ("uploaded_by",),
        "labelling/evidence_you_uploaded",
        _("Evidence files you uploaded to your organisation's library."),
        K,
        files=("file",),
    ),
    Holding(
        "labelling.AnswerMessage",
        ("author",),
        "labelling/questions_and_replies_you_wrote",
        _("Questions, replies, corrections and notes you wrote on answers."),
        K,
    ),
    Holding(
        "labelling.AssessorAffiliation",
        ("assessor",),
        "labelling/ties_you_declared",
        _("Ties with organisations you declared as an assessor (conflicts of interest)."),
        D,
        personal=True,
    ),
    Holding(
        "labelling.AssessorAssignment",
        ("assessor",),
        "labelling/your_assignments",
        _("Assessments you were asked to review, your declarations and recommendations."),
        K,
    ),
    Holding(
        "labelling.AnswerReview",
        ("assignment__assessor",),
        "labelling/your_answer_reviews",
        _("Your verdict on each answer you reviewed."),
        K,
    ),
    Holding(
        "labelling.AssessorAssignment",
        ("assigned_by",),
        "labelling/assignments_you_made",
        _("Assessors you assigned as a coordinator."),
        K,
    ),
    Holding(
        "labelling.Decision",
        ("decided_by",),
        "labelling/decisions_you_took",
        _("Label decisions you took as a coordinator."),
        K,
    ),
    Holding(
        "labelling.Appeal",
        ("filed_by",),
        "labelling/appeals_you_filed",
        _("Appeals you filed for your organisation."),
        K,
    ),
    Holding(
        "labelling.Appeal",
        ("decided_by",),
        "labelling/appeals_you_decided",
        _("Appeals you decided as a coordinator."),
        K,
    ),
    Holding(
        "labelling.CertificateRevision",
        ("issued_by",),
        "labelling/certificates_you_issued",
        _("Certificate revisions you issued as a coordinator."),
        K,
    ),
    Holding(
        "labelling.LabelStatusChange",
        ("changed_by",),
        "labelling/label_status_changes_you_made",
        _("Label suspensions, reinstatements and withdrawals you recorded."),
        K,
    ),
    # --- Benchmarking ----------------------------------------------------------------------------------------------
    Holding(
        "benchmarking.LearnFromUsOptIn",
        ("created_by",),
        "benchmarking/learn_from_us_opt_ins",
        _("“Learn from us” opt-ins you gave for your organisation."),
        K,
    ),
    # --- Knowledge -------------------------------------------------------------------------------------------------
    Holding(
        "knowledge.ModuleProgress",
        ("user",),
        "knowledge/module_progress",
        _("Your progress in training modules."),
        D,
        personal=True,
    ),
    Holding(
        "knowledge.LessonCompletion",
        ("user",),
        "knowledge/lessons_completed",
        _("Lessons you marked complete."),
        D,
        personal=True,
    ),
    Holding(
        "knowledge.QuizAttempt",
        ("user",),
        "knowledge/quiz_attempts",
        _("Your quiz attempts and scores."),
        D,
        personal=True,
    ),
    Holding(
        "knowledge.QuizAnswer",
        ("attempt__user",),
        "knowledge/quiz_answers",
        _("What you chose in each quiz question."),
        D,
        personal=True,
    ),
    Holding(
        "knowledge.KnowledgeProfile",
        ("user",),
        "knowledge/profile",
        _("Your knowledge-area settings (instructor)."),
        D,
        personal=True,
    ),
    Holding(
        "knowledge.KnowledgeImage",
        ("uploaded_by",),
        "knowledge/images_you_uploaded",
        _("Images you uploaded for training content."),
        K,
        files=("image",),
    ),
    Holding(
        "knowledge.TrainingProgramme",
        ("proposed_by",),
        "knowledge/programmes_you_proposed",
        _("Training programmes you proposed for the catalogue."),
        K,
    ),
    Holding(
        "knowledge.TrainingProgramme",
        ("reviewed_by",),
        "knowledge/programmes_you_reviewed",
        _("Training programme proposals you reviewed as a coordinator."),
        K,
    ),
    # --- Club ------------------------------------------------------------------------------------------------------
    Holding(
        "club.ClubMembership",
        ("user",),
        "club/membership",
        _("Your club application or membership and your member profile."),
        D,
        hidden=("calendar_token",),
        personal=True,
    ),
    Holding(
        "club.RenewalReminder",
        ("membership__user",),
        "club/renewal_reminders",
        _("Membership renewal reminders sent to you."),
        D,
        personal=True,
    ),
    Holding(
        "club.DigestDelivery",
        ("membership__user",),
        "club/digests_sent",
        _("Weekly club digests sent to you."),
        D,
        personal=True,
    ),
    Holding(
        "club.ClubMembership",
        ("decided_by",),
        "club/applications_you_decided",
        _("Club applications you decided as a coordinator (your decision, not the applicant's profile)."),
        K,
        fields=("status", "decided_at", "decided_by", "decline_reason"),
    ),
    Holding(
        "club.ContactMessage",
        ("sender",),
        "club/messages_you_sent",
        _("Messages you sent to other members."),
        D,
        personal=True,
    ),
    Holding(
        "club.ContactMessage",
        ("recipient",),
        "club/messages_you_received",
        _("Messages other members sent you."),
        D,
        personal=True,
    ),
    Holding(
        "club.Registration",
        ("user",),
        "club/event_registrations",
        _("Your event registrations and places on waiting lists."),
        S,
        step="club_registrations",
        personal=True,
    ),
    Holding("club.Event", ("organiser",), "club/events_you_organise", _("Club events you organise."), K),
    Holding(
        "club.Event", ("created_by",), "club/events_you_created", _("Club events you created as a coordinator."), K
    ),
    Holding("club.Announcement", ("author",), "club/announcements_you_wrote", _("Club announcements you wrote."), K),
    # --- Surveys ---------------------------------------------------------------------------------------------------
    Holding(
        "survey.Response",
        ("user",),
        "survey/your_responses",
        _("Your named survey responses (anonymous ones are linked to nobody, so they cannot be included)."),
        S,
        step="survey_responses",
        hidden=("respondent_key",),
        personal=True,
    ),
    Holding(
        "survey.Answer",
        ("response__user",),
        "survey/your_answers",
        _("Your answers in those responses."),
        S,
        step="survey_responses",
        personal=True,
    ),
    Holding(
        "survey.Invitation",
        ("user", "@email"),
        "survey/invitations_to_you",
        _("Survey invitations sent to you."),
        S,
        step="survey_invitations",
        hidden=("token_hash",),
        personal=True,
    ),
    Holding(
        "survey.Invitation",
        ("created_by",),
        "survey/invitations_you_created",
        _("Survey invitations you created as a coordinator."),
        K,
        hidden=("token_hash",),
    ),
    Holding(
        "survey.Survey", ("created_by",), "survey/surveys_you_created", _("Surveys you created as a coordinator."), K
    ),
)

# Relations to a person that neither the export nor the deletion treats as a holding, and why.
EXCLUDED: dict[tuple[str, str], str] = {
    ("authtoken.TokenProxy", "user"): "a proxy of authtoken.Token (the same rows, exported and deleted as that)",
    ("portal.User", "email"): "the account itself (account/account.json; deleted with the account)",
    ("account.EmailAddress", "email"): "the person's own addresses, found through their user (account/email_addresses)",
}


def holdings_for(model_label: str) -> list[Holding]:
    return [h for h in HOLDINGS if h.model == model_label]
