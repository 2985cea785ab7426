"""Pages of the survey app: the list, answering (signed in or through an invitation link), results and the
coordinators' builder. Thin: rules live in services, selectors and permissions."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from portal import exports
from portal.models import TaskRun
from survey import permissions, selectors, services
from survey.exports import export_table
from survey.forms import InvitationForm, QuestionForm, SectionAnswerForm, SectionForm, SurveyForm
from survey.models import Question, Section, Survey
from survey.services import Respondent, SurveyError
from survey.structure import SurveyStructure

# --- Public list and detail -----------------------------------------------------------------------------------------


@require_safe
def survey_list(request):
    return render(
        request,
        "survey/list.html",
        {
            "open_surveys": selectors.surveys_open_to(request.user),
            "published": selectors.surveys_with_published_results(),
            "drafts": selectors.my_draft_responses(request.user),
            "can_manage": permissions.can_manage_surveys(request.user),
        },
    )


@require_safe
def survey_detail(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    if not permissions.can_see_survey(request.user, survey):
        raise Http404
    respondent = None
    response = None
    may_answer = permissions.may_answer_as_user(request.user, survey)
    if may_answer:
        respondent = Respondent(survey=survey, user=request.user)
        response = respondent.find()
    return render(
        request,
        "survey/detail.html",
        {
            "survey": survey,
            "may_answer": may_answer,
            "response": response,
            "access": Access(survey=survey, respondent=respondent, token=None) if respondent else None,
            "can_see_summary": permissions.can_see_summary(request.user, survey),
            "can_manage": permissions.can_manage_surveys(request.user),
        },
    )


# --- Answering ------------------------------------------------------------------------------------------------------


@dataclass
class Access:
    """A respondent on the pages of one survey, reached by web address (signed in) or by invitation token."""

    survey: Survey
    respondent: Respondent | None
    token: str | None

    def url(self, name: str, **kwargs) -> str:
        if self.token:
            return reverse(f"survey:token_{name}", kwargs={"token": self.token, **kwargs})
        return reverse(f"survey:{name}", kwargs={"slug": self.survey.slug, **kwargs})

    @property
    def start_url(self) -> str:
        if self.token:
            return reverse("survey:token_start", kwargs={"token": self.token})
        return reverse("survey:detail", kwargs={"slug": self.survey.slug})

    @property
    def review_url(self) -> str:
        return self.url("review")

    def step_url(self, step: int) -> str:
        return self.url("answer", step=step)


def _access(request, *, slug=None, token=None):
    """The survey and respondent of an answer page, or the response to send instead (login, refusal, 404)."""
    if token:
        invitation = services.invitation_for_token(token)
        if invitation is None or invitation.survey.status != Survey.Status.LIVE:
            raise Http404
        survey = invitation.survey
        if survey.is_anonymous:
            # the invitation only tells the country and sector; it is never stored on an anonymous response
            respondent = Respondent(survey=survey, token=token, invitation=invitation)
        else:
            respondent = Respondent(survey=survey, user=invitation.user, invitation=invitation)
        return Access(survey=survey, respondent=respondent, token=token), None
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    survey = get_object_or_404(Survey, slug=slug)
    if not permissions.can_see_survey(request.user, survey):
        raise Http404
    if not permissions.may_answer_as_user(request.user, survey):
        return None, render(request, "survey/not_for_you.html", {"survey": survey}, status=403)
    return Access(survey=survey, respondent=Respondent(survey=survey, user=request.user), token=None), None


def _closed_page(request, access: Access):
    if access.survey.is_open:
        return None
    return render(request, "survey/unavailable.html", {"survey": access.survey, "access": access})


@never_cache
@require_safe
def token_start(request, token):
    access, refusal = _access(request, token=token)
    response = access.respondent.find()
    return render(
        request,
        "survey/detail.html",
        {
            "survey": access.survey,
            "may_answer": True,
            "response": response,
            "access": access,
            "can_see_summary": permissions.can_see_summary(request.user, access.survey),
            "can_manage": False,
            "resume_link": request.build_absolute_uri(access.start_url),
        },
    )


@never_cache
def answer(request, step, slug=None, token=None):
    access, refusal = _access(request, slug=slug, token=token)
    if refusal:
        return refusal
    closed = _closed_page(request, access)
    if closed:
        return closed
    structure = SurveyStructure(access.survey)
    section = structure.section_at(step)
    if section is None:
        raise Http404
    response = access.respondent.find()
    if response is not None and response.is_submitted:
        return redirect(access.url("done"))
    answers = structure.answers_of(response)
    visible = structure.visible_pks(answers)
    form = SectionAnswerForm(request.POST or None, section=section, answers=answers)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_save_section(
                respondent=access.respondent, structure=structure, section=section, values=form.values()
            )
        except SurveyError as error:
            messages.error(request, str(error))
            return redirect(access.start_url)
        action = request.POST.get("action", "next")
        if action == "previous" and step > 1:
            return redirect(access.step_url(step - 1))
        if action == "leave":
            messages.success(
                request,
                _("Your answers are saved. Come back any time with this link: %(link)s")
                % {"link": request.build_absolute_uri(access.start_url)},
            )
            return redirect(access.start_url)
        if action == "next" and step < structure.step_count:
            return redirect(access.step_url(step + 1))
        return redirect(access.url("review"))
    if request.method == "POST":
        messages.error(request, _("Some answers could not be saved: please correct them below."))
    items = form.items()
    for item in items:
        # questions whose condition depends on another section are shown only when it is met; conditions within
        # this section are toggled in the browser (and checked again on saving)
        question = item["node"].question
        dependency = structure.by_pk.get(question.condition_question_id)
        item["same_section_condition"] = dependency is not None and dependency.step == step
        item["hidden"] = item["node"].pk not in visible
        item["render"] = item["same_section_condition"] or not item["hidden"]
    return render(
        request,
        "survey/answer.html",
        {
            "survey": access.survey,
            "access": access,
            "structure": structure,
            "section": section,
            "form": form,
            "items": items,
            "step": step,
            "progress": structure.progress(answers),
            "is_last": step == structure.step_count,
            "resume_link": request.build_absolute_uri(access.start_url),
        },
    )


@never_cache
def review(request, slug=None, token=None):
    access, refusal = _access(request, slug=slug, token=token)
    if refusal:
        return refusal
    response = access.respondent.find()
    if response is not None and response.is_submitted:
        return redirect(access.url("done"))
    closed = _closed_page(request, access)
    if closed:
        return closed
    structure = SurveyStructure(access.survey)
    if request.method == "POST":
        try:
            services.response_submit(respondent=access.respondent, structure=structure)
        except SurveyError as error:
            messages.error(request, str(error))
        else:
            return redirect(access.url("done"))
    answers = structure.answers_of(response)
    missing = structure.missing_required(answers)
    return render(
        request,
        "survey/review.html",
        {
            "survey": access.survey,
            "access": access,
            "response": response,
            "overview": selectors.response_overview(structure=structure, answers=answers),
            "missing": missing,
            "progress": structure.progress(answers),
        },
    )


@never_cache
@require_safe
def done(request, slug=None, token=None):
    access, refusal = _access(request, slug=slug, token=token)
    if refusal:
        return refusal
    response = access.respondent.find()
    if response is None or not response.is_submitted:
        return redirect(access.url("review"))
    return render(
        request,
        "survey/done.html",
        {
            "survey": access.survey,
            "response": response,
            "can_see_summary": permissions.can_see_summary(request.user, access.survey),
        },
    )


# --- Results --------------------------------------------------------------------------------------------------------


def _results_page(request, survey: Survey, *, public: bool):
    results = selectors.survey_results(
        survey=survey, country=request.GET.get("country", ""), sector=request.GET.get("sector", ""), public=public
    )
    return render(
        request,
        "survey/results.html",
        {"survey": survey, "results": results, "public": public, "min_group": selectors.MIN_GROUP_SIZE},
    )


def _managed_survey_by_slug(request, slug) -> Survey:
    if not permissions.can_manage_surveys(request.user):
        raise PermissionDenied
    return get_object_or_404(Survey, slug=slug)


@login_required
@require_safe
def results(request, slug):
    return _results_page(request, _managed_survey_by_slug(request, slug), public=False)


@require_safe
def summary(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    if not permissions.can_see_summary(request.user, survey):
        raise Http404
    return _results_page(request, survey, public=True)


@login_required
@require_safe
def results_csv(request, slug):
    survey = _managed_survey_by_slug(request, slug)
    return exports.csv_response(export_table(survey), filename=f"{slugify(survey.slug)}-responses.csv")


@login_required
@require_safe
def results_xlsx(request, slug):
    survey = _managed_survey_by_slug(request, slug)
    return exports.xlsx_response(
        export_table(survey), filename=f"{slugify(survey.slug)}-responses.xlsx", sheet_title=_("Responses")
    )


# --- Builder (coordinators) -----------------------------------------------------------------------------------------


def _coordinator_only(request) -> None:
    if not permissions.can_manage_surveys(request.user):
        raise PermissionDenied


def _managed(request, pk) -> Survey:
    _coordinator_only(request)
    return get_object_or_404(Survey, pk=pk)


@login_required
@require_safe
def manage_list(request):
    _coordinator_only(request)
    return render(request, "survey/manage/list.html", {"surveys": selectors.surveys_for_coordinators()})


@login_required
def manage_create(request):
    _coordinator_only(request)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = services.survey_save(survey=form.instance, user=request.user)
        messages.success(request, _("Survey created. Add its sections and questions."))
        return redirect("survey:manage_detail", pk=survey.pk)
    return render(request, "survey/manage/survey_form.html", {"form": form, "survey": None})


@login_required
def manage_edit(request, pk):
    survey = _managed(request, pk)
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_save(survey=form.instance, user=request.user)
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Survey settings saved."))
            return redirect("survey:manage_detail", pk=survey.pk)
    return render(request, "survey/manage/survey_form.html", {"form": form, "survey": survey})


@login_required
@require_safe
def manage_detail(request, pk):
    survey = _managed(request, pk)
    structure = SurveyStructure(survey)
    return render(
        request,
        "survey/manage/detail.html",
        {
            "survey": survey,
            "structure": structure,
            "problems": structure.problems() if survey.status == Survey.Status.DRAFT else [],
            "counts": next((s for s in selectors.surveys_for_coordinators() if s.pk == survey.pk), survey),
        },
    )


@login_required
def manage_section(request, pk, section_pk=None):
    survey = _managed(request, pk)
    section = get_object_or_404(Section, pk=section_pk, survey=survey) if section_pk else Section(survey=survey)
    if section.pk is None:
        section.position = Section.objects.filter(survey=survey).count() + 1
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(section=form.instance, user=request.user)
        except SurveyError as error:
            messages.error(request, str(error))
            return redirect("survey:manage_detail", pk=survey.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Section saved."))
            return redirect("survey:manage_detail", pk=survey.pk)
    return render(request, "survey/manage/section_form.html", {"form": form, "survey": survey, "section": section})


@login_required
@require_POST
def manage_section_delete(request, pk, section_pk):
    survey = _managed(request, pk)
    section = get_object_or_404(Section, pk=section_pk, survey=survey)
    try:
        services.section_delete(section=section, user=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Section deleted."))
    return redirect("survey:manage_detail", pk=survey.pk)


@login_required
def manage_question(request, pk, question_pk=None):
    survey = _managed(request, pk)
    question = get_object_or_404(Question, pk=question_pk, survey=survey) if question_pk else Question(survey=survey)
    if question.pk is None:
        section = Section.objects.filter(survey=survey, pk=request.GET.get("section") or 0).first()
        if section is not None:
            question.section = section
            question.position = Question.objects.filter(section=section).count() + 1
    form = QuestionForm(request.POST or None, instance=question, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(
                question=form.instance, user=request.user, choices=form.parsed_choices, rows=form.parsed_rows
            )
        except SurveyError as error:
            messages.error(request, str(error))
            return redirect("survey:manage_detail", pk=survey.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Question saved."))
            return redirect("survey:manage_detail", pk=survey.pk)
    return render(request, "survey/manage/question_form.html", {"form": form, "survey": survey, "question": question})


@login_required
@require_POST
def manage_question_delete(request, pk, question_pk):
    survey = _managed(request, pk)
    question = get_object_or_404(Question, pk=question_pk, survey=survey)
    try:
        services.question_delete(question=question, user=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Question deleted."))
    return redirect("survey:manage_detail", pk=survey.pk)


@login_required
@require_POST
def manage_transition(request, pk, action):
    survey = _managed(request, pk)
    transitions = {
        "launch": (services.survey_launch, _("The survey is launched.")),
        "draft": (services.survey_return_to_draft, _("The survey is back in draft.")),
        "close": (services.survey_close_now, _("The survey is closed.")),
        "publish": (services.survey_results_publish, _("The summary of the results is public.")),
        "unpublish": (
            lambda *, survey, user: services.survey_results_publish(survey=survey, user=user, publish=False),
            _("The summary of the results is no longer public."),
        ),
    }
    if action not in transitions:
        raise Http404
    function, message = transitions[action]
    try:
        function(survey=survey, user=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message)
    return redirect("survey:manage_detail", pk=survey.pk)


@login_required
def manage_invitations(request, pk):
    survey = _managed(request, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recipients = []
        if data["scope"] != "addresses":
            recipients = selectors.invitation_recipients(
                country=data["country"] if data["scope"] == "country" else "",
                sector=data["sector"] if data["scope"] == "sector" else "",
            )
        recipients += [services.Recipient(email=email) for email in data["addresses"]]
        try:
            with transaction.atomic():
                created = services.invitations_create(survey=survey, recipients=recipients, user=request.user)
                services.invitations_send_start(survey=survey, user=request.user)
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(new)s new invitation (%(total)s addresses chosen); the e-mails are on their way.",
                    "%(new)s new invitations (%(total)s addresses chosen); the e-mails are on their way.",
                    created,
                )
                % {"new": created, "total": len(recipients)},
            )
            return redirect("survey:manage_invitations", pk=survey.pk)
    run = TaskRun.objects.filter(name=f"survey-invitations-{survey.pk}").order_by("-created_at").first()
    return render(
        request,
        "survey/manage/invitations.html",
        {"survey": survey, "form": form, "run": run, "counts": selectors.invitation_counts(survey)},
    )
