from django.contrib import admin

from club.models import (
    Announcement,
    ClubMembership,
    ContactMessage,
    DigestDelivery,
    Event,
    MemberNumberSequence,
    Registration,
    RenewalReminder,
)
from portal.admin_helpers import ReadOnlyModelAdmin


@admin.register(ClubMembership)
class ClubMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "member_number", "status", "country", "valid_until", "applied_at")
    list_filter = ("status", "country", "receives_digest", "listed_in_directory")
    search_fields = ("user__email", "user__display_name", "member_number", "organisation_name")
    raw_id_fields = ("user", "organisation", "decided_by")
    # Status changes go through the portal pages (numbering, e-mails, audit), not the admin.
    readonly_fields = ("status", "member_number", "decided_at", "decided_by", "decline_reason", "calendar_token")


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "promoted_at", "cancelled_at", "reminder_sent_at")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "starts_at", "time_zone", "audience", "capacity", "is_cancelled")
    list_filter = ("audience", "is_cancelled", "time_zone")
    search_fields = ("title", "venue")
    date_hierarchy = "starts_at"
    raw_id_fields = ("organiser", "created_by")
    inlines = [RegistrationInline]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ("title", "audience", "published_at", "author")
    list_filter = ("audience",)
    search_fields = ("title", "body")
    raw_id_fields = ("author",)


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Kept for abuse handling: who wrote to whom and when (the text stays readable only here)."""

    list_display = ("sender", "recipient", "subject", "created_at", "delivered_at")
    search_fields = ("sender__email", "recipient__email", "subject")
    raw_id_fields = ("sender", "recipient")


admin.site.register(DigestDelivery)


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyModelAdmin):
    list_display = ["event", "user", "status", "created_at", "promoted_at", "cancelled_at"]
    list_filter = ["status", "event"]
    search_fields = ["user__email", "user__display_name", "event__title"]
    list_select_related = ["event", "user"]


@admin.register(RenewalReminder)
class RenewalReminderAdmin(ReadOnlyModelAdmin):
    list_display = ["membership", "period_end", "sent_at"]
    search_fields = ["membership__user__email", "membership__member_number"]


@admin.register(MemberNumberSequence)
class MemberNumberSequenceAdmin(ReadOnlyModelAdmin):
    list_display = ["year", "last"]
