"""Assessments, their answers, the organisation's evidence library and Silver improvement declarations."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labelling.framework.levels import Level
from labelling.framework.models import Framework, Indicator


class Assessment(models.Model):
    """One organisation's assessment for one label level, pinned to the framework version it started with."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        IN_REVIEW = "in_review", _("in review")
        RECOMMENDED = "recommended", _("recommended")
        AWARDED = "awarded", _("awarded")
        REJECTED = "rejected", _("rejected")
        APPEALED = "appealed", _("appealed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    CLOSED_STATUSES = (Status.AWARDED, Status.REJECTED, Status.WITHDRAWN)

    organisation = models.ForeignKey(
        "platform_directory.ClusterOrganisation", on_delete=models.PROTECT, related_name="assessments"
    )
    level = models.CharField(_("level"), max_length=6, choices=Level.choices)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    is_renewal = models.BooleanField(_("renewal"), default=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("started by")
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "level"],
                condition=~Q(status__in=["awarded", "rejected", "withdrawn"]),
                name="one_open_assessment_per_org_and_level",
            )
        ]
        indexes = [models.Index(fields=["status", "status_changed_at"], name="assessment_status_idx")]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_level_display()} ({self.started_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.status not in self.CLOSED_STATUSES

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def level_indicators(self):
        """The indicators this assessment asks, in framework order."""
        return level_indicator_queryset(self.framework_id, self.level)


def level_indicator_queryset(framework_id, level: str):
    """Indicators of `framework_id` asked at `level` (Bronze and Silver: the B column; Gold: the G column)."""
    qs = Indicator.objects.filter(framework_id=framework_id)
    if level == Level.GOLD:
        qs = qs.filter(in_gold=True)
    else:
        qs = qs.filter(Q(in_bronze=True) | Q(in_silver=True)) if level == Level.SILVER else qs.filter(in_bronze=True)
    return qs.select_related("dimension").order_by("position")


class Answer(models.Model):
    """The organisation's self-declared value for one indicator, and beside it the assessors' agreed value."""

    class ReviewState(models.TextChoices):
        UNREVIEWED = "unreviewed", _("not reviewed yet")
        ACCEPTED = "accepted", _("accepted")
        CORRECTED = "corrected", _("corrected")
        QUESTION_OPEN = "question_open", _("question open")
        ANSWERED = "answered", _("answered, back with the assessor")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="answers")
    # Self-declared by the organisation
    value_number = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    value_bool = models.BooleanField(_("yes/no"), null=True, blank=True)
    value_choice = models.CharField(_("choice"), max_length=40, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    justification = models.TextField(_("why not applicable"), blank=True, max_length=4000)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("saved at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence = models.ManyToManyField(
        "labelling.EvidenceDocument", blank=True, related_name="answers", verbose_name=_("evidence")
    )
    # The assessors' agreed value (written by the review)
    assessed_number = models.DecimalField(_("assessed value"), max_digits=12, decimal_places=2, null=True, blank=True)
    assessed_bool = models.BooleanField(_("assessed yes/no"), null=True, blank=True)
    assessed_choice = models.CharField(_("assessed choice"), max_length=40, blank=True)
    assessed_not_applicable = models.BooleanField(_("assessed not applicable"), default=False)
    review_state = models.CharField(
        _("review"), max_length=14, choices=ReviewState.choices, default=ReviewState.UNREVIEWED
    )
    is_reopened = models.BooleanField(_("reopened by a question"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment", "indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="one_answer_per_indicator"),
            models.CheckConstraint(
                condition=Q(not_applicable=False) | ~Q(justification=""), name="not_applicable_needs_justification"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.indicator.code}"

    @property
    def is_answered(self) -> bool:
        """A value is given (or the indicator is declared not applicable with a justification)."""
        if self.not_applicable:
            return bool(self.justification.strip())
        kind = self.indicator.kind
        if kind == Indicator.Kind.YESNO:
            return self.value_bool is not None
        if kind == Indicator.Kind.CHOICE:
            return bool(self.value_choice)
        return self.value_number is not None

    @property
    def declared_value(self):
        """The self-declared value in its natural type (Decimal, bool, str) or None."""
        return _value_of(self.indicator.kind, self.value_number, self.value_bool, self.value_choice)

    @property
    def assessed_value(self):
        """The assessors' agreed value, or None while the answer is not accepted or corrected."""
        if self.review_state not in (self.ReviewState.ACCEPTED, self.ReviewState.CORRECTED):
            return None
        return _value_of(self.indicator.kind, self.assessed_number, self.assessed_bool, self.assessed_choice)


def _value_of(kind, number, boolean, choice):
    if kind == Indicator.Kind.YESNO:
        return boolean
    if kind == Indicator.Kind.CHOICE:
        return choice or None
    return number


def _evidence_path(instance, filename: str) -> str:
    # Never the user's file name on disk: a random name within the organisation's folder.
    return f"evidence/{instance.organisation_id}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


def _private_storage():
    return storages["private"]


class EvidenceDocument(models.Model):
    """A file in an organisation's evidence library; one file can support several answers."""

    organisation = models.ForeignKey(
        "platform_directory.ClusterOrganisation", on_delete=models.CASCADE, related_name="evidence_documents"
    )
    file = models.FileField(_("file"), upload_to=_evidence_path, storage=_private_storage, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ImprovementDeclaration(models.Model):
    """For Silver: one of the three indicators the organisation declares as improved since its Bronze, and why."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="improvements")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    explanation = models.TextField(_("what improved and how"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("improvement declaration")
        verbose_name_plural = _("improvement declarations")
        ordering = ["assessment", "indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="one_improvement_per_indicator"),
            models.CheckConstraint(condition=~Q(explanation=""), name="improvement_needs_explanation"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.indicator.code}"
