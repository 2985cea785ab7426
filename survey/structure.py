"""A survey's structure loaded once (sections, questions, options) and the rules that walk it: order, conditions,
visibility, completeness. Shared by the responding pages, the services and the results."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from survey.models import Answer, Option, Question, Section, Survey


@dataclass
class QuestionNode:
    """A question with its choices (or scale points) and, for a matrix, its rows."""

    question: Question
    step: int
    choices: list[Option] = field(default_factory=list)
    rows: list[Option] = field(default_factory=list)
    condition: QuestionNode | None = None  # the earlier question this one depends on

    @property
    def pk(self) -> int:
        return self.question.pk

    @property
    def kind(self) -> str:
        return self.question.kind

    def choice_by_value(self, value: str) -> Option | None:
        return next((o for o in self.choices if o.value == value), None)


@dataclass
class SectionNode:
    section: Section
    step: int
    questions: list[QuestionNode] = field(default_factory=list)


class SurveyStructure:
    """Sections in order (steps 1..n), their questions in order, with options: three queries."""

    def __init__(self, survey: Survey):
        self.survey = survey
        sections = list(Section.objects.filter(survey=survey).order_by("position", "pk"))
        self.sections = [SectionNode(section=s, step=i + 1) for i, s in enumerate(sections)]
        by_section = {node.section.pk: node for node in self.sections}
        questions = list(
            Question.objects.filter(survey=survey)
            .select_related("section")
            .order_by("section__position", "section_id", "position", "pk")
        )
        self.questions: list[QuestionNode] = []
        self.by_pk: dict[int, QuestionNode] = {}
        for question in questions:
            node = QuestionNode(question=question, step=by_section[question.section_id].step)
            by_section[question.section_id].questions.append(node)
            self.questions.append(node)
            self.by_pk[question.pk] = node
        for node in self.questions:
            node.condition = self.by_pk.get(node.question.condition_question_id)
        self.options: dict[int, Option] = {}
        for option in Option.objects.filter(question__survey=survey).order_by("position", "pk"):
            node = self.by_pk.get(option.question_id)
            if node is None:
                continue
            (node.rows if option.role == Option.Role.ROW else node.choices).append(option)
            self.options[option.pk] = option

    @property
    def step_count(self) -> int:
        return len(self.sections)

    def section_at(self, step: int) -> SectionNode | None:
        return self.sections[step - 1] if 1 <= step <= len(self.sections) else None

    # --- answers -------------------------------------------------------------------------------------------------

    def answers_of(self, response) -> dict:
        """The response's answers as {question pk: value} (see `value_from_rows`)."""
        if response is None or response.pk is None:
            return {}
        rows = Answer.objects.filter(response=response).values("question_id", "row_id", "option_id", "number", "text")
        return self.value_from_rows(rows)

    def value_from_rows(self, rows) -> dict:
        """single: option value; multiple: set of values; rating: int; number: Decimal; text: str;
        matrix: {row value: scale value}."""
        answers: dict = {}
        for row in rows:
            node = self.by_pk.get(row["question_id"])
            if node is None:
                continue
            kind = node.kind
            option = self.options.get(row["option_id"]) if row["option_id"] else None
            if kind == Question.Kind.SINGLE and option:
                answers[node.pk] = option.value
            elif kind == Question.Kind.MULTIPLE and option:
                answers.setdefault(node.pk, set()).add(option.value)
            elif kind == Question.Kind.MATRIX and option and row["row_id"] in self.options:
                answers.setdefault(node.pk, {})[self.options[row["row_id"]].value] = option.value
            elif kind == Question.Kind.RATING and row["number"] is not None:
                answers[node.pk] = int(row["number"])
            elif kind == Question.Kind.NUMBER and row["number"] is not None:
                answers[node.pk] = Decimal(row["number"])
            elif kind in Question.TEXT_KINDS and row["text"]:
                answers[node.pk] = row["text"]
        return answers

    # --- conditions ----------------------------------------------------------------------------------------------

    def condition_met(self, node: QuestionNode, answers: dict) -> bool:
        question = node.question
        if not question.condition_question_id:
            return True
        value = answers.get(question.condition_question_id)
        if value is None:
            return False
        if isinstance(value, set):
            return question.condition_value in value
        return str(value) == question.condition_value

    def visible_pks(self, answers: dict) -> set[int]:
        """Questions shown for these answers: no condition, or the condition's question is shown and answered so."""
        visible: set[int] = set()
        for node in self.questions:
            dep = node.question.condition_question_id
            if dep is None or (dep in visible and self.condition_met(node, answers)):
                visible.add(node.pk)
        return visible

    def is_answered(self, node: QuestionNode, answers: dict) -> bool:
        value = answers.get(node.pk)
        if node.kind == Question.Kind.MATRIX:
            return bool(value) and all(row.value in value for row in node.rows)
        return value not in (None, "", set())

    def missing_required(self, answers: dict) -> list[QuestionNode]:
        visible = self.visible_pks(answers)
        return [
            n for n in self.questions if n.pk in visible and n.question.required and not self.is_answered(n, answers)
        ]

    def progress(self, answers: dict) -> int:
        """Percent of the shown questions answered."""
        visible = self.visible_pks(answers)
        if not visible:
            return 0
        answered = sum(1 for n in self.questions if n.pk in visible and self.is_answered(n, answers))
        return round(100 * answered / len(visible))

    # --- validation of the structure -----------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What keeps the survey from being launched, in words a coordinator understands."""
        problems: list[str] = []
        if not self.sections:
            problems.append(_("The survey has no section."))
        for section in self.sections:
            if not section.questions:
                problems.append(_("Section “%(title)s” has no question.") % {"title": section.section.title})
        order = {node.pk: index for index, node in enumerate(self.questions)}
        for node in self.questions:
            q = node.question
            label = q.text
            if node.kind in Question.CHOICE_KINDS and len(node.choices) < 2:
                problems.append(_("“%(text)s” needs at least two answers to choose from.") % {"text": label})
            if node.kind == Question.Kind.MATRIX and (not node.rows or len(node.choices) < 2):
                problems.append(_("“%(text)s” needs at least one row and two scale points.") % {"text": label})
            if q.condition_question_id:
                target = self.by_pk.get(q.condition_question_id)
                if target is None:
                    problems.append(_("“%(text)s” depends on a question of another survey.") % {"text": label})
                elif order[target.pk] >= order[node.pk]:
                    pass  # reported by order_problems()
                elif target.kind == Question.Kind.RATING:
                    pass
                elif target.choice_by_value(q.condition_value) is None:
                    problems.append(
                        _("“%(text)s” depends on an answer that no longer exists (“%(value)s”).")
                        % {"text": label, "value": q.condition_value}
                    )
        return problems + self.order_problems()

    def order_problems(self) -> list[str]:
        """Conditions that point at the question itself or at a later one (after a move, for instance)."""
        order = {node.pk: index for index, node in enumerate(self.questions)}
        problems = []
        for node in self.questions:
            target_pk = node.question.condition_question_id
            if target_pk in order and order[target_pk] >= order[node.pk]:
                problems.append(
                    _("“%(text)s” depends on a later question (“%(target)s”); move one of them.")
                    % {"text": node.question.text, "target": self.by_pk[target_pk].question.text}
                )
        return problems
