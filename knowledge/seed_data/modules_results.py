"""Seed modules on performance measurement, innovation projects and the twin transition (original text)."""

PERFORMANCE = {
    "slug": "measuring-performance-and-impact",
    "title": "Measuring performance, satisfaction and impact",
    "field": "performance",
    "level": "advanced",
    "minutes": 85,
    "order": 100,
    "summary": (
        "A monitoring system proportionate to a small team: KPIs reviewed yearly, a participant satisfaction "
        "survey, a record of direct contacts, and success stories documented as evidence of impact."
    ),
    "objectives": (
        "- Set up a KPI system with yearly review\n"
        "- Run a participant satisfaction survey with a useful response rate\n"
        "- Document success stories in a consistent format\n"
        "- Prepare the evidence an assessor will ask for, all year round"
    ),
    "indicators": ["4.4", "6.2", "6.3", "5.1"],
    "dimensions": [6],
    "lessons": [
        {
            "slug": "kpi-system",
            "title": "A KPI system for a small team",
            "minutes": 25,
            "body": """
Monitoring has a bad reputation among cluster managers: reporting to funders takes days and seems to change
nothing. A good KPI system is different: it is built for the team and the board first, and funders' reports
are extracted from it.

## Three levels of indicators

- **Activity**: what the team did (events held, contacts, delegations). Easy to count, says little about value.
- **Output**: what participants directly got (B2B meetings, project proposals submitted, people trained).
- **Outcome**: what changed for participants (projects funded, new customers, new products, jobs).

Aim for eight to twelve KPIs across the three levels, each with a definition, a data source, an owner and a
yearly target.

## Collect data as you go

Most data can come from daily work if the tools are set up for it: the CRM logs contacts and service use; the
event tool logs attendance; a project list logs proposals and their status. Avoid annual data hunts.

## Review yearly

Indicator 4.4 counts the **months since KPIs and strategy were last reviewed**: twelve or fewer is excellent,
more than 24 is insufficient. The yearly review (see the strategy module) compares KPIs with targets and adjusts
the action plan. Record the date and decisions in the board minutes.
""",
        },
        {
            "slug": "satisfaction-survey",
            "title": "Asking participants how satisfied they are",
            "minutes": 30,
            "body": """
Indicator 6.2 measures the **share of participants satisfied**, measured by a survey: 75 % or more is
excellent, below 50 % is insufficient. The survey is also the best early warning of members about to leave.

## Design

- **Short**: ten questions, five minutes. Long surveys are answered only by enthusiasts.
- **One headline question** with a clear scale, for example "Overall, how satisfied are you with the
  cluster organisation?" on a five-point scale. The share answering 4 or 5 is the indicator.
- **Per-service questions** for the main services used.
- **Two open questions**: "What should we keep doing?" and "What should we change?"
- **Anonymous**, but with participant type and size, so results can be broken down.

## Response rate

Aim for at least 40 % of participants. Announce the survey in advance, send it from the team member who knows
each participant, remind twice, and close it after three weeks.

## Close the loop

Publish the results to members with three concrete changes you will make. A survey with no visible follow-up
lowers satisfaction next year. Repeat the same headline question every year so the trend is comparable.
""",
        },
        {
            "slug": "success-stories",
            "title": "Documenting success stories",
            "minutes": 30,
            "body": """
Indicator 6.3 counts **documented success stories in the last two years**: five or more is excellent. A
success story is a concrete case in which the cluster's work contributed to a result for participants: a
funded project, a new product, a market entered, a hire made through the cluster's talent programme.

## A one-page format

1. **Title** that says the result.
2. **Who**: the participants involved, with their consent to be named.
3. **Starting point**: the problem or opportunity.
4. **What the cluster did**: the introduction, the workshop, the funding advice.
5. **Result**, with figures where possible (turnover, funding, jobs, time to market).
6. **Quote** from a participant.
7. **Evidence**: links, documents, date.

## Collect continuously

Ask at every yearly member conversation: "Did anything come out of the cluster's work for you this year?"
Follow up every funded joint project six and eighteen months after the start. Keep a list of candidate stories
and complete two or three each half-year.

## Use them

Success stories feed the website, press work (indicator 6.1), award applications (indicator 6.4), reports to
funders and recruitment of new members. The same page serves five purposes.

## Direct contacts as a data source

The record of direct contacts with each participant (indicator 5.1) is where most success stories are first
noticed. A CRM entry "company X met company Y at our matchmaking day, exploring a joint development" is the
first line of a future story.
""",
        },
    ],
    "quiz": [
        {
            "text": "Which of these is an outcome KPI rather than an activity KPI?",
            "explanation": "Funded projects are outcomes; events held and newsletters sent are activities.",
            "options": [
                ("Number of events held", False),
                ("Number of joint projects that received funding", True),
                ("Number of newsletters sent", False),
            ],
        },
        {
            "text": "How should the headline satisfaction figure for indicator 6.2 be computed?",
            "explanation": "The share of respondents choosing the top two points of a five-point scale is common.",
            "options": [
                ("The share of respondents answering 4 or 5 on a five-point overall question", True),
                ("The number of positive comments", False),
                ("The team's own estimate", False),
            ],
        },
        {
            "text": "What belongs in a documented success story?",
            "explanation": "Participants, starting point, the cluster's contribution, results and evidence.",
            "options": [
                ("The participants involved, with consent", True),
                ("What the cluster did", True),
                ("The result, with figures where possible", True),
                ("The cluster manager's holiday plans", False),
            ],
        },
    ],
}

