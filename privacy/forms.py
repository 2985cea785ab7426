from django import forms
from django.utils.translation import gettext_lazy as _


class NameForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("Shown to the people you work with in the portal, instead of your e-mail address."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "name"}),
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be deleted, and that this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm that you want to delete your account.")},
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
