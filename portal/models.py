"""The portal's own records: users, assessor profiles, the audit log and background task runs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.countries import EUROPEAN_COUNTRIES


class UserManager(BaseUserManager):
    """Creates users whose login is their e-mail address."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account; the e-mail address is the login. Staff users are coordinators."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("name"), max_length=150, blank=True)
    # Chosen on the account page or with the switcher; blank until then: the browser's language is used.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Pages, e-mails and documents for you are in this language."),
    )
    # An IANA zone name (Europe/Warsaw); blank until set: the browser's zone, else the portal's.
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("Times are shown to you in this time zone.")
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = ["display_name"]  # createsuperuser asks for a name too

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """How the person is named to anyone else, everywhere (pages, e-mails, files, the API): their name, never
        their e-mail address. Accounts made before sign-up asked for a name read "Unnamed user 42" (the account
        number: people in one list stay apart, and it says nothing about who they are) until they add one.
        Where someone may see the address as well, portal/privacy.py says so."""
        name = " ".join(self.display_name.split())
        if name:
            return name
        if self.pk is None:
            return str(_("Unnamed user"))
        return str(_("Unnamed user %(number)s") % {"number": self.pk})

    def get_short_name(self) -> str:
        return self.public_name

    def get_full_name(self) -> str:
        return self.public_name


class AssessorProfile(models.Model):
    """An accredited assessor: who may review label assessments, when, in which languages, from which country."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessor_profile")
    accredited_from = models.DateField(_("accredited from"))
    accredited_until = models.DateField(_("accredited until"))
    home_country = models.CharField(_("home country"), max_length=2, choices=EUROPEAN_COUNTRIES)
    languages = models.CharField(
        _("languages"), max_length=200, help_text=_("Comma-separated ISO 639-1 codes, e.g. en, de, fr")
    )
    expertise = models.TextField(_("expertise"), blank=True)

    class Meta:
        verbose_name = _("assessor profile")
        verbose_name_plural = _("assessor profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(accredited_until__gte=models.F("accredited_from")),
                name="assessor_accreditation_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.home_country})"

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    def is_accredited(self, on=None) -> bool:
        day = on or timezone.localdate()
        return self.accredited_from <= day <= self.accredited_until


class AuditEvent(models.Model):
    """One thing that happened: who did what (a stable dotted action name) to which record, with details."""

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.CharField(_("target type"), max_length=100, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_repr = models.CharField(_("target"), max_length=255, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"


class TaskRun(models.Model):
    """A background job a person started or beat scheduled, with its progress for the browser to poll.

    A unique constraint on (name) among running jobs means a second request for the same job while one runs
    joins the running one instead of starting another.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting to start")
        RUNNING = "running", _("running")
        DONE = "done", _("finished")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("job"), max_length=100)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    current = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=255, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(state__in=["pending", "running"]), name="one_active_run_per_job"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_state_display()})"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, round(100 * self.current / self.total))

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.PENDING, self.State.RUNNING)
