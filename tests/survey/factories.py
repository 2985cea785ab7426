"""Factories and a ready-made survey for the survey tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import factory
from django.utils import timezone

from survey.models import Question, Section, Survey
from survey.services import OptionSpec, question_save, survey_launch


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Survey {n}")
    slug = factory.Sequence(lambda n: f"survey-{n}")
    introduction = "Tell us how you work."
    audience = Survey.Audience.MEMBERS
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    survey = factory.SubFactory(SurveyFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    position = factory.Sequence(lambda n: n + 1)


@dataclass
class BuiltSurvey:
    survey: Survey
    role: Question
    detail: Question
    rating: Question
    multi: Question
    matrix: Question
    number: Question
    text: Question


def build_survey(*, user, launch: bool = True, **survey_fields) -> BuiltSurvey:
    """Two sections: (1) role [single, required], detail [short text, required, shown when role = a], rating;
    (2) topics [multiple, required], needs [matrix 2 rows x 1-5, required], staff [number 0-100], remarks [text]."""
    survey = SurveyFactory(**survey_fields)
    first = SectionFactory(survey=survey, title="About you", position=1)
    second = SectionFactory(survey=survey, title="Needs", position=2)

    def q(section, position, code, kind, text, *, choices=(), rows=(), **extra):
        question = Question(survey=survey, section=section, position=position, code=code, kind=kind, text=text, **extra)
        return question_save(
            question=question,
            user=user,
            choices=[OptionSpec(label=label, value=value) for value, label in choices],
            rows=[OptionSpec(label=label, value=value) for value, label in rows],
        )

    role = q(
        first, 1, "role", Question.Kind.SINGLE, "Your role", required=True, choices=[("a", "Manager"), ("b", "Staff")]
    )
    detail = q(
        first,
        2,
        "detail",
        Question.Kind.SHORT_TEXT,
        "Since when do you manage?",
        required=True,
        condition_question=role,
        condition_value="a",
    )
    rating = q(first, 3, "rating", Question.Kind.RATING, "How useful is the framework?")
    multi = q(
        second,
        1,
        "topics",
        Question.Kind.MULTIPLE,
        "Topics",
        required=True,
        choices=[("x", "Strategy"), ("y", "Finance"), ("z", "Services")],
    )
    matrix = q(
        second,
        2,
        "needs",
        Question.Kind.MATRIX,
        "Training needs",
        required=True,
        rows=[("r1", "Governance"), ("r2", "Financing")],
    )
    number = q(second, 3, "staff", Question.Kind.NUMBER, "Staff (FTE)", min_value=0, max_value=100)
    text = q(second, 4, "remarks", Question.Kind.LONG_TEXT, "Remarks")
    if launch:
        survey = survey_launch(survey=survey, user=user)
    return BuiltSurvey(survey, role, detail, rating, multi, matrix, number, text)


def full_answers(built: BuiltSurvey, *, role="a", topics=("x",), needs=("3", "5"), staff="2.5", remarks="Fine") -> dict:
    """POST data of both sections, keyed by step."""
    matrix_rows = list(built.matrix.options.filter(role="row").order_by("position"))
    return {
        1: {f"q{built.role.pk}": role, f"q{built.detail.pk}": "2019", f"q{built.rating.pk}": "4", "action": "next"},
        2: {
            f"q{built.multi.pk}": list(topics),
            **{f"q{built.matrix.pk}_{row.pk}": value for row, value in zip(matrix_rows, needs, strict=False)},
            f"q{built.number.pk}": staff,
            f"q{built.text.pk}": remarks,
            "action": "review",
        },
    }


def submit_response(built: BuiltSurvey, *, user=None, token: str | None = None, organisation=None, **answers):
    """A submitted response through the services (as the pages do), with the given answers (see full_answers)."""
    import secrets

    from survey.forms import SectionAnswerForm
    from survey.services import Respondent, response_save_section, response_submit
    from survey.structure import SurveyStructure
    from tests.factories import MembershipFactory

    survey = built.survey
    if survey.is_anonymous:
        respondent = Respondent(survey=survey, token=token or secrets.token_urlsafe(16))
        if organisation is not None:
            from survey.models import Invitation

            respondent.invitation = Invitation(survey=survey, email="x@example.org", organisation=organisation)
    else:
        if user is None:
            user = MembershipFactory(**({"organisation": organisation} if organisation else {})).user
        respondent = Respondent(survey=survey, user=user)
    structure = SurveyStructure(survey)
    data = full_answers(built, **answers)
    for step in (1, 2):
        section = structure.section_at(step)
        answers_now = structure.answers_of(respondent.find())
        form = SectionAnswerForm(data[step], section=section, answers=answers_now)
        assert form.is_valid(), form.errors
        response_save_section(respondent=respondent, structure=structure, section=section, values=form.values())
    return response_submit(respondent=respondent, structure=structure)
