"""Admin of the labelling app. Frameworks: a published version is read-only; "copy as new version" makes an
editable draft and "publish" freezes it. Assessments, answers, evidence and labels are shown for coordinators.

(Review, decision and appeal models register in the block at the end, labelling part B.)
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from labelling.framework import services as framework_services
from labelling.models import (
    Answer,
    Assessment,
    Dimension,
    EvidenceDocument,
    Framework,
    ImprovementDeclaration,
    Indicator,
)


class _ReadOnlyWhenPublished:
    """Everything read-only once the framework (of the object or its parent) is published."""

    def _framework_of(self, obj):
        return obj if isinstance(obj, Framework) else getattr(obj, "framework", None)

    def has_change_permission(self, request, obj=None):
        framework = self._framework_of(obj) if obj is not None else None
        if framework is not None and framework.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        framework = self._framework_of(obj) if obj is not None else None
        if framework is not None and framework.is_published:
            return False
        return super().has_delete_permission(request, obj)


class DimensionInline(_ReadOnlyWhenPublished, admin.TabularInline):
    model = Dimension
    extra = 0
    fields = ["number", "name", "description"]

    def has_add_permission(self, request, obj=None):
        return not (obj is not None and obj.is_published) and super().has_add_permission(request, obj)


@admin.register(Framework)
class FrameworkAdmin(_ReadOnlyWhenPublished, admin.ModelAdmin):
    list_display = ["code", "version", "title", "published_at", "indicator_count", "assessment_count"]
    list_filter = ["code", ("published_at", admin.EmptyFieldListFilter)]
    search_fields = ["code", "title"]
    readonly_fields = ["published_at", "created_at"]
    inlines = [DimensionInline]
    actions = ["copy_as_new_version", "publish"]

    @admin.display(description=_("indicators"))
    def indicator_count(self, obj):
        return obj.indicators.count()

    @admin.display(description=_("assessments"))
    def assessment_count(self, obj):
        return obj.assessments.count()

    @admin.action(description=_("Copy as new version (an editable draft)"))
    def copy_as_new_version(self, request, queryset):
        for framework in queryset:
            copy = framework_services.framework_copy_as_new_version(user=request.user, framework=framework)
            self.message_user(request, _("%(copy)s created as a draft.") % {"copy": copy}, messages.SUCCESS)

    @admin.action(description=_("Publish (freezes the version; new assessments use it)"))
    def publish(self, request, queryset):
        for framework in queryset:
            try:
                framework_services.framework_publish(user=request.user, framework=framework)
            except framework_services.FrameworkError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, _("%(f)s published.") % {"f": framework}, messages.SUCCESS)


@admin.register(Indicator)
class IndicatorAdmin(_ReadOnlyWhenPublished, admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "framework",
        "kind",
        "direction",
        "green_threshold",
        "yellow_threshold",
        "in_bronze",
        "in_silver",
        "in_gold",
        "is_minimum_requirement",
        "weight",
    ]
    list_filter = ["framework", "kind", "in_gold", "in_silver", "is_minimum_requirement", "evidence_required"]
    search_fields = ["code", "name"]
    list_select_related = ["framework"]
    ordering = ["framework", "position"]
    fieldsets = [
        (None, {"fields": ["dimension", "code", "position", "name", "kind", "unit", "direction"]}),
        (_("Colours"), {"fields": ["green_threshold", "yellow_threshold", "choices"]}),
        (
            _("Levels and rules"),
            {
                "fields": [
                    "in_bronze",
                    "in_silver",
                    "in_gold",
                    "is_minimum_requirement",
                    "weight",
                    "evidence_required",
                    "min_value",
                    "max_value",
                ]
            },
        ),
        (_("Guidance"), {"fields": ["guidance_manager", "guidance_assessor"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "dimension":
            kwargs["queryset"] = Dimension.objects.filter(framework__published_at__isnull=True).select_related(
                "framework"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    can_delete = False
    fields = ["indicator", "value_number", "value_bool", "value_choice", "not_applicable", "review_state", "version"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Read-only: assessments change through the portal's pages, where every step is checked and logged."""

    list_display = ["organisation", "level", "status", "framework", "is_renewal", "started_at", "submitted_at"]
    list_filter = ["level", "status", "is_renewal", "framework"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "framework"]
    date_hierarchy = "started_at"
    inlines = [AnswerInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EvidenceDocument)
class EvidenceDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "organisation", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["content_type"]
    search_fields = ["original_name", "organisation__name", "sha256"]
    list_select_related = ["organisation", "uploaded_by"]
    readonly_fields = [
        "organisation",
        "file",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(ImprovementDeclaration)
class ImprovementDeclarationAdmin(admin.ModelAdmin):
    list_display = ["assessment", "indicator", "created_at"]
    list_select_related = ["assessment__organisation", "indicator"]
    readonly_fields = ["assessment", "indicator", "explanation", "created_at"]

    def has_add_permission(self, request):
        return False


from labelling.certificates import admin as certificates_admin  # noqa: E402, F401  (certificates, status, reminders)
from labelling.review import admin as admin_review  # noqa: E402, F401  (after the models' admins: review side)
