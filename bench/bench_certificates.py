"""Certificates: rendering one certificate (median seconds, target under 0.5 s) and issuing 200 certificates
through the Celery task with one worker (total seconds). With CELERY_BROKER_URL on Redis a real worker thread
(solo pool, concurrency 1) consumes the tasks; without it they run in-process one after the other."""

from __future__ import annotations

import datetime
import os
import statistics
import time
from decimal import Decimal

from bench.helpers import use_bench_database

RENDERS = 15
ISSUES = 200


def _organisation(index: int):
    from django.utils import timezone

    from platform_directory.models import ClusterOrganisation

    organisation, _ = ClusterOrganisation.objects.get_or_create(
        slug=f"bench-certificates-{index}",
        defaults={
            "name": f"Bench Certificates Cluster {index}",
            "country": "DE",
            "nuts2_code": "DE21",
            "region_name": "Oberbayern",
            "city": "München",
            "website": f"https://bench{index}.example.org",
            "description": "Benchmark organisation.",
            "founding_year": 2010,
            "main_sector": "digital",
            "companies": 40,
            "smes": 30,
            "research_education": 8,
            "public_bodies": 3,
            "others": 2,
            "management_fte": Decimal("2.5"),
            "contact_email": f"bench{index}@example.org",
            "website_in_english": True,
            "validation_status": ClusterOrganisation.ValidationStatus.VALIDATED,
            "validated_at": timezone.now(),
        },
    )
    return organisation


def _fresh_labels(count: int) -> list[int]:
    """`count` labels without a certificate (earlier bench runs' certificates are removed first)."""
    from labelling.models import Assessment, Certificate, CertificateRevision, Framework, Label

    CertificateRevision.objects.filter(certificate__label__number__startswith="BENCH-").delete()
    Certificate.objects.filter(label__number__startswith="BENCH-").delete()
    framework = Framework.objects.get(code="ECEI-2026", version=1)
    today = datetime.date.today()
    ids = []
    for index in range(count):
        organisation = _organisation(index)
        number = f"BENCH-G-DE-{index:05d}"
        label = Label.objects.filter(number=number).first()
        if label is None:
            assessment = Assessment.objects.create(
                organisation=organisation, level="gold", framework=framework, status=Assessment.Status.AWARDED
            )
            label = Label.objects.create(
                organisation=organisation,
                level="gold",
                number=number,
                assessment=assessment,
                awarded_on=today,
                valid_from=today,
                valid_until=Label.validity_end("gold", today),
            )
        ids.append(label.pk)
    return ids


def _render_median() -> tuple[float, float]:
    """Median wall-clock and CPU seconds per rendering (CPU time shows the renderer's own cost on a busy machine)."""
    from labelling.certificates.pdf import CertificateContent, render_certificate_pdf

    today = datetime.date.today()
    content = CertificateContent(
        organisation_name="Bench Certificates Cluster e.V.",
        organisation_place="München, Germany",
        level="gold",
        level_name="Gold",
        number="CME-G-DE-2026-00042",
        awarded_on=today,
        valid_from=today,
        valid_until=today.replace(year=today.year + 3),
        token="x" * 32,
        revision=1,
        issued_on=today,
    )
    render_certificate_pdf(content)  # warm-up: fonts
    timings, cpu = [], []
    for _ in range(RENDERS):
        started, started_cpu = time.perf_counter(), time.process_time()
        render_certificate_pdf(content)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(timings), statistics.median(cpu)


def _issue_all(ids: list[int]) -> tuple[float, str]:
    from labelling.certificates.tasks import label_issue_certificate_task
    from labelling.models import Certificate
    from portal.celery import app

    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        started = time.perf_counter()
        for label_id in ids:
            label_issue_certificate_task.apply(args=[label_id])
        return time.perf_counter() - started, "in-process"
    from celery.contrib.testing.worker import start_worker

    app.conf.update(task_always_eager=False, broker_url=broker, result_backend=broker)
    try:
        with start_worker(app, perform_ping_check=False, loglevel="WARNING", concurrency=1, pool="solo"):
            started = time.perf_counter()
            for label_id in ids:
                label_issue_certificate_task.delay(label_id)
            deadline = started + 900
            while Certificate.objects.filter(label_id__in=ids, state=Certificate.State.ISSUED).count() < len(ids):
                if time.perf_counter() > deadline:
                    raise RuntimeError("certificates not issued within 15 minutes")
                time.sleep(0.2)
            return time.perf_counter() - started, "one Celery worker on Redis"
    finally:
        app.conf.update(task_always_eager=True)


def run() -> list[dict]:
    use_bench_database()
    median, median_cpu = _render_median()
    ids = _fresh_labels(ISSUES)
    total, mode = _issue_all(ids)
    return [
        {
            "name": "certificate rendering, median per certificate",
            "value": round(median, 3),
            "unit": "s",
            "target": "< 0.5",
        },
        {
            "name": "certificate rendering, median CPU time",
            "value": round(median_cpu, 3),
            "unit": "s",
            "target": "< 0.5",
        },
        {"name": f"issuing {ISSUES} certificates ({mode})", "value": round(total, 1), "unit": "s", "target": None},
        {"name": "issuing, mean per certificate", "value": round(total / len(ids), 3), "unit": "s", "target": None},
    ]
