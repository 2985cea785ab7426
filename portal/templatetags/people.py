"""How templates show people: `{% visible_email person %}` gives the person's e-mail address only where
portal/privacy.py lets the viewer (the request's user) see it, else nothing; the rules are read once per request.

Names need no tag: `{{ person }}` is User.public_name, never the address.
"""

from __future__ import annotations

from django import template

from portal import privacy

register = template.Library()


@register.simple_tag(takes_context=True)
def visible_email(context, person) -> str:
    request = context.get("request")
    if request is None or person is None:
        return ""
    if not hasattr(request, "_email_visible_ids"):
        request._email_visible_ids = privacy.email_visible_ids(request.user)
    return person.email if privacy.may_see_email(request.user, person, visible_ids=request._email_visible_ids) else ""
