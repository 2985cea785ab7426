"""Writes of the survey app: building surveys, inviting, responding and publishing results."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from platform_directory.models import OrganisationMembership
from portal.audit import audit_log
from portal.mail import mail
from portal.services import task_run_claim
from portal.tasks import enqueue_on_commit
from survey.models import (
    Answer,
    Invitation,
    Option,
    Question,
    Response,
    Section,
    Survey,
    invitation_token_hash,
    respondent_key_for,
)
from survey.structure import SectionNode, SurveyStructure


class SurveyError(Exception):
    """An action that the survey's state does not allow; the message is shown to the user."""


# --- Building -------------------------------------------------------------------------------------------------------


def _require_draft(survey: Survey) -> None:
    """Read from the database: the instance at hand may predate a launch."""
    if not Survey.objects.filter(pk=survey.pk, status=Survey.Status.DRAFT).exists():
        raise SurveyError(_("This survey has been launched: its sections and questions can no longer change."))


def survey_save(*, survey: Survey, user) -> Survey:
    """Create or update a survey's settings (validated like the admin does)."""
    creating = survey.pk is None
    if not creating and survey.status != Survey.Status.DRAFT:
        previous = Survey.objects.get(pk=survey.pk)
        if previous.is_anonymous != survey.is_anonymous:
            raise SurveyError(_("A launched survey cannot switch between anonymous and named."))
    survey.full_clean()
    with transaction.atomic():
        if creating:
            survey.created_by = user if user.is_authenticated else None
        survey.save()
        audit_log(
            actor=user,
            action="survey.survey.created" if creating else "survey.survey.updated",
            target=survey,
            data={"anonymous": survey.is_anonymous, "opens_at": survey.opens_at.isoformat()},
        )
    return survey


def section_save(*, section: Section, user) -> Section:
    """Create or update a section of a draft survey."""
    _require_draft(section.survey)
    section.full_clean()
    with transaction.atomic():
        creating = section.pk is None
        section.save()
        problems = _order_problems(section.survey)
        if problems:
            transaction.set_rollback(True)
            raise ValidationError(problems)
        audit_log(
            actor=user,
            action="survey.section.created" if creating else "survey.section.updated",
            target=section,
            data={"survey": section.survey_id, "position": section.position},
        )
    return section


def section_delete(*, section: Section, user) -> None:
    """Delete a section of a draft survey, with its questions (refused while later questions depend on them)."""
    _require_draft(section.survey)
    dependants = Question.objects.filter(condition_question__section=section).exclude(section=section)
    if dependants.exists():
        raise SurveyError(
            _("Questions of other sections depend on this section's answers: remove those conditions first.")
        )
    with transaction.atomic():
        Question.objects.filter(section=section).update(condition_question=None, condition_value="")
        audit_log(actor=user, action="survey.section.deleted", target=section, data={"survey": section.survey_id})
        section.delete()


def _order_problems(survey: Survey) -> list[str]:
    """Conditions broken by a change of order (a condition pointing at what is now a later question)."""
    return SurveyStructure(survey).order_problems()


@dataclass
class OptionSpec:
    label: str
    indicator_code: str = ""
    value: str = ""


def options_validate(*, kind: str, choices: list[OptionSpec], rows: list[OptionSpec]) -> None:
    """The answers a question needs for its type; raises ValidationError (used by the staff page and the admin)."""
    errors = []
    if kind in Question.CHOICE_KINDS and len(choices) < 2:
        errors.append(_("A choice question needs at least two answers, one per line."))
    if kind == Question.Kind.MATRIX:
        if not rows:
            errors.append(_("A matrix needs at least one row."))
        if len(choices) < 2:
            errors.append(_("A matrix needs a scale of at least two points."))
    for group in (choices, rows):
        values = [spec.value or slugify(spec.label)[:80] for spec in group]
        if any(not value for value in values):
            errors.append(_("Every answer needs a label with letters or digits."))
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            errors.append(_("Two answers would have the same value: %(values)s.") % {"values": ", ".join(duplicates)})
    if kind not in (*Question.CHOICE_KINDS, Question.Kind.MATRIX) and (choices or rows):
        errors.append(_("Only choice and matrix questions have answers to choose from."))
    if errors:
        raise ValidationError(errors)


def question_save(
    *, question: Question, user, choices: list[OptionSpec] | None = None, rows: list[OptionSpec] | None = None
) -> Question:
    """Create or update a question of a draft survey with its answers (and matrix rows); all or nothing."""
    survey = question.survey
    _require_draft(survey)
    choices = choices or []
    rows = rows or []
    if question.kind == Question.Kind.MATRIX and not choices:
        choices = [OptionSpec(label=str(i), value=str(i)) for i in range(1, 6)]
    options_validate(kind=question.kind, choices=choices, rows=rows)
    if not question.code:
        question.code = _free_code(survey, slugify(question.text)[:40] or "question")
    creating = question.pk is None
    try:
        _question_write(question, choices, rows, user=user, creating=creating)
    except ValidationError:
        if creating:
            question.pk = None  # rolled back
        raise
    return question


