"""What the OpenAPI schema says about errors: the answers every API view can give besides its own.

drf-spectacular documents the success answer of each operation and the errors a view declares; the errors that
DRF and the URLconf give on their own (bad credentials, throttling, an unknown object or page, a bad filter) were
missing, so a client reading the schema could not expect them. This hook adds them, with their bodies.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A bad request names the wrong fields (`{"field": ["reason"]}`) or carries a `detail` with `errors` per field.
BAD_REQUEST_SCHEMA = {"type": "object", "additionalProperties": {}}

METHODS = {"get", "put", "patch", "post", "delete"}


def _json(schema_ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}


def _errors_of(operation: dict) -> dict[str, str]:
    """Status code -> description of the errors this operation can answer."""
    parameters = operation.get("parameters", [])
    query = {p["name"] for p in parameters if p.get("in") == "query"}
    errors = {
        "403": _(
            "Invalid credentials, not allowed, (session) a missing CSRF token, or a staff or assessor account whose "
            "session or token lacks the second factor the two-factor policy asks (the body says why and where to go)."
        ),
        "429": _("Too many requests: throttled; retry later."),
    }
    if any(p.get("in") == "path" for p in parameters) or "page" in query:
        errors["404"] = _("No such object, or no such page.")
    if query - {"page"} or "requestBody" in operation:
        errors["400"] = _("A parameter or field is wrong: the answer names it and says why.")
    else:
        # portal.middleware.RejectNulMiddleware answers any request with a NUL character anywhere, before the view
        errors["400"] = _("The request contains a NUL character.")
    if "requestBody" in operation:
        errors["413"] = _("The body is larger than the operation accepts: the answer says how large it may be.")
        errors["415"] = _("The body is in a media type the operation does not read.")
    return errors


def document_error_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: every operation documents its error answers with their bodies."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR_SCHEMA)
    schemas.setdefault("BadRequest", BAD_REQUEST_SCHEMA)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in _errors_of(operation).items():
                response = responses.setdefault(code, {"description": str(description)})
                response.setdefault("content", _json("BadRequest" if code == "400" else "Error"))
    return result
