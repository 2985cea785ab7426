"""Query parameters of the API, read the way the schema declares them.

A view describes its query parameters once, as a DRF serializer: drf-spectacular turns it into the schema's
parameters (types, enums, bounds) and `query_params()` validates a request with it, so that what the schema
promises and what the view accepts cannot drift apart. A malformed value, or a parameter given twice, answers 400
with the reason under the parameter's name; parameters the view does not declare are ignored.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

GIVE_ONCE = _("Give this parameter once.")


def query_params(request, serializer_class: type[serializers.Serializer]) -> dict:
    """The validated query parameters `serializer_class` declares; raises ValidationError (400) naming each wrong
    one."""
    fields = serializer_class().fields
    data, errors = {}, {}
    for name in fields:
        values = request.query_params.getlist(name)
        if len(values) > 1:
            errors[name] = [GIVE_ONCE]
        elif values:
            data[name] = values[0]
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        errors.update(serializer.errors)
    if errors:
        raise ValidationError(errors)
    return serializer.validated_data


def single_valued(query, names) -> dict[str, str]:
    """The query parameters among `names`, each given at most once (a form reads them from this); raises
    ValidationError (400) naming any given twice."""
    repeated = {name: [GIVE_ONCE] for name in names if len(query.getlist(name)) > 1}
    if repeated:
        raise ValidationError(repeated)
    return {name: query[name] for name in names if name in query}


class StrictPageNumberPagination(PageNumberPagination):
    """Page numbers as the schema declares them: a whole number from 1, given once (400 otherwise, naming `page`);
    a page past the last answers 404."""

    def get_page_number(self, request, paginator):
        values = request.query_params.getlist(self.page_query_param)
        if not values:
            return 1
        if len(values) > 1:
            raise ValidationError({self.page_query_param: [GIVE_ONCE]})
        value = values[0]
        if not (value.isascii() and value.isdigit() and int(value) >= 1):
            raise ValidationError({self.page_query_param: [_("A whole number from 1.")]})
        return value

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter as the API's filter backend, with each filter given at most once (400 naming it otherwise):
    a filter's form reads only the last of repeated values, which would hide a wrong first one."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            single_valued(request.query_params, list(filterset_class.base_filters))
        return kwargs


UNKNOWN_FIELD = _("This field is not known here.")


class StrictInputSerializer(serializers.Serializer):
    """A request body that may hold only the fields the schema declares (its components say
    `additionalProperties: false`, portal/api_schema.py): an unknown field answers 400 naming it, rather than being
    dropped in silence, so a misspelt field name cannot look like a saved change."""

    def to_internal_value(self, data):
        unknown = sorted(set(getattr(data, "keys", lambda: [])()) - set(self.fields))
        if unknown:
            raise ValidationError({name: [UNKNOWN_FIELD] for name in unknown})
        return super().to_internal_value(data)
