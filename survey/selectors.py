"""Reads of the survey app: what a person may answer, results and their filters, figures for other areas."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Avg, Count, Exists, Max, Min, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_directory.choices import Sector
from platform_directory.models import ClusterOrganisation, OrganisationMembership
from portal import roles
from portal.countries import EUROPEAN_COUNTRIES
from survey import charts
from survey.models import Answer, Invitation, Question, Response, Survey
from survey.services import Recipient
from survey.structure import QuestionNode, SurveyStructure

MIN_GROUP_SIZE = 5
STATUS_QUO_SLUG = "status-quo-2026"
TRAINING_NEEDS_CODE = "training-needs"


def _pct(part: int, whole: int) -> float:
    if not whole:
        return 0.0
    return float((Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _round(value, places: str = "0.01"):
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


# --- Lists ----------------------------------------------------------------------------------------------------------


def surveys_open_to(user) -> list[Survey]:
    """Open, named surveys the signed-in person may answer, each with `my_status` (None, draft or submitted)."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    condition = Q(invitations__user=user, invitations__sent_at__isnull=False)
    if roles.member_organisations(user).exists():
        condition |= Q(audience=Survey.Audience.MEMBERS)
    mine = Response.objects.filter(survey=OuterRef("pk"), user=user)
    return list(
        Survey.objects.filter(
            condition, status=Survey.Status.LIVE, is_anonymous=False, opens_at__lte=now, closes_at__gt=now
        )
        .annotate(my_status=Subquery(mine.values("status")[:1]), my_step=Subquery(mine.values("current_step")[:1]))
        .distinct()
        .order_by("closes_at")
    )


def surveys_with_published_results() -> list[Survey]:
    return list(
        Survey.objects.filter(status=Survey.Status.LIVE, results_published=True)
        .annotate(submitted=Count("responses", filter=Q(responses__status=Response.Status.SUBMITTED)))
        .order_by("-results_published_at")
    )


def surveys_for_coordinators() -> list[Survey]:
    """Every survey with its counts of invitations, drafts and submitted responses (three subqueries)."""

    def count_of(model, **filters):
        return Subquery(
            model.objects.filter(survey=OuterRef("pk"), **filters)
            .order_by()
            .values("survey")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )

    return list(
        Survey.objects.annotate(
            invited=count_of(Invitation),
            drafts=count_of(Response, status=Response.Status.DRAFT),
            submitted=count_of(Response, status=Response.Status.SUBMITTED),
        ).order_by("-created_at")
    )


def open_surveys_with_counts() -> list[Survey]:
    now = timezone.now()
    return [s for s in surveys_for_coordinators() if s.status == Survey.Status.LIVE and s.opens_at <= now < s.closes_at]


def my_draft_responses(user) -> list[Response]:
    if not user.is_authenticated:
        return []
    return list(
        Response.objects.filter(user=user, status=Response.Status.DRAFT, survey__status=Survey.Status.LIVE)
        .select_related("survey")
        .order_by("survey__closes_at")
    )


def invitation_counts(survey: Survey) -> dict:
    counts = Invitation.objects.filter(survey=survey).aggregate(
        total=Count("pk"), sent=Count("pk", filter=Q(sent_at__isnull=False))
    )
    counts["pending"] = counts["total"] - counts["sent"]
    if not survey.is_anonymous:
        counts["answered"] = Invitation.objects.filter(
            Exists(Response.objects.filter(invitation=OuterRef("pk"), status=Response.Status.SUBMITTED))
            | Exists(Response.objects.filter(user=OuterRef("user"), survey=survey, status=Response.Status.SUBMITTED)),
            survey=survey,
        ).count()
    return counts


def invitation_recipients(*, validated_only: bool = True, country: str = "", sector: str = "") -> list:
    """Managers of organisations (validated only, by default), optionally of one country or sector: one entry per
    e-mail address, with the organisation they manage (the first by name when they manage several)."""
    memberships = OrganisationMembership.objects.filter(role=OrganisationMembership.Role.MANAGER, user__is_active=True)
    if validated_only:
        memberships = memberships.filter(organisation__validation_status=ClusterOrganisation.ValidationStatus.VALIDATED)
    if country:
        memberships = memberships.filter(organisation__country=country)
    if sector:
        memberships = memberships.filter(organisation__main_sector=sector)
    rows = memberships.order_by("user__email", "organisation__name").values_list(
        "user__email", "user_id", "organisation_id"
    )
    seen: dict[str, Recipient] = {}
    for email, user_id, organisation_id in rows:
        seen.setdefault(email.lower(), Recipient(email=email.lower(), user_id=user_id, organisation_id=organisation_id))
    return list(seen.values())


