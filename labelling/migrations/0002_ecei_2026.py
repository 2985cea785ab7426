"""Load the default indicator framework ECEI-2026 (36 indicators in 6 dimensions, 31 for Gold), published.

The data is kept inside this migration on purpose: a later change to the framework is a new version in a new
migration or made in the admin, never an edit of this one.
"""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

CODE = "ECEI-2026"

DIMENSIONS = [
    (1, "Structure of the cluster"),
    (2, "Management and governance"),
    (3, "Financing of the cluster management"),
    (4, "Strategy, objectives and services"),
    (5, "Contacts and interaction within the cluster"),
    (6, "Achievements and recognition"),
]

YESNO = None
NONE_ADVISORY_DECIDING = [
    {"value": "none", "label": "None", "colour": "red"},
    {"value": "advisory", "label": "Advisory", "colour": "yellow"},
    {"value": "deciding", "label": "Deciding board", "colour": "green"},
]
NONE_PLANNED_OFFERED = [
    {"value": "none", "label": "None", "colour": "red"},
    {"value": "planned", "label": "Planned", "colour": "yellow"},
    {"value": "offered", "label": "Offered", "colour": "green"},
]

# code, name, kind, unit, direction, green, yellow, levels "BSG", minimum requirement, evidence required,
# min allowed, max allowed, choices, guidance for managers, guidance for assessors
INDICATORS = [
    ("1.1", "Committed participants (written commitment or fee)", "count", "participants", "higher", 50, 15, "BSG", True, True, 0, None, [],
     "Count the members that have signed a written commitment (membership agreement, letter of intent) or pay a fee, on the day you answer. Do not count newsletter subscribers or one-off event guests. Attach the member list (names and type of each member).",
     "Check the member list against the count; sample five members and look for the signed commitment or the fee invoice. Red (< 15) is a minimum requirement failure."),
    ("1.2", "Share of companies among participants", "percentage", "%", "higher", 60, 40, "B", False, False, 0, 100, [],
     "Companies (of any size) divided by all committed participants, times 100. Use the same member list as for 1.1.",
     "Recompute the share from the member list; companies owned by public bodies count as companies."),
    ("1.3", "Share of SMEs among company participants", "percentage", "%", "higher", 50, 30, "BG", False, False, 0, 100, [],
     "SMEs (fewer than 250 staff and turnover up to EUR 50 million, EU definition) divided by all company participants, times 100.",
     "Check that the EU SME definition was used and that the base is companies, not all participants."),
    ("1.4", "Types of participants represented", "count", "of 4 types", "higher", 3, 2, "BSG", True, True, 0, 4, [],
     "How many of the four types have at least one committed participant: companies, research and education, public bodies, others (e.g. finance, associations). Enter 0 to 4.",
     "Each type needs at least one committed participant on the member list. Red (fewer than 2 types) is a minimum requirement failure."),
    ("1.5", "Participants located in the cluster's region", "percentage", "%", "higher", 60, 40, "BG", False, False, 0, 100, [],
     "Participants with a site in the cluster's region (NUTS 2 region of the profile, or the region you declared) divided by all participants, times 100.",
     "Check the addresses on the member list against the declared region."),
    ("1.6", "Net change in participants over 2 years", "percentage", "%", "higher", 10, 0, "BG", False, False, -100, None, [],
     "(participants today - participants two years ago) / participants two years ago, times 100. A shrinking cluster gives a negative number; values above 100 are possible.",
     "Ask for the member count of two years ago (annual report, minutes) and recompute."),
    ("2.1", "Age of the cluster organisation", "number", "years", "higher", 5, 2, "BSG", False, False, 0, 200, [],
     "Full years since the cluster organisation started its activity (founding act or first work programme), not since the legal entity that hosts it was founded.",
     "Check the founding document or first activity report."),
    ("2.2", "Cluster management staff", "number", "FTE", "higher", Decimal("3"), Decimal("0.5"), "BSG", True, True, 0, None, [],
     "Full-time equivalents working for the cluster management today (e.g. one full-time and one half-time person = 1.5). Count staff paid by the cluster organisation or formally seconded to it.",
     "Check the staff list with working time. Red (below 0.5 FTE) is a minimum requirement failure."),
    ("2.3", "Staff with a higher-education degree", "percentage", "%", "higher", 80, 50, "BSG", False, False, 0, 100, [],
     "Share of the cluster management staff (by head count) holding a university or equivalent degree.",
     "Check the staff list; degrees may be listed in CVs."),
    ("2.4", "Staff with 3+ years of cluster or industry experience", "percentage", "%", "higher", 50, 25, "B", False, False, 0, 100, [],
     "Share of staff (by head count) with at least three years of experience in cluster management, industry or innovation support.",
     "Check CVs of the staff list."),
    ("2.5", "Training days per staff member per year (upskilling plan)", "number", "days", "higher", 5, 2, "BG", False, False, 0, 365, [],
     "Training days attended by the cluster management staff in the last 12 months divided by the number of staff. Count courses, cluster-management training and peer-learning events.",
     "Ask for the upskilling plan and the training records; check the division."),
    ("2.6", "Staff turnover over 2 years (lower is better)", "percentage", "%", "lower", 20, 40, "BG", False, False, 0, 100, [],
     "Staff who left in the last two years divided by the average staff head count, times 100. Lower is better.",
     "Check against the staff lists of two years ago and today."),
    ("2.7", "Participants' role in decisions", "choice", "", "higher", None, None, "BSG", False, False, None, None, NONE_ADVISORY_DECIDING,
     "Choose 'Deciding board' if participants elect or sit on a board that decides strategy and budget, 'Advisory' if they only advise, 'None' otherwise.",
     "Read the statutes or rules of procedure and the last board minutes."),
    ("2.8", "Roles of management and board documented", "yesno", "", "higher", None, None, "BSG", False, True, None, None, [],
     "Yes if a document (statutes, rules of procedure, organisation chart) describes the tasks of the cluster management and of the board. Attach it.",
     "The document must be current and describe both roles."),
    ("3.1", "Share of private funding", "percentage", "%", "higher", 40, 20, "BG", False, False, 0, 100, [],
     "Income from private sources (member fees, paid services, sponsoring) divided by the total budget of the cluster management for the last closed year, times 100.",
     "Check the last annual accounts; public project money counts as public."),
    ("3.2", "Financing secured ahead", "number", "years", "higher", 3, 1, "BG", False, False, 0, 20, [],
     "For how many years ahead the funding of the cluster management is secured by signed contracts or decisions (e.g. 1.5).",
     "Check grant agreements or decisions and their end dates."),
    ("3.3", "Independent funding sources", "count", "sources", "higher", 3, 2, "B", False, False, 0, None, [],
     "Number of independent sources that each provide at least 10 % of the budget (e.g. membership fees, regional funding, national programme, paid services).",
     "Check the accounts; two grants from the same ministry are one source."),
    ("3.4", "Financial control (budget vs actual reviewed quarterly)", "yesno", "", "higher", None, None, "BSG", False, True, None, None, [],
     "Yes if budget and actual spending are compared at least every quarter and the comparison is documented. Attach an example.",
     "Look at one quarterly report of the last year."),
    ("4.1", "Documented strategy, updated within 3 years", "yesno", "", "higher", None, None, "BSG", True, True, None, None, [],
     "Yes if the cluster has a written strategy adopted or updated within the last three years. Attach it.",
     "Check the date of adoption. No is a minimum requirement failure."),
    ("4.2", "Participants consulted when building the strategy", "percentage", "%", "higher", 50, 20, "BSG", False, False, 0, 100, [],
     "Share of committed participants that took part in building the current strategy (survey, workshop, interview).",
     "Ask for the survey results or workshop attendance lists."),
    ("4.3", "Action plan with milestones and budget", "yesno", "", "higher", None, None, "BSG", False, True, None, None, [],
     "Yes if an action plan turns the strategy into actions with milestones, responsibilities and a budget. Attach it.",
     "The plan must cover the current year and show a budget."),
    ("4.4", "Months since KPIs and strategy were last reviewed (lower is better)", "number", "months", "lower", 12, 24, "BSG", False, False, 0, 600, [],
     "Months since the board last reviewed the key performance indicators and the strategy. Lower is better.",
     "Check the minutes of the review."),
    ("4.5", "Service categories offered (information, matchmaking, training, internationalisation, project development, access to finance, ...)", "count", "categories", "higher", 5, 3, "BSG", False, False, 0, None, [],
     "Number of service categories offered to participants in the last 12 months: information, matchmaking, training, internationalisation, project development, access to finance, or others you name in the comment.",
     "Check the service catalogue or activity report; each category needs at least one delivered service."),
    ("4.6", "Participants using at least one service a year", "percentage", "%", "higher", 60, 30, "BSG", False, False, 0, 100, [],
     "Share of committed participants that used at least one service in the last 12 months (CRM, attendance lists).",
     "Ask how the use is recorded and check a sample."),
    ("4.7", "Active working groups", "count", "groups", "higher", 4, 2, "BG", False, False, 0, None, [],
     "Working groups that met at least twice in the last 12 months.",
     "Check meeting records of the working groups."),
    ("4.8", "Internationalisation activities a year", "count", "activities", "higher", 5, 2, "BG", False, False, 0, None, [],
     "Internationalisation activities in the last 12 months: missions, trade fairs, international partnerships, projects with foreign clusters.",
     "Check the activity report."),
    ("4.9", "Services for the digital and green transitions", "choice", "", "higher", None, None, "B", False, False, None, None, NONE_PLANNED_OFFERED,
     "Choose 'Offered' if services supporting the digital or green transition are delivered today, 'Planned' if they are in the action plan, 'None' otherwise.",
     "Check the service catalogue or action plan."),
    ("5.1", "Direct contacts with each participant a year", "count", "contacts", "higher", 4, 2, "BSG", False, False, 0, None, [],
     "Average number of direct contacts (meeting, visit, call) between the cluster management and each participant in the last 12 months.",
     "Ask how contacts are recorded (CRM) and check the average."),
    ("5.2", "Joint projects among participants started in 2 years", "count", "projects", "higher", 10, 3, "BSG", False, False, 0, None, [],
     "Projects started in the last two years in which at least two participants work together and the cluster management helped.",
     "Check the project list; the cluster's role must be visible."),
    ("5.3", "Cooperation agreements with innovation-system actors", "count", "agreements", "higher", 5, 2, "BSG", False, False, 0, None, [],
     "Written cooperation agreements with other actors of the innovation system (other clusters, universities, agencies, chambers).",
     "Check the agreements; only current ones count."),
    ("5.4", "Internal communication channels used regularly", "count", "channels", "higher", 3, 2, "BSG", False, False, 0, None, [],
     "Channels used at least monthly to inform participants (newsletter, members' area, social network group, regular meetings).",
     "Check examples of each channel."),
    ("5.5", "Working website in English, updated within 3 months", "yesno", "", "higher", None, None, "BSG", True, False, None, None, [],
     "Yes if the cluster's website has English content and was updated within the last three months. Put the address of the English page in the comment.",
     "Visit the site. No is a minimum requirement failure."),
    ("6.1", "Publications and media mentions last year", "count", "mentions", "higher", 10, 3, "BG", False, False, 0, None, [],
     "Articles, press releases taken up by media, and publications about the cluster in the last calendar year.",
     "Check the press review."),
    ("6.2", "Participants satisfied (measured by survey)", "percentage", "%", "higher", 75, 50, "BG", False, True, 0, 100, [],
     "Share of respondents satisfied or very satisfied in your latest participant survey (not older than two years). Attach the results.",
     "Check the survey's date, response count and question."),
    ("6.3", "Documented success stories in 2 years", "count", "stories", "higher", 5, 2, "BG", False, False, 0, None, [],
     "Success stories of participants supported by the cluster, documented in the last two years (case study, article, video).",
     "Check that each story names the cluster's contribution."),
    ("6.4", "Awards and recognitions in 3 years", "count", "awards", "higher", 2, 1, "B", False, False, 0, None, [],
     "Awards or recognitions the cluster organisation received in the last three years.",
     "Check the award documents."),
]


