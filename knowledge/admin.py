"""Authoring in the administration: coordinators write modules, lessons, cases and quizzes, with a preview."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from knowledge import services
from knowledge.models import (
    CaseStudy,
    CaseStudyDimension,
    CaseStudyIndicator,
    KnowledgeImage,
    KnowledgeProfile,
    Lesson,
    LessonCompletion,
    Module,
    ModuleDimension,
    ModuleIndicator,
    ModuleProgress,
    QuizAnswer,
    QuizAttempt,
    QuizOption,
    QuizQuestion,
    Status,
    TrainingProgramme,
    TrainingProgrammeTopic,
)
from knowledge.rendering import render_markdown
from portal import roles
from portal.admin_helpers import ReadOnlyModelAdmin
from portal.audit import audit_log
from portal.request_limits import megabytes, upload_help_text

IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def _preview(text: str):
    if not text:
        return _("(empty)")
    return format_html(
        '<div class="knowledge-preview" style="max-width:48rem;border:1px solid #ccc;padding:1rem;'
        'background:#fff;color:#212529">{}</div>',
        render_markdown(text),
    )


class CoordinatorPermissions:
    """Coordinators (staff) curate the knowledge content: they need no per-model permission for it."""

    def has_module_permission(self, request):
        return roles.is_coordinator(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.is_coordinator(request.user)

    def has_add_permission(self, request, *args):
        return roles.is_coordinator(request.user)

    def has_change_permission(self, request, obj=None):
        return roles.is_coordinator(request.user)

    def has_delete_permission(self, request, obj=None):
        return roles.is_coordinator(request.user)


class _AuditedAdmin(CoordinatorPermissions, admin.ModelAdmin):
    """Writes an audit event for every change made in the administration."""

    audit_name = ""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_log(
            actor=request.user,
            action=f"knowledge.{self.audit_name}.{'changed' if change else 'created'}",
            target=obj,
            data={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request, obj):
        audit_log(actor=request.user, action=f"knowledge.{self.audit_name}.deleted", target=obj)
        super().delete_model(request, obj)


class ModuleIndicatorInline(CoordinatorPermissions, admin.TabularInline):
    model = ModuleIndicator
    extra = 1


class ModuleDimensionInline(CoordinatorPermissions, admin.TabularInline):
    model = ModuleDimension
    extra = 0


class LessonInline(CoordinatorPermissions, admin.TabularInline):
    model = Lesson
    fields = ["order", "title", "slug", "status", "estimated_minutes", "edit_link"]
    readonly_fields = ["edit_link"]
    prepopulated_fields = {"slug": ["title"]}
    extra = 0
    show_change_link = True

    @admin.display(description=_("text"))
    def edit_link(self, obj):
        if not obj.pk:
            return _("Save, then edit the text")
        return format_html('<a href="{}">{}</a>', reverse("admin:knowledge_lesson_change", args=[obj.pk]), _("Edit"))


def _set_status(modeladmin, request, queryset, status, service, kwarg):
    done = 0
    for obj in queryset:
        try:
            service(**{kwarg: obj, "status": status, "by": request.user})
            done += 1
        except services.KnowledgeError as error:
            modeladmin.message_user(request, f"{obj}: {error}", messages.ERROR)
    if done:
        modeladmin.message_user(request, _("%(n)d updated.") % {"n": done}, messages.SUCCESS)


@admin.register(Module)
class ModuleAdmin(_AuditedAdmin):
    audit_name = "module"
    list_display = ["title", "field", "level", "status", "order", "lessons_count", "estimated_minutes", "updated_at"]
    list_filter = ["status", "level", "field", "indicator_tags__indicator_code"]
    list_editable = ["order"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["site_preview", "objectives_preview"]
    inlines = [ModuleIndicatorInline, ModuleDimensionInline, LessonInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "field", "level", "status", "order", "estimated_minutes"]}),
        (_("Content"), {"fields": ["summary", "learning_objectives", "objectives_preview", "quiz_pass_percent"]}),
        (_("Preview"), {"fields": ["site_preview"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_lessons=Count("lessons"))

    @admin.display(description=_("lessons"), ordering="n_lessons")
    def lessons_count(self, obj):
        return obj.n_lessons

    @admin.display(description=_("preview of the objectives"))
    def objectives_preview(self, obj):
        return _preview(obj.learning_objectives)

    @admin.display(description=_("on the site"))
    def site_preview(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), _("Open the page (drafts: staff only)")
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.search_vectors_update(
            module_ids=[form.instance.pk],
            lesson_ids=list(form.instance.lessons.values_list("pk", flat=True)),
            case_ids=[],
        )

    @admin.action(description=_("Publish the selected modules"))
    def publish(self, request, queryset):
        _set_status(self, request, queryset, Status.PUBLISHED, services.module_set_status, "module")

    @admin.action(description=_("Take the selected modules back to draft"))
    def unpublish(self, request, queryset):
        _set_status(self, request, queryset, Status.DRAFT, services.module_set_status, "module")


@admin.register(Lesson)
class LessonAdmin(_AuditedAdmin):
    audit_name = "lesson"
    list_display = ["title", "module", "order", "status", "estimated_minutes", "updated_at"]
    list_filter = ["status", "module"]
    search_fields = ["title", "body"]
    list_select_related = ["module"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview", "site_preview"]
    fields = ["module", "title", "slug", "order", "status", "estimated_minutes", "body", "preview", "site_preview"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 24, "cols": 110})}}

    @admin.display(description=_("preview (as learners see it, sanitised)"))
    def preview(self, obj):
        return _preview(obj.body)

    @admin.display(description=_("on the site"))
    def site_preview(self, obj):
        if not obj.pk:
            return "-"
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), _("Open the lesson"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.search_vectors_update(module_ids=[], lesson_ids=[obj.pk], case_ids=[])


class CaseStudyIndicatorInline(CoordinatorPermissions, admin.TabularInline):
    model = CaseStudyIndicator
    extra = 1


class CaseStudyDimensionInline(CoordinatorPermissions, admin.TabularInline):
    model = CaseStudyDimension
    extra = 0


@admin.register(CaseStudy)
class CaseStudyAdmin(_AuditedAdmin):
    audit_name = "case"
    list_display = ["title", "field", "level", "status", "order", "updated_at"]
    list_filter = ["status", "level", "field"]
    search_fields = ["title", "summary", "situation"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["modules"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 14, "cols": 110})}}
    readonly_fields = ["situation_preview", "questions_preview", "teaching_note_preview", "site_preview"]
    inlines = [CaseStudyIndicatorInline, CaseStudyDimensionInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "field", "level", "status", "order", "estimated_minutes", "modules"]}),
        (_("Situation"), {"fields": ["summary", "situation", "situation_preview"]}),
        (_("Discussion"), {"fields": ["questions", "questions_preview"]}),
        (_("For instructors"), {"fields": ["teaching_note", "teaching_note_preview"]}),
        (_("Preview"), {"fields": ["site_preview"]}),
    ]

    @admin.display(description=_("preview"))
    def situation_preview(self, obj):
        return _preview(obj.situation)

    @admin.display(description=_("preview"))
    def questions_preview(self, obj):
        return _preview(obj.questions)

    @admin.display(description=_("preview"))
    def teaching_note_preview(self, obj):
        return _preview(obj.teaching_note)

    @admin.display(description=_("on the site"))
    def site_preview(self, obj):
        if not obj.pk:
            return "-"
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), _("Open the case"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.search_vectors_update(module_ids=[], lesson_ids=[], case_ids=[form.instance.pk])

    @admin.action(description=_("Publish the selected case studies"))
    def publish(self, request, queryset):
        _set_status(self, request, queryset, Status.PUBLISHED, services.case_study_set_status, "case_study")

    @admin.action(description=_("Take the selected case studies back to draft"))
    def unpublish(self, request, queryset):
        _set_status(self, request, queryset, Status.DRAFT, services.case_study_set_status, "case_study")


class QuizOptionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        rows = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if len(rows) < 2:
            raise ValidationError(_("A question needs at least two options."))
        if not any(row.get("is_correct") for row in rows):
            raise ValidationError(_("Mark at least one option as correct."))
        if all(row.get("is_correct") for row in rows):
            raise ValidationError(_("At least one option must be wrong, or the question checks nothing."))


class QuizOptionInline(CoordinatorPermissions, admin.TabularInline):
    model = QuizOption
    formset = QuizOptionFormSet
    extra = 3
    fields = ["order", "text", "is_correct"]


@admin.register(QuizQuestion)
class QuizQuestionAdmin(_AuditedAdmin):
    audit_name = "quiz_question"
    list_display = ["text", "module", "order"]
    list_filter = ["module"]
    list_select_related = ["module"]
    search_fields = ["text"]
    inlines = [QuizOptionInline]


class KnowledgeImageForm(forms.ModelForm):
    class Meta:
        model = KnowledgeImage
        fields = ["image", "alt_text"]
        help_texts = {
            "image": upload_help_text(
                gettext_noop("PNG, JPEG, GIF or WebP, at most %(size)s MB."), "IMAGE_MAX_UPLOAD_BYTES"
            )
        }

    def clean_image(self):
        image = self.cleaned_data["image"]
        limit = settings.IMAGE_MAX_UPLOAD_BYTES
        if image and image.size > limit:
            raise ValidationError(_("The image is larger than %(limit)s MB.") % {"limit": megabytes(limit)})
        # ImageField already opened the file with Pillow; check the real format, not the file name.
        detected = getattr(getattr(image, "image", None), "format", None)
        if image and hasattr(image, "image") and detected not in IMAGE_FORMATS:
            raise ValidationError(_("Upload a PNG, JPEG, GIF or WebP image."))
        return image


@admin.register(KnowledgeImage)
class KnowledgeImageAdmin(_AuditedAdmin):
    audit_name = "image"
    form = KnowledgeImageForm
    list_display = ["alt_text", "thumbnail", "snippet", "uploaded_at"]
    readonly_fields = ["thumbnail", "snippet"]

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return format_html('<img src="{}" alt="" style="max-height:60px">', obj.image.url) if obj.image else "-"

    @admin.display(description=_("Markdown to paste"))
    def snippet(self, obj):
        return format_html("<code>{}</code>", obj.markdown_snippet())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(KnowledgeProfile)
class KnowledgeProfileAdmin(CoordinatorPermissions, admin.ModelAdmin):
    list_display = ["user", "is_instructor"]
    list_filter = ["is_instructor"]
    search_fields = ["user__email", "user__display_name"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        if change:
            services.knowledge_profile_set_instructor(user=obj.user, is_instructor=obj.is_instructor, by=request.user)
        else:
            super().save_model(request, obj, form, change)
            audit_log(
                actor=request.user,
                action="knowledge.instructor.granted" if obj.is_instructor else "knowledge.profile.created",
                target=obj,
                data={"user": obj.user_id},
            )


class TrainingProgrammeTopicInline(CoordinatorPermissions, admin.TabularInline):
    model = TrainingProgrammeTopic
    extra = 1


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(_AuditedAdmin):
    audit_name = "programme"
    list_display = ["title", "provider", "country", "language", "format", "state", "proposed_by", "proposed_at"]
    list_filter = ["state", "format", "language", "country", "topics__field"]
    search_fields = ["title", "provider", "description"]
    readonly_fields = ["proposed_by", "proposed_at", "reviewed_by", "reviewed_at"]
    inlines = [TrainingProgrammeTopicInline]
    actions = ["approve"]

    @admin.action(description=_("Approve and list in the catalogue"))
    def approve(self, request, queryset):
        done = 0
        for programme in queryset:
            try:
                services.programme_approve(programme=programme, by=request.user)
                done += 1
            except services.KnowledgeError as error:
                self.message_user(request, f"{programme}: {error}", messages.WARNING)
        if done:
            self.message_user(request, _("%(n)d approved.") % {"n": done}, messages.SUCCESS)


@admin.register(QuizAttempt)
class QuizAttemptAdmin(ReadOnlyModelAdmin):
    list_display = ["user", "module", "percent", "passed", "submitted_at"]
    list_filter = ["passed", "module"]
    search_fields = ["user__email", "module__title"]
    list_select_related = ["user", "module"]


@admin.register(QuizAnswer)
class QuizAnswerAdmin(ReadOnlyModelAdmin):
    list_display = ["attempt", "question", "is_correct"]
    list_filter = ["is_correct"]
    list_select_related = ["attempt__user", "attempt__module", "question"]


@admin.register(ModuleProgress)
class ModuleProgressAdmin(ReadOnlyModelAdmin):
    list_display = ["user", "module", "started_at", "last_activity_at", "completed_at"]
    list_filter = ["module"]
    search_fields = ["user__email", "module__title"]
    list_select_related = ["user", "module"]


@admin.register(LessonCompletion)
class LessonCompletionAdmin(ReadOnlyModelAdmin):
    list_display = ["user", "lesson", "completed_at"]
    search_fields = ["user__email", "lesson__title"]
    list_select_related = ["user", "lesson"]
