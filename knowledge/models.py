"""Models of the knowledge area: modules, lessons, case studies, quizzes, learning progress, training catalogue."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowledge.indicators import DIMENSION_CHOICES, INDICATOR_CHOICES, INDICATOR_CODES
from portal.countries import EUROPEAN_COUNTRIES


class FieldOfKnowledge(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    GOVERNANCE = "governance", _("Governance and organisation")
    TEAM = "team", _("Cluster management team")
    MEMBERSHIP = "membership", _("Membership development")
    FINANCING = "financing", _("Financing")
    SERVICES = "services", _("Services")
    INTERNATIONALISATION = "internationalisation", _("Internationalisation")
    COMMUNICATION = "communication", _("Communication")
    PERFORMANCE = "performance", _("Performance measurement")
    STAKEHOLDERS = "stakeholders", _("Stakeholder engagement")
    INNOVATION = "innovation", _("Innovation projects")
    TRANSITION = "transition", _("Digital and green transition")


class Level(models.TextChoices):
    FOUNDATION = "foundation", _("Foundation")
    ADVANCED = "advanced", _("Advanced")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def _indicator_code_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(indicator_code__in=INDICATOR_CODES), name=name)


def _dimension_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(dimension__gte=1, dimension__lte=6), name=name)


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Published content for everyone; drafts too for coordinators, who preview them on the site."""
        # The rule is knowledge.permissions's, which reads KnowledgeProfile from this module: asked at call time.
        from knowledge import permissions

        return self if permissions.can_preview_drafts(user) else self.published()


