"""Demo data of the label process: assessments in every state for the demo managers' organisations (drafts,
submitted, in review with open questions, awarded at each level, rejected, one under appeal), review work for the
demo assessors and decisions for the demo coordinators, and awarded assessments with realistic assessor values
for about 60 other validated organisations so benchmarking has data.

Deterministic (ctx.rng), idempotent (nothing is added when the demo organisations already have assessments) and
fast (bulk_create, one transaction).
"""

from __future__ import annotations

import datetime
import hashlib
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from labelling.framework import scoring
from labelling.framework.levels import Level
from labelling.models import Answer, Assessment, EvidenceDocument, Framework, ImprovementDeclaration, Indicator, Label
from labelling.review.models import (
    AnswerMessage,
    AnswerReview,
    Appeal,
    AssessorAffiliation,
    AssessorAssignment,
    Decision,
)
from labelling.review.services.assignment import DECLARATION_TEXT
from labelling.selfassessment.models import level_indicator_queryset
from labelling.selfassessment.selectors import assessment_outcome
from platform_directory.models import ClusterOrganisation, OrganisationMembership
from portal.models import AuditEvent

Status = Assessment.Status
ReviewState = Answer.ReviewState
OTHER_AWARDED = 60

# Chances of green / yellow / red per profile.
PROFILES = {
    "gold": (0.86, 0.14, 0.0),
    "strong": (0.65, 0.3, 0.05),
    "typical": (0.45, 0.38, 0.17),
    "weak": (0.3, 0.4, 0.3),
}

SUMMARIES = {
    "award": (
        "All answers were checked against the member register, the statutes, the annual accounts and the strategy "
        "document. The few corrections do not change the outcome; the organisation meets the level."
    ),
    "reject": (
        "The evidence does not support several key answers: staff figures and the funding mix were corrected after "
        "checking the accounts, and a minimum requirement is now red. The level is not reached."
    ),
}

CORRECTION_REASONS = {
    "1": "The member register counts fewer committed participants than declared.",
    "2": "The staff plan and the payroll show a lower figure.",
    "3": "Recomputed from the audited annual accounts.",
    "4": "Only activities documented in the annual report were counted.",
    "5": "Only documented contacts and signed agreements were counted.",
    "6": "Only items from the last period with a source were counted.",
    "*": "Recomputed from the evidence.",
}

QUESTIONS = [
    ("1.1", "The member list you attached has 41 names; where do the other members come from?", ""),
    ("2.2", "Are the two project officers paid by the cluster or by a member? Please send the staff plan.", ""),
    ("3.1", "Does the private share include the in-kind contributions of members? Please send the accounts.", ""),
    ("4.2", "How many participants answered the strategy consultation, and when?", ""),
]


@dataclass
class _Batch:
    """Rows collected for bulk creation."""

    answers: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    events: list = field(default_factory=list)


def seed(ctx) -> None:
    framework = Framework.objects.filter(code="ECEI-2026", version=1).first()
    if framework is None:
        ctx.log("  labelling: no ECEI-2026 framework; skipped")
        return
    demo = _demo_organisations(ctx)
    if Assessment.objects.filter(organisation__in=[o for group in demo.values() for o in group]).exists():
        ctx.log("  labelling: demo assessments already there")
        return
    with transaction.atomic():
        seeder = _Seeder(ctx, framework)
        seeder.demo(demo)
        seeder.others(exclude={o.pk for group in demo.values() for o in group})
        seeder.flush()
    ctx.log(f"  labelling: {seeder.assessment_count} assessments, {seeder.label_count} labels")


def _demo_organisations(ctx) -> dict[str, list[ClusterOrganisation]]:
    """The demo managers' organisations, found through their memberships (in a stable order)."""
    result = {}
    for key in ("manager", "manager2"):
        user = ctx.users.get(key)
        if user is None:
            result[key] = []
            continue
        result[key] = list(
            ClusterOrganisation.objects.filter(
                memberships__user=user, memberships__role=OrganisationMembership.Role.MANAGER
            ).order_by("memberships__created_at", "pk")
        )
    return result


