"""Filters of the training programmes catalogue (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knowledge.forms import bootstrap_widgets
from knowledge.models import PROGRAMME_LANGUAGES, FieldOfKnowledge, ProgrammeFormat, TrainingProgramme
from portal.countries import EUROPEAN_COUNTRIES


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    topic = django_filters.ChoiceFilter(label=_("Topic"), field_name="topics__field", choices=FieldOfKnowledge.choices)
    format = django_filters.ChoiceFilter(label=_("Format"), choices=ProgrammeFormat.choices)
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=[("intl", _("International")), *EUROPEAN_COUNTRIES], method="filter_country"
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=PROGRAMME_LANGUAGES)
    max_cost = django_filters.NumberFilter(
        label=_("Cost up to (EUR)"),
        field_name="cost_eur",
        lookup_expr="lte",
        widget=forms.NumberInput(attrs={"min": 0, "step": 50}),
    )
    free = django_filters.BooleanFilter(label=_("Free only"), method="filter_free", widget=forms.CheckboxInput)

    class Meta:
        model = TrainingProgramme
        fields = ["q", "topic", "format", "country", "language", "max_cost", "free"]

    def filter_text(self, queryset, name, value):
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(provider__icontains=value) | Q(description__icontains=value)
        )

    def filter_country(self, queryset, name, value):
        return queryset.filter(country="") if value == "intl" else queryset.filter(country=value)

    def filter_free(self, queryset, name, value):
        return queryset.filter(cost_eur=0) if value else queryset

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        for field in self.form.fields.values():
            if hasattr(field, "empty_label") and field.empty_label is not None:
                field.empty_label = _("Any")
            if getattr(field, "choices", None) and field.choices and field.choices[0][0] == "":
                field.choices = [("", _("Any")), *list(field.choices)[1:]]
        bootstrap_widgets(self.form, small=True)

    @property
    def qs(self):
        return super().qs.distinct()
