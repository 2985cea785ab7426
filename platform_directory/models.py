"""The collaboration directory: cluster organisation profiles, their managers, invitations and collaboration requests."""

from __future__ import annotations

import copy
import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_directory.choices import Sector, SizeBand
from platform_directory.nuts import NUTS_PREFIX_EXCEPTIONS, nuts_prefix
from platform_directory.validators import logo_format, validate_logo
from portal.countries import EUROPEAN_COUNTRIES

# The figures whose change after validation sends a profile back to the coordinators.
KEY_FIGURES = (
    "name",
    "country",
    "website",
    "companies",
    "smes",
    "research_education",
    "public_bodies",
    "others",
    "management_fte",
    "website_in_english",
)


# Held back with the country while a change of country awaits validation (the database checks that they match).
COUNTRY_COMPANIONS = ("nuts2_code",)


_COUNTRY_NAMES = dict(EUROPEAN_COUNTRIES)
_SECTOR_NAMES = dict(Sector.choices)


def _logo_path(instance, filename: str) -> str:
    """A random name whose extension is the image's real format, never the one the uploader chose."""
    return f"logos/{secrets.token_hex(8)}.{logo_format(instance.logo)}"


def _nuts_matches_country() -> Q:
    """NUTS 2 codes start with the country's code, except Greece (EL) and the United Kingdom (UK)."""
    condition = Q(nuts2_code="")
    for country, prefix in NUTS_PREFIX_EXCEPTIONS.items():
        condition |= Q(country=country, nuts2_code__startswith=prefix)
    return condition | (~Q(country__in=list(NUTS_PREFIX_EXCEPTIONS)) & Q(nuts2_code__startswith=F("country")))


class SectorTag(models.Model):
    """One of the 14 industrial ecosystems, as a row so profiles can list several and filters can join."""

    code = models.CharField(_("code"), max_length=30, primary_key=True, choices=Sector.choices)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(_SECTOR_NAMES.get(self.code, self.code))


