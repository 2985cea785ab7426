"""The public, read-only survey API: published result summaries (the same rules as the summary page: groups under
five responses hidden, no free texts) and the most needed training topics of the status quo survey."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

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


class SummaryView(APIView):
    """A published survey's results: per question, counts and percentages (choices and ratings), per matrix row the
    counts per scale point and the mean, or the mean, lowest and highest number. Filter by the country and sector of
    the respondents' organisations; a group of fewer than five responses is not shown (`hidden`)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("country", OpenApiTypes.STR, description="ISO 3166-1 alpha-2 code"),
            OpenApiParameter("sector", OpenApiTypes.STR, description="Industrial ecosystem code"),
        ],
        responses=inline_serializer(
            "SurveySummary",
            {
                "survey": serializers.SlugField(),
                "title": serializers.CharField(),
                "responses": serializers.IntegerField(),
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
        results = selectors.survey_results(
            survey=survey,
            country=request.query_params.get("country", ""),
            sector=request.query_params.get("sector", ""),
            public=True,
        )
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
                "responses": results.responses if not results.hidden else None,
                "hidden": results.hidden,
                "country": results.country,
                "sector": results.sector,
                "questions": questions,
            }
        )


class TrainingNeedsView(APIView):
    """The fields of knowledge cluster managers most need training in (status quo survey, mean need 1-5)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("limit", OpenApiTypes.INT, description="1 to 20, default 5")],
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
        try:
            limit = int(request.query_params.get("limit", 5))
        except ValueError:
            return ApiResponse({"limit": ["A whole number from 1 to 20."]}, status=400)
        if not 1 <= limit <= 20:
            return ApiResponse({"limit": ["A whole number from 1 to 20."]}, status=400)
        topics = selectors.most_needed_training_topics(limit=limit)
        return ApiResponse([{**t, "mean": float(t["mean"])} for t in topics])
