"""Checks of uploaded files: logos are PNG, JPEG or WebP up to IMAGE_MAX_UPLOAD_BYTES (2 MB), recognised by their content."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from portal.request_limits import megabytes

LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
LOGO_MAX_PIXELS = 25_000_000


def logo_format(file) -> str:
    """The file extension matching the image's real format; raises ValidationError for anything else."""
    size = getattr(file, "size", None)
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            _("The logo is %(size).1f MB; the limit is %(limit)s MB."),
            code="too_large",
            params={"size": size / 1024 / 1024, "limit": megabytes(limit)},
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        with Image.open(file) as image:
            detected = image.format
            if image.width * image.height > LOGO_MAX_PIXELS:
                raise ValidationError(_("The logo's dimensions are too large."), code="too_many_pixels")
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The logo must be a PNG, JPEG or WebP image (SVG is not accepted)."), code="not_an_image"
        ) from error
    finally:
        if position is not None:
            file.seek(0)
    if detected not in LOGO_FORMATS:
        raise ValidationError(
            _("The logo must be a PNG, JPEG or WebP image (SVG is not accepted)."), code="wrong_format"
        )
    return LOGO_FORMATS[detected]


def validate_logo(file) -> None:
    """Model and form validator for the logo field."""
    # A file already stored was checked when it was uploaded; only new uploads are read.
    if getattr(file, "_committed", False):
        return
    logo_format(file)
