"""Admin for certificates, their revisions, label status changes and expiry reminders: read-only records.

Issuing, re-issuing, suspending and withdrawing go through `labelling.certificates.services` (the staff pages), so
that every change is audit-logged and shows at once in verification and badges.
"""

from __future__ import annotations

from django.contrib import admin

from labelling.certificates.models import Certificate, CertificateRevision, ExpiryReminder, Label, LabelStatusChange
from portal.admin_helpers import ReadOnlyModelAdmin as ReadOnlyAdmin


class CertificateRevisionInline(admin.TabularInline):
    model = CertificateRevision
    fields = ["revision", "organisation_name", "sha256", "size", "reason", "issued_at", "issued_by", "superseded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["label", "state", "current_revision", "issued_at", "verification_count", "last_verified_at"]
    list_filter = ["state", "label__level"]
    search_fields = ["label__number", "label__organisation__name"]
    list_select_related = ["label"]
    inlines = [CertificateRevisionInline]
    exclude = ["token"]


@admin.register(CertificateRevision)
class CertificateRevisionAdmin(ReadOnlyAdmin):
    list_display = ["certificate", "revision", "organisation_name", "issued_at", "superseded_at"]
    search_fields = ["certificate__label__number", "organisation_name", "sha256"]
    list_select_related = ["certificate__label"]
    exclude = ["file"]


@admin.register(LabelStatusChange)
class LabelStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["label", "from_status", "to_status", "effective_on", "changed_by", "changed_at"]
    list_filter = ["to_status"]
    search_fields = ["label__number", "public_reason"]
    list_select_related = ["label", "changed_by"]


@admin.register(ExpiryReminder)
class ExpiryReminderAdmin(ReadOnlyAdmin):
    list_display = ["label", "days_before", "created_at", "sent_at", "recipients"]
    list_filter = ["days_before"]
    search_fields = ["label__number"]
    list_select_related = ["label"]


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    """Labels are created by the award service; status changes (suspend, withdraw) go through their services."""

    list_display = ["number", "organisation", "level", "status", "awarded_on", "valid_from", "valid_until"]
    list_filter = ["level", "status"]
    search_fields = ["number", "organisation__name"]
    list_select_related = ["organisation"]
    date_hierarchy = "awarded_on"
    readonly_fields = [
        "organisation",
        "level",
        "number",
        "assessment",
        "awarded_on",
        "valid_from",
        "valid_until",
        "status",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