def _dec(value):
    return None if value is None else Decimal(str(value))


def load(apps, schema_editor):
    Framework = apps.get_model("labelling", "Framework")
    Dimension = apps.get_model("labelling", "Dimension")
    Indicator = apps.get_model("labelling", "Indicator")
    if Framework.objects.filter(code=CODE, version=1).exists():
        return
    framework = Framework.objects.create(
        code=CODE,
        version=1,
        title="European Cluster Excellence Indicators 2026",
        description="The default framework: 36 indicators in 6 dimensions; 31 of them for Gold.",
    )
    dimensions = {
        number: Dimension.objects.create(framework=framework, number=number, name=name)
        for number, name in DIMENSIONS
    }
    for position, row in enumerate(INDICATORS, start=1):
        (code, name, kind, unit, direction, green, yellow, levels, is_min, evidence, low, high, choices,
         guidance_manager, guidance_assessor) = row
        Indicator.objects.create(
            framework=framework,
            dimension=dimensions[int(code.split(".")[0])],
            code=code,
            position=position,
            name=name,
            kind=kind,
            unit=unit,
            direction=direction,
            green_threshold=_dec(green),
            yellow_threshold=_dec(yellow),
            choices=choices,
            in_bronze="B" in levels,
            in_silver="S" in levels,
            in_gold="G" in levels,
            is_minimum_requirement=is_min,
            evidence_required=evidence,
            min_value=_dec(low),
            max_value=_dec(high),
            guidance_manager=guidance_manager,
            guidance_assessor=guidance_assessor,
        )
    # Published last: from now on the models refuse changes (the historical models here do not).
    Framework.objects.filter(pk=framework.pk).update(published_at=timezone.now())


def unload(apps, schema_editor):
    Framework = apps.get_model("labelling", "Framework")
    framework = Framework.objects.filter(code=CODE, version=1).first()
    if framework:
        framework.indicators.all().delete()
        framework.dimensions.all().delete()
        framework.delete()


class Migration(migrations.Migration):
    dependencies = [("labelling", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
