"""The award of a label: its number and validity, created exactly once from an awarded assessment, and its
certificate queued for the worker. Review's decision and appeal services call `label_award`."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from labelling.certificates.models import Label
from labelling.certificates.services import CertificateError
from labelling.certificates.tasks import label_issue_certificate_task
from labelling.selfassessment.models import Assessment
from portal.audit import audit_log
from portal.tasks import enqueue_on_commit


def _label_number(*, level: str, country: str, year: int, sequence: int) -> str:
    return f"CME-{level[0].upper()}-{country}-{year}-{sequence:05d}"


def label_award(*, assessment: Assessment, user) -> Label:
    """Create the label of an awarded assessment, exactly once: number CME-<level>-<country>-<year>-<sequence>,
    valid 2 years (Bronze, Silver) or 3 (Gold); a renewal starts the day after the current label ends."""
    existing = Label.objects.filter(assessment=assessment).first()
    if existing:
        return existing
    assessment = Assessment.objects.select_related("organisation").get(pk=assessment.pk)
    if assessment.status != Assessment.Status.AWARDED:
        raise CertificateError(_("Only an awarded assessment gets a label."))
    today = timezone.localdate()
    valid_from = today
    current_end = (
        Label.objects.filter(
            organisation=assessment.organisation,
            level=assessment.level,
            status=Label.Status.VALID,
            valid_until__gte=today,
        )
        .aggregate(end=Max("valid_until"))
        .get("end")
    )
    if current_end:
        valid_from = current_end + datetime.timedelta(days=1)
    year = today.year
    prefix_year = f"-{year}-"
    sequence = Label.objects.filter(number__contains=prefix_year, awarded_on__year=year).count() + 1
    for _attempt in range(20):
        number = _label_number(
            level=assessment.level, country=assessment.organisation.country, year=year, sequence=sequence
        )
        try:
            with transaction.atomic():
                label = Label.objects.create(
                    organisation=assessment.organisation,
                    level=assessment.level,
                    number=number,
                    assessment=assessment,
                    awarded_on=today,
                    valid_from=valid_from,
                    valid_until=Label.validity_end(assessment.level, valid_from),
                )
        except IntegrityError:
            existing = Label.objects.filter(assessment=assessment).first()
            if existing:
                return existing
            sequence += 1
            continue
        audit_log(
            actor=user,
            action="labelling.label.awarded",
            target=label,
            data={"assessment": assessment.pk, "number": number, "valid_until": label.valid_until.isoformat()},
        )
        enqueue_on_commit(label_issue_certificate_task, label.pk)  # the certificate
        return label
    raise CertificateError(_("Could not number the label; try again."))
