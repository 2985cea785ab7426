"""The one renderer of label certificates: HTML template → PDF with WeasyPrint (A4 landscape), the level's colour
and emblem, and a QR code (segno) that opens the label's public verification page."""

from __future__ import annotations

import datetime
import hashlib
import logging
import math
from dataclasses import dataclass

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from labelling.certificates.verification_codes import verification_code_format
from labelling.framework.levels import LEVEL_COLOURS

# WeasyPrint logs every rendering step at INFO; one line per certificate step is noise in worker logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Real names of the levels and the colours the portal uses for them (static/css/portal.css).
LEVEL_TITLES = {
    "bronze": _("Striving for Cluster Excellence"),
    "silver": _("Dedicated to Cluster Excellence"),
    "gold": _("Proven for Cluster Excellence"),
}
LEVEL_LIGHT_COLOURS = {"bronze": "#f4e6d8", "silver": "#eceff1", "gold": "#f8efd4"}


def verification_url(token: str) -> str:
    """The absolute URL a certificate's QR code opens, with the code grouped as printed (…/verify/7K3M-Q9XD-2HNT/;
    a former token as it is)."""
    code = verification_code_format(token)
    return settings.SITE_URL.rstrip("/") + reverse("labelling:verify", kwargs={"token": code})


# The address is printed in DejaVu Sans Mono, whose every character is 0.602 em wide, so its width is known before
# rendering: on one line at the largest size up to 8 pt that fits the box; if even 6.5 pt is too large (a long
# SITE_URL), on two lines split after /verify/, never inside the host or the code.
ADDRESS_BOX_MM = 110
_MONO_ADVANCE_EM = 0.602
_MM_PER_PT = 25.4 / 72


def address_layout(url: str) -> tuple[list[str], float]:
    """The lines the verification address is printed on and their font size in points."""

    def fitting(characters: int) -> float:
        return min(8.0, ADDRESS_BOX_MM / (max(characters, 1) * _MONO_ADVANCE_EM * _MM_PER_PT))

    size = fitting(len(url))
    if size >= 6.5 or "/verify/" not in url:
        return [url], math.floor(max(size, 4.5) * 10) / 10
    split = url.rindex("/verify/") + len("/verify/")
    lines = [url[:split], url[split:]]
    return lines, math.floor(max(fitting(max(map(len, lines))), 4.5) * 10) / 10


def signatory() -> tuple[str, str]:
    """Who signs certificates (settings LABEL_SIGNATORY_NAME and LABEL_SIGNATORY_TITLE may override)."""
    return (
        getattr(settings, "LABEL_SIGNATORY_NAME", "") or str(_("Chair of the Label Board")),
        getattr(settings, "LABEL_SIGNATORY_TITLE", "") or str(_("European Cluster Excellence Label Board")),
    )


@dataclass(frozen=True)
class CertificateContent:
    """Everything printed on one certificate."""

    organisation_name: str
    organisation_place: str
    level: str
    level_name: str
    number: str
    awarded_on: datetime.date
    valid_from: datetime.date
    valid_until: datetime.date
    token: str
    revision: int
    issued_on: datetime.date


def certificate_content(*, label, token: str, revision: int, issued_on: datetime.date) -> CertificateContent:
    """The content of `label`'s certificate as of now (the organisation's current name)."""
    organisation = label.organisation
    place = ", ".join(part for part in (organisation.city, organisation.get_country_display()) if part)
    return CertificateContent(
        organisation_name=organisation.name,
        organisation_place=place,
        level=label.level,
        level_name=str(label.get_level_display()),
        number=label.number,
        awarded_on=label.awarded_on,
        valid_from=label.valid_from,
        valid_until=label.valid_until,
        token=token,
        revision=revision,
        issued_on=issued_on,
    )


def qr_svg(url: str, *, colour: str = "#1b1b1b") -> str:
    """The QR code of `url` as inline SVG (error correction M, quiet zone kept for scanners)."""
    return segno.make(url, error="m", micro=False).svg_inline(scale=4, dark=colour, border=4, omitsize=True)


def render_certificate_html(content: CertificateContent) -> str:
    url = verification_url(content.token)
    name, title = signatory()
    address_lines, address_size = address_layout(url)
    return render_to_string(
        "labelling/certificate/certificate.html",
        {
            "c": content,
            "code": verification_code_format(content.token),
            "verify_url": url,
            "address_lines": address_lines,
            "address_size": address_size,
            "qr": mark_safe(qr_svg(url)),  # segno output for our own URL: safe
            "colour": LEVEL_COLOURS.get(content.level, "#1d4e89"),
            "light": LEVEL_LIGHT_COLOURS.get(content.level, "#eef3f9"),
            "level_title": LEVEL_TITLES.get(content.level, ""),
            "signatory_name": name,
            "signatory_title": title,
        },
    )


_font_config = None


def _fonts():
    """One font configuration per process: fonts are looked up once, not for every certificate."""
    global _font_config
    if _font_config is None:
        # weasyprint loads Pango and fonts: only a PDF render pays for it
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


def render_certificate_pdf(content: CertificateContent) -> bytes:
    """Render the certificate to PDF bytes."""
    from weasyprint import HTML  # weasyprint loads Pango and fonts: only a PDF render pays for it

    html = render_certificate_html(content)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=_fonts())


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