class _Seeder:
    def __init__(self, ctx, framework):
        self.ctx = ctx
        self.rng = ctx.rng
        self.framework = framework
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.indicators = {
            level: list(level_indicator_queryset(framework.pk, level)) for level in (Level.BRONZE, Level.GOLD)
        }
        self.indicators[Level.SILVER] = list(level_indicator_queryset(framework.pk, Level.SILVER))
        self.users = ctx.users
        self.batch = _Batch()
        self.assessment_count = 0
        self.label_count = 0
        self.label_sequence: dict[int, int] = {}
        self.pending_labels: list[Label] = []
        self.manager_of: dict[int, str] = {}  # organisation id -> demo user key of its manager
        self.with_evidence: list[list[Answer]] = []  # answer sets that get evidence files attached
        self.pending_decisions: list[Decision] = []  # recorded with the computed outcome once the answers exist
        self.latest_bronze: dict[int, list[Answer]] = {}  # organisation id -> answers of its latest awarded Bronze

    # --- building blocks ---------------------------------------------------------------------------------------

    def ago(self, days: float) -> datetime.datetime:
        return self.now - datetime.timedelta(days=days)

    def assessment(self, organisation, level, status, *, started, submitted=None, changed=None, decided=None):
        self.assessment_count += 1
        return Assessment.objects.create(
            organisation=organisation,
            level=level,
            framework=self.framework,
            status=status,
            started_by=self.users.get(self.manager_of.get(organisation.pk, "")),
            started_at=self.ago(started),
            submitted_at=self.ago(submitted) if submitted is not None else None,
            status_changed_at=self.ago(changed if changed is not None else started),
            decided_at=self.ago(decided) if decided is not None else None,
        )

    def colours(self, level: str, profile: str, *, forced: dict | None = None) -> dict[str, str]:
        green, yellow, _red = PROFILES[profile]
        result = {}
        for indicator in self.indicators[level]:
            roll = self.rng.random()
            colour = "green" if roll < green else ("yellow" if roll < green + yellow else "red")
            if indicator.is_minimum_requirement and colour == "red" and profile != "weak":
                colour = "yellow"
            result[indicator.code] = colour
        result.update(forced or {})
        return result

    def value(self, indicator: Indicator, colour: str) -> tuple:
        """(number, bool, choice) of `colour` for `indicator`, drawn within the colour's band."""
        if indicator.kind == Indicator.Kind.YESNO:
            return None, colour != "red", ""
        if indicator.kind == Indicator.Kind.CHOICE:
            options = {o["colour"]: o["value"] for o in indicator.choices}
            return None, None, options.get(colour) or options["green"]
        green, yellow = float(indicator.green_threshold), float(indicator.yellow_threshold)
        low = float(indicator.min_value) if indicator.min_value is not None else 0.0
        high = float(indicator.max_value) if indicator.max_value is not None else None
        if indicator.kind == Indicator.Kind.PERCENTAGE and high is None:
            high = 100.0
        if indicator.direction == Indicator.Direction.HIGHER:
            top = max(green * 1.8, green + 2)
            bands = {"green": (green, min(top, high) if high else top), "yellow": (yellow, green), "red": (low, yellow)}
        else:
            bands = {"green": (low, green), "yellow": (green, yellow), "red": (yellow, min(yellow * 2, high or 1e9))}
        a, b = bands[colour]
        whole = indicator.kind == Indicator.Kind.COUNT or indicator.unit in ("months", "years", "participants")
        for _attempt in range(6):
            raw = self.rng.uniform(a, b)
            number = Decimal(round(raw)) if whole else Decimal(str(round(raw, 1)))
            if scoring.indicator_colour(indicator, number) == colour and (high is None or number <= Decimal(high)):
                return number, None, ""
        # A band too narrow for whole numbers: take its edge.
        edge = Decimal(math.ceil(a)) if indicator.direction == Indicator.Direction.HIGHER else Decimal(math.floor(b))
        return edge, None, ""

    def answers(self, assessment, colours: dict[str, str], *, review: str, corrected: int = 0, user=None):
        """Answers with the self-declared values; review "all" accepts (and corrects `corrected` of) them, "none"
        leaves them unreviewed. Returns the unsaved answers (added to the batch)."""
        rows = []
        # Corrections never turn a minimum requirement red: awarded demo assessments follow the label rules.
        correctable = [i for i in self.indicators[assessment.level] if i.is_numeric and not i.is_minimum_requirement]
        to_correct = {i.code for i in self.rng.sample(correctable, min(corrected, len(correctable)))}
        for indicator in self.indicators[assessment.level]:
            number, boolean, choice = self.value(indicator, colours.get(indicator.code, "green"))
            answer = Answer(
                assessment=assessment,
                indicator=indicator,
                value_number=number,
                value_bool=boolean,
                value_choice=choice,
                updated_at=assessment.submitted_at or assessment.started_at,
                updated_by=user or self.users.get(self.manager_of.get(assessment.organisation_id, "")),
                version=1,
            )
            if review == "all":
                assessed = number
                if indicator.code in to_correct and number is not None:
                    # Assessors correct downwards by 10-25 % (rounded as the indicator counts).
                    factor = Decimal(str(round(self.rng.uniform(0.75, 0.9), 2)))
                    assessed = (number * factor).quantize(
                        Decimal("1") if number == number.to_integral() else Decimal("0.1")
                    )
                    if assessed == number:
                        assessed = number - 1 if number >= 1 else number
                answer.assessed_number = assessed
                answer.assessed_bool = boolean
                answer.assessed_choice = choice
                answer.review_state = ReviewState.CORRECTED if assessed != number else ReviewState.ACCEPTED
            rows.append(answer)
        self.batch.answers.extend(rows)
        return rows

    def assign(self, assessment, assessor_key, *, assigned, declared=True, recommendation="", recommended=None):
        assessor = self.users[assessor_key]
        assignment = AssessorAssignment.objects.create(
            assessment=assessment,
            assessor=assessor,
            assigned_by=self.users.get("coordinator"),
            assigned_at=self.ago(assigned),
            status=AssessorAssignment.Status.ACTIVE if declared else AssessorAssignment.Status.AWAITING_DECLARATION,
            declared_no_conflict_at=self.ago(assigned - 0.5) if declared else None,
            declaration_text=str(DECLARATION_TEXT) if declared else "",
            recommendation=recommendation,
            recommendation_summary=SUMMARIES[recommendation] if recommendation else "",
            recommended_at=self.ago(recommended) if recommended is not None else None,
        )
        self.event(assessment, "labelling.assignment.created", assigned, "coordinator", {"assessor": assessor.pk})
        if declared:
            self.event(assessment, "labelling.assignment.declared_no_conflict", assigned - 0.5, assessor_key, {})
        return assignment

    def reviews_for(self, assignment, answers, *, when, skip=()):
        for answer in answers:
            if answer.indicator.code in skip or answer.review_state not in (
                ReviewState.ACCEPTED,
                ReviewState.CORRECTED,
            ):
                continue
            corrected = answer.review_state == ReviewState.CORRECTED
            self.batch.reviews.append(
                AnswerReview(
                    answer=answer,
                    assignment=assignment,
                    verdict=AnswerReview.Verdict.CORRECTED if corrected else AnswerReview.Verdict.ACCEPTED,
                    assessed_number=answer.assessed_number,
                    assessed_bool=answer.assessed_bool,
                    assessed_choice=answer.assessed_choice,
                    reason=CORRECTION_REASONS.get(answer.indicator.code[0], CORRECTION_REASONS["*"])
                    if corrected
                    else "",
                    reviewed_at=self.ago(when),
                )
            )

    def event(self, assessment, action, days, actor_key, data):
        actor = self.users.get(actor_key)
        self.batch.events.append(
            AuditEvent(
                created_at=self.ago(days),
                actor=actor,
                action=action,
                target_type="labelling.assessment",
                target_id=str(assessment.pk),
                target_repr=str(assessment)[:255],
                data=data,
            )
        )

    def decide(self, assessment, *, award: bool, days: float, by: str = "coordinator", reasons: str = ""):
        # Saved in flush(), once the answers exist: the decision records what the label rules computed.
        self.pending_decisions.append(
            Decision(
                assessment=assessment,
                outcome=Decision.Outcome.AWARD if award else Decision.Outcome.REJECT,
                reasons=reasons
                or (
                    "The assessor's recommendation is well founded; the label is awarded."
                    if award
                    else "A minimum requirement is red after the assessors' corrections; the level is not reached."
                ),
                decided_by=self.users.get(by),
                decided_at=self.ago(days),
            )
        )
        self.event(
            assessment, "labelling.assessment.awarded" if award else "labelling.assessment.rejected", days, by, {}
        )
        if award:
            self.label(assessment, awarded=self.ago(days).date())

    def label(self, assessment, *, awarded: datetime.date):
        sequence = self.label_sequence.get(awarded.year, 0) + 1
        self.label_sequence[awarded.year] = sequence
        valid_until = Label.validity_end(assessment.level, awarded)
        self.pending_labels.append(
            Label(
                organisation=assessment.organisation,
                level=assessment.level,
                number=f"CME-{assessment.level[0].upper()}-{assessment.organisation.country}-{awarded.year}-{sequence:05d}",
                assessment=assessment,
                awarded_on=awarded,
                valid_from=awarded,
                valid_until=valid_until,
                status=Label.Status.VALID if valid_until >= self.today else Label.Status.EXPIRED,
            )
        )
        self.label_count += 1

    def awarded(self, organisation, level, *, decided_days, profile, assessors=("assessor",), corrected=2):
        """A complete, reviewed and awarded assessment with its label."""
        submitted = decided_days + self.rng.randint(20, 45)
        assessment = self.assessment(
            organisation,
            level,
            Status.AWARDED,
            started=submitted + self.rng.randint(20, 60),
            submitted=submitted,
            changed=decided_days,
            decided=decided_days,
        )
        answers = self.answers(assessment, self.colours(level, profile), review="all", corrected=corrected)
        if level == Level.BRONZE:
            self.latest_bronze[organisation.pk] = answers
        elif level == Level.SILVER:
            self._improvements(assessment, answers)
        self.event(
            assessment, "labelling.assessment.submitted", submitted, self.manager_of.get(organisation.pk, ""), {}
        )
        for key in assessors:
            assignment = self.assign(
                assessment, key, assigned=submitted - 2, recommendation="award", recommended=decided_days + 3
            )
            self.reviews_for(assignment, answers, when=decided_days + 5)
        self.event(assessment, "labelling.assessment.recommended", decided_days + 3, assessors[0], {})
        self.decide(assessment, award=True, days=decided_days, by=self.rng.choice(["coordinator", "coordinator2"]))
        return assessment

    def _improvements(self, silver, answers, *, count: int = 3):
        """Declare `count` improvements of an awarded Silver where its accepted value really beats the one accepted
        in the organisation's Bronze (making an indicator that was not green at Bronze green where needed)."""
        bronze = {a.indicator.code: a for a in self.latest_bronze.get(silver.organisation_id, [])}
        chosen = []
        for answer in answers:
            before = bronze.get(answer.indicator.code)
            if before is None or answer.indicator.is_minimum_requirement:
                continue
            check = scoring.improvement_check(answer.indicator, bronze=before.assessed_value, now=answer.assessed_value)
            if check.counts:
                chosen.append(answer)
        if len(chosen) < count:
            for answer in answers:
                before = bronze.get(answer.indicator.code)
                if len(chosen) >= count or answer in chosen or before is None:
                    continue
                if answer.indicator.is_minimum_requirement:
                    continue
                if scoring.indicator_colour(answer.indicator, before.assessed_value) == "green":
                    continue
                number, boolean, choice = self.value(answer.indicator, "green")
                answer.value_number = answer.assessed_number = number
                answer.value_bool = answer.assessed_bool = boolean
                answer.value_choice = answer.assessed_choice = choice
                answer.review_state = ReviewState.ACCEPTED
                chosen.append(answer)
        for answer in self.rng.sample(chosen, min(count, len(chosen))):
            ImprovementDeclaration.objects.create(
                assessment=silver,
                indicator=answer.indicator,
                explanation="Improved since the Bronze benchmarking through a dedicated action in the work plan.",
            )

    def _record_decisions(self):
        """Save the decisions with what the label rules computed on the assessors' values; a demo decision that
        departs from it carries its reason for departing, as the decision service requires."""
        for decision in self.pending_decisions:
            outcome = assessment_outcome(assessment=decision.assessment)
            award = decision.outcome == Decision.Outcome.AWARD
            decision.computed_reached = outcome.reached
            decision.computed_reasons = "\n".join(outcome.reasons)
            decision.departs_from_outcome = award != outcome.reached
            if decision.departs_from_outcome:
                decision.departure_reason = (
                    "The board weighed the evidence beyond the scored values: " + decision.reasons
                    if award
                    else decision.reasons
                )
        Decision.objects.bulk_create(self.pending_decisions, batch_size=500)
        for decision in self.pending_decisions:
            if decision.departs_from_outcome:
                self.batch.events.append(
                    AuditEvent(
                        created_at=decision.decided_at,
                        actor=decision.decided_by,
                        action="labelling.decision.departs_from_outcome",
                        target_type="labelling.assessment",
                        target_id=str(decision.assessment.pk),
                        target_repr=str(decision.assessment)[:255],
                        data={
                            "award": decision.outcome == Decision.Outcome.AWARD,
                            "computed_reached": decision.computed_reached,
                            "departure_reason": decision.departure_reason[:500],
                        },
                    )
                )

    def flush(self):
        answers = self.batch.answers
        Answer.objects.bulk_create(answers, batch_size=1000)
        for review in self.batch.reviews:
            review.answer_id = review.answer.pk
        AnswerReview.objects.bulk_create(self.batch.reviews, batch_size=1000)
        for message in self.batch.messages:
            message.answer_id = message.answer.pk
        AnswerMessage.objects.bulk_create(self.batch.messages, batch_size=1000)
        Label.objects.bulk_create(self.pending_labels, batch_size=500)
        self._record_decisions()
        self._evidence()
        AuditEvent.objects.bulk_create(self.batch.events, batch_size=1000)

    def _evidence(self):
        """One small PDF per assessment in `with_evidence`, attached to the answers that require evidence."""

        links = []
        for answers in self.with_evidence:
            assessment = answers[0].assessment
            body = (
                b"%PDF-1.4\n% Evidence pack of " + assessment.organisation.name.encode() + b"\n"
                b"1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
            )
            document = EvidenceDocument(
                organisation=assessment.organisation,
                original_name=f"evidence-pack-{assessment.organisation.slug}.pdf",
                content_type="application/pdf",
                size=len(body),
                sha256=hashlib.sha256(body).hexdigest(),
                uploaded_by=self.users.get(self.manager_of.get(assessment.organisation_id, "")),
                uploaded_at=assessment.submitted_at or assessment.started_at,
            )
            document.file.save("evidence.pdf", ContentFile(body), save=False)
            document.save()
            links += [
                Answer.evidence.through(answer_id=a.pk, evidencedocument_id=document.pk)
                for a in answers
                if a.indicator.evidence_required
                and (a.value_number is not None or a.value_bool is not None or a.value_choice)
            ]
        Answer.evidence.through.objects.bulk_create(links, batch_size=1000)

    # --- the demo managers' organisations ----------------------------------------------------------------------

    def demo(self, demo: dict[str, list[ClusterOrganisation]]):
        validated = {
            key: [o for o in group if o.validation_status == ClusterOrganisation.ValidationStatus.VALIDATED]
            for key, group in demo.items()
        }
        mine, theirs = validated.get("manager", []), validated.get("manager2", [])
        for key, group in demo.items():
            self.manager_of.update({o.pk: key for o in group})
        if mine:
            self._photonics(mine[0])
        if len(mine) > 1:
            self._mobility(mine[1])
        if theirs:
            self.awarded(theirs[0], Level.GOLD, decided_days=420, profile="gold", assessors=("assessor2", "assessor3"))
        others = [o for o in demo.get("manager2", []) if o not in theirs]
        if others:
            self._rejected_bronze(others[0])

    def _photonics(self, org):
        """Bronze awarded 20 months ago; Silver in review with open questions; Gold draft half filled."""
        self.awarded(org, Level.BRONZE, decided_days=610, profile="typical")
        silver = self.assessment(org, Level.SILVER, Status.IN_REVIEW, started=40, submitted=14, changed=12)
        answers = self.answers(silver, self.colours(Level.SILVER, "strong"), review="all", corrected=2)
        self.with_evidence.append(answers)
        self.event(silver, "labelling.assessment.submitted", 14, "manager", {})
        self.event(silver, "labelling.assessment.review_started", 12, "coordinator", {})
        for code in ("2.3", "4.2", "5.2"):
            ImprovementDeclaration.objects.create(
                assessment=silver,
                indicator=next(i for i in self.indicators[Level.SILVER] if i.code == code),
                explanation="Improved since the Bronze benchmarking through a dedicated action in the work plan.",
            )
        assignment = self.assign(silver, "assessor", assigned=12)
        by_code = {a.indicator.code: a for a in answers}
        open_codes = {"2.2": 3, "4.2": 5}
        answered_code = "1.1"
        unreviewed = [a.indicator.code for a in answers[-6:]]
        for code in [*open_codes, answered_code, *unreviewed]:
            answer = by_code.get(code)
            if answer is None:
                continue
            answer.assessed_number, answer.assessed_bool, answer.assessed_choice = None, None, ""
            answer.review_state = ReviewState.UNREVIEWED
        for code, days in open_codes.items():
            if code in by_code:
                by_code[code].review_state = ReviewState.QUESTION_OPEN
                by_code[code].is_reopened = True
                self._message(by_code[code], "assessor", "question", days, _question(code))
        if answered_code in by_code:
            by_code[answered_code].review_state = ReviewState.ANSWERED
            self._message(by_code[answered_code], "assessor", "question", 6, _question(answered_code))
            self._message(
                by_code[answered_code],
                "manager",
                "reply",
                1,
                "The other members pay a fee without a written agreement; the fee list is now attached.",
            )
        self.reviews_for(assignment, answers, when=10)

        gold = self.assessment(org, Level.GOLD, Status.DRAFT, started=5, changed=5)
        rows = self.answers(gold, self.colours(Level.GOLD, "strong"), review="none")
        for row in rows[len(rows) // 2 :]:
            row.value_number, row.value_bool, row.value_choice, row.updated_at = None, None, "", None

    def _mobility(self, org):
        """Bronze (expired), Silver awarded; Gold rejected 12 days ago and under appeal."""
        self.awarded(org, Level.BRONZE, decided_days=900, profile="typical")
        self.awarded(org, Level.SILVER, decided_days=280, profile="strong")
        gold = self.assessment(org, Level.GOLD, Status.APPEALED, started=110, submitted=60, changed=5, decided=12)
        answers = self.answers(
            gold, self.colours(Level.GOLD, "typical", forced={"2.2": "red"}), review="all", corrected=3
        )
        self.event(gold, "labelling.assessment.submitted", 60, "manager", {})
        for key in ("assessor", "assessor3"):
            assignment = self.assign(gold, key, assigned=55, recommendation="reject", recommended=20)
            self.reviews_for(assignment, answers, when=22)
        self.event(gold, "labelling.assessment.recommended", 20, "assessor3", {})
        self.decide(gold, award=False, days=12, by="coordinator")
        Appeal.objects.create(
            assessment=gold,
            filed_by=self.users.get("manager"),
            filed_at=self.ago(5),
            reasons=(
                "The assessors counted only our two employees for indicator 2.2. Our management team also has two "
                "staff seconded full-time by the regional agency under a five-year agreement, which we attach."
            ),
        )
        self.event(gold, "labelling.assessment.appealed", 5, "manager", {})

    def _rejected_bronze(self, org):
        bronze = self.assessment(org, Level.BRONZE, Status.REJECTED, started=150, submitted=100, changed=50, decided=50)
        answers = self.answers(
            bronze, self.colours(Level.BRONZE, "weak", forced={"5.5": "red"}), review="all", corrected=3
        )
        self.event(bronze, "labelling.assessment.submitted", 100, "manager2", {})
        assignment = self.assign(bronze, "assessor2", assigned=95, recommendation="reject", recommended=60)
        self.reviews_for(assignment, answers, when=62)
        self.decide(
            bronze,
            award=False,
            days=50,
            by="coordinator2",
            reasons="Several answers could not be verified: the website is not available in English and the "
            "member list was not provided despite two questions.",
        )

    def _message(self, answer, role, kind, days, body, author_key=None):
        author = self.users.get(author_key or ("assessor" if role == "assessor" else "manager"))
        self.batch.messages.append(
            AnswerMessage(
                answer=answer, author=author, author_role=role, kind=kind, body=body, created_at=self.ago(days)
            )
        )

    # --- other organisations -------------------------------------------------------------------------------------

    def others(self, *, exclude: set[int]):
        assessor_ids = [u.pk for k, u in self.users.items() if k.startswith("assessor")]
        pool = list(
            ClusterOrganisation.objects.filter(validation_status=ClusterOrganisation.ValidationStatus.VALIDATED)
            .exclude(pk__in=exclude)
            .exclude(memberships__user_id__in=assessor_ids)
            .order_by("slug")[: OTHER_AWARDED + 12]
        )
        if len(pool) < 10:
            return
        pipeline, rest = pool[:9], pool[9:]
        self._pipeline(pipeline)
        for index, org in enumerate(rest[:OTHER_AWARDED]):
            roll = index % 10
            decided = self.rng.randint(20, 1000)
            if roll < 7:
                self.awarded(
                    org,
                    Level.BRONZE,
                    decided_days=decided,
                    profile=self.rng.choice(["typical", "strong", "weak"]),
                    assessors=(self.rng.choice(["assessor", "assessor2", "assessor3"]),),
                )
            elif roll < 9:
                self.awarded(
                    org,
                    Level.BRONZE,
                    decided_days=decided + 600,
                    profile="typical",
                    assessors=(self.rng.choice(["assessor", "assessor2"]),),
                )
                self.awarded(org, Level.SILVER, decided_days=decided, profile="strong", assessors=("assessor3",))
            else:
                self.awarded(
                    org, Level.GOLD, decided_days=decided, profile="gold", assessors=("assessor2", "assessor3")
                )

    def _pipeline(self, orgs):
        """One assessment per state that waits on someone, for the queues and the coordinators' pipeline."""
        awaiting, gold_review, recommended, silver_rec, draft, withdrawn, submitted, gold_submitted, in_review = orgs
        # Assigned two days ago to Anna, who has not declared yet.
        a = self.assessment(awaiting, Level.BRONZE, Status.IN_REVIEW, started=30, submitted=4, changed=2)
        self.answers(a, self.colours(Level.BRONZE, "typical"), review="none")
        self.assign(a, "assessor", assigned=2, declared=False)
        # Gold in review by Aksel and Alessia: they differ on two answers; one question waits on the managers.
        g = self.assessment(gold_review, Level.GOLD, Status.IN_REVIEW, started=60, submitted=18, changed=16)
        answers = self.answers(g, self.colours(Level.GOLD, "gold"), review="all", corrected=0)
        self.with_evidence.append(answers)
        first = self.assign(g, "assessor2", assigned=16)
        second = self.assign(g, "assessor3", assigned=16)
        self.reviews_for(first, answers, when=8)
        self.reviews_for(second, answers, when=7, skip={"3.1", "5.3", "2.2"})
        by_code = {x.indicator.code: x for x in answers}
        for code in ("3.1", "5.3"):
            answer = by_code[code]
            corrected_value = (answer.value_number * Decimal("0.8")).quantize(Decimal("1"))
            self.batch.reviews.append(
                AnswerReview(
                    answer=answer,
                    assignment=second,
                    verdict=AnswerReview.Verdict.CORRECTED,
                    assessed_number=corrected_value,
                    reason="The annual accounts show a lower figure than declared.",
                    reviewed_at=self.ago(6),
                )
            )
            answer.assessed_number, answer.review_state = None, ReviewState.UNREVIEWED
        question = by_code["2.2"]
        question.assessed_number, question.review_state, question.is_reopened = None, ReviewState.QUESTION_OPEN, True
        self._message(question, "assessor", "question", 6, _question("2.2"), author_key="assessor3")
        self.event(g, "labelling.answer.question_asked", 6, "assessor3", {"indicator": "2.2"})
        # A Bronze in review with Alessia, half reviewed.
        r = self.assessment(in_review, Level.BRONZE, Status.IN_REVIEW, started=40, submitted=9, changed=8)
        answers = self.answers(r, self.colours(Level.BRONZE, "typical"), review="all", corrected=1)
        for answer in answers[18:]:
            answer.assessed_number, answer.assessed_bool, answer.assessed_choice = None, None, ""
            answer.review_state = ReviewState.UNREVIEWED
        self.reviews_for(self.assign(r, "assessor3", assigned=8), answers, when=3)
        # Recommended, waiting on the coordinators.
        b = self.assessment(recommended, Level.BRONZE, Status.RECOMMENDED, started=70, submitted=30, changed=4)
        answers = self.answers(b, self.colours(Level.BRONZE, "typical"), review="all", corrected=2)
        self.with_evidence.append(answers)
        self.reviews_for(
            self.assign(b, "assessor3", assigned=28, recommendation="award", recommended=4), answers, when=6
        )
        self.event(b, "labelling.assessment.recommended", 4, "assessor3", {})
        self.awarded(silver_rec, Level.BRONZE, decided_days=600, profile="typical", assessors=("assessor",))
        s = self.assessment(silver_rec, Level.SILVER, Status.RECOMMENDED, started=80, submitted=35, changed=9)
        answers = self.answers(s, self.colours(Level.SILVER, "strong"), review="all", corrected=1)
        for code in ("1.1", "4.5", "5.1"):
            ImprovementDeclaration.objects.create(
                assessment=s,
                indicator=next(i for i in self.indicators[Level.SILVER] if i.code == code),
                explanation="Improved through the new membership and services plan.",
            )
        self.reviews_for(
            self.assign(s, "assessor2", assigned=33, recommendation="award", recommended=9), answers, when=11
        )
        self.event(s, "labelling.assessment.recommended", 9, "assessor2", {})
        # A draft, a withdrawn one, two submitted waiting for assessors.
        d = self.assessment(draft, Level.BRONZE, Status.DRAFT, started=12, changed=12)
        rows = self.answers(d, self.colours(Level.BRONZE, "typical"), review="none")
        for row in rows[10:]:
            row.value_number, row.value_bool, row.value_choice, row.updated_at = None, None, "", None
        w = self.assessment(withdrawn, Level.BRONZE, Status.WITHDRAWN, started=200, changed=150)
        self.answers(w, self.colours(Level.BRONZE, "weak"), review="none")
        if "assessor3" in self.users:
            AssessorAffiliation.objects.get_or_create(
                assessor=self.users["assessor3"],
                organisation=submitted,
                relation=AssessorAffiliation.Relation.ADVISER,
                defaults={
                    "ended_on": self.today - datetime.timedelta(days=400),
                    "note": "Strategy workshop series for the cluster board.",
                },
            )
        for org, level, days in ((submitted, Level.BRONZE, 6), (gold_submitted, Level.GOLD, 2)):
            x = self.assessment(org, level, Status.SUBMITTED, started=days + 40, submitted=days, changed=days)
            self.answers(x, self.colours(level, "strong"), review="none")
            self.event(x, "labelling.assessment.submitted", days, "", {})


def _question(code: str) -> str:
    return next((text for c, text, _ in QUESTIONS if c == code), "Please attach the evidence for this answer.")
