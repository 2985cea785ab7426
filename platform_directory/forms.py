"""Forms of the directory: the profile, co-manager invitations, validation notes and collaboration requests."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from platform_directory.choices import Sector
from platform_directory.models import ClusterOrganisation, OrganisationMembership
from platform_directory.nuts import country_uses_nuts, nuts_prefix
from platform_directory.services import MAX_TECHNOLOGIES
from platform_directory.validators import logo_format
from portal.countries import country_name
from portal.request_limits import upload_help_text


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates render `{{ field }}` as is."""

    def _style_widgets(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:  # red border on every field with an error
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


PROFILE_FIELDS = [
    "name",
    "acronym",
    "country",
    "nuts2_code",
    "region_name",
    "city",
    "website",
    "website_in_english",
    "description",
    "founding_year",
    "main_sector",
    "companies",
    "smes",
    "research_education",
    "public_bodies",
    "others",
    "management_fte",
    "contact_email",
    "logo",
    "is_published",
]


class OrganisationForm(BootstrapMixin, forms.ModelForm):
    """Every field of a directory profile, with the checks of the issue's "Bad input" list."""

    sectors = forms.MultipleChoiceField(
        label=_("Also active in"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Other industrial ecosystems the cluster works in, besides its main sector."),
    )
    technologies = forms.CharField(
        label=_("Technology fields"),
        required=False,
        max_length=1500,
        help_text=_("Comma-separated, at most 15, e.g. photonics, laser processing, quantum sensing."),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=upload_help_text(gettext_noop("PNG, JPEG or WebP, at most %(size)s MB."), "IMAGE_MAX_UPLOAD_BYTES"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    class Meta:
        model = ClusterOrganisation
        fields = PROFILE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "nuts2_code": forms.TextInput(attrs={"placeholder": "DE21", "autocapitalize": "characters"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()
        self.fields["website"].assume_scheme = "https"
        self.fields["nuts2_code"].help_text = _("e.g. DE21; Greece: EL…")
        self.fields["founding_year"].widget.attrs["max"] = timezone.localdate().year
        for name in ("companies", "smes", "research_education", "public_bodies", "others"):
            self.fields[name].widget.attrs["min"] = 0
        self.fields["management_fte"].widget.attrs.update({"min": 0, "step": "0.1"})
        if self.instance.pk:
            self.initial.setdefault("sectors", list(self.instance.sectors.values_list("code", flat=True)))
            self.initial.setdefault(
                "technologies", ", ".join(self.instance.technologies.values_list("name", flat=True))
            )

    def clean_nuts2_code(self) -> str:
        return self.cleaned_data.get("nuts2_code", "").strip().upper()

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_founding_year(self) -> int:
        year = self.cleaned_data["founding_year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("The founding year cannot be in the future."))
        return year

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            logo_format(logo)
        return logo

    def clean_technologies(self) -> list[str]:
        names = [" ".join(part.split()) for part in self.cleaned_data.get("technologies", "").split(",")]
        names = [name for name in names if name]
        if len(names) > MAX_TECHNOLOGIES:
            raise forms.ValidationError(_("At most %(n)d technology fields.") % {"n": MAX_TECHNOLOGIES})
        if any(len(name) > 80 for name in names):
            raise forms.ValidationError(_("A technology field is at most 80 characters long."))
        return names

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        name, country = data.get("name"), data.get("country")
        if name and country:
            duplicates = ClusterOrganisation.objects.filter(name__iexact=name, country=country)
            if self.instance.pk:
                duplicates = duplicates.exclude(pk=self.instance.pk)
            if duplicates.exists():
                self.add_error(
                    "name",
                    _("An organisation called “%(name)s” already exists in %(country)s.")
                    % {"name": name, "country": country_name(country)},
                )
        companies, smes = data.get("companies"), data.get("smes")
        if companies is not None and smes is not None and smes > companies:
            self.add_error(
                "smes",
                _("SMEs are companies: there cannot be more SMEs (%(smes)d) than companies (%(companies)d).")
                % {"smes": smes, "companies": companies},
            )
        code = data.get("nuts2_code", "")
        if country and "nuts2_code" not in self.errors:
            prefix = nuts_prefix(country)
            if country_uses_nuts(country):
                if not code:
                    self.add_error(
                        "nuts2_code", _("Enter the NUTS 2 code of the region, e.g. %(prefix)s21.") % {"prefix": prefix}
                    )
                elif not code.startswith(prefix):
                    self.add_error(
                        "nuts2_code",
                        _("NUTS 2 codes in %(country)s start with %(prefix)s.")
                        % {"country": country_name(country), "prefix": prefix},
                    )
            elif code:
                self.add_error(
                    "nuts2_code",
                    _("%(country)s is outside the NUTS classification: leave the code empty.")
                    % {"country": country_name(country)},
                )
        return data

    def profile_fields(self) -> dict[str, Any]:
        """The model fields to save, as the service expects them."""
        fields = {name: self.cleaned_data[name] for name in PROFILE_FIELDS if name != "logo"}
        logo = self.cleaned_data.get("logo")
        if logo is False:  # "clear" ticked
            fields["logo"] = ""
        elif logo and hasattr(logo, "content_type"):
            fields["logo"] = logo
        return fields


class InvitationForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()

    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=OrganisationMembership.Role.choices,
        initial=OrganisationMembership.Role.MANAGER,
        help_text=_("Managers edit the profile and answer requests; viewers only read."),
    )


class RequestChangesForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()

    note = forms.CharField(
        label=_("What should the managers change?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class CollaborationRequestForm(BootstrapMixin, forms.Form):
    """A partner-search request; the sender is one of the user's organisations other than the recipient."""

    sender_organisation = forms.ModelChoiceField(label=_("From"), queryset=ClusterOrganisation.objects.none())
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say who you are, what you propose and what you expect from the partner."),
    )

    def __init__(self, *args, senders, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()
        self.fields["sender_organisation"].queryset = senders
        if len(senders) == 1:
            self.fields["sender_organisation"].initial = senders[0].pk


class AnswerForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()

    message = forms.CharField(
        label=_("Message to the sender"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
