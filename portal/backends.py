"""Coordinators (active staff users) may work with every record of the portal's areas in the admin.

Django's admin asks for model permissions; rather than keeping a group's permission list in step with every new
model, staff hold them all for the portal's own areas. Accounts are the exception: only superusers add, change or
delete users, so a coordinator cannot make themselves a superuser.
"""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

AREAS = frozenset({"portal", "platform_directory", "labelling", "benchmarking", "knowledge", "club", "survey"})
SUPERUSER_ONLY = frozenset({"portal.add_user", "portal.change_user", "portal.delete_user"})


class CoordinatorPermissionBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        if not (user_obj.is_active and user_obj.is_staff) or perm in SUPERUSER_ONLY:
            return False
        return perm.split(".", 1)[0] in AREAS

    def has_module_perms(self, user_obj, app_label) -> bool:
        return bool(user_obj.is_active and user_obj.is_staff and app_label in AREAS)
