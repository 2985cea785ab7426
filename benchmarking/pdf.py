"""The one renderer of benchmark report PDFs (WeasyPrint), from the same context and charts as the page."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string


def render_report_pdf(*, report, request=None) -> bytes:
    """The report as PDF bytes."""
    import weasyprint

    from benchmarking.report import report_context

    html = render_to_string("benchmarking/report_pdf.html", report_context(report), request=request)
    base_url = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()
