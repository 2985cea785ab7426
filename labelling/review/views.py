"""Pages of the review and decision side: the assessor's queue and review, the managers' question threads and
outcome (with the appeal), and the coordinators' pipeline, assignment, decision and appeal pages.

Views stay thin: they fetch through one access helper per persona (404 for outsiders), call a service and turn a
`ReviewError` into a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from labelling.models import Answer, Assessment
from labelling.review import forms, selectors
from labelling.review import permissions as review_permissions
from labelling.review.models import APPEAL_WINDOW_DAYS, Appeal, AssessorAffiliation, AssessorAssignment, Decision
from labelling.review.services import ReviewError
from labelling.review.services import answers as answer_services
from labelling.review.services import appeals as appeal_services
from labelling.review.services import assignment as assignment_services
from labelling.review.services import decisions as decision_services
from labelling.selfassessment import permissions
from labelling.selfassessment import selectors as selfassessment_selectors
from portal import roles

Status = Assessment.Status


# --- Access helpers ------------------------------------------------------------------------------------------------


def _assessment(pk: int) -> Assessment:
    return get_object_or_404(Assessment.objects.select_related("organisation", "framework"), pk=pk)


def _assessment_for_assessor(request, pk: int) -> tuple[Assessment, AssessorAssignment]:
    """The assessment and the user's assignment; 404 unless assigned (and not declined)."""
    assessment = _assessment(pk)
    assignment = (
        AssessorAssignment.objects.filter(assessment=assessment, assessor=request.user)
        .exclude(status=AssessorAssignment.Status.DECLINED)
        .first()
    )
    if assignment is None or not roles.is_assessor(request.user):
        raise Http404
    return assessment, assignment


def _assessment_for_reviewer(request, pk: int) -> tuple[Assessment, AssessorAssignment]:
    """As above, and the assessor must have declared no conflict."""
    assessment, assignment = _assessment_for_assessor(request, pk)
    if not permissions.can_review(request.user, assessment):
        raise Http404
    return assessment, assignment


def _assessment_for_organisation(request, pk: int) -> Assessment:
    """Managers and viewers of the organisation, and coordinators; 404 for everyone else."""
    assessment = _assessment(pk)
    if not roles.can_see_organisation_internals(request.user, assessment.organisation):
        raise Http404
    return assessment


def _assessment_for_coordinator(request, pk: int) -> Assessment:
    if not roles.is_coordinator(request.user):
        raise Http404
    return _assessment(pk)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- Assessor ------------------------------------------------------------------------------------------------------


