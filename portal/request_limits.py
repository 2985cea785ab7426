"""How large a request body may be, by what the URL is for.

Ordinary forms and the API take `REQUEST_BODY_MAX_BYTES`. The upload pages take the file limit their form checks
(`EVIDENCE_MAX_UPLOAD_BYTES`, `IMAGE_MAX_UPLOAD_BYTES`, `LABEL_VERIFY_MAX_UPLOAD_BYTES`) plus the ordinary allowance
for the form's other fields and the multipart framing, so a file the form accepts always gets through the cap, and
the cap's answer names the same limit as the form's message. `portal.middleware.RequestBodyLimitMiddleware` applies
them before the body is read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.functional import lazy
from django.utils.translation import gettext

MB = 1024 * 1024

# URL name -> the setting holding the largest file its form accepts
UPLOAD_URLS = {
    "labelling:evidence_upload": "EVIDENCE_MAX_UPLOAD_BYTES",
    "labelling:documents": "EVIDENCE_MAX_UPLOAD_BYTES",
    "platform_directory:create": "IMAGE_MAX_UPLOAD_BYTES",
    "platform_directory:edit": "IMAGE_MAX_UPLOAD_BYTES",
    "labelling:verify_home": "LABEL_VERIFY_MAX_UPLOAD_BYTES",
    "api-labelling-verify-file": "LABEL_VERIFY_MAX_UPLOAD_BYTES",
}
# The admin's upload fields are images (organisation logos, knowledge images).
ADMIN_UPLOAD_SETTING = "IMAGE_MAX_UPLOAD_BYTES"


@dataclass(frozen=True)
class BodyLimit:
    """What a request to one URL may send: `allowed` is what the user is told, `cap` what is actually enforced."""

    allowed: int
    cap: int

    @property
    def allowed_text(self) -> str:
        return megabytes(self.allowed)


def megabytes(size: int) -> str:
    """`size` bytes in MB as people write it: "20", "2.5"."""
    value = size / MB
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def upload_limit(setting: str) -> int:
    return int(getattr(settings, setting))


def upload_help_text(text: str, setting: str) -> str:
    """A form's help text naming the current file limit ("... at most %(size)s MB."), translated when shown."""
    return lazy(lambda: gettext(text) % {"size": megabytes(upload_limit(setting))}, str)()


def body_limit_for(path_info: str) -> BodyLimit:
    ordinary = int(settings.REQUEST_BODY_MAX_BYTES)
    try:
        match = resolve(path_info)
    except Resolver404:
        return BodyLimit(ordinary, ordinary)
    setting = UPLOAD_URLS.get(match.view_name)
    if setting is None and match.namespaces[:1] == ["admin"]:
        setting = ADMIN_UPLOAD_SETTING
    if setting is None:
        return BodyLimit(ordinary, ordinary)
    allowed = upload_limit(setting)
    return BodyLimit(allowed, allowed + ordinary)
