"""Checking the evidence files managers upload before anything is stored: `detect_file_type` tells a file's type
from its content (magic bytes; for zip-based office files the inner structure), never from its name."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from portal.request_limits import megabytes

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"

EXTENSIONS = {
    PDF: {"pdf"},
    PNG: {"png"},
    JPEG: {"jpg", "jpeg"},
    DOCX: {"docx"},
    XLSX: {"xlsx"},
    PPTX: {"pptx"},
    ODT: {"odt"},
    ODS: {"ods"},
    ODP: {"odp"},
}
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for exts in EXTENSIONS.values() for ext in sorted(exts))
_OOXML_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml", PPTX: "ppt/presentation.xml"}
_MAX_ZIP_ENTRIES = 5000
_MAX_ZIP_UNCOMPRESSED = 500 * 1024 * 1024


class FileRejected(ValueError):
    """The upload is not an accepted evidence file; the message says why."""


def detect_file_type(fileobj) -> str | None:
    """The MIME type of an accepted evidence file read from its content, or None if it is none of them."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            return _office_type(fileobj)
        finally:
            fileobj.seek(0)
    return None


def _office_type(fileobj) -> str | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            if len(infos) > _MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > _MAX_ZIP_UNCOMPRESSED:
                return None
            names = {info.filename for info in infos}
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype in (ODT, ODS, ODP) and "content.xml" in names:
                    return mimetype
                return None
            if "[Content_Types].xml" not in names:
                return None
            for mime, part in _OOXML_PARTS.items():
                if part in names:
                    return mime
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
    return None


def check_upload(upload) -> str:
    """The detected content type of an acceptable upload; raises FileRejected with the reason otherwise."""
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise FileRejected(_("The file is empty."))
    if size > settings.EVIDENCE_MAX_UPLOAD_BYTES:
        raise FileRejected(
            _("The file is %(size)s MB; at most %(limit)s MB are accepted.")
            % {"size": f"{size / 1024 / 1024:.1f}", "limit": megabytes(settings.EVIDENCE_MAX_UPLOAD_BYTES)}
        )
    content_type = detect_file_type(upload)
    if content_type is None:
        raise FileRejected(
            _("This file is not a PDF, PNG or JPEG image, or Word, Excel, PowerPoint or OpenDocument file.")
        )
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS[content_type]:
        raise FileRejected(
            _("The file's content is %(kind)s but its name ends in “.%(ext)s”: rename it and try again.")
            % {"kind": sorted(EXTENSIONS[content_type])[0].upper(), "ext": extension}
        )
    return content_type
