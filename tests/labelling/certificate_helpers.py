"""Helpers for the certificate, registry, verification, badge and expiry tests (labels in the world)."""

from __future__ import annotations

import datetime
import io

from django.utils import timezone

from labelling.certificates.services import label_issue_certificate
from labelling.framework.levels import Level
from labelling.models import Assessment, Label
from tests.factories import ClusterOrganisationFactory, MembershipFactory
from tests.labelling.factories import AssessmentFactory, LabelFactory

_sequence = {"n": 0}


def make_label(
    organisation=None,
    *,
    level: str = Level.GOLD,
    status: str = Label.Status.VALID,
    awarded_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    issue: bool = False,
    **org_fields,
) -> Label:
    """A label numbered like the award service numbers them; its certificate issued when `issue`."""
    organisation = organisation or ClusterOrganisationFactory(**org_fields)
    _sequence["n"] += 1
    awarded_on = awarded_on or timezone.localdate()
    assessment = AssessmentFactory(organisation=organisation, level=level, status=Assessment.Status.AWARDED)
    fields = {}
    if valid_until:
        fields["valid_until"] = valid_until
    label = LabelFactory(
        assessment=assessment,
        number=f"CME-{level[0].upper()}-{organisation.country}-{awarded_on.year}-{_sequence['n']:05d}",
        awarded_on=awarded_on,
        status=status,
        **fields,
    )
    if issue:
        label_issue_certificate(label_id=label.pk)
        label.refresh_from_db()
    return label


def manager_of(label: Label, **kwargs):
    return MembershipFactory(organisation=label.organisation, **kwargs).user


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def current_pdf(label: Label) -> bytes:
    revision = label.certificate.revisions.get(revision=label.certificate.current_revision)
    with revision.file.open("rb") as handle:
        return handle.read()
