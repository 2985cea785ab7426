"""Pages of the self-assessment: start, overview, dimension pages with autosave, requirements, evidence library,
Silver improvements, submit and withdraw. Thin: reads in selectors, writes in services, rules in permissions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from labelling.framework import scoring
from labelling.framework.levels import Level, required_assessor_count
from labelling.models import Answer, Assessment, EvidenceDocument, ImprovementDeclaration
from labelling.selfassessment import permissions, selectors, services
from labelling.selfassessment.forms import EvidenceUploadForm, ImprovementForm, StartAssessmentForm
from labelling.selfassessment.selectors import assessment_history_labelled
from portal import roles


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _assessment(request, pk: int, *, manage: bool = False) -> Assessment:
    """The assessment if the user may see it (404 for outsiders); `manage` also requires a manager (403)."""
    try:
        assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    except Assessment.DoesNotExist as error:
        raise Http404 from error
    if manage and not permissions.can_manage_assessment(request.user, assessment):
        raise PermissionDenied(_("You can read this assessment but not change it."))
    return assessment


def _answer(assessment: Assessment, answer_pk: int) -> Answer:
    return get_object_or_404(
        Answer.objects.select_related("indicator", "indicator__dimension", "updated_by"),
        pk=answer_pk,
        assessment=assessment,
    )


# --- List and start -------------------------------------------------------------------------------------------------


@login_required
@require_safe
def assessment_list(request):
    assessments = list(selectors.assessments_for_user(user=request.user))
    return render(
        request,
        "labelling/selfassessment/list.html",
        {"assessments": assessments, "can_start": roles.is_cluster_manager(request.user)},
    )


@login_required
def assessment_start(request):
    organisations = roles.managed_organisations(request.user).order_by("name")
    if not organisations.exists():
        # Not an error to hide: tell the person how to get there.
        return render(request, "labelling/selfassessment/start_no_organisation.html", status=403)
    refused: list[str] = []
    form = StartAssessmentForm(request.POST or None, organisations=organisations, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                level=form.cleaned_data["level"],
            )
        except services.AssessmentError as error:
            refused = error.messages
        else:
            messages.success(request, _("Assessment started. Your answers save as you type."))
            return redirect("labelling:assessment_detail", pk=assessment.pk)
    return render(
        request,
        "labelling/selfassessment/start.html",
        {"form": form, "refused": refused, "table": selectors.eligibility_table(user=request.user)},
        status=400 if refused else 200,
    )


# --- Overview, requirements, dimension ------------------------------------------------------------------------------


def _page_context(request, assessment: Assessment) -> dict:
    can_edit = permissions.can_manage_assessment(request.user, assessment)
    return {
        "assessment": assessment,
        "can_edit": can_edit,
        "is_draft": assessment.status == Assessment.Status.DRAFT,
        "dimension_list": selectors.assessment_dimensions(assessment=assessment),
    }


@login_required
@require_safe
def assessment_detail(request, pk: int):
    return _assessment_detail_page(request, pk)


def _assessment_detail_page(request, pk: int, blockers: list[str] | None = None):
    """The overview; with `blockers` (a refused submit) it lists what is still to do, with status 400."""
    assessment = _assessment(request, pk)
    context = _page_context(request, assessment)
    overview = selectors.assessment_overview(assessment=assessment)
    context.update(
        overview=overview,
        blockers=blockers,
        events=assessment_history_labelled(assessment=assessment),
        reopened=[a for a in overview.answers if a.is_reopened],
        assessed=selectors.assessment_assessed_outcome(assessment=assessment, answers=overview.answers),
    )
    return render(request, "labelling/selfassessment/detail.html", context, status=400 if blockers else 200)


@login_required
@require_safe
def assessment_requirements(request, pk: int):
    assessment = _assessment(request, pk)
    context = _page_context(request, assessment)
    overview = selectors.assessment_overview(assessment=assessment)
    only_missing = request.GET.get("missing") == "1"
    rows = [r for r in overview.requirements if r.missing] if only_missing else overview.requirements
    context.update(overview=overview, rows=rows, only_missing=only_missing)
    return render(request, "labelling/selfassessment/requirements.html", context)


@login_required
@require_safe
def dimension(request, pk: int, number: int):
    assessment = _assessment(request, pk)
    context = _page_context(request, assessment)
    current = next((d for d in context["dimension_list"] if d.number == number), None)
    if current is None:
        raise Http404
    answers = selectors.assessment_answers(assessment=assessment, dimension=current)
    position = context["dimension_list"].index(current)
    context.update(
        dimension=current,
        cards=[_card(assessment, answer, context["can_edit"]) for answer in answers],
        previous=context["dimension_list"][position - 1] if position > 0 else None,
        next=context["dimension_list"][position + 1] if position + 1 < len(context["dimension_list"]) else None,
        library=list(selectors.documents_for_organisation(organisation=assessment.organisation))
        if context["can_edit"]
        else [],
        upload_form=EvidenceUploadForm(),
    )
    return render(request, "labelling/selfassessment/dimension.html", context)


def _card(assessment, answer, can_edit: bool, *, with_evidence: bool = True, **extra) -> dict:
    value = None if answer.not_applicable else answer.declared_value
    return {
        "answer": answer,
        "indicator": answer.indicator,
        "editable": can_edit and services.answer_is_editable(answer, assessment),
        "colour": scoring.indicator_colour(answer.indicator, value),
        "explanation": scoring.explain_indicator(answer.indicator, value, not_applicable=answer.not_applicable),
        "evidence": list(answer.evidence.all()) if with_evidence else [],
        **extra,
    }


# --- Autosave -------------------------------------------------------------------------------------------------------


@require_POST
def answer_save(request, pk: int, answer_pk: int):
    """Save one answer as typed (htmx); without JavaScript the form posts here and comes back to the page."""
    if not request.user.is_authenticated:
        if _is_htmx(request):
            return render(
                request,
                "labelling/selfassessment/_answer_status.html",
                {"session_expired": True, "answer_pk": answer_pk, "version": request.POST.get("version", "")},
            )
        return redirect(f"{reverse('account_login')}?next={reverse('labelling:assessment_detail', args=[pk])}")
    assessment = _assessment(request, pk)
    answer = _answer(assessment, answer_pk)
    answer.assessment = assessment
    if not permissions.can_manage_assessment(request.user, assessment):
        raise PermissionDenied(_("You can read this assessment but not change it."))
    context: dict = {"answer_pk": answer.pk}
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        answer = services.answer_save(user=request.user, answer=answer, data=request.POST, expected_version=version)
    except services.AnswerInvalid as error:
        context.update(errors=error.errors, version=answer.version if version is None else version)
    except services.AnswerConflict as error:
        current = error.current
        context.update(
            conflict=error,
            current=current,
            version=version,
            current_value=_display(current),
            mine=request.POST.get("value", ""),
        )
    except services.AssessmentError as error:
        context.update(frozen=str(error), version=version)
    else:
        context.update(saved=True, card=_card(assessment, answer, True, with_evidence=False), version=answer.version)
    if not _is_htmx(request):
        if context.get("saved"):
            messages.success(request, _("Answer %(code)s saved.") % {"code": answer.indicator.code})
        else:
            messages.error(
                request,
                str(context.get("frozen") or context.get("conflict") or "; ".join(context.get("errors", {}).values())),
            )
        return redirect(
            reverse("labelling:dimension", args=[assessment.pk, answer.indicator.dimension.number])
            + f"#answer-{answer.pk}"
        )
    if "card" not in context:
        context["card"] = _card(assessment, answer, True, with_evidence=False)
    return render(request, "labelling/selfassessment/_answer_status.html", context)


def _display(answer: Answer) -> str:
    if answer.not_applicable:
        return _("not applicable (%(why)s)") % {"why": answer.justification}
    return scoring.format_value(answer.indicator, answer.declared_value)


# --- Evidence -------------------------------------------------------------------------------------------------------


def _evidence_response(request, assessment, answer, *, error: str = "", notice: str = ""):
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        elif notice:
            messages.success(request, notice)
        return redirect(
            reverse("labelling:dimension", args=[assessment.pk, answer.indicator.dimension.number])
            + f"#answer-{answer.pk}"
        )
    card = _card(assessment, answer, True, evidence_error=error, evidence_notice=notice)
    library = list(selectors.documents_for_organisation(organisation=assessment.organisation))
    return render(
        request,
        "labelling/selfassessment/_evidence.html",
        {"card": card, "assessment": assessment, "library": library, "upload_form": EvidenceUploadForm()},
    )


@login_required
@require_POST
def evidence_upload(request, pk: int, answer_pk: int):
    assessment = _assessment(request, pk, manage=True)
    answer = _answer(assessment, answer_pk)
    form = EvidenceUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _evidence_response(request, assessment, answer, error=_("Choose a file to upload."))
    try:
        document = services.evidence_upload(
            user=request.user, assessment=assessment, upload=form.cleaned_data["file"], answer=answer
        )
    except services.AssessmentError as error:
        return _evidence_response(request, assessment, answer, error=str(error))
    return _evidence_response(
        request, assessment, answer, notice=_("%(name)s uploaded.") % {"name": document.original_name}
    )


@login_required
@require_POST
def evidence_attach(request, pk: int, answer_pk: int):
    assessment = _assessment(request, pk, manage=True)
    answer = _answer(assessment, answer_pk)
    document = EvidenceDocument.objects.filter(
        pk=request.POST.get("document") or 0, organisation=assessment.organisation
    ).first()
    if document is None:
        return _evidence_response(request, assessment, answer, error=_("Choose a file of your library."))
    try:
        services.evidence_attach(user=request.user, answer=answer, document=document)
    except services.AssessmentError as error:
        return _evidence_response(request, assessment, answer, error=str(error))
    return _evidence_response(
        request, assessment, answer, notice=_("%(name)s attached.") % {"name": document.original_name}
    )


@login_required
@require_POST
def evidence_detach(request, pk: int, answer_pk: int, document_pk: int):
    assessment = _assessment(request, pk, manage=True)
    answer = _answer(assessment, answer_pk)
    document = get_object_or_404(answer.evidence, pk=document_pk)
    try:
        services.evidence_detach(user=request.user, answer=answer, document=document)
    except services.AssessmentError as error:
        return _evidence_response(request, assessment, answer, error=str(error))
    return _evidence_response(
        request, assessment, answer, notice=_("%(name)s removed from this answer.") % {"name": document.original_name}
    )


@login_required
def documents(request, pk: int):
    """The organisation's evidence library, seen from one assessment (upload a file for later use)."""
    assessment = _assessment(request, pk)
    if not roles.can_see_organisation_internals(request.user, assessment.organisation):
        raise Http404
    context = _page_context(request, assessment)
    form = EvidenceUploadForm()
    if request.method == "POST":
        if not context["can_edit"]:
            raise PermissionDenied(_("You can read this assessment but not change it."))
        form = EvidenceUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                document = services.evidence_upload(
                    user=request.user, assessment=assessment, upload=form.cleaned_data["file"]
                )
            except services.AssessmentError as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, _("%(name)s added to the library.") % {"name": document.original_name})
                return redirect("labelling:documents", pk=assessment.pk)
    context.update(
        documents=list(selectors.documents_for_organisation(organisation=assessment.organisation)),
        form=form,
        usage=selectors.document_usage(assessment=assessment),
    )
    return render(request, "labelling/selfassessment/documents.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def document_download(request, document_pk: int):
    """Download an evidence file: only who may see it (404 for everyone else)."""
    document = get_object_or_404(EvidenceDocument.objects.select_related("organisation"), pk=document_pk)
    if not permissions.can_see_document(request.user, document):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing from storage.")) from error
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Silver improvements --------------------------------------------------------------------------------------------


@login_required
def improvements(request, pk: int):
    assessment = _assessment(request, pk)
    if assessment.level != Level.SILVER:
        raise Http404
    context = _page_context(request, assessment)
    indicators = assessment.framework.indicators.filter(answers__assessment=assessment).order_by("position")
    bronze = selectors.silver_reference_bronze(assessment=assessment)
    bronze_values = selectors.accepted_values_by_code(assessment=bronze) if bronze else {}
    form = ImprovementForm(indicators=indicators, bronze_values=bronze_values)
    if request.method == "POST":
        if not context["can_edit"]:
            raise PermissionDenied(_("You can read this assessment but not change it."))
        form = ImprovementForm(request.POST, indicators=indicators, bronze_values=bronze_values)
        if form.is_valid():
            try:
                services.improvement_declare(
                    user=request.user,
                    assessment=assessment,
                    indicator=form.cleaned_data["indicator"],
                    explanation=form.cleaned_data["explanation"],
                )
            except services.AssessmentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Improvement saved."))
                return redirect("labelling:improvements", pk=assessment.pk)
    context.update(
        form=form,
        bronze=bronze,
        declarations=selectors.silver_improvement_rows(assessment=assessment),
    )
    return render(request, "labelling/selfassessment/improvements.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def improvement_remove(request, pk: int, declaration_pk: int):
    assessment = _assessment(request, pk, manage=True)
    declaration = get_object_or_404(ImprovementDeclaration, pk=declaration_pk, assessment=assessment)
    declaration.assessment = assessment
    try:
        services.improvement_remove(user=request.user, declaration=declaration)
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Improvement removed."))
    return redirect("labelling:improvements", pk=assessment.pk)


# --- Transitions ----------------------------------------------------------------------------------------------------


@login_required
@require_POST
def assessment_submit(request, pk: int):
    assessment = _assessment(request, pk, manage=True)
    try:
        services.assessment_submit(user=request.user, assessment=assessment)
    except services.SubmitBlocked as error:
        messages.error(request, str(error))
        return _assessment_detail_page(request, pk, blockers=error.messages)
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        count = required_assessor_count(assessment.level)  # Gold takes two
        messages.success(
            request,
            ngettext(
                "Submitted. A coordinator will now assign an assessor; your answers are frozen.",
                "Submitted. A coordinator will now assign %(count)d assessors; your answers are frozen.",
                count,
            )
            % {"count": count},
        )
    return redirect("labelling:assessment_detail", pk=assessment.pk)


@login_required
@require_POST
def assessment_withdraw(request, pk: int):
    assessment = _assessment(request, pk, manage=True)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you want to withdraw the assessment."))
        return redirect("labelling:assessment_detail", pk=assessment.pk)
    try:
        services.assessment_withdraw(user=request.user, assessment=assessment, reason=request.POST.get("reason", ""))
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The assessment was withdrawn."))
    return redirect("labelling:assessment_detail", pk=assessment.pk)
