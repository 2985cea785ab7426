"""Demo data: the status quo survey (quality indicators in use, training needs, training programmes) with 150
submitted responses from people of demo organisations, and its published summary. Deterministic and idempotent."""

from __future__ import annotations

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from platform_directory.models import ClusterOrganisation, OrganisationMembership
from portal.models import User
from portal.seed import DEMO_PASSWORD, demo_email
from survey.models import Answer, Option, Question, Response, Section, Survey
from survey.selectors import STATUS_QUO_SLUG, TRAINING_NEEDS_CODE
from survey.services import answer_rows_for
from survey.structure import SurveyStructure

RESPONSES = 150

# The framework ECEI-2026 (see the domain notes): code, short label.
INDICATORS = [
    ("1.1", "Committed participants"),
    ("1.2", "Share of companies among participants"),
    ("1.3", "Share of SMEs among company participants"),
    ("1.4", "Types of participants represented"),
    ("1.5", "Participants located in the cluster's region"),
    ("1.6", "Net change in participants over 2 years"),
    ("2.1", "Age of the cluster organisation"),
    ("2.2", "Cluster management staff (FTE)"),
    ("2.3", "Staff with a higher-education degree"),
    ("2.4", "Staff with 3+ years of cluster or industry experience"),
    ("2.5", "Training days per staff member per year"),
    ("2.6", "Staff turnover"),
    ("2.7", "Participants' role in decisions"),
    ("2.8", "Roles of management and board documented"),
    ("3.1", "Share of private funding"),
    ("3.2", "Financing secured ahead"),
    ("3.3", "Independent funding sources"),
    ("3.4", "Financial control (budget vs actual reviewed quarterly)"),
    ("4.1", "Documented strategy, updated within 3 years"),
    ("4.2", "Participants consulted when building the strategy"),
    ("4.3", "Action plan with milestones and budget"),
    ("4.4", "Months since KPIs and strategy were last reviewed"),
    ("4.5", "Service categories offered"),
    ("4.6", "Participants using at least one service a year"),
    ("4.7", "Active working groups"),
    ("4.8", "Internationalisation activities a year"),
    ("4.9", "Services for the digital and green transitions"),
    ("5.1", "Direct contacts with each participant a year"),
    ("5.2", "Joint projects among participants"),
    ("5.3", "Cooperation agreements with innovation-system actors"),
    ("5.4", "Internal communication channels used regularly"),
    ("5.5", "Working website in English, kept up to date"),
    ("6.1", "Publications and media mentions"),
    ("6.2", "Participant satisfaction measured by survey"),
    ("6.3", "Documented success stories"),
    ("6.4", "Awards and recognitions"),
]

# Fields of knowledge of cluster management (value, label, base need 1-5 used to draw demo answers).
TRAINING_FIELDS = [
    ("strategy", "Strategy development", 3.4),
    ("governance", "Governance and decision making", 2.9),
    ("financing", "Financing and business models", 4.1),
    ("services", "Service portfolio for members", 3.3),
    ("internationalisation", "Internationalisation", 3.8),
    ("communication", "Communication and marketing", 2.7),
    ("performance", "Performance measurement and KPIs", 4.0),
    ("stakeholders", "Stakeholder engagement", 3.0),
    ("innovation-projects", "Innovation project development", 3.6),
    ("twin-transition", "Digital and green transition", 4.3),
    ("people", "Team leadership and staff development", 2.6),
]

SCALE = ["1 – no need", "2 – low", "3 – moderate", "4 – high", "5 – urgent"]

PROGRAMMES = [
    ("eccm-modules", "European cluster manager training (10 modules)"),
    ("national-academy", "A national cluster academy or network programme"),
    ("university", "A university course in innovation or regional development"),
    ("interreg", "Training within an Interreg or other EU project"),
    ("consultancy", "A consultancy's cluster management seminar"),
    ("peer-visits", "Study visits and peer exchange with other clusters"),
    ("other", "Another programme"),
]

