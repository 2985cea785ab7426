"""Forms of the club. They check input; the services decide what is allowed."""

from __future__ import annotations

import datetime
import zoneinfo

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from club.choices import LANGUAGES, Expertise, Visibility, csv_to_codes, event_time_zones
from club.models import Announcement, ClubMembership, Event
from portal import roles
from portal.countries import EUROPEAN_COUNTRIES
from portal.models import User

MAX_EXPERTISE = 6


class BootstrapMixin:
    """Bootstrap classes on every widget, and `is-invalid` on fields with errors (templates stay simple)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                field.widget_kind = "multi"
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.CheckboxInput):
                field.widget_kind = "checkbox"
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                field.widget_kind = "select"
                widget.attrs["class"] = "form-select"
            else:
                field.widget_kind = "input"
                widget.attrs["class"] = "form-control"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"


class _ProfileFields(BootstrapMixin, forms.Form):
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("The cluster organisation or body you work for."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Your organisation in the directory"),
        queryset=None,
        required=False,
        empty_label=_("(not linked)"),
        help_text=_("Only organisations whose profile you manage or view are offered."),
    )
    role = forms.CharField(label=_("Role"), max_length=120, help_text=_("Your position, e.g. cluster manager"))
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *EUROPEAN_COUNTRIES])
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"), choices=LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    expertise = forms.MultipleChoiceField(
        label=_("Areas of expertise"),
        choices=Expertise.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Up to %(n)s areas you can help peers with.") % {"n": MAX_EXPERTISE},
    )
    bio = forms.CharField(
        label=_("Short bio"), max_length=1200, widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = roles.member_organisations(user).order_by("name")
        if not self.fields["organisation"].queryset.exists():
            del self.fields["organisation"]

    def clean_expertise(self):
        value = self.cleaned_data["expertise"]
        if len(value) > MAX_EXPERTISE:
            raise forms.ValidationError(_("Choose at most %(n)s areas.") % {"n": MAX_EXPERTISE})
        return value

    def clean(self):
        data = super().clean()
        if not data.get("organisation_name") and not data.get("organisation"):
            self.add_error("organisation_name", _("Name your organisation or pick it from the directory."))
        return data

    @staticmethod
    def initial_from(membership: ClubMembership) -> dict:
        return {
            "organisation_name": membership.organisation_name,
            "organisation": membership.organisation_id,
            "role": membership.role,
            "country": membership.country,
            "languages": csv_to_codes(membership.languages),
            "expertise": csv_to_codes(membership.expertise),
            "bio": membership.bio,
        }


class ApplicationForm(_ProfileFields):
    motivation = forms.CharField(
        label=_("Why you want to join"),
        max_length=1200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what you hope to share and learn."),
    )


class ProfileForm(_ProfileFields):
    """The member's profile, who sees each field, and the contact and digest settings."""

    show_organisation = forms.ChoiceField(label=_("Organisation visible to"), choices=Visibility.choices)
    show_role = forms.ChoiceField(label=_("Role visible to"), choices=Visibility.choices)
    show_country = forms.ChoiceField(label=_("Country visible to"), choices=Visibility.choices)
    show_languages = forms.ChoiceField(label=_("Languages visible to"), choices=Visibility.choices)
    show_expertise = forms.ChoiceField(label=_("Expertise visible to"), choices=Visibility.choices)
    show_bio = forms.ChoiceField(label=_("Bio visible to"), choices=Visibility.choices)
    listed_in_directory = forms.BooleanField(label=_("List me in the member directory"), required=False)
    accepts_messages = forms.BooleanField(
        label=_("Other members may contact me through the portal (my address stays hidden)"), required=False
    )
    receives_digest = forms.BooleanField(label=_("Send me the weekly club digest"), required=False)

    SETTINGS = (
        "show_organisation",
        "show_role",
        "show_country",
        "show_languages",
        "show_expertise",
        "show_bio",
        "listed_in_directory",
        "accepts_messages",
        "receives_digest",
    )

    @classmethod
    def initial_from(cls, membership: ClubMembership) -> dict:
        return {
            **_ProfileFields.initial_from(membership),
            **{field: getattr(membership, field) for field in cls.SETTINGS},
        }


class DeclineForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ContactForm(BootstrapMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    share_email = forms.BooleanField(
        label=_("Let the member reply to my e-mail address"),
        required=False,
        help_text=_("If you leave this off, your address is not shown; the member can answer through the portal."),
    )


class DirectoryFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Name or member number"), max_length=100, required=False)
    country = forms.ChoiceField(
        label=_("Country"), choices=[("", _("any country")), *EUROPEAN_COUNTRIES], required=False
    )
    expertise = forms.ChoiceField(
        label=_("Expertise"), choices=[("", _("any area")), *Expertise.choices], required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("any language")), *LANGUAGES], required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=100, required=False)


def _local_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(BootstrapMixin, forms.Form):
    """Times are typed in the event's own time zone and stored in UTC."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))
    time_zone = forms.ChoiceField(label=_("Time zone"), initial="Europe/Brussels")
    starts_local = forms.DateTimeField(label=_("Starts (local time)"), widget=_local_widget())
    ends_local = forms.DateTimeField(label=_("Ends (local time)"), widget=_local_widget())
    deadline_local = forms.DateTimeField(
        label=_("Registration closes (local time)"),
        widget=_local_widget(),
        required=False,
        help_text=_("Empty: when the event starts."),
    )
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), max_length=500, required=False, assume_scheme="https")
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100000)
    audience = forms.ChoiceField(label=_("Open to"), choices=Event.Audience.choices, initial=Event.Audience.MEMBERS)
    organiser = forms.ModelChoiceField(
        label=_("Organiser"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("A member who sees the attendee list (coordinators always do)."),
    )

    def __init__(self, *args, event: Event | None = None, **kwargs):
        self.event = event
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": event.title,
                "description": event.description,
                "time_zone": event.time_zone,
                "starts_local": event.local_start.replace(tzinfo=None),
                "ends_local": event.local_end.replace(tzinfo=None),
                "deadline_local": event.local_deadline.replace(tzinfo=None),
                "venue": event.venue,
                "online_url": event.online_url,
                "capacity": event.capacity,
                "audience": event.audience,
                "organiser": event.organiser_id,
            }
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = event_time_zones()
        today = timezone.localdate()
        self.fields["organiser"].queryset = (
            User.objects.filter(
                Q(is_staff=True)
                | Q(club_membership__status=ClubMembership.Status.ACTIVE, club_membership__valid_until__gte=today)
            )
            .filter(is_active=True)
            .order_by("display_name", "email")
        )
        # Coordinators fill this form: they may tell people apart by address (portal/privacy.py)
        self.fields["organiser"].label_from_instance = lambda user: f"{user.public_name} <{user.email}>"

    def _aware(self, name: str, zone: zoneinfo.ZoneInfo):
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        naive = value.replace(tzinfo=None)
        aware = naive.replace(tzinfo=zone)
        # A time skipped by a clock change does not survive the round trip through UTC.
        if aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != naive:
            self.add_error(name, _("This time does not exist in %(zone)s (the clocks change).") % {"zone": zone.key})
            return None
        return aware.astimezone(datetime.UTC)

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone")
        if not zone_name:
            return data
        zone = zoneinfo.ZoneInfo(zone_name)
        starts, ends = self._aware("starts_local", zone), self._aware("ends_local", zone)
        deadline = self._aware("deadline_local", zone) if data.get("deadline_local") else starts
        if starts and ends and ends <= starts:
            self.add_error("ends_local", _("The event must end after it starts."))
        if starts and deadline and deadline > starts:
            self.add_error("deadline_local", _("Registration must close before the event starts."))
        if starts and self.event is None and starts <= timezone.now():
            self.add_error("starts_local", _("A new event must start in the future."))
        if not data.get("venue") and not data.get("online_url"):
            self.add_error("venue", _("Give a venue, an online link, or both."))
        data.update(starts_at=starts, ends_at=ends, registration_deadline=deadline)
        return data

    def event_values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "time_zone": data["time_zone"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "registration_deadline": data["registration_deadline"],
            "venue": data["venue"],
            "online_url": data["online_url"],
            "capacity": data["capacity"],
            "audience": data["audience"],
            "organiser": data["organiser"],
        }


class AnnouncementForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "body", "audience"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
