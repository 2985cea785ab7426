from django.conf import settings

from portal import registry, roles
from portal.navigation import items_for


def navigation(request):
    user = request.user
    return {
        "nav_main": items_for(user, registry.main_links),
        "nav_personal": items_for(user, registry.personal_links),
        "is_coordinator": roles.is_coordinator(user),  # also who opens the administration (the admin's own rule)
        "SITE_URL": settings.SITE_URL,
    }
