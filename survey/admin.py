"""Survey administration: the same validation as the staff builder (model clean() and the services' rules)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from survey import services
from survey.models import Answer, Invitation, Option, Question, Response, Section, Survey


def _draft(obj) -> bool:
    survey = obj if isinstance(obj, Survey) else getattr(obj, "survey", None)
    return survey is None or survey.status == Survey.Status.DRAFT


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "title", "description"]

    def has_change_permission(self, request, obj=None):
        return _draft(obj) and super().has_change_permission(request, obj)

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "is_anonymous", "opens_at", "closes_at", "results_published", "submitted"]
    list_filter = ["status", "is_anonymous", "results_published", "audience"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "launched_at", "results_published", "results_published_at", "created_by", "created_at"]
    inlines = [SectionInline]
    actions = ["launch", "publish_results", "withdraw_results"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(submitted_count=Count("responses", filter=Q(responses__status=Response.Status.SUBMITTED)))
        )

    @admin.display(description=_("submitted responses"), ordering="submitted_count")
    def submitted(self, obj):
        return obj.submitted_count

    def save_model(self, request, obj, form, change):
        services.survey_save(survey=obj, user=request.user)

    def _run(self, request, queryset, function, done):
        for survey in queryset:
            try:
                function(survey=survey, user=request.user)
            except services.SurveyError as error:
                self.message_user(request, f"{survey}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{survey}: {done}", messages.SUCCESS)

    @admin.action(description=_("Launch the selected surveys"))
    def launch(self, request, queryset):
        self._run(request, queryset, services.survey_launch, _("launched"))

    @admin.action(description=_("Publish the summary of the results"))
    def publish_results(self, request, queryset):
        self._run(request, queryset, services.survey_results_publish, _("summary published"))

    @admin.action(description=_("Withdraw the public summary"))
    def withdraw_results(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda *, survey, user: services.survey_results_publish(survey=survey, user=user, publish=False),
            _("summary withdrawn"),
        )


class OptionInlineFormSet(forms.BaseInlineFormSet):
    """The same rule as the staff builder: choice questions need two answers, a matrix rows and a scale."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kind = self.instance.kind
        choices, rows = [], []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            spec = services.OptionSpec(
                label=data["label"], value=data["value"], indicator_code=data.get("indicator_code", "")
            )
            (rows if data.get("role") == Option.Role.ROW else choices).append(spec)
        services.options_validate(kind=kind, choices=choices, rows=rows)


class OptionInline(admin.TabularInline):
    model = Option
    formset = OptionInlineFormSet
    extra = 2
    fields = ["role", "position", "value", "label", "score", "indicator_code"]

    def has_change_permission(self, request, obj=None):
        return _draft(obj) and super().has_change_permission(request, obj)

    has_add_permission = has_delete_permission = has_change_permission


class QuestionAdminForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "survey",
            "section",
            "position",
            "code",
            "kind",
            "text",
            "help_text",
            "required",
            "min_value",
            "max_value",
            "condition_question",
            "condition_value",
        ]

    def clean(self):
        cleaned = super().clean()
        survey = cleaned.get("survey")
        if survey is not None and survey.status != Survey.Status.DRAFT:
            raise ValidationError(_("This survey has been launched: its sections and questions can no longer change."))
        return cleaned


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "section", "position", "kind", "required", "condition_question"]
    list_filter = ["survey", "kind", "required"]
    search_fields = ["text", "code"]
    list_select_related = ["survey", "section", "condition_question"]
    raw_id_fields = ["condition_question"]
    inlines = [OptionInline]
    form = QuestionAdminForm

    def has_change_permission(self, request, obj=None):
        return _draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _draft(obj) and super().has_delete_permission(request, obj)


class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "survey", "organisation", "created_at", "sent_at"]
    list_filter = ["survey", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    list_select_related = ["survey", "organisation"]
    readonly_fields = ["survey", "email", "user", "organisation", "created_at", "created_by", "sent_at"]

    def has_add_permission(self, request):
        return False


admin.site.register(Invitation, InvitationAdmin)


class AnswerInline(admin.TabularInline):
    """A response's answers, read-only."""

    model = Answer
    fields = readonly_fields = ["question", "row", "option", "number", "text"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Read-only: responses change only through the answer pages."""

    list_display = ["pk", "survey", "status", "country", "sector", "submitted_at"]
    list_filter = ["survey", "status", "country", "sector"]
    list_select_related = ["survey"]
    # the anonymous respondent key stays out of sight: with the invitation link it would identify the respondent
    fields = readonly_fields = [
        "survey",
        "status",
        "is_anonymous",
        "user",
        "invitation",
        "organisation",
        "country",
        "sector",
        "current_step",
        "created_at",
        "updated_at",
        "submitted_at",
    ]

    inlines = [AnswerInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