def _question_write(question: Question, choices, rows, *, user, creating: bool) -> None:
    survey = question.survey
    with transaction.atomic():
        question.full_clean()
        question.save()
        _replace_options(question, choices, rows)
        if question.kind not in Question.CONDITION_KINDS:
            if Question.objects.filter(condition_question=question).exists():
                raise ValidationError(
                    _("Other questions depend on this one: it must stay a choice or rating question.")
                )
        else:
            broken = [
                dep.text
                for dep in Question.objects.filter(condition_question=question)
                if question.kind != Question.Kind.RATING
                and dep.condition_value not in {o.value for o in question.options.all()}
            ]
            if broken:
                raise ValidationError(
                    _("These questions depend on an answer you removed: %(list)s.") % {"list": "; ".join(broken)}
                )
        problems = _order_problems(survey)
        if problems:
            raise ValidationError(problems)
        audit_log(
            actor=user,
            action="survey.question.created" if creating else "survey.question.updated",
            target=question,
            data={"survey": survey.pk, "kind": question.kind, "required": question.required},
        )


def _free_code(survey: Survey, base: str) -> str:
    taken = set(Question.objects.filter(survey=survey).values_list("code", flat=True))
    code, n = base, 2
    while code in taken:
        code = f"{base}-{n}"
        n += 1
    return code


def _replace_options(question: Question, choices: list[OptionSpec], rows: list[OptionSpec]) -> None:
    question.options.all().delete()
    new = []
    for role, specs in ((Option.Role.CHOICE, choices), (Option.Role.ROW, rows)):
        for position, spec in enumerate(specs, start=1):
            value = spec.value or slugify(spec.label)[:80]
            score = None
            if question.kind == Question.Kind.MATRIX and role == Option.Role.CHOICE:
                score = position
            new.append(
                Option(
                    question=question,
                    role=role,
                    value=value,
                    label=spec.label,
                    position=position,
                    score=score,
                    indicator_code=spec.indicator_code,
                )
            )
    Option.objects.bulk_create(new)


def question_delete(*, question: Question, user) -> None:
    """Delete a question of a draft survey (refused while other questions depend on it)."""
    _require_draft(question.survey)
    if Question.objects.filter(condition_question=question).exists():
        raise SurveyError(_("Other questions are shown depending on this one: remove those conditions first."))
    with transaction.atomic():
        audit_log(actor=user, action="survey.question.deleted", target=question, data={"survey": question.survey_id})
        question.delete()


def survey_launch(*, survey: Survey, user) -> Survey:
    """Draft → launched: the questions freeze; respondents can answer between the opening and closing dates."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        _require_draft(survey)
        problems = SurveyStructure(survey).problems()
        if problems:
            raise SurveyError(_("The survey cannot be launched yet: ") + " ".join(problems))
        survey.status = Survey.Status.LIVE
        survey.launched_at = timezone.now()
        survey.save(update_fields=["status", "launched_at"])
        audit_log(actor=user, action="survey.survey.launched", target=survey)
    return survey


def survey_return_to_draft(*, survey: Survey, user) -> Survey:
    """Launched → draft, only while nobody has started answering."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.status != Survey.Status.LIVE:
            raise SurveyError(_("Only a launched survey can go back to draft."))
        if Response.objects.filter(survey=survey).exists():
            raise SurveyError(_("People have started answering: the questions can no longer change."))
        survey.status = Survey.Status.DRAFT
        survey.launched_at = None
        survey.save(update_fields=["status", "launched_at"])
        audit_log(actor=user, action="survey.survey.returned_to_draft", target=survey)
    return survey


def survey_close_now(*, survey: Survey, user) -> Survey:
    """Close an open survey before its closing date."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.phase != "open":
            raise SurveyError(_("Only an open survey can be closed."))
        survey.closes_at = max(timezone.now(), survey.opens_at + datetime.timedelta(seconds=1))
        survey.save(update_fields=["closes_at"])
        audit_log(actor=user, action="survey.survey.closed", target=survey)
    return survey


def survey_results_publish(*, survey: Survey, user, publish: bool = True) -> Survey:
    """Publish (or withdraw) the public summary of the results."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if publish and survey.status != Survey.Status.LIVE:
            raise SurveyError(_("Launch the survey before publishing its results."))
        survey.results_published = publish
        survey.results_published_at = timezone.now() if publish else None
        survey.save(update_fields=["results_published", "results_published_at"])
        audit_log(
            actor=user, action="survey.results.published" if publish else "survey.results.withdrawn", target=survey
        )
    return survey


