"""API v1 for labels in the world: the public label list and detail, verification by token and by file.

Public (no login). Verification shares the page's per-IP rate limit and counts toward the managers' figure.
"""

from __future__ import annotations

import hashlib

from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from labelling.certificates import (
    converters,  # noqa: F401  (label_number, verify_token)
    selectors,
)
from labelling.certificates.forms import RegistryFilterForm, VerifyFileForm
from labelling.certificates.models import Label
from labelling.certificates.services import certificate_record_verification, verification_rate_limited
from labelling.certificates.verification_codes import InvalidCode
from portal.api_query import single_valued


class LabelSerializer(serializers.ModelSerializer):
    """A label as the public registry shows it."""

    organisation = serializers.CharField(source="organisation.name")
    organisation_slug = serializers.CharField(source="organisation.slug")
    country = serializers.CharField(source="organisation.country")
    sector = serializers.CharField(source="organisation.main_sector")
    status = serializers.SerializerMethodField()
    status_text = serializers.SerializerMethodField()
    status_since = serializers.SerializerMethodField()
    public_reason = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    badge_url = serializers.SerializerMethodField()

    class Meta:
        model = Label
        fields = [
            "number",
            "level",
            "organisation",
            "organisation_slug",
            "country",
            "sector",
            "awarded_on",
            "valid_from",
            "valid_until",
            "status",
            "status_text",
            "status_since",
            "public_reason",
            "url",
            "badge_url",
        ]
        extra_kwargs = {
            "valid_from": {"help_text": "The first valid day."},
            "valid_until": {"help_text": "The last valid day (inclusive); the label is expired from the day after."},
        }

    def _status(self, label):
        cache = self.context.setdefault("_status", {})
        if label.pk not in cache:
            cache[label.pk] = selectors.label_public_status(label)
        return cache[label.pk]

    def get_status(self, label) -> str:
        return self._status(label).code

    def get_status_text(self, label) -> str:
        return self._status(label).detail

    def get_status_since(self, label) -> str | None:
        since = self._status(label).since
        return since.isoformat() if since else None

    def get_public_reason(self, label) -> str:
        return self._status(label).reason

    def get_url(self, label) -> str:
        return self.context["request"].build_absolute_uri(reverse("labelling:label_detail", args=[label.number]))

    def get_badge_url(self, label) -> str:
        return self.context["request"].build_absolute_uri(reverse("labelling:badge", args=[label.number]))


class VerificationSerializer(serializers.Serializer):
    """The answer to a verification."""

    genuine = serializers.BooleanField()
    superseded = serializers.BooleanField(required=False)
    revision = serializers.IntegerField(required=False)
    current_revision = serializers.IntegerField(required=False)
    label = LabelSerializer(required=False)
    sha256 = serializers.CharField(required=False, help_text="The SHA-256 of the uploaded file (file checks).")
    reason = serializers.CharField(required=False, help_text="Why a file cannot be a certificate, if it cannot.")


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _check_rate(request) -> None:
    if verification_rate_limited(client_ip=_client_ip(request)):
        raise Throttled(wait=60, detail="Too many verifications from this address; wait a minute.")


def _choices(name: str) -> list[str]:
    """The values the registry form accepts for a choice filter ("" for any)."""
    return [str(value) for value, _label in RegistryFilterForm.base_fields[name].choices]


@extend_schema(
    parameters=[
        OpenApiParameter(
            "q",
            {"type": "string", "maxLength": RegistryFilterForm.base_fields["q"].max_length},
            description="Organisation, city or label number",
        ),
        OpenApiParameter("level", str, enum=_choices("level"), description="Empty: any level"),
        OpenApiParameter("country", str, enum=_choices("country"), description="ISO country code, e.g. DE"),
        OpenApiParameter("sector", str, enum=_choices("sector"), description="Main sector (industrial ecosystem)"),
        OpenApiParameter("status", str, enum=_choices("status"), description="Default: current"),
    ]
)
class LabelListAPIView(generics.ListAPIView):
    """Public label registry: current labels by default; filters as on /labels/."""

    serializer_class = LabelSerializer
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        form = RegistryFilterForm(single_valued(self.request.query_params, RegistryFilterForm.base_fields))
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        return selectors.registry_labels(**form.filters())


