"""Template filters for text that must stay on one line (see portal/text.py).

`{{ event.title|one_line }}` in the first line of a plain-text e-mail template (its subject): a title with a line
break would otherwise cut the subject short and push the rest into the body.
"""

from __future__ import annotations

from django import template

from portal.text import collapsed

register = template.Library()


@register.filter
def one_line(value) -> str:
    return collapsed("" if value is None else str(value))
