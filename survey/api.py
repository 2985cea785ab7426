"""The public, read-only survey API: published result summaries (the same rules as the summary page: groups under
five responses hidden, no free texts) and the most needed training topics of the status quo survey."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from portal.api_query import query_params
from survey import permissions, selectors
from survey.models import Question, Survey


class PublishedSurveySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    anonymous = serializers.BooleanField(source="is_anonymous")
    responses = serializers.IntegerField(source="submitted", help_text="Submitted responses.")
    results_published_at = serializers.DateTimeField()


class PublishedSurveyListView(APIView):
    """Surveys whose summary of results is published."""

    permission_classes = [AllowAny]

    @extend_schema(responses=PublishedSurveySerializer(many=True))
    def get(self, request):
        surveys = selectors.surveys_with_published_results()
        return ApiResponse(PublishedSurveySerializer(surveys, many=True).data)


class SummaryQuerySerializer(serializers.Serializer):
    country = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="ISO 3166-1 alpha-2 code (one without responses: all)"
    )
    sector = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="Industrial ecosystem code (one without responses: all)"
    )


class SummaryView(APIView):
    """A published survey's results: per question, counts and percentages (choices and ratings), per matrix row the
    counts per scale point and the mean, or the mean, lowest and highest number. Filter by the country and sector of
    the respondents' organisations; a group of fewer than five responses is not shown (`hidden`)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[SummaryQuerySerializer],
        responses=inline_serializer(
            "SurveySummary",
            {
                "survey": serializers.SlugField(),
                "title": serializers.CharField(),
                "responses": serializers.IntegerField(
                    allow_null=True,
                    help_text="Submitted responses of the group; null when the group is hidden (1 to 4 responses: "
                    "the count would single them out); 0 when nobody in the group answered.",
                ),
                "hidden": serializers.BooleanField(help_text="True when the group is too small to show."),
                "country": serializers.CharField(),
                "sector": serializers.CharField(),
                "questions": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def get(self, request, slug):
        survey = get_object_or_404(Survey, slug=slug)
        if not permissions.can_see_summary(request.user, survey):
            raise Http404
        query = query_params(request, SummaryQuerySerializer)
        results = selectors.survey_results(survey=survey, country=query["country"], sector=query["sector"], public=True)
        questions = []
        for section, items in results.sections:
            for result in items:
                question = result.question
                entry = {
                    "code": question.code,
                    "section": section.title,
                    "text": question.text,
                    "kind": question.kind,
                    "answered": result.answered,
                }
                if question.kind in (*Question.CHOICE_KINDS, Question.Kind.RATING):
                    entry["answers"] = [
                        {
                            "label": i["label"],
                            "indicator_code": i.get("code", ""),
                            "count": i["count"],
                            "percent": i["percent"],
                        }
                        for i in result.items
                    ]
                if question.kind == Question.Kind.MATRIX:
                    entry["scale"] = result.scale
                    entry["rows"] = [
                        {
                            "value": row["value"],
                            "label": row["label"],
                            "mean": float(row["mean"]) if row["mean"] is not None else None,
                            "counts": [cell["count"] for cell in row["cells"]],
                        }
                        for row in result.matrix_rows
                    ]
                if result.stats:
                    entry["stats"] = {k: float(v) if v is not None else None for k, v in result.stats.items()}
                questions.append(entry)
        return ApiResponse(
            {
                "survey": survey.slug,
                "title": survey.title,
                "responses": _shown_count(results.responses, hidden=results.hidden),
                "hidden": results.hidden,
                "country": results.country,
                "sector": results.sector,
                "questions": questions,
            }
        )


def _shown_count(responses: int, *, hidden: bool) -> int | None:
    """A hidden group's count is withheld, unless nobody answered: 0 singles out no one."""
    return None if hidden and responses else responses


class TrainingNeedsQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(required=False, default=5, min_value=1, max_value=20, help_text="Default 5.")


class TrainingNeedsView(APIView):
    """The fields of knowledge cluster managers most need training in (status quo survey, mean need 1-5)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[TrainingNeedsQuerySerializer],
        responses=inline_serializer(
            "TrainingNeed",
            {
                "field": serializers.SlugField(),
                "label": serializers.CharField(),
                "mean": serializers.FloatField(),
                "responses": serializers.IntegerField(),
            },
            many=True,
        ),
    )
    def get(self, request):
        limit = query_params(request, TrainingNeedsQuerySerializer)["limit"]
        topics = selectors.most_needed_training_topics(limit=limit)
        return ApiResponse([{**t, "mean": float(t["mean"])} for t in topics])
