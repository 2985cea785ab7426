"""Forms of the benchmarking area."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PeerGroupForm(forms.Form):
    """Pick the peer group whose public figures to show (only groups with enough peers are offered)."""

    group = forms.ChoiceField(label=_("Peer group"), required=False)

    def __init__(self, *args, groups: list[tuple[str, str, str, int]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(f"{kind}:{key}", f"{label} ({n})") for kind, key, label, n in groups]

    def selected(self) -> tuple[str, str]:
        value = self.cleaned_data.get("group") or "all:"
        kind, _sep, key = value.partition(":")
        return kind, key


class LearnFromUsForm(forms.Form):
    """The indicators on which the organisation agrees to be named, with its value, to peers who can learn."""

    indicators = forms.MultipleChoiceField(label=_("Indicators"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = choices
