"""Forms of the knowledge area: the quiz, programme proposals and their review."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge.models import FieldOfKnowledge, QuizQuestion, TrainingProgramme


def bootstrap_widgets(form: forms.BaseForm, *, small: bool = False) -> None:
    """Give each widget its Bootstrap class (select, check box, text input)."""
    size = " form-control-sm" if small else ""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select" + (" form-select-sm" if small else ""))
        else:
            widget.attrs.setdefault("class", "form-control" + size)


class QuizForm(forms.Form):
    """One field per question: radio buttons when one option is right, check boxes when several are."""

    def __init__(self, *args, questions: list[QuizQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            options = list(question.options.all())
            choices = [(str(option.pk), option.text) for option in options]
            several = sum(1 for option in options if option.is_correct) > 1
            name = f"q{question.pk}"
            if several:
                self.fields[name] = forms.MultipleChoiceField(
                    label=question.text,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                    help_text=_("Select all that apply."),
                )
            else:
                self.fields[name] = forms.ChoiceField(
                    label=question.text, choices=choices, widget=forms.RadioSelect, required=False
                )
            self.fields[name].question = question
        bootstrap_widgets(self)

    def clean(self):
        cleaned = super().clean()
        unanswered = [q for q in self.questions if not cleaned.get(f"q{q.pk}")]
        if unanswered:
            raise forms.ValidationError(
                _("Please answer every question (%(count)s left).") % {"count": len(unanswered)}
            )
        return cleaned

    def answers(self) -> dict[int, list[int]]:
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}") or []
            values = value if isinstance(value, list) else [value]
            result[question.pk] = [int(v) for v in values]
        return result

    def bound_questions(self):
        return [(self[f"q{q.pk}"], q) for q in self.questions]


class ProgrammeProposalForm(forms.ModelForm):
    """What a user tells us about a training programme they propose for the catalogue."""

    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=FieldOfKnowledge.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The fields of cluster management it covers."),
    )

    class Meta:
        model = TrainingProgramme
        fields = [
            "title",
            "provider",
            "description",
            "url",
            "country",
            "language",
            "format",
            "duration",
            "duration_hours",
            "cost_eur",
            "cost_note",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [
            ("", _("International (no single country)")),
            *self.fields["country"].choices[1:],
        ]
        bootstrap_widgets(self)

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("Please give a web address starting with https://."))
        return url

    def clean(self):
        cleaned = super().clean()
        title, provider = cleaned.get("title"), cleaned.get("provider")
        if (
            title
            and provider
            and TrainingProgramme.objects.filter(title__iexact=title, provider__iexact=provider).exists()
        ):
            raise forms.ValidationError(_("This programme is already in the catalogue or waiting for review."))
        return cleaned

    def programme_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ProgrammeReviewForm(forms.Form):
    """A coordinator approves or rejects a proposed programme."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note to the proposer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when rejecting."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Please give a reason, so the person who proposed it understands."))
        return cleaned