FIRST_NAMES = [
    "Anna",
    "Lukas",
    "Sofia",
    "Mateo",
    "Elena",
    "Jan",
    "Marta",
    "Pieter",
    "Chiara",
    "Mikkel",
    "Ines",
    "Tomasz",
    "Lea",
    "Nikos",
    "Eva",
    "Jonas",
    "Clara",
    "Andrei",
    "Laura",
    "Henrik",
    "Ana",
    "Matteo",
    "Katarzyna",
    "Diego",
    "Sanne",
    "Oskar",
    "Beatriz",
    "Florian",
    "Ilona",
    "Rui",
    "Agnieszka",
    "Stefan",
    "Marie",
    "Luca",
    "Zofia",
    "Emil",
]
LAST_NAMES = [
    "Novak",
    "Schneider",
    "Rossi",
    "García",
    "Jansen",
    "Kowalski",
    "Nielsen",
    "Dubois",
    "Papadopoulos",
    "Horvat",
    "Silva",
    "Lindqvist",
    "Müller",
    "Bianchi",
    "Fernández",
    "De Vries",
    "Nowak",
    "Larsen",
    "Lefebvre",
    "Popescu",
    "Costa",
    "Virtanen",
    "Wagner",
    "Romano",
    "Martín",
    "Bakker",
    "Wójcik",
    "Hansen",
    "Moreau",
    "Ionescu",
]

PROGRAMME_REMARKS = [
    "The module on financing was the most useful; we changed our fee model afterwards.",
    "Good content, but too little time for our own cases.",
    "Peer exchange with other cluster managers was worth more than the lectures.",
    "We would need a version in our own language for the whole team.",
    "Practical tools for KPI dashboards would help most.",
    "The field project made the difference: we applied it directly to our strategy review.",
    "Online sessions fit our schedule better than week-long classes.",
]
OTHER_TOPICS = [
    "Managing EU project applications",
    "Data protection in member services",
    "Working with regional smart specialisation strategies",
    "Facilitation methods for working groups",
    "Measuring impact on member companies",
    "Public procurement of innovation",
]


