"""Forms of the self-assessment pages (answers are validated by `labelling.framework.validation`, shared with the API; files by `labelling.selfassessment.uploads`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from labelling.framework.levels import Level
from labelling.selfassessment.uploads import ACCEPT_ATTRIBUTE
from portal.request_limits import upload_help_text


class StartAssessmentForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"), empty_label=None)
    level = forms.ChoiceField(choices=Level.choices, label=_("Level"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=upload_help_text(
            gettext_noop("PDF, PNG, JPEG, Word, Excel, PowerPoint or OpenDocument; at most %(size)s MB."),
            "EVIDENCE_MAX_UPLOAD_BYTES",
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE, "class": "form-control form-control-sm"}),
    )


class ImprovementForm(forms.Form):
    indicator = forms.ModelChoiceField(queryset=None, label=_("Indicator"))
    explanation = forms.CharField(
        label=_("What improved since your Bronze assessment, and how"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )

    def __init__(self, *args, indicators, bronze_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        bronze_values = bronze_values or {}
        self.fields["indicator"].queryset = indicators

        def label(indicator) -> str:
            text = f"{indicator.code} {indicator.name}"
            if indicator.code in bronze_values:
                text += " " + _("(Bronze: %(value)s)") % {"value": bronze_values[indicator.code]}
            return text

        self.fields["indicator"].label_from_instance = label
        self.fields["indicator"].widget.attrs["class"] = "form-select"
        self.fields["explanation"].widget.attrs["class"] = "form-control"