# --- Invitations ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    email: str
    user_id: int | None = None
    organisation_id: int | None = None


def invitations_create(*, survey: Survey, recipients: list[Recipient], user) -> int:
    """Record one invitation per new address (addresses already invited are skipped); returns how many are new."""
    if survey.status != Survey.Status.LIVE or survey.phase == "closed":
        raise SurveyError(_("Invitations go out for a launched survey that has not closed."))
    seen: set[str] = set()
    rows = []
    for recipient in recipients:
        email = recipient.email.strip().lower()
        if not email or email in seen:
            continue
        seen.add(email)
        rows.append(
            Invitation(
                survey=survey,
                email=email,
                user_id=recipient.user_id,
                organisation_id=recipient.organisation_id,
                created_by=user,
            )
        )
    with transaction.atomic():
        before = Invitation.objects.filter(survey=survey).count()
        Invitation.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        created = Invitation.objects.filter(survey=survey).count() - before
        audit_log(actor=user, action="survey.invitations.created", target=survey, data={"new": created})
    return created


def invitations_send_start(*, survey: Survey, user):
    """Start (or join) the background job that e-mails the unsent invitations; returns the job's run."""
    run, started = task_run_claim(name=f"survey-invitations-{survey.pk}", user=user)
    if started:
        audit_log(actor=user, action="survey.invitations.sending", target=survey, data={"run": str(run.pk)})
        enqueue_on_commit("survey.tasks.survey_send_invitations", str(run.pk), survey.pk)
    return run


def invitations_send_batch(*, survey_id: int, batch_size: int) -> int:
    """E-mail up to `batch_size` unsent invitations; each gets a fresh token of which only a hash is stored."""
    with transaction.atomic():
        batch = list(
            Invitation.objects.select_for_update(skip_locked=True)
            .filter(survey_id=survey_id, sent_at__isnull=True)
            .select_related("survey")
            .order_by("pk")[:batch_size]
        )
        if not batch:
            return 0
        now = timezone.now()
        links = {}
        for invitation in batch:
            token = secrets.token_urlsafe(32)
            invitation.token_hash = invitation_token_hash(token)
            invitation.sent_at = now
            links[invitation.pk] = settings.SITE_URL + reverse("survey:token_start", kwargs={"token": token})
        Invitation.objects.bulk_update(batch, ["token_hash", "sent_at"])
        survey = batch[0].survey
        mail(  # queued when the batch commits, so a rolled-back batch sends nothing and is sent again
            to=batch,
            subject=lambda: _("Your view counts: %(title)s") % {"title": survey.title},
            template="survey/email/invitation.txt",
            context=lambda invitation: {"survey": survey, "link": links[invitation.pk], "invitation": invitation},
        )
    return len(batch)


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("survey", "organisation")
        .filter(token_hash=invitation_token_hash(token), sent_at__isnull=False)
        .first()
    )


# --- Responding -----------------------------------------------------------------------------------------------------


@dataclass
class Respondent:
    """Who answers: a signed-in user, a named invitation, or an anonymous invitation token (never stored)."""

    survey: Survey
    user: object | None = None
    invitation: Invitation | None = None
    token: str | None = None

    def find(self) -> Response | None:
        return self.lookup().first()

    def lookup(self):
        qs = Response.objects.filter(survey=self.survey)
        if self.survey.is_anonymous:
            return qs.filter(respondent_key=respondent_key_for(self.token or ""))
        if self.user is not None:
            return qs.filter(user=self.user)
        return qs.filter(invitation=self.invitation)


def _respondent_origin(respondent: Respondent) -> dict:
    """The organisation (named) or only its country and sector (anonymous), at the time the response starts."""
    organisation = respondent.invitation.organisation if respondent.invitation else None
    if organisation is None and respondent.user is not None:
        # a manager answers for the organisation they manage ("manager" sorts before "viewer")
        membership = (
            OrganisationMembership.objects.filter(user=respondent.user)
            .select_related("organisation")
            .order_by("role", "organisation__name")
            .first()
        )
        organisation = membership.organisation if membership else None
    origin = {
        "country": organisation.country if organisation else "",
        "sector": organisation.main_sector if organisation else "",
    }
    if not respondent.survey.is_anonymous:
        origin["organisation"] = organisation
    return origin


def _anonymous_time():
    """Anonymous responses keep the day only, so their times cannot be matched with e-mail or access logs."""
    now = timezone.localtime()
    return now.replace(hour=12, minute=0, second=0, microsecond=0)


