"""Forms of the survey builder, the invitations page and the answer pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from platform_directory.choices import Sector
from portal.countries import EUROPEAN_COUNTRIES
from survey.models import RATING_VALUES, Question, Section, Survey
from survey.services import OptionSpec, options_validate
from survey.structure import SectionNode

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MAX_SHORT_TEXT = 300
MAX_LONG_TEXT = 5000
MAX_ADDRESSES = 2000


class BootstrapMixin:
    """Bootstrap classes on the widgets, and aria-invalid on fields with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                widget.attrs.setdefault("class", "form-control")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                css = self.fields[name].widget.attrs.get("class", "")
                self.fields[name].widget.attrs["class"] = f"{css} is-invalid".strip()
                self.fields[name].widget.attrs["aria-invalid"] = "true"


class SurveyForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "slug", "introduction", "audience", "is_anonymous", "opens_at", "closes_at"]
        widgets = {
            "opens_at": DATETIME_WIDGET,
            "closes_at": DATETIME_WIDGET,
            "introduction": forms.Textarea(attrs={"rows": 4}),
        }


class SectionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


def _parse_lines(text: str, *, with_code: bool) -> list[OptionSpec]:
    specs = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        label, _sep, code = line.partition("|")
        specs.append(OptionSpec(label=label.strip()[:300], indicator_code=code.strip()[:10] if with_code else ""))
    return specs


class QuestionForm(BootstrapMixin, forms.ModelForm):
    """A question with its answers typed one per line ("label | indicator code"), matrix rows and scale likewise."""

    choices_text = forms.CharField(
        label=_("Answers to choose from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line. Optionally add a framework indicator code after a bar: “Documented strategy | 4.1”."
        ),
    )
    rows_text = forms.CharField(
        label=_("Matrix rows"), required=False, widget=forms.Textarea(attrs={"rows": 6}), help_text=_("One per line.")
    )
    scale_text = forms.CharField(
        label=_("Matrix scale"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One point per line, lowest first (scored 1, 2, ...). Empty: a 1-5 scale."),
    )
    condition = forms.ChoiceField(label=_("Show this question only when"), required=False)

    class Meta:
        model = Question
        fields = ["section", "position", "kind", "text", "help_text", "code", "required", "min_value", "max_value"]

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.survey = survey
        self.fields["section"].queryset = Section.objects.filter(survey=survey).order_by("position", "pk")
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Column name in exports; filled in from the question when empty.")
        choices: list = [("", _("always show it"))]
        candidates = (
            Question.objects.filter(survey=survey, kind__in=Question.CONDITION_KINDS)
            .select_related("section")
            .prefetch_related("options")
            .order_by("section__position", "section_id", "position", "pk")
        )
        for question in candidates:
            if self.instance.pk and question.pk == self.instance.pk:
                label_values = [(o.value, o.label) for o in question.options.all() if o.role == "choice"]
            elif question.kind == Question.Kind.RATING:
                label_values = [(v, v) for v in RATING_VALUES]
            else:
                label_values = [(o.value, o.label) for o in question.options.all() if o.role == "choice"]
            group = [(f"{question.pk}|{value}", f"= {label}") for value, label in label_values]
            if group:
                choices.append((question.text[:80], group))
        self.fields["condition"].choices = choices
        if self.instance.pk:
            options = list(self.instance.options.all())
            choice_lines = [
                f"{o.label} | {o.indicator_code}" if o.indicator_code else o.label
                for o in options
                if o.role == "choice"
            ]
            if self.instance.kind == Question.Kind.MATRIX:
                self.initial.setdefault("scale_text", "\n".join(choice_lines))
            else:
                self.initial.setdefault("choices_text", "\n".join(choice_lines))
            self.initial.setdefault("rows_text", "\n".join(o.label for o in options if o.role == "row"))
            if self.instance.condition_question_id:
                self.initial.setdefault(
                    "condition", f"{self.instance.condition_question_id}|{self.instance.condition_value}"
                )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind:
            choices = _parse_lines(cleaned.get("choices_text", ""), with_code=True)
            rows = _parse_lines(cleaned.get("rows_text", ""), with_code=False)
            if kind == Question.Kind.MATRIX:
                scale = _parse_lines(cleaned.get("scale_text", ""), with_code=False)
                choices = scale or [OptionSpec(label=v, value=v) for v in RATING_VALUES]
                if _parse_lines(cleaned.get("choices_text", ""), with_code=True):
                    self.add_error("choices_text", _("A matrix uses rows and a scale; leave the answers empty."))
            elif _parse_lines(cleaned.get("scale_text", ""), with_code=False):
                self.add_error("scale_text", _("Only a matrix has a scale."))
            try:
                options_validate(kind=kind, choices=choices, rows=rows)
            except ValidationError as error:
                self.add_error("choices_text" if kind != Question.Kind.MATRIX else "rows_text", error)
            self.parsed_choices, self.parsed_rows = choices, rows
        return cleaned

    def _post_clean(self):
        condition = self.cleaned_data.get("condition") or ""
        question_pk, _sep, value = condition.partition("|")
        if question_pk:
            target = Question.objects.filter(survey=self.instance.survey, pk=question_pk).first()
            self.instance.condition_question = target
            self.instance.condition_value = value if target else ""
            if target is None:
                self.add_error("condition", _("Choose a question of this survey."))
        else:
            self.instance.condition_question = None
            self.instance.condition_value = ""
        super()._post_clean()

    def _update_errors(self, errors):
        """The model speaks of condition_question and condition_value; this form has one `condition` field."""
        if hasattr(errors, "error_dict"):
            mapped: dict = {}
            for name, messages in errors.error_dict.items():
                target = "condition" if name in ("condition_question", "condition_value") else name
                if target not in self.fields:
                    target = NON_FIELD_ERRORS
                mapped.setdefault(target, []).extend(messages)
            errors = ValidationError(mapped)
        super()._update_errors(errors)


class InvitationForm(BootstrapMixin, forms.Form):
    """Whom to invite: managers of organisations (all, of a country or of a sector) and/or typed addresses."""

    SCOPES = [
        ("all", _("All managers of validated organisations")),
        ("country", _("Managers of validated organisations in one country")),
        ("sector", _("Managers of validated organisations in one sector")),
        ("addresses", _("Only the addresses below")),
    ]
    scope = forms.ChoiceField(label=_("Invite"), choices=SCOPES, widget=forms.RadioSelect, initial="all")
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *EUROPEAN_COUNTRIES], required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", "—"), *Sector.choices], required=False)
    addresses = forms.CharField(
        label=_("More e-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line or separated by commas."),
    )

    def clean_addresses(self) -> list[str]:
        raw = self.cleaned_data.get("addresses", "")
        parts = [p.strip().lower() for p in raw.replace(",", "\n").replace(";", "\n").splitlines() if p.strip()]
        if len(parts) > MAX_ADDRESSES:
            raise ValidationError(_("At most %(n)s addresses at a time.") % {"n": MAX_ADDRESSES})
        invalid = []
        validator = forms.EmailField()
        for part in parts:
            try:
                validator.clean(part)
            except ValidationError:
                invalid.append(part)
        if invalid:
            raise ValidationError(
                _("Not e-mail addresses: %(list)s")
                % {"list": ", ".join(invalid[:10]) + (" …" if len(invalid) > 10 else "")}
            )
        return parts

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope == "country" and not cleaned.get("country"):
            self.add_error("country", _("Choose the country."))
        if scope == "sector" and not cleaned.get("sector"):
            self.add_error("sector", _("Choose the sector."))
        if scope == "addresses" and not cleaned.get("addresses") and "addresses" not in self.errors:
            self.add_error("addresses", _("Type at least one address."))
        return cleaned


