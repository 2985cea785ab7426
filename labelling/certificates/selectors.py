"""Reads for labels in the world: the public registry, a label's public status in plain words, verification by
token and by file, and what the directory shows (current labels per organisation, the label filter)."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from labelling.certificates.models import Certificate, CertificateRevision, Label, LabelStatusChange
from labelling.certificates.verification_codes import InvalidCode, verification_code_parse
from labelling.framework.levels import RENEWAL_AFTER_EXPIRY_MONTHS, RENEWAL_BEFORE_EXPIRY_MONTHS, Level
from platform_directory.models import ClusterOrganisation
from portal import roles

Status = Label.Status
LEVEL_RANK = {Level.GOLD: 0, Level.SILVER: 1, Level.BRONZE: 2}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by `months` calendar months (the last day of the month when the day does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def label_renewal_window(label: Label) -> tuple[datetime.date, datetime.date]:
    """The first and the last day a renewal assessment of `label`'s level may start: from 6 months before the
    label expires (the start of `label.expired_from`) to 12 months after, both days included. Gold valid until
    1 December 2029: from 2 June 2029 to 1 December 2030."""
    expiry = label.expired_from
    return (
        add_months(expiry, -RENEWAL_BEFORE_EXPIRY_MONTHS),
        add_months(expiry, RENEWAL_AFTER_EXPIRY_MONTHS) - datetime.timedelta(days=1),
    )


def _with_last_change(queryset: QuerySet) -> QuerySet:
    last = LabelStatusChange.objects.filter(label=OuterRef("pk")).order_by("-changed_at", "-pk")
    return queryset.annotate(
        status_reason=Subquery(last.values("public_reason")[:1]),
        status_since=Subquery(last.values("effective_on")[:1]),
    )


def current_q(today: datetime.date | None = None) -> Q:
    """A label that holds today: valid status and inside its validity dates."""
    today = today or timezone.localdate()
    return Q(status=Status.VALID, valid_from__lte=today, valid_until__gte=today)


def registry_labels(
    *, q: str = "", level: str = "", country: str = "", sector: str = "", status: str = "current"
) -> QuerySet[Label]:
    """Labels for the public registry, newest first. `status`: "current" (valid today, the default), "all", or one
    of valid / expired / suspended / withdrawn."""
    qs = Label.objects.select_related("organisation")
    if status == "current":
        qs = qs.filter(current_q())
    elif status in Status.values:
        qs = qs.filter(status=status)
    if level:
        qs = qs.filter(level=level)
    if country:
        qs = qs.filter(organisation__country=country)
    if sector:
        qs = qs.filter(organisation__main_sector=sector)
    q = " ".join((q or "").split())[:100]
    if q:
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(organisation__acronym__iexact=q)
            | Q(organisation__city__icontains=q)
        )
    return _with_last_change(qs).order_by("-awarded_on", "-pk")


def label_by_number(number: str) -> Label | None:
    """One label with its organisation and last status change, or None."""
    return _with_last_change(Label.objects.select_related("organisation")).filter(number=number).first()


def label_history(label: Label) -> list[LabelStatusChange]:
    """The public history of the label's status, oldest first."""
    return list(label.status_changes.order_by("changed_at", "pk"))


def organisation_label_history(organisation_id: int) -> list[Label]:
    """All labels an organisation has held (the registry keeps expired and withdrawn ones)."""
    return list(Label.objects.filter(organisation_id=organisation_id).order_by("-awarded_on", "-pk"))


@dataclass(frozen=True)
class PublicStatus:
    """A label's status as the public sees it, in plain words."""

    code: str  # valid, not_yet_valid, expired, suspended, withdrawn
    headline: str
    detail: str
    since: datetime.date | None
    reason: str

    @property
    def is_good(self) -> bool:
        return self.code in ("valid", "not_yet_valid")


def effective_status(label: Label, today: datetime.date | None = None) -> str:
    """The status that holds today. A valid label past its end date reads as expired even before the nightly
    job has marked it."""
    today = today or timezone.localdate()
    if label.status in (Status.VALID, Status.SUSPENDED) and label.valid_until < today:
        return Status.EXPIRED
    if label.status == Status.VALID and label.valid_from > today:
        return "not_yet_valid"
    return label.status