class LabelDetailAPIView(generics.RetrieveAPIView):
    """One label of the public registry by its number."""

    serializer_class = LabelSerializer
    permission_classes = [AllowAny]

    def get_object(self):
        label = selectors.label_by_number(self.kwargs["number"])
        if label is None:
            raise NotFound("No label has this number.")
        return label


class VerifyTokenAPIView(APIView):
    """Verify a certificate by its code (as printed, XXXX-XXXX-XXXX, in any case, with or without hyphens; O
    reads as 0, I and L as 1), by the token of a certificate issued before codes, or by its label number."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "token",
                str,
                OpenApiParameter.PATH,
                description="The verification code printed on the certificate, a former token, or the label number",
            )
        ],
        responses={
            200: VerificationSerializer,
            404: OpenApiResponse(
                description="No certificate has this code: not genuine, mistyped, or not a code at all "
                "(`detail` says which; `code` is `invalid` for a malformed one)"
            ),
            429: OpenApiResponse(description="Rate limited"),
        },
    )
    def get(self, request, token: str):
        _check_rate(request)
        try:
            match = selectors.verification_find(token)
        except InvalidCode as error:
            # No certificate can have it: 404 like any code nobody issued, with the reason a person can act on.
            return Response(
                {"detail": _("This is not a valid code: %(reason)s.") % {"reason": error}, "code": "invalid"},
                status=status.HTTP_404_NOT_FOUND,
            )
        if match is None:
            raise NotFound(_("This verification code belongs to no certificate: not genuine or mistyped."))
        data = {"genuine": True, "label": LabelSerializer(match.label, context={"request": request}).data}
        if match.certificate is not None:
            certificate_record_verification(certificate=match.certificate)
            data["current_revision"] = match.certificate.current_revision
        return Response(data)


class VerifyFileAPIView(APIView):
    """Verify a certificate PDF: its SHA-256 is compared with every certificate file the portal issued."""

    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser]

    @extend_schema(
        # The file as a file part: a FileField alone would be documented as a URI.
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary", "description": "The certificate PDF"}},
                "required": ["file"],
            }
        },
        responses={
            200: VerificationSerializer,
            400: OpenApiResponse(description="No file, or one too large to be a certificate"),
            429: OpenApiResponse(description="Rate limited"),
        },
    )
    def post(self, request):
        _check_rate(request)
        form = VerifyFileForm(files=request.FILES)
        upload = request.FILES.get("file")
        if upload is None or (form.errors and not form.has_error("file", "not_pdf")):
            return Response({"file": form.errors.get("file", [_("Upload the certificate PDF as 'file'.")])}, status=400)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        if form.has_error("file", "not_pdf"):
            # Any file can be checked; one that is not a PDF is simply none of ours.
            return Response({"genuine": False, "sha256": digest.hexdigest(), "reason": form.errors["file"][0]})
        revision = selectors.revision_by_sha256(digest.hexdigest())
        if revision is None:
            return Response({"genuine": False, "sha256": digest.hexdigest()}, status=status.HTTP_200_OK)
        certificate = revision.certificate
        certificate_record_verification(certificate=certificate)
        label = selectors.label_by_number(certificate.label.number)
        return Response(
            {
                "genuine": True,
                "sha256": digest.hexdigest(),
                "revision": revision.revision,
                "superseded": revision.superseded_at is not None,
                "current_revision": certificate.current_revision,
                "label": LabelSerializer(label, context={"request": request}).data,
            }
        )


registry_api_urlpatterns = [
    path("labels/", LabelListAPIView.as_view(), name="api-labelling-label-list"),
    path("labels/verify-file/", VerifyFileAPIView.as_view(), name="api-labelling-verify-file"),
    path("labels/verify/<verify_token:token>/", VerifyTokenAPIView.as_view(), name="api-labelling-verify"),
    path("labels/<label_number:number>/", LabelDetailAPIView.as_view(), name="api-labelling-label-detail"),
]