INNOVATION = {
    "slug": "generating-joint-innovation-projects",
    "title": "Generating joint innovation projects",
    "field": "innovation",
    "level": "advanced",
    "minutes": 80,
    "order": 110,
    "summary": (
        "From ideas to funded projects among participants: idea generation formats, building consortia that "
        "include SMEs, supporting proposals, and following projects to documented results."
    ),
    "objectives": (
        "- Run formats that turn members' challenges into project ideas\n"
        "- Build consortia of complementary participants, including SMEs\n"
        "- Support proposals without becoming a consultancy\n"
        "- Track projects from idea to result"
    ),
    "indicators": ["5.2", "4.7", "6.3"],
    "dimensions": [5],
    "lessons": [
        {
            "slug": "from-challenges-to-ideas",
            "title": "From members' challenges to project ideas",
            "minutes": 25,
            "body": """
Indicator 5.2 counts **joint projects among participants started in the last two years**: ten or more is
excellent. Joint projects are where clustering pays off most visibly: companies and researchers who would not
have met work together on something none of them could do alone.

## Formats that generate ideas

- **Challenge sessions**: a company presents a technical or market challenge in ten minutes; researchers and
  other companies propose approaches. Run three challenges per session.
- **Technology scouting visits** to research institutes with a group of companies.
- **Working groups** (indicator 4.7) that end each meeting with the question "what could we do together?".
- **Funding-call briefings**: when a relevant call opens, invite members, explain the call in 30 minutes and
  collect ideas on the spot.

## Capture ideas

Keep an idea list: the idea in two sentences, who is interested, the possible funding, the next step, the
owner in the team. Review it monthly. Most ideas will not become projects, and that is fine; the list shows
which ideas have momentum.

## Confidentiality

Companies share real challenges only when they trust the room. Agree simple rules at the start of each
session: what is said stays in the room unless the presenter agrees otherwise; no recording; a short written
summary checked by the presenter before it circulates. Where competitors sit together, keep challenges at the
level of shared problems (materials, regulation, skills) and move company-specific discussions to bilateral
meetings the team arranges afterwards.
""",
        },
        {
            "slug": "consortia-and-proposals",
            "title": "Building consortia and supporting proposals",
            "minutes": 30,
            "body": """
## Complementary consortia

A strong consortium has the capabilities the project needs and no more partners than that. For each idea ask:
who brings the problem (and will use the result)? who brings the knowledge? who brings production or market
access? SMEs often bring the application and the speed; include them from the start rather than as a
subcontractor at the end.

## The team's role in proposals

The cluster team can:

- find partners inside and outside the cluster;
- check the fit with funding programmes and deadlines;
- facilitate the first consortium meetings and the project concept;
- review drafts and organise a mock evaluation;
- help with administrative parts (budgets, partner forms).

It should not write whole proposals for members: that turns the team into an unpaid consultancy and the
consortium does not own its project. Agree the division of work in writing for each proposal.

## Numbers to watch

Track per year: ideas captured, consortia formed, proposals submitted, proposals funded, and projects started
without public funding (they count too). A success rate well below the programme average signals weak
preparation; a very high one may mean the cluster only tries safe calls.
""",
        },
        {
            "slug": "following-projects",
            "title": "Following projects to results",
            "minutes": 25,
            "body": """
Once a project starts, many clusters lose sight of it: the partners work, the team moves to the next call. But
the cluster's contribution is only visible when the results are.

## Stay in touch

- A **kick-off visit** to the consortium: offer the cluster's channels for communication and events.
- A **check-in** every six months, recorded as a direct contact with each partner.
- An invitation to **present results** at a cluster day or working group.

## Turn results into stories

At the end of the project, and again a year later, ask what came out: products, processes, patents, customers,
follow-up projects, hires. Document it as a success story (indicator 6.3). Projects that started in the
cluster and led to results are the strongest argument for the cluster's value to funders and members alike.

## Learn from failures

Write a short note when a proposal is rejected or a project stalls: what happened, what to do differently.
Share these notes in the team: they are the cluster's own case material.

## Count what the projects bring

For the indicator on joint projects (5.2), record each project with its start date, partners, funding source
and the cluster's role. Projects started without public funding count as well, and they are often the best
sign that members trust each other. Two years of such records give the board a clear picture: how many
projects the cluster helped to start, how many partners were SMEs, and which working groups produced them.
""",
        },
    ],
    "quiz": [
        {
            "text": "How many joint projects among participants in two years does indicator 5.2 rate excellent?",
            "explanation": "Ten or more is green; three or more is yellow.",
            "options": [("Three", False), ("Five", False), ("Ten or more", True)],
        },
        {
            "text": "Which is an appropriate role for the cluster team in a proposal?",
            "explanation": "Finding partners and facilitating is appropriate; writing whole proposals is not.",
            "options": [
                ("Writing the whole proposal for the members", False),
                ("Finding partners and facilitating the project concept", True),
                ("Taking the coordinator role in every project", False),
            ],
        },
        {
            "text": "When should a cluster ask a finished project about its results?",
            "explanation": "At the end and again about a year later, when market results show.",
            "options": [
                ("At the end of the project", True),
                ("About a year after the end", True),
                ("Never: results are the partners' business", False),
            ],
        },
    ],
}

