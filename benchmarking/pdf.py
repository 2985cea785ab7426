"""The one renderer of benchmark report PDFs (WeasyPrint), from the same context and charts as the page."""

from __future__ import annotations

import base64
import re

from django.conf import settings
from django.template.loader import render_to_string

from benchmarking.report import report_context

_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_SIZE = re.compile(r'\bwidth="(\d+)"[^>]*?\bheight="(\d+)"')


def _as_image(match: re.Match) -> str:
    # The same SVG as an <img>: WeasyPrint parses images with a fast XML parser instead of its HTML5 parser.
    svg = match.group(0)
    size = _SIZE.search(svg[: svg.find(">") + 1])
    attributes = f' width="{size.group(1)}" height="{size.group(2)}"' if size else ""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="chart-image" alt=""{attributes} src="data:image/svg+xml;base64,{data}">'


def render_report_pdf(*, report, request=None) -> bytes:
    """The report as PDF bytes."""
    import weasyprint  # heavy (Pango, Cairo): loaded by the processes that render a PDF, not by every page

    html = render_to_string("benchmarking/report_pdf.html", report_context(report, pdf=True), request=request)
    html = _SVG.sub(_as_image, html)
    base_url = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()