# --- Answering ------------------------------------------------------------------------------------------------------


class SectionAnswerForm(forms.Form):
    """The questions of one section. Nothing is required here (answers save as they are); the review page lists
    what is missing before submitting. Values out of range or not among the answers are refused."""

    def __init__(self, *args, section: SectionNode, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        for node in section.questions:
            question = node.question
            value = answers.get(node.pk)
            common = {"label": question.text, "help_text": question.help_text, "required": False}
            name = f"q{node.pk}"
            if node.kind == Question.Kind.SINGLE:
                self.fields[name] = forms.ChoiceField(
                    choices=[(o.value, o.label) for o in node.choices],
                    widget=forms.RadioSelect,
                    initial=value,
                    **common,
                )
            elif node.kind == Question.Kind.MULTIPLE:
                self.fields[name] = forms.MultipleChoiceField(
                    choices=[(o.value, o.label) for o in node.choices],
                    widget=forms.CheckboxSelectMultiple,
                    initial=sorted(value or []),
                    **common,
                )
            elif node.kind == Question.Kind.RATING:
                self.fields[name] = forms.TypedChoiceField(
                    choices=[(v, v) for v in RATING_VALUES],
                    coerce=int,
                    widget=forms.RadioSelect,
                    initial=value,
                    **common,
                )
            elif node.kind == Question.Kind.NUMBER:
                self.fields[name] = forms.DecimalField(
                    min_value=question.min_value,
                    max_value=question.max_value,
                    max_digits=14,
                    decimal_places=2,
                    initial=value,
                    widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
                    **common,
                )
            elif node.kind == Question.Kind.SHORT_TEXT:
                self.fields[name] = forms.CharField(max_length=MAX_SHORT_TEXT, initial=value, **common)
            elif node.kind == Question.Kind.LONG_TEXT:
                self.fields[name] = forms.CharField(
                    max_length=MAX_LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4}), initial=value, **common
                )
            elif node.kind == Question.Kind.MATRIX:
                for row in node.rows:
                    self.fields[f"{name}_{row.pk}"] = forms.ChoiceField(
                        label=row.label,
                        required=False,
                        choices=[(o.value, o.label) for o in node.choices],
                        widget=forms.RadioSelect,
                        initial=(value or {}).get(row.value),
                    )

        for field in self.fields.values():
            if not isinstance(field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                field.widget.attrs.setdefault("class", "form-control")

    def items(self) -> list[dict]:
        """What the template walks: each question with its field, or its rows' fields for a matrix."""
        items = []
        for node in self.section.questions:
            name = f"q{node.pk}"
            if node.kind == Question.Kind.MATRIX:
                rows = [(row, self[f"{name}_{row.pk}"]) for row in node.rows]
                errors = [e for _row, bound in rows for e in bound.errors]
                items.append({"node": node, "rows": rows, "errors": errors, "name": name})
            else:
                items.append({"node": node, "field": self[name], "errors": self[name].errors, "name": name})
        return items

    def values(self) -> dict:
        values = {}
        for node in self.section.questions:
            name = f"q{node.pk}"
            if node.kind == Question.Kind.MATRIX:
                values[node.pk] = {
                    row.value: self.cleaned_data.get(f"{name}_{row.pk}")
                    for row in node.rows
                    if self.cleaned_data.get(f"{name}_{row.pk}")
                }
            elif node.kind == Question.Kind.MULTIPLE:
                values[node.pk] = set(self.cleaned_data.get(name) or [])
            else:
                value = self.cleaned_data.get(name)
                values[node.pk] = value.strip() if isinstance(value, str) else value
        return values
