"""The directory's filters, shared by the public page, the CSV export and the API."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from platform_directory.choices import Sector, SizeBand
from platform_directory.labels import filter_by_label_level, label_level_choices
from platform_directory.models import ClusterOrganisation, TechnologyField
from platform_directory.selectors import public_technologies
from platform_directory.services import SEARCH_CONFIG, SEARCH_CONFIG_SIMPLE
from platform_directory.widgets import FastSelect
from portal.countries import EUROPEAN_COUNTRIES

# Without a sort: relevance when searching, else name.
SORTS = [
    ("name", _("Name")),
    ("newest", _("Newest first")),
    ("size", _("Most participants first")),
]

_ORDERINGS = {
    "name": ["name", "pk"],
    "newest": ["-created_at", "-pk"],
    "size": ["-participants", "name", "pk"],
}


def _public_technologies(request=None):
    # Only technologies of public profiles: the list of choices must not reveal a profile awaiting validation.
    return public_technologies()


class OrganisationFilter(django_filters.FilterSet):
    """Search, country, sector (main or also active in), technology, size band, label level and sort order."""

    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", max_length=200, help_text=_("Name, technology or description")
    )
    country = django_filters.ChoiceFilter(label=_("Country"), choices=EUROPEAN_COUNTRIES, empty_label=_("Any country"))
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, method="filter_sector", empty_label=_("Any sector")
    )
    technology = django_filters.ModelChoiceFilter(
        label=_("Technology"),
        queryset=_public_technologies,
        to_field_name="slug",
        method="filter_technology",
        empty_label=_("Any technology"),
    )
    size = django_filters.ChoiceFilter(
        label=_("Size"), choices=SizeBand.choices, method="filter_size", empty_label=_("Any size")
    )
    label = django_filters.ChoiceFilter(
        label=_("Label level"),
        # iterated when a form or the API schema needs them, once the label area has answered (after start-up)
        choices=CallableChoiceIterator(label_level_choices),
        method="filter_label",
        empty_label=_("Any or none"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORTS,
        method="filter_sort",
        empty_label=_("Best match"),
        help_text=_("Best match: the most relevant first when searching, else by name."),
    )

    class Meta:
        model = ClusterOrganisation
        fields = ["q", "country", "sector", "technology", "size", "label", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            if name == "q":
                field.widget.attrs.setdefault("class", "form-control")
                continue
            if hasattr(field.widget, "choices"):  # the API's filters name a technology as text
                field.widget = FastSelect(attrs={"class": "form-select"}, choices=field.widget.choices)
        self.form.fields["q"].widget.input_type = "search"

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        if settings.IS_POSTGRES:
            query = SearchQuery(value, search_type="websearch", config=SEARCH_CONFIG) | SearchQuery(
                value, search_type="websearch", config=SEARCH_CONFIG_SIMPLE
            )
            return queryset.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
        through = ClusterOrganisation.technologies.through
        technology_match = through.objects.filter(
            clusterorganisation_id=OuterRef("pk"), technologyfield__name__icontains=value
        )
        return queryset.filter(
            Q(name__icontains=value)
            | Q(acronym__icontains=value)
            | Q(description__icontains=value)
            | Q(city__icontains=value)
            | Q(region_name__icontains=value)
            | Exists(technology_match)
        )

    def filter_sector(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        through = ClusterOrganisation.sectors.through
        also_active = through.objects.filter(clusterorganisation_id=OuterRef("pk"), sectortag_id=value)
        return queryset.filter(Q(main_sector=value) | Exists(also_active))

    def filter_technology(self, queryset: QuerySet, name: str, value: TechnologyField) -> QuerySet:
        through = ClusterOrganisation.technologies.through
        return queryset.filter(
            Exists(through.objects.filter(clusterorganisation_id=OuterRef("pk"), technologyfield_id=value.pk))
        )

    def filter_size(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        low, high = SizeBand.bounds(value)
        if low is not None:
            queryset = queryset.filter(participants__gte=low)
        if high is not None:
            queryset = queryset.filter(participants__lte=high)
        return queryset

    def filter_label(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Without the labelling area the filter is shown and validated but has no effect (the page says so).
        return filter_by_label_level(queryset, value)

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # applied last, in filter_queryset, so it sees the search rank

    @property
    def searching(self) -> bool:
        if not self.is_bound:
            return False
        self.form.is_valid()  # cleaned_data holds the valid values even when another one is not
        return bool((self.form.cleaned_data.get("q") or "").strip())

    @property
    def sort_applied(self) -> str:
        """The sort in force: the one asked for, else relevance when searching, else name."""
        sort = ""
        if self.is_bound:
            self.form.is_valid()
            sort = self.form.cleaned_data.get("sort") or ""
        return sort or ("relevance" if self.searching else "name")

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        sort = self.sort_applied
        if sort == "relevance":
            if settings.IS_POSTGRES:
                return queryset.order_by("-rank", "name", "pk")
            return queryset.order_by("name", "pk")
        return queryset.order_by(*_ORDERINGS[sort])

    def ignored_values(self) -> list[str]:
        """A notice for every value that was not understood (it is ignored rather than failing the page)."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        notices = []
        for field, errors in self.form.errors.items():
            label = self.filters[field].label if field in self.filters else field
            value = self.data.get(field, "")
            notices.append(
                _("%(label)s “%(value)s” was ignored: %(reason)s")
                % {"label": label, "value": str(value)[:60], "reason": " ".join(str(e) for e in errors)}
            )
        return notices