class TechnologyField(models.Model):
    """A technology field a cluster works in (free vocabulary, shared between profiles)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)

    class Meta:
        verbose_name = _("technology field")
        verbose_name_plural = _("technology fields")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def _validated_version_q() -> Q:
    """Rows whose figures on record are ones a coordinator validated (see `has_validated_version`)."""
    return Q(validation_status="validated") | (Q(validated_at__isnull=False) & ~Q(pending_figures={}))


class OrganisationQuerySet(models.QuerySet):
    def with_validated_version(self) -> OrganisationQuerySet:
        """Profiles whose figures on record were validated: validated now, or validated before and with a later
        edit of key figures held back in `pending_figures` until a coordinator validates it."""
        return self.filter(_validated_version_q())

    def public(self) -> OrganisationQuerySet:
        """What visitors may see. Every public channel (directory, search, filters, counts, export, API, links from
        other areas, demo data) reads organisations through this; `is_public` says the same of one row."""
        return self.with_validated_version().filter(is_published=True)


class ClusterOrganisation(models.Model):
    """A cluster organisation's directory profile: the central record every label and benchmark refers to.

    Its columns always hold what visitors may see: once a profile is validated, an edit of key figures waits in
    `pending_figures` (the managers and coordinators see it through `as_submitted()`) until a coordinator
    validates it, so labels, the registry, certificates and benchmarking never show unvalidated figures.
    """

    class ValidationStatus(models.TextChoices):
        PENDING = "pending", _("awaiting validation")
        VALIDATED = "validated", _("validated")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=EUROPEAN_COUNTRIES, db_index=True)
    nuts2_code = models.CharField(
        _("NUTS 2 region code"),
        max_length=4,
        blank=True,
        help_text=_(
            "Starts with the country's code (Greece: EL). Leave empty for countries outside the NUTS classification."
        ),
        validators=[
            RegexValidator(r"^[A-Z]{2}[0-9A-Z]{2}$", _("A NUTS 2 code is two letters and two characters, e.g. DE21."))
        ],
    )
    region_name = models.CharField(_("region"), max_length=120)
    city = models.CharField(_("city"), max_length=120)
    website = models.URLField(_("website"), max_length=300)
    description = models.TextField(_("description"))
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    main_sector = models.CharField(_("main sector"), max_length=30, choices=Sector.choices, db_index=True)
    sectors = models.ManyToManyField(SectorTag, verbose_name=_("also active in"), blank=True, related_name="+")
    technologies = models.ManyToManyField(
        TechnologyField, verbose_name=_("technology fields"), blank=True, related_name="organisations"
    )
    companies = models.PositiveIntegerField(_("companies"), default=0)
    smes = models.PositiveIntegerField(_("of which SMEs"), default=0)
    research_education = models.PositiveIntegerField(_("research and education"), default=0)
    public_bodies = models.PositiveIntegerField(_("public bodies"), default=0)
    others = models.PositiveIntegerField(_("other participants"), default=0)
    participants = models.GeneratedField(
        expression=F("companies") + F("research_education") + F("public_bodies") + F("others"),
        output_field=models.PositiveIntegerField(),
        db_persist=True,
        verbose_name=_("participants"),
    )
    management_fte = models.DecimalField(
        _("management staff (FTE)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    contact_email = models.EmailField(_("contact e-mail"))
    logo = models.ImageField(
        _("logo"),
        upload_to=_logo_path,
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG, JPEG or WebP, at most 2 MB."),
    )
    website_in_english = models.BooleanField(
        _("website available in English"), default=False, help_text=_("A working website with English content.")
    )
    is_published = models.BooleanField(_("published in the directory"), default=True)
    validation_status = models.CharField(
        _("validation"), max_length=20, choices=ValidationStatus.choices, default=ValidationStatus.PENDING
    )
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_figures = models.JSONField(_("figures at validation"), default=dict, blank=True)
    pending_figures = models.JSONField(
        _("changes awaiting validation"),
        default=dict,
        blank=True,
        help_text=_(
            "Key figures the managers changed after the last validation. Visitors see the validated figures until "
            "a coordinator validates these."
        ),
    )
    validation_note = models.TextField(_("note from the coordinators"), blank=True)
    submitted_at = models.DateTimeField(
        _("awaiting validation since"), null=True, blank=True, help_text=_("When the profile last entered the queue.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("cluster organisation")
        verbose_name_plural = _("cluster organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "country",
                name="organisation_name_unique_per_country",
                violation_error_message=_("An organisation with this name already exists in this country."),
            ),
            models.CheckConstraint(
                condition=Q(smes__lte=F("companies")),
                name="smes_within_companies",
                violation_error_message=_("SMEs cannot outnumber the companies they are part of."),
            ),
            models.CheckConstraint(condition=Q(management_fte__gte=0), name="management_fte_not_negative"),
            models.CheckConstraint(
                condition=_nuts_matches_country(),
                name="nuts2_code_matches_country",
                violation_error_message=_("The NUTS 2 code must start with the country's code (Greece: EL)."),
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "name"], name="org_published_name_idx"),
            models.Index(fields=["participants"], name="org_participants_idx"),
            models.Index(fields=["is_published", "-created_at"], name="org_published_newest_idx"),
            models.Index(fields=["validation_status", "submitted_at"], name="org_validation_queue_idx"),
        ]
        # PostgreSQL only: a GIN index on search_vector (migration 0005).

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if getattr(self, "_submitted_copy", False):
            raise RuntimeError("as_submitted() is a preview: apply pending figures with organisation_validate().")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("platform_directory:detail", kwargs={"slug": self.slug})

    @property
    def member_types(self) -> int:
        """How many of the four participant types are represented."""
        return sum(1 for count in (self.companies, self.research_education, self.public_bodies, self.others) if count)

    @property
    def size_band(self) -> SizeBand:
        return SizeBand.of(self.participants or 0)

    @property
    def is_validated(self) -> bool:
        """Validated as it stands (what label eligibility asks); False while an edit awaits re-validation."""
        return self.validation_status == self.ValidationStatus.VALIDATED

    @property
    def has_validated_version(self) -> bool:
        """The figures on record were validated (the same rule as `OrganisationQuerySet.with_validated_version`)."""
        return self.validation_status == self.ValidationStatus.VALIDATED or (
            self.validated_at is not None and bool(self.pending_figures)
        )

    @property
    def is_public(self) -> bool:
        """Visitors may see the profile (the same rule as `OrganisationQuerySet.public`)."""
        return self.is_published and self.has_validated_version

    def as_submitted(self) -> ClusterOrganisation:
        """The profile as its managers submitted it: a copy with the figures awaiting validation applied, for the
        managers' preview, the edit form, the floors and the coordinators' review. The copy cannot be saved."""
        if not self.pending_figures or getattr(self, "_submitted_copy", False):
            return self
        submitted = copy.copy(self)
        submitted._public_figures = self.figures_on_record()
        for field, value in self.pending_figures.items():
            setattr(submitted, field, self._meta.get_field(field).to_python(value))
        submitted.participants = (
            submitted.companies + submitted.research_education + submitted.public_bodies + submitted.others
        )
        submitted._submitted_copy = True
        return submitted

    def apply_pending_figures(self) -> list[str]:
        """Copy the figures awaiting validation into the columns (on validation); returns the fields changed."""
        fields = list(self.pending_figures)
        for field, value in self.pending_figures.items():
            setattr(self, field, self._meta.get_field(field).to_python(value))
        self.pending_figures = {}
        return fields

    def age_in_years(self, on=None) -> int:
        return (on or timezone.localdate()).year - self.founding_year

    # get_FOO_display() hashes every lazy choice label on each call; these look the label up directly.
    @property
    def country_name(self) -> str:
        return str(_COUNTRY_NAMES.get(self.country, self.country))

    @property
    def main_sector_name(self) -> str:
        return str(_SECTOR_NAMES.get(self.main_sector, self.main_sector))

    @property
    def nuts_prefix(self) -> str:
        return nuts_prefix(self.country)

    def key_figures(self) -> dict:
        """The figures a validation vouches for, in a JSON-friendly form."""
        return {field: figure_json(getattr(self, field)) for field in KEY_FIGURES}

    def figures_on_record(self) -> dict:
        """The key figures and the fields that travel with them, as stored (what visitors see once validated)."""
        return {field: figure_json(getattr(self, field)) for field in (*KEY_FIGURES, *COUNTRY_COMPANIONS)}

    def changes_since_validation(self) -> list[tuple[str, object, object]]:
        """(field, value visitors see, value awaiting validation) for each figure changed since the last validation."""
        shown = getattr(self, "_public_figures", None) or self.figures_on_record()
        return [
            (field, shown[field], self.pending_figures[field])
            for field in (*KEY_FIGURES, *COUNTRY_COMPANIONS)
            if field in self.pending_figures
        ]


def figure_json(value):
    """A figure in the form stored in `validated_figures` and `pending_figures`."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 2.50 and 2.5 are the same figure
    return value


