"""Admin building blocks shared by the areas."""

from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Records that only the portal's services write (progress, attempts, reminders, sequences): coordinators
    read them in the admin, nobody edits them there."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
