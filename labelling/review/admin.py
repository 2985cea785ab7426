"""Administration of the review side: assignments, affiliations, decisions and appeals, read-mostly.

State changes go through the pages (and their services) so every one is checked and audited; the admin lets
coordinators search, filter and correct typos in free texts, and record affiliations on an assessor's behalf.
"""

from __future__ import annotations

from django.contrib import admin

from labelling.review.models import (
    AnswerMessage,
    AnswerReview,
    Appeal,
    AssessorAffiliation,
    AssessorAssignment,
    Decision,
)
from portal.admin_helpers import ReadOnlyModelAdmin as ReadOnlyAdmin


class _ReadOnlyStateMixin:
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AssessorAssignment)
class AssessorAssignmentAdmin(_ReadOnlyStateMixin, admin.ModelAdmin):
    list_display = ("assessment", "assessor", "status", "assigned_at", "declared_no_conflict_at", "recommendation")
    list_filter = ("status", "recommendation", "assessment__level")
    search_fields = ("assessment__organisation__name", "assessor__email", "assessor__display_name")
    list_select_related = ("assessment__organisation", "assessor")
    readonly_fields = (
        "assessment",
        "assessor",
        "assigned_by",
        "assigned_at",
        "status",
        "declared_no_conflict_at",
        "declaration_text",
        "declined_at",
        "recommendation",
        "recommended_at",
    )


@admin.register(AssessorAffiliation)
class AssessorAffiliationAdmin(admin.ModelAdmin):
    list_display = ("assessor", "organisation", "relation", "ended_on", "declared_at")
    list_filter = ("relation",)
    search_fields = ("assessor__email", "assessor__display_name", "organisation__name")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("assessor",)


# What the rules computed and a departure from it are part of the record: never edited here (the decision and
# appeal services record them, and require the reason for departing).
DEPARTURE_FIELDS = ("computed_reached", "computed_reasons", "departs_from_outcome", "departure_reason")


@admin.register(Decision)
class DecisionAdmin(_ReadOnlyStateMixin, admin.ModelAdmin):
    list_display = ("assessment", "outcome", "departs_from_outcome", "decided_by", "decided_at")
    list_filter = ("outcome", "departs_from_outcome", "assessment__level")
    search_fields = ("assessment__organisation__name",)
    readonly_fields = ("assessment", "outcome", "decided_by", "decided_at", *DEPARTURE_FIELDS)


@admin.register(Appeal)
class AppealAdmin(_ReadOnlyStateMixin, admin.ModelAdmin):
    list_display = ("assessment", "status", "departs_from_outcome", "filed_at", "decided_by", "decided_at")
    list_filter = ("status", "departs_from_outcome")
    search_fields = ("assessment__organisation__name",)
    readonly_fields = ("assessment", "filed_by", "filed_at", "status", "decided_by", "decided_at", *DEPARTURE_FIELDS)


@admin.register(AnswerMessage)
class AnswerMessageAdmin(_ReadOnlyStateMixin, admin.ModelAdmin):
    list_display = ("answer", "kind", "author", "author_role", "created_at")
    list_filter = ("kind", "author_role")
    search_fields = ("body", "answer__assessment__organisation__name")
    readonly_fields = ("answer", "author", "author_role", "kind", "value_change", "created_at")


@admin.register(AnswerReview)
class AnswerReviewAdmin(ReadOnlyAdmin):
    """One assessor's verdict on one answer (Gold has two per answer)."""

    list_display = ["answer", "assignment", "verdict"]
    list_filter = ["verdict"]
    search_fields = ["answer__indicator__code", "answer__assessment__organisation__name"]
    list_select_related = ["answer__indicator", "assignment__assessor"]
