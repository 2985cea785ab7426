"""What the OpenAPI schema says about errors: the answers every API view can give besides its own.

drf-spectacular documents the success answer of each operation and the errors a view declares; the errors that
DRF and the URLconf give on their own (bad credentials, throttling, an unknown object or page, a bad filter) were
missing, so a client reading the schema could not expect them. This hook adds them, with their bodies.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.negotiation import DefaultContentNegotiation

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A bad request names the wrong fields (`{"field": ["reason"]}`) or carries a `detail` with `errors` per field.
BAD_REQUEST_SCHEMA = {"type": "object", "additionalProperties": {}}

METHODS = {"get", "put", "patch", "post", "delete"}
# A NUL character is refused (400) in any parameter: PostgreSQL cannot store or compare it.
NO_NUL_PATTERN = "^[^\\u0000]*$"


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
    if query or "requestBody" in operation:
        errors["400"] = _(
            "A parameter or field is wrong (a NUL character in any of them included): the answer names it and says why."
        )
    else:
        # portal.middleware.RejectNulMiddleware answers any request with a NUL character anywhere, before the view
        errors["400"] = _("The request contains a NUL character.")
    if "requestBody" in operation:
        errors["413"] = _("The body is larger than the operation accepts: the answer says how large it may be.")
        errors["415"] = _("The body is in a media type the operation does not read.")
    return errors


def _declare_no_nul(operation: dict) -> None:
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        if schema.get("type") == "string" and not {"enum", "pattern", "format"} & set(schema):
            schema["pattern"] = NO_NUL_PATTERN


def _patches_keep_the_version(schemas: dict) -> None:
    """A PATCH sends only the fields it changes, but still the version it read (an edit conflict is 409)."""
    for name, component in schemas.items():
        full = schemas.get(name.removeprefix("Patched"), {})
        if name.startswith("Patched") and "version" in full.get("required", []):
            component["required"] = sorted({*component.get("required", []), "version"})


def _request_bodies_strict(result: dict, schemas: dict) -> None:
    """A request body holds only its declared fields (portal.api_query.StrictInputSerializer answers 400 to others)
    and its text no NUL character (the front door answers 400)."""
    names = set()
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            for media in operation.get("requestBody", {}).get("content", {}).values():
                ref = media.get("schema", {}).get("$ref", "")
                if ref.startswith("#/components/schemas/"):
                    names.add(ref.rsplit("/", 1)[1])
    for name in names:
        component = schemas.get(name, {})
        component["additionalProperties"] = False
        for field in component.get("properties", {}).values():
            if field.get("type") == "string" and not {"enum", "pattern", "format"} & set(field):
                field["pattern"] = NO_NUL_PATTERN


def document_error_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: every operation documents its error answers with their bodies."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR_SCHEMA)
    schemas.setdefault("BadRequest", BAD_REQUEST_SCHEMA)
    _patches_keep_the_version(schemas)
    _request_bodies_strict(result, schemas)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            _declare_no_nul(operation)
            responses = operation.setdefault("responses", {})
            for code, description in _errors_of(operation).items():
                response = responses.setdefault(code, {"description": str(description)})
                response.setdefault("content", _json("BadRequest" if code == "400" else "Error"))
    return result


class SchemaFormatNegotiation(DefaultContentNegotiation):
    """The schema keeps `?format=json` (drf-spectacular's convention), which the API's endpoints no longer read:
    there `format` is an ordinary parameter (the programmes' filter)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return super().select_renderer(request, renderers, format_suffix or request.query_params.get("format"))