def label_public_status(label: Label, today: datetime.date | None = None) -> PublicStatus:
    """Plain words for a label's status (uses `status_reason`/`status_since` when the queryset annotated them)."""
    today = today or timezone.localdate()
    code = effective_status(label, today)
    if not hasattr(label, "status_reason"):
        last = label.status_changes.order_by("-changed_at", "-pk").first()
        label.status_reason = last.public_reason if last else ""
        label.status_since = last.effective_on if last else None
    reason = label.status_reason or ""
    since = label.status_since
    org = label.organisation.name
    words = {"org": org, "level": label.get_level_display(), "number": label.number}
    until = _date(label.valid_until)
    if code == Status.VALID:
        return PublicStatus(
            code,
            _("Valid"),
            _("%(org)s holds the %(level)s label %(number)s. It is valid until %(until)s.") % {**words, "until": until},
            label.valid_from,
            "",
        )
    if code == "not_yet_valid":
        return PublicStatus(
            code,
            _("Awarded, valid from %(date)s") % {"date": _date(label.valid_from)},
            _("%(org)s was awarded the %(level)s label %(number)s. It is valid from %(start)s until %(until)s.")
            % {**words, "start": _date(label.valid_from), "until": until},
            label.valid_from,
            "",
        )
    if code == Status.EXPIRED:
        return PublicStatus(
            code,
            _("Expired"),
            _("The %(level)s label %(number)s of %(org)s was valid until %(until)s and has expired.")
            % {**words, "until": until},
            label.valid_until + datetime.timedelta(days=1),
            "",
        )
    if code == Status.SUSPENDED:
        return PublicStatus(
            code,
            _("Suspended"),
            _(
                "The %(level)s label %(number)s of %(org)s is suspended since %(since)s. It is not valid while suspended."
            )
            % {**words, "since": _date(since)},
            since,
            reason,
        )
    return PublicStatus(
        Status.WITHDRAWN,
        _("Withdrawn"),
        _("The %(level)s label %(number)s of %(org)s was withdrawn on %(since)s. It is no longer valid.")
        % {**words, "since": _date(since)},
        since,
        reason,
    )


def _date(value: datetime.date | None) -> str:
    return date_format(value, "j F Y") if value else "–"


def certificate_by_token(token: str) -> Certificate | None:
    """The issued certificate with exactly this (canonical) code or former token, with its label, or None."""
    if not token or len(token) > 64:
        return None
    return (
        Certificate.objects.select_related("label__organisation")
        .filter(token=token, state=Certificate.State.ISSUED)
        .first()
    )


@dataclass(frozen=True)
class VerificationMatch:
    """What a verification found: the label (annotated for `label_public_status`) and its issued certificate,
    which a verification by label number may find none of yet."""

    label: Label
    certificate: Certificate | None


def verification_find(typed: str) -> VerificationMatch | None:
    """The label a typed or pasted verification code, former token or label number names, or None when it names
    none. Raises `InvalidCode` (with the reason) when `typed` cannot be any of them, before any query."""
    query = verification_code_parse(typed)
    certificate = None
    label = None
    if query.kind == "code":
        certificate = certificate_by_token(query.value)
    elif query.kind == "legacy":
        # Former tokens are case-sensitive but nobody can tell l from I on paper; two that differ only in case
        # are as unlikely as guessing one, and then none is chosen.
        certificate = certificate_by_token(query.value)
        if certificate is None:
            found = list(
                Certificate.objects.select_related("label__organisation").filter(
                    token__iexact=query.value, state=Certificate.State.ISSUED
                )[:2]
            )
            certificate = found[0] if len(found) == 1 else None
    else:
        label = label_by_number(query.value)
        if label is not None:
            certificate = Certificate.objects.filter(label=label, state=Certificate.State.ISSUED).first()
    if certificate is not None and label is None:
        label = label_by_number(certificate.label.number)
    if label is None:
        if query.if_unknown:
            raise InvalidCode(query.if_unknown)
        return None
    return VerificationMatch(label=label, certificate=certificate)


def revision_by_sha256(sha256: str) -> CertificateRevision | None:
    """The issued certificate file with this SHA-256 (the newest, should two ever match), or None."""
    return (
        CertificateRevision.objects.select_related("certificate__label__organisation")
        .filter(sha256=sha256)
        .order_by("-issued_at", "-pk")
        .first()
    )


def certificate_revisions(label: Label) -> list[CertificateRevision]:
    return list(CertificateRevision.objects.filter(certificate__label=label).order_by("-revision"))


def labels_for_user(user) -> QuerySet[Label]:
    """Labels of the organisations the user manages (coordinators: every label)."""
    qs = Label.objects.select_related("organisation", "certificate")
    if roles.is_coordinator(user):
        return qs.order_by("-awarded_on", "-pk")
    return qs.filter(organisation__in=roles.managed_organisations(user)).order_by("-awarded_on", "-pk")


# --- For the directory (platform_directory calls these) ----------------------------------------------------------


def current_labels_by_organisation(org_ids: Iterable[int]) -> dict[int, list[Label]]:
    """The labels that hold today per organisation id, highest level first; organisations without one are absent.
    One query, whatever the number of organisations."""
    ids = list(org_ids)
    result: dict[int, list[Label]] = {}
    if not ids:
        return result
    for label in Label.objects.filter(current_q(), organisation_id__in=ids).order_by("organisation_id", "-valid_until"):
        result.setdefault(label.organisation_id, []).append(label)
    for labels in result.values():
        labels.sort(key=lambda label: LEVEL_RANK.get(label.level, 9))
    return result


def organisations_with_current_label(level: str | None = None) -> QuerySet:
    """Cluster organisations holding a label today (of `level` when given): use as
    `queryset.filter(pk__in=organisations_with_current_label(level).values("pk"))`."""
    labels = Label.objects.filter(current_q())
    if level:
        labels = labels.filter(level=level)
    return ClusterOrganisation.objects.filter(pk__in=labels.values("organisation_id"))