class OrganisationMembership(models.Model):
    """A person's role in an organisation: manager (edits, self-assesses) or viewer (reads)."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("manager")
        VIEWER = "viewer", _("viewer")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(ClusterOrganisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MANAGER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_user_and_org")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    """An e-mailed invitation to become co-manager (or viewer) of an organisation."""

    organisation = models.ForeignKey(ClusterOrganisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=OrganisationMembership.Role.choices,
        default=OrganisationMembership.Role.MANAGER,
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def is_expired(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at <= timezone.now()


class CollaborationRequest(models.Model):
    """A partner-search request from one organisation to another, answered by the recipient's managers."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    sender_organisation = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="sent_requests", verbose_name=_("from")
    )
    recipient_organisation = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="received_requests", verbose_name=_("to")
    )
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    subject = models.CharField(_("subject"), max_length=150)
    message = models.TextField(_("message"), max_length=4000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    response_message = models.TextField(_("answer"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("collaboration request")
        verbose_name_plural = _("collaboration requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender_organisation=F("recipient_organisation")), name="no_request_to_own_organisation"
            ),
            models.UniqueConstraint(
                fields=["sender_organisation", "recipient_organisation"],
                condition=Q(status="pending"),
                name="one_pending_request_per_pair",
            ),
        ]
        indexes = [
            models.Index(fields=["sender_organisation", "created_at"], name="request_sender_recent_idx"),
            models.Index(fields=["recipient_organisation", "status"], name="request_recipient_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.sender_organisation} → {self.recipient_organisation}: {self.subject}"