@login_required
@require_safe
def review_queue(request):
    """The assessor's queue: what waits on them, oldest first, with ages."""
    if not roles.has_assessor_profile(request.user):
        raise PermissionDenied
    return render(
        request,
        "labelling/review/queue.html",
        {
            "groups": selectors.review_queue_for(user=request.user),
            "accredited": roles.is_assessor(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def affiliations(request):
    """The assessor's declared ties with organisations (conflicts of interest)."""
    if not roles.has_assessor_profile(request.user):
        raise PermissionDenied
    form = forms.AffiliationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_services.affiliation_declare(
                assessor=request.user,
                organisation=form.cleaned_data["organisation"],
                relation=form.cleaned_data["relation"],
                ended_on=form.cleaned_data["ended_on"],
                note=form.cleaned_data["note"],
            )
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Affiliation recorded: you will not be assigned to this organisation."))
            return redirect("labelling:affiliations")
    items = AssessorAffiliation.objects.filter(assessor=request.user).select_related("organisation")
    return render(request, "labelling/review/affiliations.html", {"form": form, "items": items})


@login_required
@require_POST
def affiliation_remove(request, pk: int):
    affiliation = get_object_or_404(AssessorAffiliation, pk=pk, assessor=request.user)
    assignment_services.affiliation_remove(affiliation=affiliation, user=request.user)
    messages.success(request, _("Affiliation removed."))
    return redirect("labelling:affiliations")


@login_required
@require_safe
def review_assessment(request, pk: int):
    """The review page: the declaration first, then every answer with its verdicts, thread and waiting time."""
    assessment, assignment = _assessment_for_assessor(request, pk)
    if assignment.status == AssessorAssignment.Status.AWAITING_DECLARATION:
        return render(
            request,
            "labelling/review/declare.html",
            {
                "assessment": assessment,
                "assignment": assignment,
                "statement": assignment_services.DECLARATION_TEXT,
                "form": forms.DeclarationForm(),
                "decline_form": forms.DeclineForm(),
                "conflicts": assignment_services.assessor_conflict_reasons(
                    assessor=request.user, organisation=assessment.organisation
                ),
            },
        )
    return render(
        request, "labelling/review/review.html", _review_context(assessment, assignment, request.GET.get("show", "all"))
    )


REVIEW_FILTERS = {
    "all": lambda row: True,
    "todo": lambda row: (
        row.answer.review_state != Answer.ReviewState.QUESTION_OPEN
        and (row.mine is None or row.answer.review_state == Answer.ReviewState.ANSWERED or row.difference)
    ),
    "questions": lambda row: (
        bool(row.messages) or row.answer.review_state in (Answer.ReviewState.QUESTION_OPEN, Answer.ReviewState.ANSWERED)
    ),
    "corrected": lambda row: (
        row.answer.review_state == Answer.ReviewState.CORRECTED
        or any(r.verdict == "corrected" for r in ([row.mine] if row.mine else []) + row.others)
    ),
}


def _review_context(assessment, assignment, show: str = "all") -> dict:
    rows = selectors.review_rows(assessment=assessment, viewer_assignment=assignment)
    answers = [row.answer for row in rows]
    show = show if show in REVIEW_FILTERS else "all"
    shown = [row for row in rows if REVIEW_FILTERS[show](row)]
    colleagues = list(
        assessment.assignments.exclude(pk=assignment.pk)
        .exclude(status=AssessorAssignment.Status.DECLINED)
        .select_related("assessor")
    )
    return {
        "assessment": assessment,
        "assignment": assignment,
        "colleagues": colleagues,
        "groups": selectors.group_rows_by_dimension(shown),
        "show": show,
        "filter_labels": [
            ("all", _("All")),
            ("todo", _("Needs my verdict")),
            ("questions", _("Questions")),
            ("corrected", _("Corrected")),
        ],
        "filter_counts": {key: sum(1 for row in rows if test(row)) for key, test in REVIEW_FILTERS.items()},
        "differences": [row for row in rows if row.difference],
        "improvements": selectors.silver_improvements(assessment=assessment, rows=rows),
        "recommendations_differ": bool(assignment.recommendation)
        and any(c.recommendation and c.recommendation != assignment.recommendation for c in colleagues),
        "summary": selectors.review_summary(assessment=assessment, rows=rows),
        "outcome": selfassessment_selectors.assessment_outcome(assessment=assessment, answers=answers),
        "recommend_form": forms.RecommendForm(
            initial={"recommendation": assignment.recommendation, "summary": assignment.recommendation_summary}
        ),
        "can_act": assessment.status == Status.IN_REVIEW and not assignment.recommendation,
        "is_gold": assessment.level == "gold",
    }


@login_required
@require_POST
def review_declare(request, pk: int):
    assessment, assignment = _assessment_for_assessor(request, pk)
    form = forms.DeclarationForm(request.POST)
    try:
        assignment_services.assignment_declare_no_conflict(
            assignment=assignment, user=request.user, confirmed=form.is_valid() and form.cleaned_data["confirm"]
        )
    except ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Declaration recorded. You can now review the answers."))
    return redirect("labelling:review_assessment", pk=assessment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def review_decline(request, pk: int):
    assessment, assignment = _assessment_for_assessor(request, pk)
    form = forms.DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_services.assignment_decline(
                assignment=assignment, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("You declined the assessment. The coordinators will assign someone else."))
            return redirect("labelling:review_queue")
    return render(request, "labelling/review/decline.html", {"assessment": assessment, "form": form})


ANSWER_ACTIONS = ("accept", "correct", "ask", "adopt")


@login_required
@require_POST
def review_answer(request, pk: int, answer_pk: int, action: str):
    """Accept, correct, ask about, or adopt the colleague's value for one answer (htmx swaps the answer's card)."""
    assessment, assignment = _assessment_for_reviewer(request, pk)
    answer = get_object_or_404(Answer, pk=answer_pk, assessment=assessment)
    if action not in ANSWER_ACTIONS:
        raise Http404
    error = None
    form = None
    try:
        if action == "accept":
            answer_services.answer_accept(answer=answer, user=request.user)
        elif action == "correct":
            form = forms.CorrectForm(request.POST)
            if not form.is_valid():
                raise ReviewError(_("Give the corrected value and the reason."))
            answer_services.answer_correct(
                answer=answer, user=request.user, value=form.cleaned_data["value"], reason=form.cleaned_data["reason"]
            )
        elif action == "ask":
            form = forms.QuestionForm(request.POST)
            if not form.is_valid():
                raise ReviewError(_("Write the question."))
            answer_services.answer_ask(answer=answer, user=request.user, body=form.cleaned_data["body"])
        else:
            _adopt_colleague_value(answer=answer, assignment=assignment, user=request.user)
    except ReviewError as exc:
        error = str(exc)
    if _is_htmx(request):
        context = _review_context(assessment, assignment)
        row = next(r for _dim, rows in context["groups"] for r in rows if r.answer.pk == answer.pk)
        return render(
            request,
            "labelling/review/_answer_card_htmx.html",
            {**context, "row": row, "error": error, "posted": request.POST if error else None},
        )
    if error:
        messages.error(request, f"{answer.indicator.code}: {error}")
    return redirect(reverse("labelling:review_assessment", args=[assessment.pk]) + f"#answer-{answer.pk}")


def _adopt_colleague_value(*, answer, assignment, user) -> None:
    """Gold reconciliation: take over the other assessor's verdict on this answer."""
    other = answer.reviews.exclude(assignment=assignment).filter(assignment__status="active").first()
    if other is None:
        raise ReviewError(_("Your colleague has not reviewed this answer yet."))
    if other.verdict == other.Verdict.ACCEPTED:
        answer_services.answer_accept(answer=answer, user=user)
        return
    fields = {
        "yesno": "yes" if other.assessed_bool else "no",
        "choice": other.assessed_choice,
    }
    value = fields.get(answer.indicator.kind, other.assessed_number)
    answer_services.answer_correct(
        answer=answer,
        user=user,
        value=value,
        reason=_("Agreed with my fellow assessor: %(reason)s") % {"reason": other.reason},
    )


@login_required
@require_POST
def review_recommend(request, pk: int):
    assessment, assignment = _assessment_for_reviewer(request, pk)
    if request.POST.get("withdraw"):
        try:
            decision_services.assessment_recommendation_withdraw(assessment=assessment, user=request.user)
        except ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your recommendation is withdrawn; you can change your verdicts again."))
        return redirect("labelling:review_assessment", pk=assessment.pk)
    form = forms.RecommendForm(request.POST)
    if not form.is_valid():
        context = _review_context(assessment, assignment)
        context["recommend_form"] = form
        messages.error(request, _("Check the recommendation form below."))
        return render(request, "labelling/review/review.html", context, status=422)
    try:
        decision_services.assessment_recommend(
            assessment=assessment,
            user=request.user,
            recommendation=form.cleaned_data["recommendation"],
            summary=form.cleaned_data["summary"],
        )
    except ReviewError as error:
        messages.error(request, str(error))
        return redirect("labelling:review_assessment", pk=assessment.pk)
    assessment.refresh_from_db()
    if assessment.status == Status.RECOMMENDED:
        messages.success(request, _("Recommendation sent: the coordinators will decide."))
    else:
        messages.success(request, _("Recommendation recorded: it goes to the coordinators once your colleague agrees."))
    return redirect("labelling:review_queue")


# --- Managers ------------------------------------------------------------------------------------------------------


@login_required
@require_safe
def assessment_questions(request, pk: int):
    """The managers' view of the assessors' questions: open ones first with the reply form, then every thread."""
    assessment = _assessment_for_organisation(request, pk)
    rows = selectors.review_rows(assessment=assessment, viewer_assignment=None)
    open_rows = [r for r in rows if r.answer.review_state == Answer.ReviewState.QUESTION_OPEN]
    other_rows = [r for r in rows if r.messages and r not in open_rows]
    return render(
        request,
        "labelling/review/questions.html",
        {
            "assessment": assessment,
            "open_rows": open_rows,
            "other_rows": other_rows,
            "can_reply": permissions.can_manage_assessment(request.user, assessment)
            and assessment.status == Status.IN_REVIEW,
            "waiting": selectors.assessment_waiting(assessment),
            "reply_form": forms.ReplyForm(),
        },
    )


@login_required
@require_POST
def answer_reply(request, pk: int, answer_pk: int):
    assessment = _assessment_for_organisation(request, pk)
    if not permissions.can_manage_assessment(request.user, assessment):
        raise PermissionDenied  # viewers and coordinators read the questions; managers answer them
    answer = get_object_or_404(Answer, pk=answer_pk, assessment=assessment)
    form = forms.ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("%(code)s: write your reply.") % {"code": answer.indicator.code})
    else:
        try:
            answer_services.answer_reply(
                answer=answer,
                user=request.user,
                body=form.cleaned_data["body"],
                value=form.cleaned_data["value"],
                not_applicable=form.cleaned_data["not_applicable"],
                justification=form.cleaned_data["justification"],
                send_back=request.POST.get("send_back", "1") == "1",
            )
        except ReviewError as error:
            messages.error(request, f"{answer.indicator.code}: {error}")
        else:
            messages.success(request, _("Reply sent to the assessors."))
    return redirect(reverse("labelling:assessment_questions", args=[assessment.pk]) + f"#answer-{answer.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def assessment_outcome(request, pk: int):
    """The decision with its reasons, the label, the appeal (and the form to file one), and the history."""
    assessment = _assessment_for_organisation(request, pk)
    decision = Decision.objects.filter(assessment=assessment).select_related("decided_by").first()
    appeal = Appeal.objects.filter(assessment=assessment).select_related("decided_by").first()
    deadline = appeal_services.appeal_deadline(assessment=assessment)
    can_appeal = (
        assessment.status == Status.REJECTED
        and appeal is None
        and review_permissions.can_appeal(request.user, assessment)
        and deadline is not None
    )
    form = forms.AppealForm(request.POST or None)
    if request.method == "POST":
        if not review_permissions.can_appeal(request.user, assessment):
            raise PermissionDenied  # they see the outcome; only its managers appeal
        if form.is_valid():
            try:
                appeal_services.appeal_file(
                    assessment=assessment, user=request.user, reasons=form.cleaned_data["reasons"]
                )
            except ReviewError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your appeal is filed. A coordinator who took no part will decide."))
                return redirect("labelling:assessment_outcome", pk=assessment.pk)
    label = getattr(assessment, "label", None) if assessment.status == Status.AWARDED else None
    return render(
        request,
        "labelling/review/outcome.html",
        {
            "assessment": assessment,
            "decision": decision,
            "appeal": appeal,
            "label": label,
            "deadline": deadline,
            "deadline_passed": deadline is not None and timezone.now() > deadline,
            "can_appeal": can_appeal,
            "appeal_days": APPEAL_WINDOW_DAYS,
            "form": form,
            "waiting": selectors.assessment_waiting(assessment),
            "decision_departure": selectors.decision_departure_view(decision=decision, assessment=assessment),
            "appeal_departure": selectors.appeal_departure_view(appeal=appeal),
            "recommendations": assessment.assignments.filter(status=AssessorAssignment.Status.ACTIVE).exclude(
                recommendation=""
            ),
            "history": selfassessment_selectors.assessment_history_labelled(assessment=assessment, limit=50),
        },
    )


# --- Coordinators --------------------------------------------------------------------------------------------------


@login_required
@require_safe
def pipeline(request):
    """Counts by state and the oldest waiting assessments, with links to act."""
    if not review_permissions.can_see_pipeline(request.user):
        raise PermissionDenied
    return render(
        request,
        "labelling/review/pipeline.html",
        {
            "counts": selectors.pipeline_counts(),
            "waiting": selectors.pipeline_waiting(limit=50),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assign(request, pk: int):
    """Assign assessors (or replace one who declined), among accredited assessors without a conflict."""
    assessment = _assessment_for_coordinator(request, pk)
    candidates = selectors.assessor_candidates(assessment=assessment)
    form = forms.AssignForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_services.assessment_assign_assessors(
                assessment=assessment, assessors=form.selected_users(), user=request.user
            )
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Assessors assigned. They have been asked to declare no conflict."))
            return redirect("labelling:assign", pk=assessment.pk)
    return render(
        request,
        "labelling/review/assign.html",
        {
            "assessment": assessment,
            "form": form,
            "candidates": candidates,
            "assignments": assessment.assignments.select_related("assessor__assessor_profile", "assigned_by"),
            "needs": selectors.assignment_needs(assessment=assessment),
            "can_assign": assessment.status in (Status.SUBMITTED, Status.IN_REVIEW),
            "waiting": selectors.assessment_waiting(assessment),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def assignment_remove(request, pk: int, assignment_pk: int):
    """Take an assessor off the assessment (the coordinators then assign another)."""
    assessment = _assessment_for_coordinator(request, pk)
    assignment = get_object_or_404(AssessorAssignment, pk=assignment_pk, assessment=assessment)
    try:
        assignment_services.assignment_remove(
            assignment=assignment, user=request.user, reason=request.POST.get("reason", "")
        )
    except ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Assessor removed: assign another below."))
    return redirect("labelling:assign", pk=assessment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, pk: int):
    """The coordinator's decision: recommendations, corrections, the scoring outcome, award or reject."""
    assessment = _assessment_for_coordinator(request, pk)
    rows = selectors.review_rows(assessment=assessment, viewer_assignment=None)
    outcome = selfassessment_selectors.assessment_outcome(assessment=assessment, answers=[r.answer for r in rows])
    form = forms.DecisionForm(request.POST or None, reached=outcome.reached, computed="; ".join(outcome.reasons))
    allowed = review_permissions.can_decide(request.user, assessment)
    if request.method == "POST" and form.is_valid():
        try:
            decision_services.assessment_decide(
                assessment=assessment,
                user=request.user,
                award=form.cleaned_data["outcome"] == "award",
                reasons=form.cleaned_data["reasons"],
                departure_reason=form.cleaned_data["departure_reason"],
            )
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Decision recorded; the managers have been informed by e-mail."))
            return redirect("labelling:decide", pk=assessment.pk)
    decision = Decision.objects.filter(assessment=assessment).select_related("decided_by").first()
    appeal = Appeal.objects.filter(assessment=assessment).first()
    return render(
        request,
        "labelling/review/decide.html",
        {
            "assessment": assessment,
            "form": form,
            "allowed": allowed,
            "rows": rows,
            "corrected": [r for r in rows if r.answer.review_state == Answer.ReviewState.CORRECTED],
            "outcome": outcome,
            "improvements": selectors.silver_improvements(assessment=assessment, rows=rows),
            "recommendations": assessment.assignments.filter(status=AssessorAssignment.Status.ACTIVE).select_related(
                "assessor"
            ),
            "decision": decision,
            "decision_departure": selectors.decision_departure_view(decision=decision, outcome=outcome),
            "appeal": appeal,
            "appeal_departure": selectors.appeal_departure_view(appeal=appeal),
            "label": getattr(assessment, "label", None) if assessment.status == Status.AWARDED else None,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def appeal_decide(request, pk: int):
    """Decide an appeal: only a coordinator who took no part in the decision or the review."""
    assessment = _assessment_for_coordinator(request, pk)
    appeal = get_object_or_404(Appeal.objects.select_related("filed_by", "decided_by"), assessment=assessment)
    decision = Decision.objects.filter(assessment=assessment).select_related("decided_by").first()
    allowed = review_permissions.can_decide_appeal(request.user, appeal)
    outcome = selfassessment_selectors.assessment_outcome(assessment=assessment)
    form = forms.AppealDecisionForm(request.POST or None, reached=outcome.reached, computed="; ".join(outcome.reasons))
    if request.method == "POST" and form.is_valid():
        try:
            appeal_services.appeal_decide(
                appeal=appeal,
                user=request.user,
                uphold=form.cleaned_data["outcome"] == "uphold",
                reasons=form.cleaned_data["reasons"],
                departure_reason=form.cleaned_data["departure_reason"],
            )
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Appeal decided; the managers have been informed by e-mail."))
            return redirect("labelling:appeal_decide", pk=assessment.pk)
    return render(
        request,
        "labelling/review/appeal_decide.html",
        {
            "assessment": assessment,
            "appeal": appeal,
            "decision": decision,
            "allowed": allowed,
            "form": form,
            "outcome": outcome,
            "decision_departure": selectors.decision_departure_view(decision=decision, outcome=outcome),
            "improvements": selectors.silver_improvements(assessment=assessment),
        },
        status=422 if request.method == "POST" else 200,
    )
