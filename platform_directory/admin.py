"""Administration of the directory: every model, with list filters, search and a validate action."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from platform_directory.models import (
    ClusterOrganisation,
    CollaborationRequest,
    Invitation,
    OrganisationMembership,
    SectorTag,
    TechnologyField,
)
from platform_directory.services import DirectoryError, organisation_search_vector_update, organisation_validate


class MembershipInline(admin.TabularInline):
    model = OrganisationMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(ClusterOrganisation)
class ClusterOrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "country",
        "main_sector",
        "participants",
        "validation_status",
        "submitted_at",
        "validated_at",
        "is_published",
    ]
    list_filter = ["validation_status", "is_published", "country", "main_sector", "website_in_english"]
    search_fields = ["name", "acronym", "slug", "city", "region_name", "nuts2_code", "contact_email"]
    readonly_fields = [
        "participants",
        "validation_status",
        "validated_at",
        "validated_by",
        "validated_figures",
        "pending_figures",
        "submitted_at",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["sectors", "technologies"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    actions = ["validate_profiles"]
    date_hierarchy = "created_at"
    list_per_page = 50
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("search_vector")

    @admin.action(description=_("Validate the selected profiles (those that meet every floor)"))
    def validate_profiles(self, request, queryset):
        validated = 0
        for organisation in queryset.order_by("pk"):
            try:
                organisation_validate(user=request.user, organisation=organisation)
            except DirectoryError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                validated += 1
        if validated:
            self.message_user(
                request,
                ngettext("%(n)d profile validated.", "%(n)d profiles validated.", validated) % {"n": validated},
                messages.SUCCESS,
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        organisation_search_vector_update(ids=[form.instance.pk])


@admin.register(SectorTag)
class SectorTagAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__"]
    search_fields = ["code"]


@admin.register(TechnologyField)
class TechnologyFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(OrganisationMembership)
class OrganisationMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role", ("accepted_at", admin.EmptyFieldListFilter), ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["token", "created_at", "accepted_at", "accepted_by"]
    autocomplete_fields = ["organisation", "invited_by"]
    list_select_related = ["organisation"]


@admin.register(CollaborationRequest)
class CollaborationRequestAdmin(admin.ModelAdmin):
    list_display = ["subject", "sender_organisation", "recipient_organisation", "status", "created_at", "responded_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["subject", "sender_organisation__name", "recipient_organisation__name", "sender__email"]
    autocomplete_fields = ["sender_organisation", "recipient_organisation", "sender", "responded_by"]
    list_select_related = ["sender_organisation", "recipient_organisation"]
    date_hierarchy = "created_at"
