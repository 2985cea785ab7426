"""The European Club of Cluster Managers: memberships, member contacts, events, registrations, announcements."""

from __future__ import annotations

import secrets
import zoneinfo

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from club.choices import EXPERTISE_NAMES, LANGUAGE_NAMES, Visibility, csv_to_codes, event_time_zones
from portal.countries import EUROPEAN_COUNTRIES, country_name

CODES_CSV_REGEX = r"^([a-z-]+(,[a-z-]+)*)?$"

# The profile fields a member can show to other members or hide; name and member number are always shown.
PROFILE_FIELDS = ("organisation", "role", "country", "languages", "expertise", "bio")


def _calendar_token() -> str:
    return secrets.token_urlsafe(24)


class ClubMembership(models.Model):
    """A professional's membership of the club: the application, the decision, the yearly renewal and the profile.

    Current while approved (`active`) and not past `valid_until`; member numbers are assigned on approval,
    sequential per year (ECCM-2026-0042).
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        ACTIVE = "active", _("active")
        DECLINED = "declined", _("declined")
        LAPSED = "lapsed", _("lapsed")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="club_membership")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APPLIED)
    member_number = models.CharField(_("member number"), max_length=20, unique=True, null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    # The application (and later the profile other members see, field by field).
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "platform_directory.ClusterOrganisation",
        verbose_name=_("organisation in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="club_members",
    )
    role = models.CharField(_("role"), max_length=120, blank=True, help_text=_("Your position, e.g. cluster manager"))
    country = models.CharField(_("country"), max_length=2, choices=EUROPEAN_COUNTRIES, blank=True, db_index=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    expertise = models.CharField(_("areas of expertise"), max_length=400, blank=True)
    bio = models.TextField(_("short bio"), max_length=1200, blank=True)
    motivation = models.TextField(_("why you want to join"), max_length=1200, blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    # Who sees what of the profile.
    show_organisation = models.CharField(
        _("organisation visible to"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    show_role = models.CharField(
        _("role visible to"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    show_country = models.CharField(
        _("country visible to"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    show_languages = models.CharField(
        _("languages visible to"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    show_expertise = models.CharField(
        _("expertise visible to"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    show_bio = models.CharField(
        _("bio visible to"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    listed_in_directory = models.BooleanField(_("listed in the member directory"), default=True)
    accepts_messages = models.BooleanField(_("other members may contact me through the portal"), default=True)
    receives_digest = models.BooleanField(_("send me the weekly club digest"), default=True)
    calendar_token = models.CharField(max_length=64, unique=True, default=_calendar_token, editable=False)

    # The decision and the renewals.
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    renewed_at = models.DateTimeField(_("last renewed"), null=True, blank=True)
    lapsed_at = models.DateTimeField(_("lapsed"), null=True, blank=True)

    class Meta:
        verbose_name = _("club membership")
        verbose_name_plural = _("club memberships")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="active") | (Q(member_number__isnull=False) & Q(valid_until__isnull=False)),
                name="club_active_member_has_number_and_validity",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="club_declined_has_reason"
            ),
            models.CheckConstraint(condition=Q(languages__regex=CODES_CSV_REGEX), name="club_languages_codes"),
            models.CheckConstraint(condition=Q(expertise__regex=CODES_CSV_REGEX), name="club_expertise_codes"),
        ]
        indexes = [models.Index(fields=["status", "valid_until"], name="club_membership_status_idx")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("club:member_detail", kwargs={"pk": self.pk})

    def is_current(self, on=None) -> bool:
        day = on or timezone.localdate()
        return self.status == self.Status.ACTIVE and (self.valid_until is None or self.valid_until >= day)

    @property
    def display_name(self) -> str:
        return str(self.user)

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id and not self.organisation_name else self.organisation_name

    @property
    def language_codes(self) -> list[str]:
        return csv_to_codes(self.languages)

    @property
    def language_names(self) -> list[str]:
        return [str(LANGUAGE_NAMES.get(c, c)) for c in self.language_codes]

    @property
    def expertise_codes(self) -> list[str]:
        return csv_to_codes(self.expertise)

    @property
    def expertise_names(self) -> list[str]:
        return [str(EXPERTISE_NAMES.get(c, c)) for c in self.expertise_codes]

    @property
    def country_label(self) -> str:
        return country_name(self.country) if self.country else ""

    def visible_profile(self, *, full: bool) -> dict:
        """The profile fields another member may see (`full`: the member themselves or a coordinator)."""
        values = {
            "organisation": self.organisation_label,
            "role": self.role,
            "country": self.country_label,
            "languages": self.language_names,
            "expertise": self.expertise_names,
            "bio": self.bio,
        }
        return {
            name: value for name, value in values.items() if full or getattr(self, f"show_{name}") == Visibility.MEMBERS
        }


class MemberNumberSequence(models.Model):
    """The last member number given in a year; its row is locked while a number is taken, so none repeats."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("member number sequence")
        verbose_name_plural = _("member number sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class RenewalReminder(models.Model):
    """A renewal reminder sent for one membership period (identified by the date it ends): at most one each."""

    membership = models.ForeignKey(ClubMembership, on_delete=models.CASCADE, related_name="renewal_reminders")
    period_end = models.DateField(_("period ends"))
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("renewal reminder")
        verbose_name_plural = _("renewal reminders")
        constraints = [
            models.UniqueConstraint(fields=["membership", "period_end"], name="club_one_reminder_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.membership} – {self.period_end}"


class ContactMessage(models.Model):
    """A message one member sent another through the portal (delivered by e-mail; the address stays hidden)."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=4000)
    share_email = models.BooleanField(_("let the recipient reply to my e-mail address"), default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sender", "created_at"], name="club_contact_sender_idx")]
        constraints = [models.CheckConstraint(condition=~Q(sender=F("recipient")), name="club_contact_not_self")]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}: {self.subject}"


class Event(models.Model):
    """A club event: times stored in UTC and shown in the event's own time zone; public or for members only."""

    class Audience(models.TextChoices):
        PUBLIC = "public", _("public")
        MEMBERS = "members", _("members only")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Brussels")
    venue = models.CharField(_("venue"), max_length=300, blank=True, help_text=_("Address of an in-person event"))
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    registration_deadline = models.DateTimeField(_("registration closes"))
    audience = models.CharField(_("open to"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_club_events",
        help_text=_("Sees the attendee list besides the coordinators."),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="club_event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("starts_at")), name="club_event_deadline_before_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="club_event_capacity_positive"),
            models.CheckConstraint(condition=~Q(venue="") | ~Q(online_url=""), name="club_event_has_place_or_link"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("club:event_detail", kwargs={"pk": self.pk})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def local_deadline(self):
        return self.registration_deadline.astimezone(self.zone)

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_members_only(self) -> bool:
        return self.audience == self.Audience.MEMBERS

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return not self.is_cancelled and now < self.registration_deadline and now < self.starts_at

    @staticmethod
    def time_zone_choices() -> list[tuple[str, str]]:
        return event_time_zones()


class Registration(models.Model):
    """A person's place at an event: registered, on the waiting list (in order of arrival), or cancelled."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="club_registrations")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=["registered", "waiting"]),
                name="club_one_live_registration_per_event",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="club_registration_queue_idx")]

    def __str__(self) -> str:
        return f"{self.user} – {self.event} ({self.get_status_display()})"


class Announcement(models.Model):
    """News from the club: shown on the club page (public ones to everyone) and in the weekly digest."""

    class Audience(models.TextChoices):
        PUBLIC = "public", _("everyone")
        MEMBERS = "members", _("members only")

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=5000)
    audience = models.CharField(_("visible to"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class DigestDelivery(models.Model):
    """The weekly digest sent to one member for one week (identified by its Monday): at most one each."""

    membership = models.ForeignKey(ClubMembership, on_delete=models.CASCADE, related_name="digest_deliveries")
    week = models.DateField(_("week of"))
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [models.UniqueConstraint(fields=["membership", "week"], name="club_one_digest_per_week")]

    def __str__(self) -> str:
        return f"{self.membership} – {self.week}"
