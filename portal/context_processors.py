from django.conf import settings

from portal import roles
from portal.navigation import MAIN, PERSONAL, items_for


def navigation(request):
    user = request.user
    return {
        "nav_main": items_for(user, MAIN),
        "nav_personal": items_for(user, PERSONAL),
        "is_coordinator": roles.is_coordinator(user),
        "SITE_URL": settings.SITE_URL,
    }
