"""Forms of the review and decision pages. Values are checked again by the services; ids never come from the
client unchecked (choices are built from what the user may pick)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from labelling.review.models import AssessorAffiliation, AssessorAssignment
from labelling.review.services.decisions import DEPARTURE_REASON_MIN_LENGTH
from platform_directory.models import ClusterOrganisation

TEXTAREA = forms.Textarea(attrs={"rows": 3, "class": "form-control"})


class DeclarationForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have read the statement above and declare that I have no conflict of interest."),
        error_messages={"required": _("Tick the statement to declare that you have no conflict of interest.")},
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you decline?"),
        max_length=2000,
        widget=TEXTAREA,
        help_text=_("For example a conflict of interest, or no time before the deadline. The coordinators read it."),
    )


class CorrectForm(forms.Form):
    value = forms.CharField(label=_("Corrected value"), max_length=40)
    reason = forms.CharField(label=_("Reason"), max_length=4000, widget=TEXTAREA)


class QuestionForm(forms.Form):
    body = forms.CharField(label=_("Question to the managers"), max_length=4000, widget=TEXTAREA)


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), max_length=4000, widget=TEXTAREA)
    value = forms.CharField(
        label=_("New value (optional)"), max_length=40, required=False, help_text=_("Leave empty to keep the value.")
    )
    not_applicable = forms.BooleanField(label=_("Not applicable"), required=False)
    justification = forms.CharField(label=_("Why not applicable"), max_length=4000, required=False, widget=TEXTAREA)


class RecommendForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=AssessorAssignment.Recommendation.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(
        label=_("Summary for the coordinators"),
        min_length=20,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        help_text=_("What you checked, the main corrections and why you recommend this outcome."),
    )


class AssignForm(forms.Form):
    """Pick assessors among the eligible candidates only."""

    assessors = forms.MultipleChoiceField(label=_("Assessors"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(c.user.pk): c for c in candidates if c.eligible}
        self.fields["assessors"].choices = [(pk, str(c.user)) for pk, c in self.candidates.items()]

    def selected_users(self):
        return [self.candidates[pk].user for pk in self.cleaned_data["assessors"]]


class _DepartureFormMixin:
    """A decision that departs from what the label rules computed needs a written reason (checked again by the
    service). `reached` is the computed outcome; `award_value` the choice that awards the label."""

    award_value = "award"

    def _init_departure(self, reached: bool | None, computed: str = ""):
        self.reached = reached
        self.computed = computed

    def departs(self, choice: str) -> bool:
        return self.reached is not None and (choice == self.award_value) != self.reached

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("outcome")
        reason = (cleaned.get("departure_reason") or "").strip()
        cleaned["departure_reason"] = reason
        if choice and self.departs(choice) and len(reason) < DEPARTURE_REASON_MIN_LENGTH:
            message = (
                _(
                    "The rules say: %(computed)s. Awarding the label departs from this computed outcome: write why "
                    "(at least a few words)."
                )
                if choice == self.award_value
                else _(
                    "The rules say: %(computed)s. Refusing the label departs from this computed outcome: write why "
                    "(at least a few words)."
                )
            )
            self.add_error("departure_reason", message % {"computed": self.computed})
        return cleaned


def _departure_field():
    return forms.CharField(
        label=_("Reason for departing from the computed outcome"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_(
            "Needed only when your decision differs from what the label rules computed (awarding a level not "
            "reached, or refusing one that is reached). It is recorded, shown with the decision to the managers "
            "and to whoever decides an appeal, and kept in the audit log."
        ),
    )


class DecisionForm(_DepartureFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[("award", _("Award the label")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons (sent to the managers)"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
    )
    departure_reason = _departure_field()

    def __init__(self, *args, reached: bool | None = None, computed: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._init_departure(reached, computed)


class AppealForm(forms.Form):
    reasons = forms.CharField(
        label=_("Grounds of your appeal"),
        min_length=20,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control"}),
        help_text=_("Which part of the decision you contest and why; refer to indicators and evidence."),
    )


class AppealDecisionForm(_DepartureFormMixin, forms.Form):
    award_value = "uphold"

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("uphold", _("Uphold: award the label")), ("dismiss", _("Dismiss: the rejection stands"))],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons (sent to the managers)"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
    )
    departure_reason = _departure_field()

    def __init__(self, *args, reached: bool | None = None, computed: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._init_departure(reached, computed)


class AffiliationForm(forms.Form):
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, help_text=_("Its exact name or its directory address (slug).")
    )
    relation = forms.ChoiceField(label=_("Tie"), choices=AssessorAffiliation.Relation.choices)
    ended_on = forms.DateField(
        label=_("Ended on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty if it still lasts."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean_organisation(self):
        text = self.cleaned_data["organisation"].strip()
        slug = text.rstrip("/").rsplit("/", 1)[-1]
        matches = list(ClusterOrganisation.objects.filter(Q(name__iexact=text) | Q(slug=slug))[:2])
        if not matches:
            raise forms.ValidationError(_("No organisation of the directory has this name or address."))
        if len(matches) > 1:
            raise forms.ValidationError(_("Several organisations match: give the directory address instead."))
        return matches[0]