# --- Results --------------------------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    node: QuestionNode
    answered: int = 0
    items: list[dict] = field(default_factory=list)
    matrix_rows: list[dict] = field(default_factory=list)
    scale: list[str] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    chart: str = ""

    @property
    def question(self) -> Question:
        return self.node.question


@dataclass
class Results:
    survey: Survey
    responses: int
    hidden: bool
    country: str
    sector: str
    sections: list[tuple] = field(default_factory=list)
    countries: list[tuple] = field(default_factory=list)
    sectors: list[tuple] = field(default_factory=list)

    @property
    def filtered(self) -> bool:
        return bool(self.country or self.sector)


def results_filter_choices(survey: Survey) -> tuple[list[tuple], list[tuple]]:
    """Countries and sectors present among the submitted responses (two queries)."""
    base = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
    country_names = dict(EUROPEAN_COUNTRIES)
    sector_names = dict(Sector.choices)
    countries = sorted(
        (
            (c, str(country_names.get(c, c)))
            for c in base.exclude(country="").order_by().values_list("country", flat=True).distinct()
        ),
        key=lambda item: item[1],
    )
    sectors = sorted(
        (
            (s, str(sector_names.get(s, s)))
            for s in base.exclude(sector="").order_by().values_list("sector", flat=True).distinct()
        ),
        key=lambda item: item[1],
    )
    return countries, sectors


RESULTS_CACHE_SECONDS = 6 * 3600


def survey_results(*, survey: Survey, country: str = "", sector: str = "", public: bool = False) -> Results:
    """Counts and percentages per question of the submitted responses, filtered by the respondent organisation's
    country and sector. A group under MIN_GROUP_SIZE is hidden on public summaries and on anonymous surveys.
    Free texts are listed for coordinators only. A fixed number of queries whatever the number of responses.

    Cached per version of the submitted responses (their count and latest submission): submitted responses never
    change and a launched survey's questions are frozen, so a new version is the only way results change."""
    version = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).aggregate(
        n=Count("pk"), last=Max("pk")
    )
    filters = hashlib.sha256(f"{country}|{sector}".encode()).hexdigest()[:16]  # raw query input: keep keys safe
    key = f"survey-results:{survey.pk}:{survey.status}:{version['n']}:{version['last']}:{filters}:{int(public)}"
    results = cache.get(key)
    if results is None:
        results = _survey_results(survey=survey, country=country, sector=sector, public=public)
        cache.set(key, results, RESULTS_CACHE_SECONDS)
    results.survey = survey
    return results


