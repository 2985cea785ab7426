"""The assessors' side of an assessment: assignments with conflict-of-interest declarations, each assessor's
verdict per answer, the question threads, the coordinators' decision and appeals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long a tie with an organisation still counts as a conflict of interest after it ended.
AFFILIATION_COOLING_OFF_YEARS = 3
# How long a rejected organisation may appeal.
APPEAL_WINDOW_DAYS = 30


class AssessorAffiliation(models.Model):
    """A tie an assessor declared with an organisation (staff, manager, board, adviser...): it bars them from
    assessing that organisation while it lasts and for three years after it ended."""

    class Relation(models.TextChoices):
        STAFF = "staff", _("employed by the cluster organisation")
        MANAGER = "manager", _("manager of the cluster organisation")
        BOARD = "board", _("member of its board or steering committee")
        ADVISER = "adviser", _("consultant or adviser to it")
        PARTICIPANT = "participant", _("working for one of its participants")
        PERSONAL = "personal", _("close personal tie with its management")
        OTHER = "other", _("other tie")

    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        "platform_directory.ClusterOrganisation",
        on_delete=models.CASCADE,
        related_name="assessor_affiliations",
        verbose_name=_("organisation"),
    )
    relation = models.CharField(_("tie"), max_length=12, choices=Relation.choices)
    ended_on = models.DateField(_("ended on"), null=True, blank=True, help_text=_("Leave empty if it still lasts."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("assessor affiliation")
        verbose_name_plural = _("assessor affiliations")
        ordering = ["assessor", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessor", "organisation", "relation"], name="one_affiliation_per_tie_and_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor} – {self.organisation} ({self.get_relation_display()})"


class AssessorAssignment(models.Model):
    """One assessor asked to review one assessment: their no-conflict declaration or their refusal, and their
    recommendation with its written summary."""

    class Status(models.TextChoices):
        AWAITING_DECLARATION = "awaiting", _("awaiting the no-conflict declaration")
        ACTIVE = "active", _("reviewing")
        DECLINED = "declined", _("declined")

    class Recommendation(models.TextChoices):
        AWARD = "award", _("award the label")
        REJECT = "reject", _("reject")

    assessment = models.ForeignKey("labelling.Assessment", on_delete=models.CASCADE, related_name="assignments")
    # Kept when the assessor's account is deleted (privacy.services.account_delete waits until no assignment is in
    # progress): the review and its recommendation stay with the assessment, without the person.
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="assessor_assignments",
        verbose_name=_("assessor"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("assigned by")
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.AWAITING_DECLARATION)
    declared_no_conflict_at = models.DateTimeField(_("declared no conflict"), null=True, blank=True)
    declaration_text = models.TextField(_("declaration"), blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=2000)
    recommendation = models.CharField(_("recommendation"), max_length=6, choices=Recommendation.choices, blank=True)
    recommendation_summary = models.TextField(_("summary"), blank=True, max_length=8000)
    recommended_at = models.DateTimeField(_("recommended"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessor assignment")
        verbose_name_plural = _("assessor assignments")
        ordering = ["assessment", "assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "assessor"], name="one_assignment_per_assessor"),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(declared_no_conflict_at__isnull=False),
                name="active_assignment_declared_no_conflict",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="declined_assignment_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(recommendation="") | (Q(status="active") & ~Q(recommendation_summary="")),
                name="recommendation_has_summary",
            ),
        ]
        indexes = [models.Index(fields=["assessor", "status"], name="assignment_assessor_idx")]

    def __str__(self) -> str:
        return f"{self.assessor} → {self.assessment_id} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class AnswerReview(models.Model):
    """One assessor's verdict on one answer: accepted as declared, or corrected with a reason. Gold answers get
    two, and the Answer takes the assessed value only once both agree."""

    class Verdict(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        CORRECTED = "corrected", _("corrected")

    answer = models.ForeignKey("labelling.Answer", on_delete=models.CASCADE, related_name="reviews")
    assignment = models.ForeignKey(AssessorAssignment, on_delete=models.CASCADE, related_name="answer_reviews")
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    assessed_number = models.DecimalField(_("assessed value"), max_digits=12, decimal_places=2, null=True, blank=True)
    assessed_bool = models.BooleanField(_("assessed yes/no"), null=True, blank=True)
    assessed_choice = models.CharField(_("assessed choice"), max_length=40, blank=True)
    assessed_not_applicable = models.BooleanField(_("assessed not applicable"), default=False)
    reason = models.TextField(_("reason"), blank=True, max_length=4000)
    reviewed_at = models.DateTimeField(_("reviewed"), default=timezone.now)

    class Meta:
        verbose_name = _("answer review")
        verbose_name_plural = _("answer reviews")
        ordering = ["answer", "assignment"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "assignment"], name="one_review_per_answer_and_assessor"),
            models.CheckConstraint(condition=~Q(verdict="corrected") | ~Q(reason=""), name="correction_needs_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} by {self.assignment_id}: {self.verdict}"

    def value_key(self) -> tuple:
        """What two reviews must share to agree."""
        return (self.assessed_number, self.assessed_bool, self.assessed_choice, self.assessed_not_applicable)


class AnswerMessage(models.Model):
    """One message of an answer's thread between its assessors and the organisation's managers."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("question")
        REPLY = "reply", _("reply")
        CORRECTION = "correction", _("correction")
        NOTE = "note", _("note")

    class Role(models.TextChoices):
        ASSESSOR = "assessor", _("assessor")
        MANAGER = "manager", _("manager")
        COORDINATOR = "coordinator", _("coordinator")

    answer = models.ForeignKey("labelling.Answer", on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_role = models.CharField(_("as"), max_length=12, choices=Role.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    body = models.TextField(_("message"), max_length=4000)
    value_change = models.CharField(_("value change"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("answer message")
        verbose_name_plural = _("answer messages")
        ordering = ["answer", "created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="answer_message_not_empty")]
        indexes = [models.Index(fields=["answer", "kind", "-created_at"], name="answer_message_kind_idx")]

    def __str__(self) -> str:
        return f"{self.answer_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


def _departure_consistent(awarded: Q, prefix: str = "") -> Q:
    """The departure flag agrees with what the rules computed: awarding a level not reached, or refusing one that
    is reached, departs; and a departure always has its written reason (domain.md, 2026-12-02)."""

    def q(**kwargs):
        return Q(**{f"{prefix}{key}": value for key, value in kwargs.items()})

    not_recorded = q(computed_reached__isnull=True, departs_from_outcome=False)
    follows = q(departs_from_outcome=False) & (
        (q(computed_reached=True) & awarded) | (q(computed_reached=False) & ~awarded)
    )
    departs = (
        q(departs_from_outcome=True)
        & ~q(departure_reason="")
        & ((q(computed_reached=True) & ~awarded) | (q(computed_reached=False) & awarded))
    )
    return not_recorded | follows | departs


class Decision(models.Model):
    """The coordinators' award or rejection of a recommended assessment, with the reasons sent to the managers,
    and what the label rules computed at that moment: a decision that departs from it carries a written reason.

    `computed_reached` is None only for decisions recorded before the computed outcome was kept."""

    class Outcome(models.TextChoices):
        AWARD = "award", _("awarded")
        REJECT = "reject", _("rejected")

    assessment = models.OneToOneField("labelling.Assessment", on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("decision"), max_length=6, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"), max_length=8000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    computed_reached = models.BooleanField(_("level reached by the rules"), null=True, blank=True)
    computed_reasons = models.TextField(_("what the rules computed"), blank=True, max_length=8000)
    departs_from_outcome = models.BooleanField(_("departs from the computed outcome"), default=False)
    departure_reason = models.TextField(
        _("reason for departing from the computed outcome"), blank=True, max_length=8000
    )

    class Meta:
        verbose_name = _("label decision")
        verbose_name_plural = _("label decisions")
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reasons=""), name="decision_has_reasons"),
            models.CheckConstraint(
                condition=_departure_consistent(Q(outcome="award")), name="decision_departure_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.outcome}"


class Appeal(models.Model):
    """A rejected organisation's appeal, filed within 30 days and decided by a coordinator who took no part in
    the decision; upheld means the label is awarded."""

    class Status(models.TextChoices):
        OPEN = "open", _("awaiting a decision")
        UPHELD = "upheld", _("upheld: label awarded")
        DISMISSED = "dismissed", _("dismissed")

    assessment = models.OneToOneField("labelling.Assessment", on_delete=models.CASCADE, related_name="appeal")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("filed by")
    )
    filed_at = models.DateTimeField(_("filed"), default=timezone.now)
    reasons = models.TextField(_("grounds of the appeal"), max_length=8000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    outcome_reasons = models.TextField(_("reasons of the outcome"), blank=True, max_length=8000)
    computed_reached = models.BooleanField(_("level reached by the rules"), null=True, blank=True)
    computed_reasons = models.TextField(_("what the rules computed"), blank=True, max_length=8000)
    departs_from_outcome = models.BooleanField(_("departs from the computed outcome"), default=False)
    departure_reason = models.TextField(
        _("reason for departing from the computed outcome"), blank=True, max_length=8000
    )

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reasons=""), name="appeal_has_reasons"),
            models.CheckConstraint(
                condition=Q(status="open") | (Q(decided_at__isnull=False) & ~Q(outcome_reasons="")),
                name="decided_appeal_has_reasons",
            ),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(computed_reached__isnull=True, departs_from_outcome=False))
                | (~Q(status="open") & _departure_consistent(Q(status="upheld"))),
                name="appeal_departure_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.get_status_display()}"
