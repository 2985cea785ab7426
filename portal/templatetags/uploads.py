"""Upload limits as pages state them, read from the same settings as the forms and the body cap."""

from __future__ import annotations

from django import template

from portal.request_limits import megabytes, upload_limit

register = template.Library()

UPLOAD_SETTINGS = {
    "evidence": "EVIDENCE_MAX_UPLOAD_BYTES",
    "image": "IMAGE_MAX_UPLOAD_BYTES",
    "certificate": "LABEL_VERIFY_MAX_UPLOAD_BYTES",
}


@register.simple_tag
def upload_limit_mb(kind: str) -> str:
    """The largest file of this kind in MB ("20"): `{% upload_limit_mb "evidence" as size %}`."""
    return megabytes(upload_limit(UPLOAD_SETTINGS[kind]))
