"""Seed modules on membership, financing and services (original text for this portal)."""

MEMBERSHIP = {
    "slug": "growing-a-balanced-membership",
    "title": "Growing a committed and balanced membership",
    "field": "membership",
    "level": "foundation",
    "minutes": 70,
    "order": 40,
    "summary": (
        "Who should be in the cluster and how to win them: committed participants, the right mix of companies, "
        "SMEs, research and public bodies, a regional anchor, and steady net growth."
    ),
    "objectives": (
        "- Define what counts as a committed participant and record it\n"
        "- Analyse the composition of the membership against the framework's thresholds\n"
        "- Plan recruitment that fills gaps instead of only adding numbers\n"
        "- Track joiners and leavers and act on the reasons people leave"
    ),
    "indicators": ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"],
    "dimensions": [1],
    "lessons": [
        {
            "slug": "committed-participants",
            "title": "What makes a participant committed",
            "minutes": 20,
            "body": """
A mailing list of 800 contacts is not a cluster. The framework counts **committed participants** (indicator
1.1): organisations that have made a written commitment, such as a signed membership agreement, a letter of
intent or a cooperation agreement, or that pay a fee. Fifty or more is excellent; fifteen is a minimum
requirement for any label.

## Record commitment properly

For each participant, keep:

- the legal name and type (company, research or education, public body, other);
- for companies, the size class (SME or large) and the location;
- the form and date of the commitment, with a copy of the document;
- the contact persons and the date of the last direct contact.

This register is the evidence for the whole first dimension of the framework. It also feeds the directory
profile of this portal, where the validation floors (at least 15 committed members and at least two member
types) are checked.

## Commitment is earned

Asking for a fee from the first day can feel risky, but a fee, even a small one, changes the relationship: the
participant expects value and the team must deliver it. Many clusters use tiered fees by company size and a
reduced fee for start-ups. A written commitment without a fee is acceptable too, as long as it states what
the participant agrees to (for example: attend the general assembly, share information, take part in at
least one activity a year).
""",
        },
        {
            "slug": "composition-of-the-membership",
            "title": "The right mix: companies, SMEs, science, public bodies, region",
            "minutes": 25,
            "body": """
Clusters create value by connecting different kinds of actors. The framework checks the mix from several
angles:

| Indicator | What it measures | Green | Yellow |
|---|---|---|---|
| 1.2 | share of companies among participants | 60 % or more | 40 % or more |
| 1.3 | share of SMEs among the companies | 50 % or more | 30 % or more |
| 1.4 | types of participants represented (of four) | 3 or more | 2 or more |
| 1.5 | participants located in the cluster's region | 60 % or more | 40 % or more |

## Reading your own figures

Draw the composition from your register once a year. Typical patterns and what they mean:

- **Many research members, few companies.** The cluster risks becoming a research network. Companies need
  services that pay back within a year or two: matchmaking with customers, access to finance, training.
- **Large companies dominate.** SMEs feel they are there to supply the big ones. Create SME-specific formats
  and make sure SMEs have seats on the board.
- **Only companies.** Without research, education and public bodies, the cluster cannot offer access to
  knowledge, talent or policy. Invite the regional university and the economic-development agency.
- **Members everywhere.** A cluster whose participants are spread across the country loses the benefit of
  proximity: people do not meet. A regional core of at least 60 % keeps meetings easy; partners from outside
  can join as associated members.

## Recruit for the gaps

Set recruitment targets by type, not only by number. "Ten new members" invites whatever is easiest to sign;
"six manufacturing SMEs from the region and one vocational school" builds the cluster you need.
""",
        },
        {
            "slug": "growth-and-retention",
            "title": "Net growth: joiners, leavers and why",
            "minutes": 25,
            "body": """
Indicator 1.6 measures the **net change in participants over two years**: growth of 10 % or more is
excellent; shrinking is insufficient. Net change is joiners minus leavers, so retention matters as much as
recruitment.

## Track the flow

Keep a simple table per year: participants at the start, joiners, leavers, participants at the end. For each
leaver record the reason. After two years the reasons show a pattern: "no time", "no relevant activities",
"fee too high", "company closed or was acquired". Only the last one is outside your control.

## Recruitment that works

- **Member-gets-member.** Existing participants introduce their suppliers, customers and partners. Give them a
  short pitch and a trial invitation to an event.
- **Open events with a follow-up.** Every open event ends with a personal follow-up call within two weeks to
  non-members who attended.
- **Projects as a door.** A company that joins a funded joint project (see the module on innovation projects)
  often becomes a member afterwards.
- **Targeted lists.** Use regional business registers to list companies in your value chain that are not yet
  members; contact them individually.

## Retention that works

- A **welcome call** and a first useful contact within the first three months.
- A **yearly member conversation** about what the cluster delivered and what it should do next.
- An **early-warning list**: members who used no service for a year get a personal call before the fee
  invoice goes out.
""",
        },
    ],
    "quiz": [
        {
            "text": "Which of these makes an organisation a committed participant in the sense of indicator 1.1?",
            "explanation": "A written commitment or a paid fee counts; being on a mailing list does not.",
            "options": [
                ("It receives the newsletter", False),
                ("It signed a membership agreement or pays a fee", True),
                ("It attended one open event", False),
            ],
        },
        {
            "text": "A cluster has 100 participants: 70 companies (20 of them SMEs), 20 research bodies, 10 public "
            "bodies. Which indicator is weakest?",
            "explanation": "SMEs are 20 of 70 companies (29 %), below the 30 % yellow threshold of indicator 1.3.",
            "options": [
                ("1.2 share of companies", False),
                ("1.3 share of SMEs among companies", True),
                ("1.4 types of participants", False),
            ],
        },
        {
            "text": "What does indicator 1.6 measure?",
            "explanation": "Net change: joiners minus leavers over two years, as a percentage.",
            "options": [
                ("Only the number of new members", False),
                ("The net change in participants over two years", True),
                ("The number of members who pay the full fee", False),
            ],
        },
    ],
}