def _status_quo_survey(ctx) -> Survey:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    survey, created = Survey.objects.get_or_create(
        slug=STATUS_QUO_SLUG,
        defaults={
            "title": "Status quo of cluster management in Europe",
            "introduction": (
                "Which quality indicators does your cluster organisation already use, what do you and your team need "
                "to learn, and which training programmes do you know? Your answers shape the programme's training "
                "modules and the indicator framework. About 10 minutes; you can save and continue later."
            ),
            "audience": Survey.Audience.MEMBERS,
            "opens_at": now - datetime.timedelta(days=60),
            "closes_at": now + datetime.timedelta(days=45),
            "created_by": ctx.users.get("coordinator"),
        },
    )
    if not created:
        return survey
    sections = {
        key: Section.objects.create(survey=survey, title=title, description=description, position=position)
        for position, (key, title, description) in enumerate(
            [
                ("about", "About you", "A few words about your role, to compare answers between groups."),
                (
                    "indicators",
                    "Quality indicators you already use",
                    "The framework's 36 indicators, numbered by dimension (1 structure, 2 management, 3 financing, 4 strategy and services, 5 interaction, 6 achievements). Tick what you measure today.",
                ),
                ("needs", "Training needs", "How much do you and your team need training in each field of knowledge?"),
                ("programmes", "Training programmes", "Programmes you know or attended."),
            ],
            start=1,
        )
    }

    def question(section, position, code, kind, text, *, required=False, help_text="", choices=(), rows=(), **extra):
        q = Question.objects.create(
            survey=survey,
            section=sections[section],
            position=position,
            code=code,
            kind=kind,
            text=text,
            required=required,
            help_text=help_text,
            **extra,
        )
        options = []
        for index, choice in enumerate(choices, start=1):
            value, label, indicator = (*choice, "")[:3] if len(choice) >= 2 else (str(index), choice, "")
            options.append(
                Option(
                    question=q,
                    value=value,
                    label=label,
                    position=index,
                    indicator_code=indicator,
                    score=index if kind == Question.Kind.MATRIX else None,
                )
            )
        for index, (value, label) in enumerate(rows, start=1):
            options.append(Option(question=q, role=Option.Role.ROW, value=value, label=label, position=index))
        Option.objects.bulk_create(options)
        return q

    question(
        "about",
        1,
        "role",
        Question.Kind.SINGLE,
        "What is your role in the cluster organisation?",
        required=True,
        choices=[("manager", "Cluster manager"), ("staff", "Member of the management team"), ("board", "Board member")],
    )
    question(
        "about",
        2,
        "years-experience",
        Question.Kind.NUMBER,
        "For how many years have you worked in cluster management?",
        min_value=Decimal("0"),
        max_value=Decimal("50"),
    )
    question(
        "indicators",
        1,
        "indicators-used",
        Question.Kind.MULTIPLE,
        "Which of these quality indicators does your cluster organisation already measure?",
        required=True,
        choices=[(code.replace(".", "-"), f"{code} {label}", code) for code, label in INDICATORS],
    )
    tracking = question(
        "indicators",
        2,
        "kpi-practice",
        Question.Kind.SINGLE,
        "How do you follow your indicators?",
        required=True,
        choices=[
            ("none", "We do not follow indicators systematically"),
            ("yearly", "Once a year, for the annual report"),
            ("dashboard", "With a KPI dashboard reviewed regularly by the board"),
        ],
    )
    question(
        "indicators",
        3,
        "kpi-review-frequency",
        Question.Kind.SINGLE,
        "How often does the board review the dashboard?",
        condition_question=tracking,
        condition_value="dashboard",
        choices=[("monthly", "Monthly"), ("quarterly", "Quarterly"), ("half-yearly", "Twice a year")],
    )
    question(
        "indicators",
        4,
        "framework-usefulness",
        Question.Kind.RATING,
        "How useful would a common European indicator framework be for your organisation?",
        required=True,
        help_text="1 = not useful, 5 = very useful",
    )
    question(
        "needs",
        1,
        TRAINING_NEEDS_CODE,
        Question.Kind.MATRIX,
        "Training needs by field of knowledge",
        required=True,
        choices=[(str(i), label) for i, label in enumerate(SCALE, start=1)],
        rows=[(v, label) for v, label, _b in TRAINING_FIELDS],
    )
    question("needs", 2, "other-topics", Question.Kind.LONG_TEXT, "Other topics you need training in")
    attended = question(
        "programmes",
        1,
        "attended",
        Question.Kind.SINGLE,
        "Have you attended a training programme for cluster managers in the last three years?",
        required=True,
        choices=[("yes", "Yes"), ("no", "No")],
    )
    question(
        "programmes",
        2,
        "programmes-attended",
        Question.Kind.MULTIPLE,
        "Which programmes did you attend?",
        required=True,
        condition_question=attended,
        condition_value="yes",
        choices=PROGRAMMES,
    )
    question(
        "programmes",
        3,
        "programme-remarks",
        Question.Kind.LONG_TEXT,
        "What was most useful, and what was missing?",
        condition_question=attended,
        condition_value="yes",
    )
    question(
        "programmes",
        4,
        "programmes-known",
        Question.Kind.SHORT_TEXT,
        "Other training programmes you know and would recommend",
    )
    question(
        "programmes",
        5,
        "preferred-formats",
        Question.Kind.MULTIPLE,
        "Which training formats suit you?",
        choices=[
            ("online", "Online sessions"),
            ("classroom", "Classroom weeks"),
            ("blended", "Blended learning"),
            ("peer", "Peer exchange"),
            ("visits", "Study visits"),
            ("coaching", "Individual coaching"),
        ],
    )
    survey.status = Survey.Status.LIVE
    survey.launched_at = survey.opens_at
    survey.results_published = True
    survey.results_published_at = now - datetime.timedelta(days=7)
    survey.save()
    return survey


def _respondents(ctx) -> list:
    """150 people of demo organisations: their managers first, then demo staff added as viewers where needed.
    The demo logins (manager, manager2, viewer) are left out so they can answer the survey themselves."""
    skip = {u.pk for key, u in ctx.users.items() if key in {"manager", "manager2", "viewer"}}
    memberships = list(
        OrganisationMembership.objects.filter(role=OrganisationMembership.Role.MANAGER)
        .exclude(user_id__in=skip)
        .select_related("user", "organisation")
        .order_by("organisation__slug", "user__email")
    )
    people: list = []
    seen: set[int] = set()
    for membership in memberships:
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            people.append((membership.user, membership.organisation))
    organisations = list(ClusterOrganisation.objects.order_by("slug"))
    if not organisations:
        ctx.log("survey: no organisations in the directory, the status quo survey has no demo responses")
        return people[:RESPONSES]

    password = None  # hashed once: hashing is slow by design
    index = 0
    while len(people) < RESPONSES:
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 7) % len(LAST_NAMES)]
        organisation = organisations[index % len(organisations)]
        email = demo_email(f"staff{index + 1:03d}")
        user, created = User.objects.get_or_create(email=email, defaults={"display_name": f"{first} {last}"})
        if created:
            password = password or make_password(DEMO_PASSWORD)
            user.password = password
            user.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        OrganisationMembership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": OrganisationMembership.Role.VIEWER}
        )
        if user.pk not in seen:
            seen.add(user.pk)
            people.append((user, organisation))
        index += 1
    return people[:RESPONSES]


