"""Reviewed assessments with assessors' values, for benchmarking tests, the bench and (until labelling seeds its
own) demo data. Built on tests/labelling/factories.py; everything is inserted in bulk."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from labelling.framework.levels import Level
from labelling.models import Answer, Assessment, Framework, Indicator, Label
from labelling.selfassessment.models import level_indicator_queryset
from platform_directory.models import ClusterOrganisation
from tests.factories import ClusterOrganisationFactory
from tests.labelling.factories import AssessmentFactory, good_value


def ecei() -> Framework:
    return Framework.objects.get(code="ECEI-2026", version=1)


def random_value(indicator: Indicator, rng: random.Random) -> tuple[Decimal | None, bool | None, str]:
    """A plausible assessed value: around the thresholds, within the allowed range."""
    if indicator.kind == Indicator.Kind.YESNO:
        return None, rng.random() < 0.7, ""
    if indicator.kind == Indicator.Kind.CHOICE:
        return None, None, rng.choice([o["value"] for o in indicator.choices])
    green, yellow = float(indicator.green_threshold), float(indicator.yellow_threshold)
    span = max(abs(green - yellow), 1.0)
    low, high = min(green, yellow) - span, max(green, yellow) + span
    value = rng.uniform(low, high)
    if indicator.min_value is not None:
        value = max(value, float(indicator.min_value))
    if indicator.max_value is not None:
        value = min(value, float(indicator.max_value))
    value = max(value, 0.0)
    if indicator.kind == Indicator.Kind.COUNT:
        value = round(value)
    return Decimal(f"{value:.2f}"), None, ""


def answer_for(assessment_id: int, indicator: Indicator, value, *, not_applicable: bool = False) -> Answer:
    """An Answer accepted by the assessors with `value` = (number, bool, choice) as self-declared and assessed."""
    number, boolean, choice = value
    return Answer(
        assessment_id=assessment_id,
        indicator=indicator,
        value_number=number,
        value_bool=boolean,
        value_choice=choice,
        not_applicable=not_applicable,
        justification="Does not apply to us." if not_applicable else "",
        assessed_number=number,
        assessed_bool=boolean,
        assessed_choice=choice,
        assessed_not_applicable=not_applicable,
        review_state=Answer.ReviewState.ACCEPTED,
        updated_at=timezone.now(),
    )


def reviewed_assessment(
    organisation: ClusterOrganisation,
    *,
    colour: str = "green",
    colours: dict[str, str] | None = None,
    numbers: dict[str, Decimal | float | int] | None = None,
    not_applicable: tuple[str, ...] = (),
    status: str = Assessment.Status.AWARDED,
    level: str = Level.BRONZE,
    decided_at: datetime.datetime | None = None,
    rng: random.Random | None = None,
    review_state: str = Answer.ReviewState.ACCEPTED,
) -> Assessment:
    """A decided assessment of `organisation` whose every indicator has an accepted assessors' value: the colour
    asked for (per code in `colours`), an exact number from `numbers`, random values with `rng`, or N/A."""
    assessment = AssessmentFactory(
        organisation=organisation,
        level=level,
        status=status,
        decided_at=decided_at or timezone.now(),
        submitted_at=timezone.now(),
    )
    answers = []
    for indicator in level_indicator_queryset(assessment.framework_id, level):
        if indicator.code in (numbers or {}):
            value = (Decimal(str(numbers[indicator.code])), None, "")
        elif rng is not None:
            value = random_value(indicator, rng)
        else:
            value = good_value(indicator, (colours or {}).get(indicator.code, colour))
        answer = answer_for(assessment.pk, indicator, value, not_applicable=indicator.code in not_applicable)
        answer.review_state = review_state
        answers.append(answer)
    Answer.objects.bulk_create(answers)
    return assessment


def gold_label(organisation: ClusterOrganisation, assessment: Assessment | None = None) -> Label:
    """A Gold label valid today."""
    assessment = assessment or reviewed_assessment(organisation, level=Level.GOLD)
    today = timezone.localdate()
    return Label.objects.create(
        organisation=organisation,
        level=Level.GOLD,
        number=f"ECEI-G-{assessment.pk:05d}",
        assessment=assessment,
        awarded_on=today,
        valid_from=today,
        valid_until=Label.validity_end(Level.GOLD, today),
    )


def peers(count: int, *, rng: random.Random | None = None, **organisation_fields) -> list[ClusterOrganisation]:
    """`count` organisations, each with a reviewed assessment of random values (seeded)."""
    rng = rng or random.Random(7)
    organisations = ClusterOrganisationFactory.create_batch(count, **organisation_fields)
    for organisation in organisations:
        reviewed_assessment(organisation, rng=rng)
    return organisations


COUNTRIES = ["DE", "FR", "IT", "ES", "NL", "BE", "AT", "PL", "SE", "DK", "FI", "PT", "CZ", "IE", "HU"]
SECTORS = ["digital", "health", "agri-food", "mobility", "energy-renewables", "construction", "textile", "tourism"]


def bulk_reviewed_organisations(count: int, *, rng: random.Random, prefix: str = "bench") -> list[int]:
    """`count` organisations with one awarded Bronze assessment each and 36 accepted values, inserted in bulk
    (for the bench and scale tests). Returns the organisation ids."""
    framework = ecei()
    indicators = list(level_indicator_queryset(framework.pk, Level.BRONZE))
    now = timezone.now()
    organisations = []
    for n in range(count):
        country = rng.choice(COUNTRIES)
        companies = rng.randint(10, 250)
        organisations.append(
            ClusterOrganisation(
                name=f"{prefix.title()} Cluster {n:05d}",
                slug=f"{prefix}-cluster-{n:05d}",
                country=country,
                nuts2_code="",
                region_name="Region",
                city="City",
                website=f"https://{prefix}{n}.example.org",
                description="A cluster organisation generated for benchmarks.",
                founding_year=rng.randint(now.year - 25, now.year - 1),
                main_sector=rng.choice(SECTORS),
                companies=companies,
                smes=companies // 2,
                research_education=rng.randint(1, 30),
                public_bodies=rng.randint(0, 10),
                others=rng.randint(0, 10),
                management_fte=Decimal("2.00"),
                contact_email=f"contact{n}@{prefix}.example.org",
                website_in_english=True,
                validation_status=ClusterOrganisation.ValidationStatus.VALIDATED,
                validated_at=now,
            )
        )
    created = ClusterOrganisation.objects.bulk_create(organisations, batch_size=2000)
    org_ids = [o.pk for o in created]
    assessments = Assessment.objects.bulk_create(
        [
            Assessment(
                organisation_id=org_id,
                level=Level.BRONZE,
                framework=framework,
                status=Assessment.Status.AWARDED,
                submitted_at=now,
                decided_at=now - datetime.timedelta(days=rng.randint(1, 900)),
            )
            for org_id in org_ids
        ],
        batch_size=2000,
    )
    batch: list[Answer] = []
    for assessment in assessments:
        for indicator in indicators:
            # Never on a minimum requirement: it cannot be "not applicable" (domain.md, 2026-12-02).
            not_applicable = rng.random() < 0.02 and not indicator.is_minimum_requirement
            batch.append(
                answer_for(assessment.pk, indicator, random_value(indicator, rng), not_applicable=not_applicable)
            )
        if len(batch) >= 20000:
            Answer.objects.bulk_create(batch, batch_size=5000)
            batch = []
    if batch:
        Answer.objects.bulk_create(batch, batch_size=5000)
    return org_ids