FINANCING = {
    "slug": "financing-the-cluster-organisation",
    "title": "Financing the cluster organisation",
    "field": "financing",
    "level": "foundation",
    "minutes": 80,
    "order": 50,
    "summary": (
        "A sustainable funding mix for the cluster management: private contributions, public support and "
        "projects; securing financing ahead; and the financial control that funders and boards expect."
    ),
    "objectives": (
        "- Build a funding mix with at least three independent sources\n"
        "- Raise the private share of funding step by step\n"
        "- Secure financing two to three years ahead\n"
        "- Set up a quarterly budget-versus-actual review"
    ),
    "indicators": ["3.1", "3.2", "3.3", "3.4"],
    "dimensions": [3],
    "lessons": [
        {
            "slug": "funding-mix",
            "title": "The funding mix: private, public, projects",
            "minutes": 25,
            "body": """
Most European cluster organisations start with public money: a regional or national programme pays the team
for three to five years. That start is legitimate, because clusters produce benefits for the whole regional
economy. But a cluster that lives only on one public programme depends on one political decision.

The framework looks at the funding of the **cluster management** (not of the members' projects) in three ways:

- **3.1 share of private funding**: 40 % or more is excellent, 20 % or more acceptable;
- **3.3 number of independent funding sources**: three or more is excellent;
- **3.2 years of financing secured ahead**: see the next lesson.

## Sources of private funding

1. **Membership fees**, tiered by size. They are the most stable private source and the clearest signal that
   members value the cluster.
2. **Paid services**: training courses, delegation trips, consultancy on funding applications, sponsored
   events. Price them so that members get a discount.
3. **Sponsorship** of flagship events by larger members or banks.
4. **Success fees** on funded projects that the team helped to prepare (check that the funding programme
   allows it).

## Sources of public funding

Regional cluster programmes, national programmes, European programmes (for example for internationalisation,
interregional cooperation or innovation support) and contracts with public authorities for specific tasks.

## Counting "independent" sources

Two grants from the same ministry are one source: if the ministry changes its policy, both end. Count sources
that could fail independently: membership fees, paid services, a regional programme, a European project.
""",
        },
        {
            "slug": "securing-financing-ahead",
            "title": "Securing financing ahead",
            "minutes": 25,
            "body": """
Indicator 3.2 asks **for how many years the financing of the cluster management is secured**: three years or
more is excellent, less than one year is insufficient. The reason is practical: a team that does not know
whether it will be paid next year cannot plan, and its best people leave.

## Ways to lengthen the horizon

- **Multi-year membership agreements**: members commit for three years with a yearly fee. Offer a small
  discount for the commitment.
- **Multi-year public agreements**: negotiate framework agreements with the region instead of yearly grants,
  tied to the strategy period.
- **Reserves**: build a reserve equal to six months of core costs. Boards often resist keeping money in the
  bank; explain it as insurance for staff continuity.
- **Staggered projects**: plan project applications so that one project starts as another ends.

## A financing plan on one page

Prepare a simple three-year table: each funding source per year, marked *secured* (signed), *likely*
(approved in principle, renewal customary) or *open*. Only signed money counts as secured for the indicator;
the table shows the board where to act.

| Source | Year 1 | Year 2 | Year 3 |
|---|---|---|---|
| Membership fees (3-year agreements) | secured | secured | secured |
| Regional cluster programme | secured | secured | likely |
| Paid training | likely | likely | open |
| European project | secured | open | open |
""",
        },
        {
            "slug": "financial-control",
            "title": "Financial control the board can rely on",
            "minutes": 30,
            "body": """
Indicator 3.4 asks a simple yes-or-no question: **is the budget compared with actual figures and reviewed at
least every quarter?** It is checked at every label level because weak financial control is how small
organisations get into trouble unnoticed.

## The quarterly review

Every quarter, the team prepares:

1. the **budget versus actual** table per cost and income line, with the deviation in euros and percent;
2. a **forecast** for the full year;
3. a short **explanation** of every deviation above an agreed threshold (for example 10 % or EUR 5,000);
4. the **cash position** and expected cash flow for the next two quarters (public grants are often paid late).

The board, or its treasurer or finance committee, discusses it and records decisions in the minutes.

## Separate the money flows

Keep separate cost centres for the core cluster management and for each project. Project money spent on core
tasks is a classic audit finding and can lead to repayments. Time sheets for staff who work on projects are
usually required by funders anyway.

## Keep it proportionate

A cluster with a budget of EUR 400,000 does not need a controlling department. A good spreadsheet linked to
the bookkeeping, prepared by the same person every quarter, and a board that reads it, is enough. The
important part is the rhythm and the record of decisions.
""",
        },
    ],
    "quiz": [
        {
            "text": "Which counts as private funding of the cluster management?",
            "explanation": "Membership fees and paid services are private; grants are public.",
            "options": [
                ("A regional cluster programme grant", False),
                ("Membership fees and paid services", True),
                ("A European project grant", False),
            ],
        },
        {
            "text": "Two grants from the same ministry: how many independent funding sources are they?",
            "explanation": "They could fail together with one policy change, so they are one source.",
            "options": [("One", True), ("Two", False), ("None", False)],
        },
        {
            "text": "What does a quarterly financial review include?",
            "explanation": "Budget versus actual, a forecast, explanations of deviations and the cash position.",
            "options": [
                ("Budget versus actual per line", True),
                ("A full-year forecast", True),
                ("Explanations of significant deviations", True),
                ("The personal tax returns of board members", False),
            ],
        },
    ],
}

