"""API v1 of the self-assessment: the public framework, and the user's organisations' assessments and answers.

Reading is scoped to the organisations the user belongs to (anyone else's ids give 404). Writing an answer goes
through the same service and validation as the page: 400 with a message per field, 403 for viewers, 409 when
someone saved in between (with the stored answer) or when the answer is frozen.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from labelling.certificates import converters  # noqa: F401  (code)
from labelling.framework import scoring
from labelling.framework import selectors as framework_selectors
from labelling.models import Answer, Assessment, Framework, Indicator
from labelling.selfassessment import permissions, selectors, services
from portal.api_query import StrictInputSerializer, query_params
from portal.api_schema import NO_NUL_PATTERN

# --- Framework ------------------------------------------------------------------------------------------------------


class IndicatorSerializer(serializers.ModelSerializer):
    """One indicator with how it is coloured and which levels ask it."""

    levels = serializers.SerializerMethodField(
        help_text="B: Bronze/Silver benchmarking, S: checked for Silver, G: Gold."
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "kind",
            "unit",
            "direction",
            "green_threshold",
            "yellow_threshold",
            "choices",
            "levels",
            "is_minimum_requirement",
            "weight",
            "evidence_required",
            "min_value",
            "max_value",
            "guidance_manager",
            "guidance_assessor",
        ]
        read_only_fields = fields

    def get_levels(self, obj) -> list[str]:
        return [flag for flag, on in (("B", obj.in_bronze), ("S", obj.in_silver), ("G", obj.in_gold)) if on]


class DimensionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    indicators = IndicatorSerializer(many=True, source="indicators.all")


class FrameworkSerializer(serializers.ModelSerializer):
    """A published framework version with its dimensions and indicators."""

    dimensions = DimensionSerializer(many=True, source="dimensions.all")

    class Meta:
        model = Framework
        fields = ["code", "version", "title", "description", "published_at", "dimensions"]
        read_only_fields = fields


class FrameworkQuerySerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text="A published version (default: the latest)."
    )


class FrameworkDetailView(APIView):
    """The latest published version of a framework (or `?version=`), public."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[FrameworkQuerySerializer],
        responses={200: FrameworkSerializer, 404: OpenApiResponse(description="No such published framework.")},
    )
    def get(self, request, code: str):
        frameworks = Framework.objects.filter(code=code, published_at__isnull=False).order_by("-version")
        version = query_params(request, FrameworkQuerySerializer).get("version")
        if version is not None:
            frameworks = frameworks.filter(version=version)
        framework = frameworks.first()
        if framework is None:
            raise Http404
        return Response(FrameworkSerializer(framework_selectors.framework_with_indicators(framework)).data)


# --- Assessments and answers ----------------------------------------------------------------------------------------


def _value(answer: Answer, *, assessed: bool = False):
    value = answer.assessed_value if assessed else answer.declared_value
    if value is None or isinstance(value, bool | str):
        return value
    return str(value)


class AnswerSerializer(serializers.ModelSerializer):
    """One answer: the self-declared value, and the assessors' value once accepted or corrected."""

    indicator = serializers.CharField(source="indicator.code")
    value = serializers.SerializerMethodField(help_text="Number as a string, true/false, or a choice value.")
    colour = serializers.SerializerMethodField()
    assessed_value = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField(help_text="Ids of the attached evidence documents.")
    editable = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = [
            "indicator",
            "value",
            "colour",
            "not_applicable",
            "justification",
            "comment",
            "version",
            "updated_at",
            "editable",
            "evidence",
            "review_state",
            "is_reopened",
            "assessed_value",
            "assessed_not_applicable",
        ]
        read_only_fields = fields

    def get_value(self, obj) -> str | bool | None:
        return _value(obj)

    def get_colour(self, obj) -> str | None:
        return None if obj.not_applicable else scoring.indicator_colour(obj.indicator, obj.declared_value)

    def get_assessed_value(self, obj) -> str | bool | None:
        return _value(obj, assessed=True)

    def get_evidence(self, obj) -> list[int]:
        return [document.pk for document in obj.evidence.all()]

    def get_editable(self, obj) -> bool:
        return services.answer_is_editable(obj, self.context["assessment"])


@extend_schema_field(
    {
        "nullable": True,
        "oneOf": [{"type": "number"}, {"type": "boolean"}, {"type": "string", "pattern": NO_NUL_PATTERN}],
        "description": "Number (or string), true/false, choice.",
    }
)
class AnswerValueField(serializers.JSONField):
    """An answer's value: one number, true/false, or text (a choice's key); never a list or an object."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value is not None and not isinstance(value, (int, float, bool, str)):
            raise serializers.ValidationError(_("Send one number, true or false, or a text; not a list or an object."))
        return value


class AnswerWriteSerializer(StrictInputSerializer):
    """What a client sends to save an answer (all fields of the answer; an empty value clears it)."""

    value = AnswerValueField(required=False, allow_null=True)
    not_applicable = serializers.BooleanField(required=False, default=False)
    justification = serializers.CharField(required=False, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(help_text="The version you read; a different stored version gives 409.")


ANSWER_SAVE_RESPONSES = {
    200: AnswerSerializer,
    400: OpenApiResponse(description="A field is wrong: `errors` has a message per field."),
    403: OpenApiResponse(description="Viewers read only."),
    409: OpenApiResponse(description="Saved by someone else in between (`current`), or frozen."),
}


class AssessmentSerializer(serializers.ModelSerializer):
    """An assessment of one of the user's organisations."""

    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    framework = serializers.CharField(source="framework.__str__")
    answered = serializers.IntegerField(source="answered_count", read_only=True)
    indicators = serializers.IntegerField(source="answer_count", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "level",
            "status",
            "framework",
            "is_renewal",
            "started_at",
            "submitted_at",
            "status_changed_at",
            "decided_at",
            "answered",
            "indicators",
        ]
        read_only_fields = fields