def _survey_results(*, survey: Survey, country: str, sector: str, public: bool) -> Results:
    countries, sectors = results_filter_choices(survey)
    country = country if country in dict(countries) else ""
    sector = sector if sector in dict(sectors) else ""
    base = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
    if country:
        base = base.filter(country=country)
    if sector:
        base = base.filter(sector=sector)
    total = base.count()
    hidden = total < MIN_GROUP_SIZE and (public or survey.is_anonymous)
    results = Results(
        survey=survey,
        responses=total,
        hidden=hidden,
        country=country,
        sector=sector,
        countries=countries,
        sectors=sectors,
    )
    if hidden or not total:
        return results
    structure = SurveyStructure(survey)
    kinds: dict[str, list[int]] = {}
    for node in structure.questions:
        kinds.setdefault(node.kind, []).append(node.pk)
    counted = kinds.get(Question.Kind.SINGLE, []) + kinds.get(Question.Kind.MULTIPLE, [])
    counted += kinds.get(Question.Kind.MATRIX, []) + kinds.get(Question.Kind.RATING, [])
    # the structure is known: filter answers by question ids rather than joining the questions
    answers = Answer.objects.filter(response__in=base.values("pk"))
    answered = dict(
        answers.order_by()
        .values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    option_counts: dict[tuple, int] = {}
    rating_counts: dict[tuple, int] = {}
    for row in (
        answers.filter(question_id__in=counted)
        .order_by()
        .values("question_id", "row_id", "option_id", "number")
        .annotate(n=Count("pk"))
    ):
        if row["option_id"] is not None:
            option_counts[(row["question_id"], row["row_id"], row["option_id"])] = row["n"]
        elif row["number"] is not None:
            rating_counts[(row["question_id"], int(row["number"]))] = row["n"]
    number_stats = {
        row["question_id"]: row
        for row in answers.filter(question_id__in=kinds.get(Question.Kind.NUMBER, []))
        .order_by()
        .values("question_id")
        .annotate(mean=Avg("number"), low=Min("number"), high=Max("number"), n=Count("pk"))
    }
    texts: dict[int, list[str]] = {}
    text_ids = kinds.get(Question.Kind.SHORT_TEXT, []) + kinds.get(Question.Kind.LONG_TEXT, [])
    if not public and text_ids:
        for question_id, text in (
            answers.filter(question_id__in=text_ids)
            .order_by("question_id", "response_id")
            .values_list("question_id", "text")
        ):
            texts.setdefault(question_id, []).append(text)
    for section in structure.sections:
        section_results = []
        for node in section.questions:
            result = QuestionResult(node=node, answered=answered.get(node.pk, 0))
            _fill(result, option_counts, rating_counts, number_stats, texts)
            section_results.append(result)
        results.sections.append((section.section, section_results))
    return results


def _fill(result: QuestionResult, option_counts, rating_counts, number_stats, texts) -> None:
    node = result.node
    kind = node.kind
    if kind in Question.CHOICE_KINDS:
        result.items = [
            {
                "label": option.label,
                "code": option.indicator_code,
                "count": (n := option_counts.get((node.pk, None, option.pk), 0)),
                "percent": _pct(n, result.answered),
            }
            for option in node.choices
        ]
        result.chart = charts.bar_chart(result.items, title=node.question.text)
    elif kind == Question.Kind.RATING:
        result.items = [
            {
                "label": str(point),
                "count": (n := rating_counts.get((node.pk, point), 0)),
                "percent": _pct(n, result.answered),
            }
            for point in range(1, 6)
        ]
        total = sum(item["count"] for item in result.items)
        if total:
            result.stats = {"mean": _round(sum(int(i["label"]) * i["count"] for i in result.items) / total)}
        result.chart = charts.bar_chart(result.items, title=node.question.text)
    elif kind == Question.Kind.MATRIX:
        result.scale = [option.label for option in node.choices]
        for row in node.rows:
            counts = [option_counts.get((node.pk, row.pk, option.pk), 0) for option in node.choices]
            row_total = sum(counts)
            scored = [
                (option.score, n) for option, n in zip(node.choices, counts, strict=True) if option.score is not None
            ]
            scored_total = sum(n for _score, n in scored)
            mean = _round(sum(score * n for score, n in scored) / scored_total) if scored_total else None
            result.matrix_rows.append(
                {
                    "label": row.label,
                    "value": row.value,
                    "total": row_total,
                    "mean": mean,
                    "cells": [{"count": n, "percent": _pct(n, row_total)} for n in counts],
                }
            )
        result.chart = charts.stacked_bar_chart(result.matrix_rows, result.scale, title=node.question.text)
    elif kind == Question.Kind.NUMBER:
        stats = number_stats.get(node.pk)
        if stats:
            result.stats = {"mean": _round(stats["mean"]), "min": stats["low"], "max": stats["high"], "n": stats["n"]}
    else:
        result.texts = texts.get(node.pk, [])


# --- Figures for other areas ----------------------------------------------------------------------------------------


def most_needed_training_topics(*, limit: int = 5) -> list[dict]:
    """The fields of knowledge with the highest mean training need in the status quo survey's training-needs matrix
    (submitted responses only): [{'field', 'label', 'mean', 'responses'}], highest need first. Empty when the
    survey does not exist or has no answers."""
    rows = (
        Answer.objects.filter(
            question__survey__slug=STATUS_QUO_SLUG,
            question__code=TRAINING_NEEDS_CODE,
            response__status=Response.Status.SUBMITTED,
            row__isnull=False,
            option__score__isnull=False,
        )
        .values("row__value", "row__label")
        .annotate(mean=Avg("option__score"), responses=Count("response_id", distinct=True))
        .order_by("-mean", "row__label")[:limit]
    )
    return [
        {
            "field": row["row__value"],
            "label": row["row__label"],
            "mean": _round(row["mean"]),
            "responses": row["responses"],
        }
        for row in rows
    ]


def response_overview(*, structure: SurveyStructure, answers: dict) -> list[dict]:
    """The review page: each section with its shown questions, the answer in words, and what is missing."""
    visible = structure.visible_pks(answers)
    overview = []
    for section in structure.sections:
        items = []
        for node in section.questions:
            if node.pk not in visible:
                continue
            items.append(
                {
                    "node": node,
                    "answer": _answer_text(node, answers.get(node.pk)),
                    "missing": node.question.required and not structure.is_answered(node, answers),
                }
            )
        overview.append({"section": section, "items": items})
    return overview


def _answer_text(node: QuestionNode, value) -> str:
    if value in (None, "", set(), {}):
        return ""
    if node.kind == Question.Kind.SINGLE:
        option = node.choice_by_value(value)
        return option.label if option else ""
    if node.kind == Question.Kind.MULTIPLE:
        return "; ".join(o.label for o in node.choices if o.value in value)
    if node.kind == Question.Kind.MATRIX:
        labels = {o.value: o.label for o in node.choices}
        return "; ".join(f"{row.label}: {labels.get(value[row.value], '')}" for row in node.rows if row.value in value)
    if node.kind == Question.Kind.RATING:
        return _("%(value)s of 5") % {"value": value}
    return str(value)
