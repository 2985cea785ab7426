"""The person's name, asked at sign-up (allauth's ACCOUNT_SIGNUP_FORM_CLASS) and wherever an account is made.

Other people see an account by its name only (User.public_name), so sign-up asks for one; an e-mail address typed
as a name is refused, since it would show the address the portal promises to keep private.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NAME_HELP = _("How other people in the portal see you. Your e-mail address stays private.")


def validate_person_name(value: str) -> str:
    """The name as it will be shown: single spaces; an e-mail address or an empty name is refused."""
    name = " ".join((value or "").split())
    if not name:
        raise ValidationError(_("Enter your name."), code="required")
    if "@" in name:
        raise ValidationError(_("Enter your name, not an e-mail address."), code="email_as_name")
    return name


def person_name_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        **kwargs,
    )


class SignupNameForm(forms.Form):
    """Merged by allauth into its sign-up form: the name comes first, before the address and password."""

    field_order = ["display_name", "email", "password1", "password2"]

    display_name = person_name_field()

    def clean_display_name(self) -> str:
        return validate_person_name(self.cleaned_data.get("display_name", ""))

    def signup(self, request, user) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])
