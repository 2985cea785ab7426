"""The public, read-only directory API: the list (same filters and search as the page) and one profile by slug."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from platform_directory.filters import OrganisationFilter
from platform_directory.labels import attach_current_labels, label_level_choices
from platform_directory.models import ClusterOrganisation
from platform_directory.selectors import directory_queryset
from portal.api_query import StrictFilterBackend


class OrganisationAPIFilter(OrganisationFilter):
    """The page's filters; a technology is named by its slug or by its name as the API lists it, and one that no
    published profile has finds nothing (the page offers only existing ones to choose from)."""

    technology = django_filters.CharFilter(
        method="filter_technology_named", max_length=200, help_text="Slug or name of a technology"
    )

    def filter_technology_named(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        through = ClusterOrganisation.technologies.through
        named = Q(technologyfield__slug=value) | Q(technologyfield__name__iexact=value)
        return queryset.filter(Exists(through.objects.filter(named, clusterorganisation_id=OuterRef("pk"))))


class ParticipantsSerializer(serializers.Serializer):
    total = serializers.IntegerField(source="participants")
    companies = serializers.IntegerField()
    smes = serializers.IntegerField(help_text="Of the companies, how many are SMEs.")
    research_education = serializers.IntegerField()
    public_bodies = serializers.IntegerField()
    others = serializers.IntegerField()


class CurrentLabelSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=[])  # the label area's levels, set per instance (see __init__)
    number = serializers.CharField()
    valid_until = serializers.DateField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = label_level_choices()


class OrganisationSerializer(serializers.ModelSerializer):
    """A public directory profile: validated and published, with the figures a coordinator validated."""

    country_name = serializers.CharField(read_only=True)
    main_sector_name = serializers.CharField(read_only=True)
    sectors = serializers.SerializerMethodField(help_text="Other industrial ecosystems (codes).")
    technologies = serializers.SerializerMethodField()
    participants = ParticipantsSerializer(source="*", read_only=True)
    size_band = serializers.SerializerMethodField()
    validated = serializers.BooleanField(
        source="has_validated_version",
        read_only=True,
        help_text="The figures shown were validated by a coordinator (the API lists validated profiles only).",
    )
    labels = serializers.SerializerMethodField(help_text="Quality labels that hold today, highest level first.")
    logo_url = serializers.SerializerMethodField()
    profile_url = serializers.SerializerMethodField()

    class Meta:
        model = ClusterOrganisation
        fields = [
            "slug",
            "name",
            "acronym",
            "country",
            "country_name",
            "nuts2_code",
            "region_name",
            "city",
            "website",
            "website_in_english",
            "description",
            "founding_year",
            "main_sector",
            "main_sector_name",
            "sectors",
            "technologies",
            "participants",
            "management_fte",
            "size_band",
            "validated",
            "validated_at",
            "labels",
            "logo_url",
            "profile_url",
            "created_at",
        ]
        read_only_fields = fields

    def get_sectors(self, obj) -> list[str]:
        return [sector.code for sector in obj.sectors.all()]

    def get_technologies(self, obj) -> list[str]:
        return [technology.name for technology in obj.technologies.all()]

    @extend_schema_field(CurrentLabelSerializer(many=True))
    def get_labels(self, obj) -> list[dict]:
        return CurrentLabelSerializer(getattr(obj, "current_labels", []), many=True).data

    def get_size_band(self, obj) -> str:
        return obj.size_band.value

    def get_logo_url(self, obj) -> str | None:
        if not obj.logo:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(obj.logo.url) if request else obj.logo.url

    def get_profile_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


@extend_schema_view(
    get=extend_schema(
        summary="List published cluster organisations",
        description=(
            "Published profiles of the directory, 20 a page. `q` searches names, technologies and descriptions "
            "(the most relevant first unless `sort` is given). An unknown filter value answers 400 with the reason."
        ),
        tags=["directory"],
    )
)
class OrganisationListView(generics.ListAPIView):
    serializer_class = OrganisationSerializer
    permission_classes = [AllowAny]
    filter_backends = [StrictFilterBackend]
    filterset_class = OrganisationAPIFilter

    def get_queryset(self):
        return directory_queryset()

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        attach_current_labels(page if page is not None else [])
        return page


@extend_schema_view(get=extend_schema(summary="One published cluster organisation, by slug", tags=["directory"]))
class OrganisationDetailView(generics.RetrieveAPIView):
    serializer_class = OrganisationSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"

    def get_queryset(self):
        return directory_queryset()

    def get_object(self):
        organisation = super().get_object()
        attach_current_labels([organisation])
        return organisation