TRANSITION = {
    "slug": "digital-and-green-transition-services",
    "title": "Services for the digital and green transitions",
    "field": "transition",
    "level": "advanced",
    "minutes": 75,
    "order": 120,
    "summary": (
        "Helping members through the twin transition: assessing their needs, designing services for "
        "digitalisation and decarbonisation, and moving from a plan to services that are actually offered."
    ),
    "objectives": (
        "- Assess members' digital and green maturity\n"
        "- Design transition services that fit SMEs\n"
        "- Partner with specialised providers instead of duplicating them\n"
        "- Move indicator 4.9 from planned to offered"
    ),
    "indicators": ["4.9", "4.5", "5.2"],
    "dimensions": [4],
    "lessons": [
        {
            "slug": "assessing-member-needs",
            "title": "Assessing where members stand",
            "minutes": 25,
            "body": """
Every industrial ecosystem in Europe is asked to become more digital and more sustainable. For most SMEs this
is not a strategy document but a series of practical questions: Which software do we need? What is our carbon
footprint and who asks for it? Which regulations apply to us, and when?

Indicator 4.9 asks whether the cluster offers **services for the digital and green transitions**: *offered* is
excellent, *planned* is room to improve, *none* is insufficient.

## A quick maturity check

Before designing services, find out where members stand. A short self-check, filled in during a member
conversation, works well. Ask for each member:

- **Digital**: which processes are digitalised (design, production, logistics, sales); data use; cyber
  security; skills.
- **Green**: whether they measure energy use and emissions; customer requirements; regulatory obligations;
  circularity of products and materials.

Group members by maturity: *starting*, *developing*, *advanced*. Each group needs different services.

## Typical needs by group

| Group | Digital | Green |
|---|---|---|
| Starting | awareness, basic tools, cyber hygiene | first energy audit, footprint basics |
| Developing | process digitalisation, data projects | reporting to customers, efficiency investments |
| Advanced | AI and data sharing, new business models | product redesign, circular supply chains |
""",
        },
        {
            "slug": "designing-transition-services",
            "title": "Designing and offering transition services",
            "minutes": 25,
            "body": """
## Services that fit small firms

- **Peer groups**: six to eight companies at the same stage meet every two months with an expert, each
  working on its own transition project.
- **Check-ups**: a subsidised one-day digital or energy check at the company, by a partner provider, with a
  written list of next steps.
- **Demonstrations**: visits to members that have implemented a solution, with an honest account of costs
  and pitfalls.
- **Joint projects** on shared challenges (for example a common data space along the value chain, or
  recycling of a material all members use). They count as joint projects for indicator 5.2 too.
- **Funding advice** for transition investments.

## Partner rather than duplicate

Digital innovation hubs, energy agencies, technology institutes and consultancies already offer much of this.
The cluster's value is to know its members, bundle demand, select good providers and negotiate conditions.
Write agreements with two or three providers and report back on members' experience.

## From planned to offered

A service is **offered** when members can use it now: it is described, priced, has an owner and has been
delivered at least once. Moving from planned to offered usually takes a pilot with three to five members.
Document the pilot and its results; then announce the service to all members and add it to the service
portfolio (indicator 4.5 counts service categories).
""",
        },
    ],
    "quiz": [
        {
            "text": "When does a transition service count as *offered* for indicator 4.9?",
            "explanation": "When members can use it now: described, priced, owned and delivered at least once.",
            "options": [
                ("When it is mentioned in the strategy", False),
                ("When members can use it now and it has been delivered at least once", True),
                ("When a funding application for it is submitted", False),
            ],
        },
        {
            "text": "What is the cluster's main added value in transition services?",
            "explanation": "Knowing members, bundling demand and selecting good providers.",
            "options": [
                ("Replacing all specialised providers", False),
                ("Knowing members, bundling demand and selecting good providers", True),
                ("Selling software licences", False),
            ],
        },
        {
            "text": "Which formats suit SMEs starting their transition?",
            "explanation": "Check-ups, demonstrations and peer groups fit small firms well.",
            "options": [
                ("Subsidised one-day check-ups", True),
                ("Demonstrations at members who implemented a solution", True),
                ("A 300-page strategy report", False),
                ("Peer groups with an expert", True),
            ],
        },
    ],
}

MODULES = [PERFORMANCE, INNOVATION, TRANSITION]