def _answers(ctx, structure: SurveyStructure, organisation) -> dict:
    rng = ctx.rng
    by_code = {node.question.code: node for node in structure.questions}
    values: dict = {}

    def set_(code, value):
        values[by_code[code].pk] = value

    set_("role", rng.choices(["manager", "staff", "board"], weights=[6, 3, 1])[0])
    if rng.random() < 0.8:
        set_("years-experience", Decimal(rng.randint(1, 22)))
    maturity = rng.random()
    used = set()
    for code, _label in INDICATORS:
        base = 0.75 if code.startswith(("1.", "3.")) else 0.45
        if code in {"6.2", "4.4", "2.5"}:
            base = 0.25
        if rng.random() < base * (0.6 + maturity * 0.8):
            used.add(code.replace(".", "-"))
    set_("indicators-used", used or {"1-1"})
    practice = "dashboard" if maturity > 0.65 else ("yearly" if maturity > 0.25 else "none")
    set_("kpi-practice", practice)
    if practice == "dashboard":
        set_("kpi-review-frequency", rng.choice(["monthly", "quarterly", "quarterly", "half-yearly"]))
    set_("framework-usefulness", min(5, max(1, round(rng.gauss(4.0, 0.9)))))
    set_(
        TRAINING_NEEDS_CODE,
        {value: str(min(5, max(1, round(rng.gauss(base, 0.9))))) for value, _label, base in TRAINING_FIELDS},
    )
    if rng.random() < 0.25:
        set_("other-topics", rng.choice(OTHER_TOPICS))
    attended = rng.random() < 0.45
    set_("attended", "yes" if attended else "no")
    if attended:
        set_(
            "programmes-attended",
            set(rng.sample([v for v, _l in PROGRAMMES], k=rng.choice([1, 1, 2, 3]))),
        )
        if rng.random() < 0.5:
            set_("programme-remarks", rng.choice(PROGRAMME_REMARKS))
    if rng.random() < 0.15:
        set_("programmes-known", rng.choice(["Regional innovation agency workshops", "Cluster excellence webinars"]))
    set_(
        "preferred-formats",
        set(rng.sample(["online", "classroom", "blended", "peer", "visits", "coaching"], k=rng.randint(1, 3))),
    )
    return values


def seed(ctx) -> None:
    with transaction.atomic():
        survey = _status_quo_survey(ctx)
        structure = SurveyStructure(survey)
        people = _respondents(ctx)
        existing = set(Response.objects.filter(survey=survey).values_list("user_id", flat=True))
        created = 0
        for number, (user, organisation) in enumerate(people):
            values = _answers(ctx, structure, organisation)  # drawn every time, so later people get the same answers
            if user.pk in existing:
                continue
            submitted = survey.opens_at + datetime.timedelta(hours=7 + (number * 53) % (50 * 24))
            response = Response.objects.create(
                survey=survey,
                user=user,
                organisation=organisation,
                country=organisation.country,
                sector=organisation.main_sector,
                status=Response.Status.SUBMITTED,
                current_step=structure.step_count,
                created_at=submitted - datetime.timedelta(minutes=25),
                updated_at=submitted,
                submitted_at=submitted,
            )
            rows = []
            for section in structure.sections:
                rows.extend(answer_rows_for(response, section, values))
            Answer.objects.bulk_create(rows)
            created += 1
    ctx.log(
        f"survey: status quo survey with {Response.objects.filter(survey=survey).count()} responses ({created} new)"
    )