def _assessment_for(request, pk: int) -> Assessment:
    assessment = selectors.assessments_for_user(user=request.user).filter(pk=pk).first()
    if assessment is None:
        raise Http404
    return assessment


class AssessmentListView(generics.ListAPIView):
    """The assessments of the organisations the user belongs to (manager or viewer)."""

    serializer_class = AssessmentSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["level", "status"]

    def get_queryset(self):
        return selectors.assessments_for_user(user=self.request.user)


class AssessmentDetailView(APIView):
    """One assessment with all its answers and the score preview on the self-declared values."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={
            200: inline_serializer(
                "AssessmentWithAnswers",
                {
                    "assessment": AssessmentSerializer(),
                    "preview_total": serializers.CharField(allow_null=True),
                    "preview_reasons": serializers.ListField(child=serializers.CharField()),
                    "answers": AnswerSerializer(many=True),
                },
            )
        }
    )
    def get(self, request, pk: int):
        assessment = _assessment_for(request, pk)
        overview = selectors.assessment_overview(assessment=assessment)
        return Response(
            {
                "assessment": AssessmentSerializer(assessment).data,
                "preview_total": None if overview.preview.total is None else str(overview.preview.total),
                "preview_reasons": overview.preview.reasons,
                "answers": AnswerSerializer(overview.answers, many=True, context={"assessment": assessment}).data,
            }
        )


class AnswerDetailView(APIView):
    """Read one answer by indicator code, or save it (PUT/PATCH) while the assessment is a draft or the answer
    was reopened by an assessor's question."""

    permission_classes = [IsAuthenticated]

    def _answer(self, request, pk: int, code: str) -> tuple[Assessment, Answer]:
        assessment = _assessment_for(request, pk)
        answer = (
            Answer.objects.select_related("indicator", "updated_by")
            .prefetch_related("evidence")
            .filter(assessment=assessment, indicator__code=code)
            .first()
        )
        if answer is None:
            raise Http404
        answer.assessment = assessment
        return assessment, answer

    @extend_schema(responses={200: AnswerSerializer})
    def get(self, request, pk: int, code: str):
        assessment, answer = self._answer(request, pk, code)
        return Response(AnswerSerializer(answer, context={"assessment": assessment}).data)

    @extend_schema(
        request=AnswerWriteSerializer,
        responses=ANSWER_SAVE_RESPONSES,
    )
    def put(self, request, pk: int, code: str):
        return self._save(request, pk, code, partial=False)

    @extend_schema(
        request=AnswerWriteSerializer,
        responses=ANSWER_SAVE_RESPONSES,
    )
    def patch(self, request, pk: int, code: str):
        """Change only the fields sent (with the version read); the others keep their stored values."""
        return self._save(request, pk, code, partial=True)

    def _save(self, request, pk: int, code: str, *, partial: bool):
        assessment, answer = self._answer(request, pk, code)
        if not permissions.can_manage_assessment(request.user, assessment):
            return Response(
                {"detail": _("Only the organisation's managers change answers.")}, status=status.HTTP_403_FORBIDDEN
            )
        incoming = AnswerWriteSerializer(data=request.data, partial=partial)
        errors = dict(incoming.errors) if not incoming.is_valid() else {}
        if partial and "version" not in incoming.initial_data:
            errors["version"] = [_("This field is required.")]
        if errors:
            return Response({"detail": _("Invalid request."), "errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        stored = {
            "value": _value(answer),
            "not_applicable": answer.not_applicable,
            "justification": answer.justification,
            "comment": answer.comment,
        }
        data = {**stored, **incoming.validated_data} if partial else dict(incoming.validated_data)
        version = data.pop("version")
        if data.get("value") is None:
            data["value"] = ""
        try:
            answer = services.answer_save(user=request.user, answer=answer, data=data, expected_version=version)
        except services.AnswerInvalid as error:
            return Response({"detail": str(error), "errors": error.errors}, status=status.HTTP_400_BAD_REQUEST)
        except services.AnswerConflict as error:
            current = error.current
            current.assessment = assessment
            return Response(
                {
                    "detail": str(error),
                    "code": "conflict",
                    "current": AnswerSerializer(current, context={"assessment": assessment}).data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        except services.AssessmentError as error:
            return Response({"detail": str(error), "code": "frozen"}, status=status.HTTP_409_CONFLICT)
        answer = Answer.objects.select_related("indicator").prefetch_related("evidence").get(pk=answer.pk)
        return Response(AnswerSerializer(answer, context={"assessment": assessment}).data)


selfassessment_api_urlpatterns = [
    path("frameworks/<code:code>/", FrameworkDetailView.as_view(), name="api-labelling-framework-detail"),
    path("assessments/", AssessmentListView.as_view(), name="api-labelling-assessment-list"),
    path("assessments/<int:pk>/", AssessmentDetailView.as_view(), name="api-labelling-assessment-detail"),
    path(
        "assessments/<int:pk>/answers/<code:code>/",
        AnswerDetailView.as_view(),
        name="api-labelling-answer-detail",
    ),
]