class Module(models.Model):
    """A self-contained training module on one field of knowledge of cluster management, made of lessons."""

    field = models.CharField(_("field of knowledge"), max_length=30, choices=FieldOfKnowledge.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), help_text=_("Public: shown to everyone, including visitors."))
    learning_objectives = models.TextField(
        _("learning objectives"), blank=True, help_text=_("Markdown; one bullet per objective.")
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.FOUNDATION)
    estimated_minutes = models.PositiveIntegerField(
        _("estimated time (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(2400)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    order = models.PositiveIntegerField(_("order"), default=100)
    quiz_pass_percent = models.PositiveSmallIntegerField(
        _("quiz pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(estimated_minutes__gte=5), name="knowledge_module_minutes_min"),
            models.CheckConstraint(
                condition=Q(quiz_pass_percent__gte=1, quiz_pass_percent__lte=100), name="knowledge_module_pass_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:module", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class ModuleIndicator(models.Model):
    """Tags a module with an ECEI indicator code it helps to improve."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="indicator_tags")
    indicator_code = models.CharField(_("indicator"), max_length=5, choices=INDICATOR_CHOICES)

    class Meta:
        verbose_name = _("indicator tag")
        verbose_name_plural = _("indicator tags")
        ordering = ["indicator_code"]
        constraints = [
            models.UniqueConstraint(fields=["module", "indicator_code"], name="knowledge_module_indicator_unique"),
            _indicator_code_check("knowledge_module_indicator_valid"),
        ]
        indexes = [models.Index(fields=["indicator_code"], name="knowledge_modind_code")]

    def __str__(self) -> str:
        return f"{self.module} → {self.indicator_code}"


class ModuleDimension(models.Model):
    """Tags a module with a whole dimension of the framework (broader than an indicator tag)."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="dimension_tags")
    dimension = models.PositiveSmallIntegerField(_("dimension"), choices=DIMENSION_CHOICES)

    class Meta:
        verbose_name = _("dimension tag")
        verbose_name_plural = _("dimension tags")
        ordering = ["dimension"]
        constraints = [
            models.UniqueConstraint(fields=["module", "dimension"], name="knowledge_module_dimension_unique"),
            _dimension_check("knowledge_module_dimension_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.module} → {self.dimension}"


class Lesson(models.Model):
    """One lesson of a module: Markdown text (with images), rendered sanitised."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    body = models.TextField(
        _("text (Markdown)"),
        help_text=_("Markdown. Images: ![description](/media/knowledge/… ) — upload them under Knowledge images."),
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=10)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["module", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["module", "slug"], name="knowledge_lesson_slug_unique")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:lesson", args=[self.module.slug, self.slug])


class CaseStudy(models.Model):
    """A cluster's situation for discussion, with questions and a teaching note only instructors see."""

    field = models.CharField(_("field of knowledge"), max_length=30, choices=FieldOfKnowledge.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), help_text=_("Public teaser shown in lists."))
    situation = models.TextField(_("situation (Markdown)"))
    questions = models.TextField(_("questions for discussion (Markdown)"))
    teaching_note = models.TextField(
        _("teaching note (Markdown)"), blank=True, help_text=_("Seen only by instructors and coordinators.")
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.FOUNDATION)
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=45)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    order = models.PositiveIntegerField(_("order"), default=100)
    modules = models.ManyToManyField(Module, blank=True, related_name="case_studies", verbose_name=_("modules"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:case", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class CaseStudyIndicator(models.Model):
    """Tags a case study with an ECEI indicator code."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="indicator_tags")
    indicator_code = models.CharField(_("indicator"), max_length=5, choices=INDICATOR_CHOICES)

    class Meta:
        verbose_name = _("indicator tag")
        verbose_name_plural = _("indicator tags")
        ordering = ["indicator_code"]
        constraints = [
            models.UniqueConstraint(fields=["case_study", "indicator_code"], name="knowledge_case_indicator_unique"),
            _indicator_code_check("knowledge_case_indicator_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.case_study} → {self.indicator_code}"


class CaseStudyDimension(models.Model):
    """Tags a case study with a dimension of the framework."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="dimension_tags")
    dimension = models.PositiveSmallIntegerField(_("dimension"), choices=DIMENSION_CHOICES)

    class Meta:
        verbose_name = _("dimension tag")
        verbose_name_plural = _("dimension tags")
        ordering = ["dimension"]
        constraints = [
            models.UniqueConstraint(fields=["case_study", "dimension"], name="knowledge_case_dimension_unique"),
            _dimension_check("knowledge_case_dimension_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.case_study} → {self.dimension}"


class KnowledgeImage(models.Model):
    """An image uploaded by an author for use in lessons and cases (public file; paste its URL into Markdown)."""

    image = models.ImageField(_("image"), upload_to="knowledge/%Y/")
    alt_text = models.CharField(_("description (alt text)"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("knowledge image")
        verbose_name_plural = _("knowledge images")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.alt_text

    def markdown_snippet(self) -> str:
        return f"![{self.alt_text}]({self.image.url})" if self.image else ""


class QuizQuestion(models.Model):
    """A multiple-choice self-check question of a module (one or more options are correct)."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="quiz_questions")
    text = models.TextField(_("question"))
    explanation = models.TextField(_("explanation"), blank=True, help_text=_("Shown after the quiz is submitted."))
    order = models.PositiveIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["module", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class QuizOption(models.Model):
    """A possible answer to a quiz question; the learner must pick exactly the correct ones."""

    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    order = models.PositiveIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "order", "id"]

    def __str__(self) -> str:
        return self.text


class QuizAttempt(models.Model):
    """One submitted attempt at a module's quiz; every attempt is kept (retakes are allowed)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="quiz_attempts")
    correct = models.PositiveIntegerField(_("correct answers"))
    total = models.PositiveIntegerField(_("questions"))
    percent = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["user", "module", "-submitted_at"], name="knowledge_attempt_user")]
        constraints = [
            models.CheckConstraint(condition=Q(correct__lte=models.F("total")), name="knowledge_attempt_correct_le"),
            models.CheckConstraint(condition=Q(percent__lte=100), name="knowledge_attempt_percent_le"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.module} · {self.percent} %"


class QuizAnswer(models.Model):
    """What the learner chose for one question in one attempt."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="+")
    selected = models.ManyToManyField(QuizOption, blank=True, related_name="+")
    is_correct = models.BooleanField(_("correct"))

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="knowledge_answer_unique")]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.question_id}"


class ModuleProgress(models.Model):
    """A learner's progress in one module: where to resume, and when it was completed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_progress")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="progress")
    last_lesson = models.ForeignKey(Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        ordering = ["-last_activity_at"]
        constraints = [models.UniqueConstraint(fields=["user", "module"], name="knowledge_progress_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.module}"


class LessonCompletion(models.Model):
    """A learner marked a lesson complete."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(_("completed"), default=timezone.now)

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="knowledge_completion_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.lesson}"


class KnowledgeProfile(models.Model):
    """Knowledge-area settings of a user: the instructor flag that opens case teaching notes."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_profile")
    is_instructor = models.BooleanField(
        _("instructor"), default=False, help_text=_("Instructors see the teaching notes of case studies.")
    )

    class Meta:
        verbose_name = _("knowledge profile")
        verbose_name_plural = _("knowledge profiles")

    def __str__(self) -> str:
        return str(self.user)


PROGRAMME_LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("sv", _("Swedish")),
    ("fi", _("Finnish")),
    ("no", _("Norwegian")),
    ("el", _("Greek")),
    ("hu", _("Hungarian")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("hr", _("Croatian")),
    ("sl", _("Slovenian")),
    ("sk", _("Slovak")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("et", _("Estonian")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
]


class ProgrammeFormat(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class TrainingProgramme(models.Model):
    """A cluster-management training programme offered by another provider (proposed by users, approved by staff)."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    description = models.TextField(_("description"))
    country = models.CharField(
        _("country"), max_length=2, choices=EUROPEAN_COUNTRIES, blank=True, help_text=_("Empty for international.")
    )
    language = models.CharField(_("language"), max_length=2, choices=PROGRAMME_LANGUAGES)
    format = models.CharField(_("format"), max_length=10, choices=ProgrammeFormat.choices)
    duration = models.CharField(_("duration"), max_length=100, help_text=_("For example: 3 days, 6 weeks"))
    duration_hours = models.PositiveIntegerField(_("duration (hours)"), null=True, blank=True)
    cost_eur = models.DecimalField(
        _("cost (EUR)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("0 for free; empty if on request."),
    )
    cost_note = models.CharField(_("cost note"), max_length=200, blank=True)
    url = models.URLField(_("link"), max_length=500)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_programmes",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["title"]
        indexes = [models.Index(fields=["state", "title"], name="knowledge_programme_state")]
        constraints = [
            models.CheckConstraint(condition=Q(cost_eur__isnull=True) | Q(cost_eur__gte=0), name="knowledge_cost_ge0"),
            models.UniqueConstraint(fields=["provider", "title"], name="knowledge_programme_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:programme", args=[self.pk])


class TrainingProgrammeTopic(models.Model):
    """A field of knowledge a training programme covers."""

    programme = models.ForeignKey(TrainingProgramme, on_delete=models.CASCADE, related_name="topics")
    field = models.CharField(_("topic"), max_length=30, choices=FieldOfKnowledge.choices)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["field"]
        constraints = [models.UniqueConstraint(fields=["programme", "field"], name="knowledge_programme_topic_unique")]

    def __str__(self) -> str:
        return self.get_field_display()
