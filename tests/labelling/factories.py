"""Factories for the labelling area, shared by part A (framework, self-assessment) and part B (review, decisions).

The framework is the one the data migration loads: `ecei()` returns it; tests never build their own unless they
test framework versioning.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from labelling.framework.levels import Level
from labelling.models import Answer, Assessment, EvidenceDocument, Framework, Indicator, Label
from labelling.selfassessment.models import level_indicator_queryset
from tests.factories import ClusterOrganisationFactory, UserFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ecei() -> Framework:
    """The published ECEI-2026 framework loaded by the data migration."""
    return Framework.objects.get(code="ECEI-2026", version=1)


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A draft assessment (Bronze by default) pinned to ECEI-2026."""

    class Meta:
        model = Assessment

    organisation = factory.SubFactory(ClusterOrganisationFactory)
    level = Level.BRONZE
    framework = factory.LazyFunction(ecei)
    status = Assessment.Status.DRAFT
    started_by = factory.SubFactory(UserFactory)


class AnswerFactory(factory.django.DjangoModelFactory):
    """An answer with a green value for its indicator (set `value_*` to override)."""

    class Meta:
        model = Answer

    assessment = factory.SubFactory(AssessmentFactory)
    indicator = factory.LazyAttribute(lambda o: o.assessment.level_indicators().first())
    value_number = factory.LazyAttribute(lambda o: good_value(o.indicator)[0])
    value_bool = factory.LazyAttribute(lambda o: good_value(o.indicator)[1])
    value_choice = factory.LazyAttribute(lambda o: good_value(o.indicator)[2])
    updated_at = factory.LazyFunction(timezone.now)


class EvidenceDocumentFactory(factory.django.DjangoModelFactory):
    """A small PDF in the organisation's evidence library."""

    class Meta:
        model = EvidenceDocument

    organisation = factory.SubFactory(ClusterOrganisationFactory)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="evidence.pdf"))
    original_name = "evidence.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    sha256 = "0" * 64
    uploaded_by = factory.SubFactory(UserFactory)


class LabelFactory(factory.django.DjangoModelFactory):
    """A valid label awarded today for an awarded assessment of the same organisation and level."""

    class Meta:
        model = Label

    assessment = factory.SubFactory(AssessmentFactory, status=Assessment.Status.AWARDED)
    organisation = factory.SelfAttribute("assessment.organisation")
    level = factory.SelfAttribute("assessment.level")
    number = factory.Sequence(lambda n: f"ECEI-T-{n:05d}")
    awarded_on = factory.LazyFunction(timezone.localdate)
    valid_from = factory.SelfAttribute("awarded_on")
    valid_until = factory.LazyAttribute(lambda o: Label.validity_end(o.level, o.valid_from))


def good_value(indicator: Indicator, colour: str = "green") -> tuple[Decimal | None, bool | None, str]:
    """(value_number, value_bool, value_choice) that give `indicator` the colour asked for."""
    if indicator.kind == Indicator.Kind.YESNO:
        return None, colour != "red", ""
    if indicator.kind == Indicator.Kind.CHOICE:
        return None, None, next(o["value"] for o in indicator.choices if o["colour"] == colour)
    if colour == "green":
        return indicator.green_threshold, None, ""
    if colour == "yellow":
        return indicator.yellow_threshold, None, ""
    step = Decimal("1") if indicator.direction == Indicator.Direction.HIGHER else Decimal("-1")
    value = indicator.yellow_threshold - step
    if indicator.min_value is not None:
        value = max(value, indicator.min_value)
    if indicator.max_value is not None:
        value = min(value, indicator.max_value)
    return value, None, ""


def fill_answers(
    assessment: Assessment,
    *,
    colour: str = "green",
    colours: dict[str, str] | None = None,
    with_evidence: bool = True,
    user=None,
) -> list[Answer]:
    """Answer every indicator the assessment's level asks (green unless `colours` says otherwise per code),
    attaching one evidence file where the indicator requires evidence. Returns the answers."""
    colours = colours or {}
    document = None
    answers = []
    for indicator in level_indicator_queryset(assessment.framework_id, assessment.level):
        number, boolean, choice = good_value(indicator, colours.get(indicator.code, colour))
        answer, _ = Answer.objects.update_or_create(
            assessment=assessment,
            indicator=indicator,
            defaults={
                "value_number": number,
                "value_bool": boolean,
                "value_choice": choice,
                "not_applicable": False,
                "justification": "",
                "updated_at": timezone.now(),
                "updated_by": user,
            },
        )
        if with_evidence and indicator.evidence_required:
            if document is None:
                document = EvidenceDocumentFactory(organisation=assessment.organisation)
            answer.evidence.add(document)
        answers.append(answer)
    return answers


def accept_all(assessment: Assessment) -> None:
    """Mark every answer accepted with the self-declared value as the assessed one (what a review would do)."""
    for answer in assessment.answers.all():
        answer.assessed_number = answer.value_number
        answer.assessed_bool = answer.value_bool
        answer.assessed_choice = answer.value_choice
        answer.assessed_not_applicable = answer.not_applicable
        answer.review_state = Answer.ReviewState.ACCEPTED
        answer.save()


def awarded_bronze(organisation, *, months_ago: int = 20) -> Label:
    """A Bronze label awarded `months_ago` months ago (for Silver eligibility tests)."""
    awarded = timezone.localdate() - datetime.timedelta(days=round(months_ago * 30.44))
    assessment = AssessmentFactory(
        organisation=organisation, level=Level.BRONZE, status=Assessment.Status.AWARDED, decided_at=timezone.now()
    )
    return LabelFactory(assessment=assessment, awarded_on=awarded)
