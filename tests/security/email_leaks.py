"""The e-mail leak check of the permission matrix: no answer the portal gives a persona (page, JSON, CSV, XLSX, PDF,
redirect) carries the e-mail address of anyone in the world unless portal/privacy.py lets that persona see it.

The matrix world's people have no name (as accounts made before sign-up asked for one), so a page that names a
person by falling back to their address shows up here (issue 13).
"""

from __future__ import annotations

import io
from urllib.parse import quote, unquote

from django.contrib.auth.models import AnonymousUser


def _body(response) -> str:
    content = response.streamed_body if getattr(response, "streaming", False) else response.content
    kind = response.get("Content-Type", "")
    text = ""
    if content.startswith(b"%PDF"):
        from pypdf import PdfReader

        try:
            text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
        except Exception:  # noqa: BLE001 - a stand-in PDF of the world may not parse; its raw bytes are searched
            text = ""
    elif "spreadsheetml" in kind:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True)
        text = " ".join(
            str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row if value
        )
    headers = " ".join(response.get(name, "") for name in ("Location", "Content-Disposition"))
    return " ".join((content.decode("utf-8", "replace"), text, unquote(headers))).lower()


def email_leaks(world, persona: str, response) -> list[str]:
    """The addresses in `response` that `persona` may not see, as messages for the matrix's failure report."""
    from portal import privacy
    from portal.models import User

    if not hasattr(world, "_email_rules"):
        world._email_rules = {}
        world._people = list(User.objects.values_list("pk", "email"))
    viewer = getattr(world, persona) if persona != "visitor" else AnonymousUser()
    if persona not in world._email_rules:
        world._email_rules[persona] = privacy.email_visible_ids(viewer)
    visible = world._email_rules[persona]
    body = _body(response)
    return [
        f"{persona} sees the e-mail address {email}"
        for pk, email in world._people
        if (email.lower() in body or quote(email.lower()) in body) and not (visible is None or pk in visible)
    ]
