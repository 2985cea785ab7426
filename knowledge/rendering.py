"""Markdown to safe HTML: lessons and cases are written in Markdown and sanitised with nh3 before display."""

from __future__ import annotations

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "img", "kbd", "li", "ol", "p", "pre", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align", "scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    """Keep only harmless tags and attributes; scripts, styles, event handlers and javascript: URLs go."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(text: str) -> SafeString:
    """Markdown (with tables, footnotes and definition lists) rendered and sanitised, safe to put in a page."""
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    html = sanitise_html(html)
    # Images fit the column and load lazily; added after sanitising so authors cannot add other attributes.
    html = html.replace("<img ", '<img class="img-fluid rounded" loading="lazy" ')
    html = html.replace("<table>", '<table class="table table-sm table-bordered">')
    return mark_safe(html)
