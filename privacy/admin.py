"""Deleting an account in the admin erases the person as the self-service deletion does (privacy.services): personal
records go, the records of organisations and of the label process stay without them. The portal's user admin
(portal/admin.py) is registered again here with that deletion (privacy comes after portal in INSTALLED_APPS, so its
admin module is loaded after the portal's)."""

from django.contrib import admin

from portal.admin import UserAdmin
from portal.models import User
from privacy.services import account_erase


class ErasingUserAdmin(UserAdmin):
    def get_deleted_objects(self, objs, request):
        # A person's read-only records (quiz attempts, reminders...) go with them: an administrator who may delete
        # accounts needs no permission to delete those one by one.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set() if self.has_delete_permission(request) else perms_needed, protected

    def delete_model(self, request, obj):
        account_erase(user=obj, administrator=request.user)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            account_erase(user=user, administrator=request.user)


admin.site.unregister(User)
admin.site.register(User, ErasingUserAdmin)
