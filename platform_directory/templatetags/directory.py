"""Template helpers of the directory: labels of key figures and a value's display."""

from decimal import Decimal

from django import template

from platform_directory.models import ClusterOrganisation

register = template.Library()


@register.filter
def figure_label(field_name: str) -> str:
    """The human name of a profile field, e.g. "management_fte" -> "management staff (FTE)"."""
    try:
        return str(ClusterOrganisation._meta.get_field(field_name).verbose_name)
    except Exception:  # noqa: BLE001 - an unknown name is shown as is
        return field_name


@register.filter
def figure_value(value) -> str:
    """A key figure for display: decimals without trailing zeros, booleans as ticks."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if value is True:
        return "✓"
    if value is False:
        return "✗"
    return "–" if value in (None, "") else str(value)


@register.simple_tag
def page_query(querystring: str, page: int) -> str:
    """The current filters plus a page number, for pagination links."""
    return f"?{querystring}&page={page}" if querystring else f"?page={page}"