SERVICES = {
    "slug": "designing-a-service-portfolio",
    "title": "Designing a service portfolio members use",
    "field": "services",
    "level": "foundation",
    "minutes": 75,
    "order": 60,
    "summary": (
        "Which services a cluster organisation offers, how to build a portfolio from information to joint "
        "projects, how to make sure participants actually use it, and how working groups keep members active."
    ),
    "objectives": (
        "- Map your services against the common service categories\n"
        "- Choose new services from members' needs and the team's capacity\n"
        "- Raise the share of participants who use at least one service a year\n"
        "- Run working groups that stay active"
    ),
    "indicators": ["4.5", "4.6", "4.7"],
    "dimensions": [4],
    "lessons": [
        {
            "slug": "service-categories",
            "title": "Service categories and the service ladder",
            "minutes": 25,
            "body": """
Indicator 4.5 counts the **service categories** a cluster organisation offers: five or more is excellent.
The common categories are:

1. **information** (newsletters, market and technology watch, funding alerts);
2. **matchmaking and networking** (B2B meetings, cluster days, site visits);
3. **training and qualification** (courses, skills programmes, talent attraction);
4. **internationalisation** (delegations, trade fairs, partner clusters);
5. **project development** (ideas to proposals, consortium building, project management);
6. **access to finance** (funding advice, investor meetings);
7. **collective representation** (position papers, dialogue with policy makers);
8. **shared infrastructure** (test beds, labs, demonstration centres).

## The service ladder

Services differ in the value they create and the effort they take.

![The service ladder](/static/knowledge/img/service-ladder.svg)

Information is cheap to provide but rarely changes anything for a member. Joint projects and
internationalisation change companies' business, but each one takes weeks of the team's time. A good
portfolio has a few services on every step: the lower steps bring participants in and keep them informed; the
upper steps create the results that members and funders remember.

## Choosing new services

Before launching a service, answer four questions in writing: which members need it (names, not segments);
what they get that they could not get elsewhere; who in the team owns it and with how much time; how it is
paid for. A service that cannot answer the third question will fade within a year.
""",
        },
        {
            "slug": "service-uptake",
            "title": "Making sure participants use the services",
            "minutes": 25,
            "body": """
Offering services is not the same as delivering them. Indicator 4.6 measures the **share of participants that
used at least one service during the year**: 60 % or more is excellent, below 30 % is insufficient.

## Count usage

To know the share, record usage per participant: event attendance, advice given, participation in a delegation
or project, training taken. A CRM with one activity log per member is the simplest tool. At year end, count
participants with at least one recorded use.

## Why members do not use services

- They **do not know** about them: the newsletter goes to one person who does not forward it.
- The services **do not fit**: topics chosen by the team, not by members.
- The **format** does not fit: full-day events for SMEs that cannot spare a day.
- Nobody **asked them personally**.

## What raises uptake

- **Several contact persons per member**, each receiving what is relevant to their role.
- A **yearly member conversation** (see the membership module) ending with one concrete next step.
- **Short formats**: breakfast sessions, 45-minute webinars, site visits close by.
- **Personal invitations** to the members who used nothing so far, from the team member who knows them.
- **Feedback loops**: after each service, two questions ("was it useful?", "what next?").
""",
        },
        {
            "slug": "working-groups",
            "title": "Working groups that stay active",
            "minutes": 25,
            "body": """
Working groups are where members shape the cluster's work on a topic: a technology, a market, a shared
challenge such as skills or regulation. Indicator 4.7 counts **active working groups**: four or more is
excellent. *Active* means they meet regularly and produce something: at least three meetings a year and a
visible result.

## Anatomy of a working group that works

- **A clear purpose** written in two sentences, reviewed every year.
- **A chair from the members** and a **facilitator from the team**. The chair gives the group legitimacy; the
  facilitator does the organising so the chair does not burn out.
- **A rhythm**: meetings every two to three months, hosted in turn by members at their sites.
- **Outputs**: a joint project idea, a position paper, a training course, a study trip. A group that only
  exchanges information will shrink.
- **An end**: groups that have reached their purpose close, with a short report. Closing is a success, not a
  failure.

## Starting a new group

Start only when at least five members from different organisations ask for it and one is willing to chair.
Hold a first meeting to agree the purpose and a first output within six months. Announce the group to all
members: new participants often join the cluster because of a specific working group.
""",
        },
    ],
    "quiz": [
        {
            "text": "How many service categories does the framework rate as excellent for indicator 4.5?",
            "explanation": "Five or more categories is green; three is the yellow threshold.",
            "options": [("Two", False), ("Three", False), ("Five or more", True)],
        },
        {
            "text": "Which actions typically raise service uptake (indicator 4.6)?",
            "explanation": "Personal invitations, short formats and several contacts per member all help.",
            "options": [
                ("Personal invitations to members who used nothing yet", True),
                ("Short formats such as breakfast sessions", True),
                ("Sending the newsletter more often to the same single contact", False),
                ("Several contact persons per member", True),
            ],
        },
        {
            "text": "When should a working group be closed?",
            "explanation": "When it has reached its purpose; closing with a report is a success.",
            "options": [
                ("Never: closing a group looks bad", False),
                ("When it has reached its purpose, with a short report", True),
                ("After exactly one year", False),
            ],
        },
    ],
}

MODULES = [MEMBERSHIP, FINANCING, SERVICES]
