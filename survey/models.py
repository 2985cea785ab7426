"""Surveys: questionnaires built by coordinators, invitations, responses and answers.

Anonymity: a response to an anonymous survey stores neither a user, nor an invitation, nor an organisation. It is
found again (save and resume) through `respondent_key`, a hash of the invitation token that cannot be matched to
the invitation's own `token_hash` without the token itself, which only the invitee's e-mail holds.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_directory.choices import Sector
from portal.countries import EUROPEAN_COUNTRIES

RESERVED_SLUGS = {"manage", "i", "new"}
RATING_VALUES = ("1", "2", "3", "4", "5")


def invitation_token_hash(token: str) -> str:
    """What an invitation stores of its token."""
    return hashlib.sha256(f"invitation:{token}".encode()).hexdigest()


def respondent_key_for(token: str) -> str:
    """What an anonymous response stores of the token it was started with (not derivable from token_hash)."""
    return hashlib.sha256(f"response:{token}".encode()).hexdigest()


class Survey(models.Model):
    """A questionnaire: its sections and questions, who may answer it, when, and whether its results are public."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        LIVE = "live", _("launched")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("everyone who belongs to a cluster organisation")
        INVITED = "invited", _("invited people only")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    audience = models.CharField(_("who may answer"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS)
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Responses store no person and no organisation; only invited people answer, through their link."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    results_published = models.BooleanField(_("summary published"), default=False)
    results_published_at = models.DateTimeField(_("summary published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    launched_at = models.DateTimeField(_("launched"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="survey_closes_after_opening"),
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(audience="invited"), name="anonymous_survey_invited_only"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("survey:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This web address is reserved; choose another.")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The survey must close after it opens.")
        if self.is_anonymous and self.audience != self.Audience.INVITED:
            errors["audience"] = _(
                "An anonymous survey is answered through invitation links only: choose “invited people only”."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def phase(self) -> str:
        """draft, scheduled (launched, not yet open), open or closed."""
        if self.status == self.Status.DRAFT:
            return "draft"
        now = timezone.now()
        if now < self.opens_at:
            return "scheduled"
        if now >= self.closes_at:
            return "closed"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.phase == "open"


class Section(models.Model):
    """A page of a survey: answers are saved one section at a time."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["survey", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """A new position must keep every condition pointing at an earlier question."""
        if not self.pk:
            return
        own = Question.objects.filter(section=self, condition_question__isnull=False).exclude(
            condition_question__section=self
        )
        for question in own.select_related("condition_question__section"):
            if question.condition_question.order_key() >= question.order_key(self.position):
                raise ValidationError(
                    {
                        "position": _("“%(text)s” would come before the question it depends on.")
                        % {"text": question.text}
                    }
                )
        dependants = Question.objects.filter(condition_question__section=self).exclude(section=self)
        for question in dependants.select_related("section", "condition_question"):
            if question.condition_question.order_key(self.position) >= question.order_key():
                raise ValidationError(
                    {
                        "position": _("“%(text)s” would come before the question it depends on.")
                        % {"text": question.text}
                    }
                )


class Question(models.Model):
    """One question of a section, optionally shown only when an earlier answer has a given value."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        RATING = "rating", _("rating 1-5")
        NUMBER = "number", _("number")
        SHORT_TEXT = "short_text", _("short text")
        LONG_TEXT = "long_text", _("long text")
        MATRIX = "matrix", _("matrix (rows rated on a scale)")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
    CONDITION_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.RATING)
    TEXT_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    code = models.SlugField(
        _("code"), max_length=50, help_text=_("A short stable name, used as the column name in exports.")
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    min_value = models.DecimalField(_("smallest number"), max_digits=14, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("largest number"), max_digits=14, decimal_places=2, null=True, blank=True)
    condition_question = models.ForeignKey(
        "self",
        verbose_name=_("show only when question"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,  # the services refuse to delete a question others depend on
        related_name="dependent_questions",
    )
    condition_value = models.CharField(_("has the answer"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "section__position", "section_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="question_code_unique_per_survey"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True) | Q(max_value__isnull=True) | Q(min_value__lte=F("max_value")),
                name="question_number_range_ordered",
            ),
            models.CheckConstraint(condition=~Q(condition_question=F("id")), name="question_condition_not_on_itself"),
            models.CheckConstraint(
                condition=Q(condition_question__isnull=True, condition_value="")
                | Q(condition_question__isnull=False) & ~Q(condition_value=""),
                name="question_condition_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def order_key(self, section_position: int | None = None) -> tuple:
        """Where the question stands in the survey: (section position, section id, position, id)."""
        position = section_position if section_position is not None else self.section.position
        return (position, self.section_id, self.position, self.pk or 0)

    def clean(self) -> None:
        errors = {}
        if self.section_id and self.survey_id and self.section.survey_id != self.survey_id:
            errors["section"] = _("The section belongs to another survey.")
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            errors["max_value"] = _("The largest number must not be smaller than the smallest number.")
        if self.kind != self.Kind.NUMBER and (self.min_value is not None or self.max_value is not None):
            errors["min_value"] = _("Only number questions have a smallest and largest number.")
        if self.condition_question_id or self.condition_value:
            errors.update(self._condition_errors())
        if self.pk and self.section_id and "condition_question" not in errors:
            for dependant in Question.objects.filter(condition_question=self).select_related("section"):
                if self.order_key() >= dependant.order_key():
                    errors["position"] = _(
                        "“%(text)s” depends on this question, so this question must stay before it."
                    ) % {"text": dependant.text}
                    break
        if errors:
            raise ValidationError(errors)

    def _condition_errors(self) -> dict:
        target = self.condition_question
        if target is None:
            return {"condition_question": _("Choose the question the condition depends on.")}
        if not self.condition_value:
            return {"condition_value": _("Choose the answer that makes this question appear.")}
        if self.pk and target.pk == self.pk:
            return {"condition_question": _("A question cannot depend on its own answer.")}
        if target.survey_id != self.survey_id:
            return {"condition_question": _("The condition must refer to a question of the same survey.")}
        if self.section_id and target.order_key() >= self.order_key():
            return {
                "condition_question": _(
                    "A condition can only refer to an earlier question; “%(text)s” comes later in the survey."
                )
                % {"text": target.text}
            }
        if target.kind not in self.CONDITION_KINDS:
            return {"condition_question": _("Conditions work on single choice, multiple choice and rating questions.")}
        if target.kind == self.Kind.RATING:
            if self.condition_value not in RATING_VALUES:
                return {"condition_value": _("A rating condition needs a value from 1 to 5.")}
        elif not target.options.filter(role=Option.Role.CHOICE, value=self.condition_value).exists():
            return {
                "condition_value": _("“%(value)s” is not an answer of that question.") % {"value": self.condition_value}
            }
        return {}


class Option(models.Model):
    """A possible answer (a choice, or a point of a matrix scale) or a row of a matrix question."""

    class Role(models.TextChoices):
        CHOICE = "choice", _("answer or scale point")
        ROW = "row", _("matrix row")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    role = models.CharField(_("role"), max_length=6, choices=Role.choices, default=Role.CHOICE)
    value = models.SlugField(_("value"), max_length=80)
    label = models.CharField(_("label"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    score = models.SmallIntegerField(_("score"), null=True, blank=True, help_text=_("For scale points: 1 to 5."))
    indicator_code = models.CharField(
        _("indicator code"),
        max_length=10,
        blank=True,
        help_text=_("The framework indicator this answer stands for, e.g. 4.1."),
    )

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "role", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "role", "value"], name="option_value_unique_per_question")
        ]

    def __str__(self) -> str:
        return self.label


class Invitation(models.Model):
    """An e-mailed link to a survey, once per survey and address. Only a hash of the link's token is kept."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "platform_directory.ClusterOrganisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["survey", "email"]
        constraints = [models.UniqueConstraint(fields=["survey", "email"], name="one_invitation_per_survey_and_email")]

    def __str__(self) -> str:
        return f"{self.email} → {self.survey}"


class Response(models.Model):
    """One person's (or one invitation's) answers to a survey: a draft until submitted, then frozen."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("in progress")
        SUBMITTED = "submitted", _("submitted")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    is_anonymous = models.BooleanField(default=False, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    respondent_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    organisation = models.ForeignKey(
        "platform_directory.ClusterOrganisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    country = models.CharField(_("country"), max_length=2, choices=EUROPEAN_COUNTRIES, blank=True)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    current_step = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"], condition=Q(user__isnull=False), name="one_response_per_user_and_survey"
            ),
            models.UniqueConstraint(
                fields=["survey", "invitation"],
                condition=Q(invitation__isnull=False),
                name="one_response_per_invitation",
            ),
            models.UniqueConstraint(
                fields=["survey", "respondent_key"],
                condition=Q(respondent_key__isnull=False),
                name="one_response_per_anonymous_token",
            ),
            models.CheckConstraint(
                condition=Q(is_anonymous=False)
                | Q(
                    user__isnull=True, invitation__isnull=True, organisation__isnull=True, respondent_key__isnull=False
                ),
                name="anonymous_response_stores_no_person",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(invitation__isnull=False) | Q(respondent_key__isnull=False),
                name="response_has_a_respondent",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", submitted_at__isnull=True)
                | Q(status="submitted", submitted_at__isnull=False),
                name="response_submitted_has_a_time",
            ),
        ]
        indexes = [models.Index(fields=["survey", "status", "country", "sector"], name="response_filter_idx")]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    """One answer of a response: a chosen option, a matrix row's scale point, a number or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    row = models.ForeignKey(Option, null=True, blank=True, on_delete=models.CASCADE, related_name="row_answers")
    option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.CASCADE, related_name="answers")
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(row__isnull=True, option__isnull=True),
                name="one_scalar_answer_per_question",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "option"],
                condition=Q(row__isnull=True, option__isnull=False),
                name="one_answer_per_option",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "row"],
                condition=Q(row__isnull=False),
                name="one_answer_per_matrix_row",
            ),
            models.CheckConstraint(
                condition=Q(option__isnull=False) | Q(number__isnull=False) | ~Q(text=""), name="answer_not_empty"
            ),
        ]
        indexes = [models.Index(fields=["question", "option"], name="answer_question_option_idx")]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.option_id or self.number or self.text[:30]}"
