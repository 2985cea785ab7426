"""Forms of the public label registry, verification and the coordinators' status changes."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from labelling.certificates.models import Label
from labelling.certificates.verification_codes import MAX_INPUT_LENGTH, InvalidCode, verification_code_parse
from labelling.framework.levels import Level
from platform_directory.choices import Sector
from portal.countries import EUROPEAN_COUNTRIES
from portal.request_limits import megabytes, upload_help_text

# Certificates are about 100 KB; anything far larger is not one of ours.

STATUS_FILTERS = [
    ("current", _("Current labels")),
    ("all", _("All, including past labels")),
    *Label.Status.choices,
]


class RegistryFilterForm(forms.Form):
    """Search and filters of the public registry (every field optional; bad values are reported and ignored)."""

    q = forms.CharField(
        label=_("Search"), required=False, max_length=100, help_text=_("Organisation, city or label number")
    )
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("Any level")), *Level.choices])
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("Any country")), *EUROPEAN_COUNTRIES]
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[("", _("Any sector")), *Sector.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_FILTERS)

    def filters(self) -> dict:
        """The valid filters; invalid ones fall back to their default."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q", ""),
            "level": data.get("level", ""),
            "country": data.get("country", ""),
            "sector": data.get("sector", ""),
            "status": data.get("status") or "current",
        }


class VerificationCodeField(forms.Field):
    """A verification code as typed or pasted (`labelling.certificates.verification_codes`); cleans to the value the
    verification address carries, or refuses with "This is not a valid code: <why>". A plain Field, not a
    CharField: a NUL character or an overlong paste is answered like any other malformed code."""

    widget = forms.TextInput

    def to_python(self, value) -> str:
        if value in self.empty_values or not str(value).strip():
            return ""
        try:
            return verification_code_parse(str(value)).display
        except InvalidCode as error:
            raise forms.ValidationError(
                _("This is not a valid code: %(reason)s.") % {"reason": error}, code="invalid"
            ) from None

    def widget_attrs(self, widget) -> dict:
        return {
            **super().widget_attrs(widget),
            "maxlength": str(MAX_INPUT_LENGTH),
            "autocomplete": "off",
            "autocapitalize": "characters",
            "spellcheck": "false",
        }


class VerifyTokenForm(forms.Form):
    """The code printed on a certificate, typed in by hand (or its address pasted, or its label number)."""

    token = VerificationCodeField(
        label=_("Verification code"),
        help_text=_(
            "The code printed on the certificate (XXXX-XXXX-XXXX), the whole address printed under the QR code, "
            "or the label number."
        ),
    )


class VerifyFileForm(forms.Form):
    """Upload a certificate PDF to check it is genuine."""

    file = forms.FileField(
        label=_("Certificate file (PDF)"),
        help_text=upload_help_text(
            gettext_noop("The PDF as you received it, at most %(size)s MB."), "LABEL_VERIFY_MAX_UPLOAD_BYTES"
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.LABEL_VERIFY_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB): certificates are under %(limit)s MB, so it is not one of ours.")
                % {"size": round(upload.size / 1048576, 1), "limit": megabytes(limit)},
                code="too_large",
            )
        upload.seek(0)
        head = upload.read(1024)
        upload.seek(0)
        if b"%PDF-" not in head:
            raise forms.ValidationError(
                _("This file is not a PDF. Upload the certificate's PDF file as you received it."),
                code="not_pdf",
            )
        return upload


class StatusChangeForm(forms.Form):
    """A coordinator's suspension, reinstatement or withdrawal."""

    public_reason = forms.CharField(
        label=_("Public reason"),
        max_length=500,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown on the registry and to anyone who verifies the label."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit log; not shown publicly."),
    )


class ReissueForm(forms.Form):
    """Re-issue the certificate (a new revision with the same number)."""

    reason = forms.CharField(
        label=_("Reason"), max_length=300, help_text=_("For example: the organisation's new name.")
    )
    expected_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