def _audit_response(response: Response, action: str, *, actor, data: dict | None = None) -> None:
    """Named responses are audited as themselves; an anonymous one only as "a response to this survey", with no
    actor and no response id, so that the log's exact times cannot be matched with a response either."""
    if response.is_anonymous:
        audit_log(actor=None, action=action, target=response.survey, data={"anonymous": True})
    else:
        audit_log(actor=actor, action=action, target=response, data={"survey": response.survey_id, **(data or {})})


def response_start(*, respondent: Respondent) -> Response:
    """The respondent's response, created on first save (one per user, invitation or anonymous token)."""
    existing = respondent.find()
    if existing is not None:
        return existing
    survey = respondent.survey
    if not survey.is_open:
        raise SurveyError(_("This survey is not open for answers."))
    fields = {"survey": survey, "is_anonymous": survey.is_anonymous, **_respondent_origin(respondent)}
    if survey.is_anonymous:
        fields["respondent_key"] = respondent_key_for(respondent.token or "")
        fields["created_at"] = fields["updated_at"] = _anonymous_time()
    else:
        fields["user"] = (
            respondent.user if respondent.user is not None else getattr(respondent.invitation, "user", None)
        )
        fields["invitation"] = respondent.invitation
    try:
        with transaction.atomic():
            response = Response.objects.create(**fields)
            _audit_response(response, "survey.response.started", actor=fields.get("user"))
    except IntegrityError:  # a parallel request created it first
        response = respondent.find()
        if response is None:
            raise
    return response


def response_save_section(
    *, respondent: Respondent, structure: SurveyStructure, section: SectionNode, values: dict
) -> Response:
    """Replace the answers of one section (validated values from the section form); answers to questions that the
    new answers hide are dropped. Nothing is saved once the response is submitted or the survey closed."""
    survey = respondent.survey
    if not survey.is_open:
        raise SurveyError(_("This survey is not open for answers."))
    response = response_start(respondent=respondent)
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        if response.is_submitted:
            raise SurveyError(_("You have already submitted your answers; they can no longer change."))
        section_pks = [node.pk for node in section.questions]
        Answer.objects.filter(response=response, question_id__in=section_pks).delete()
        Answer.objects.bulk_create(answer_rows_for(response, section, values))
        answers = structure.answers_of(response)
        visible = structure.visible_pks(answers)
        hidden = [pk for pk in answers if pk not in visible]
        if hidden:
            Answer.objects.filter(response=response, question_id__in=hidden).delete()
        response.current_step = min(section.step + 1, structure.step_count)
        response.updated_at = _anonymous_time() if response.is_anonymous else timezone.now()
        response.save(update_fields=["current_step", "updated_at"])
        if not response.is_anonymous:  # anonymous drafts leave no trace of when they were worked on
            _audit_response(response, "survey.response.saved", actor=respondent.user, data={"step": section.step})
    return response


def answer_rows_for(response: Response, section: SectionNode, values: dict) -> list[Answer]:
    rows = []
    for node in section.questions:
        value = values.get(node.pk)
        if value in (None, "", [], set(), {}):
            continue
        kind = node.kind
        base = {"response": response, "question": node.question}
        if kind == Question.Kind.SINGLE:
            rows.append(Answer(option=node.choice_by_value(value), **base))
        elif kind == Question.Kind.MULTIPLE:
            rows.extend(Answer(option=node.choice_by_value(v), **base) for v in value)
        elif kind == Question.Kind.MATRIX:
            by_value = {row.value: row for row in node.rows}
            rows.extend(
                Answer(row=by_value[row_value], option=node.choice_by_value(scale_value), **base)
                for row_value, scale_value in value.items()
                if row_value in by_value and scale_value
            )
        elif kind in (Question.Kind.RATING, Question.Kind.NUMBER):
            rows.append(Answer(number=Decimal(value), **base))
        else:
            rows.append(Answer(text=str(value).strip(), **base))
    return [row for row in rows if row.option is not None or row.number is not None or row.text]


def response_submit(*, respondent: Respondent, structure: SurveyStructure) -> Response:
    """Submit the response once every shown required question is answered. Submitting again changes nothing."""
    survey = respondent.survey
    existing = respondent.find()
    if existing is None:
        raise SurveyError(_("There is nothing to submit yet: answer the questions first."))
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=existing.pk)
        if response.is_submitted:
            return response
        if not survey.is_open:
            raise SurveyError(_("This survey is not open for answers."))
        missing = structure.missing_required(structure.answers_of(response))
        if missing:
            raise SurveyError(
                _("Some required questions are not answered yet: %(list)s.")
                % {"list": "; ".join(n.question.text for n in missing)}
            )
        response.status = Response.Status.SUBMITTED
        response.submitted_at = _anonymous_time() if response.is_anonymous else timezone.now()
        response.save(update_fields=["status", "submitted_at"])
        _audit_response(response, "survey.response.submitted", actor=respondent.user)
    return response
