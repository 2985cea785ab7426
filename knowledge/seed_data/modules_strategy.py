"""Seed modules on strategy, governance and the management team (original text for this portal)."""

STRATEGY = {
    "slug": "cluster-strategy-members-own",
    "title": "A cluster strategy the members own",
    "field": "strategy",
    "level": "foundation",
    "minutes": 75,
    "order": 10,
    "summary": (
        "Why a cluster organisation needs a written strategy, how to build it with the participants rather than "
        "for them, and how to turn it into an action plan with milestones, a budget and indicators that are "
        "reviewed every year."
    ),
    "objectives": (
        "- Explain what a cluster strategy contains and what it deliberately leaves out\n"
        "- Run a consultation that reaches at least half of the participants\n"
        "- Turn strategic objectives into an action plan with milestones, owners and a budget\n"
        "- Set up a yearly review of KPIs and a full strategy refresh at least every three years"
    ),
    "indicators": ["4.1", "4.2", "4.3", "4.4"],
    "dimensions": [4],
    "lessons": [
        {
            "slug": "why-write-it-down",
            "title": "Why write the strategy down",
            "minutes": 20,
            "body": """
A cluster organisation serves many masters: companies of all sizes, universities, research centres, the
regional government that often pays part of the bill, and sometimes national programmes. Each of them expects
something different. Without a written strategy the cluster manager ends up answering whoever called last, and
the team's year fills with good but unconnected activities.

A written strategy does three things that an unwritten one cannot:

1. **It makes choices visible.** Writing "we focus on the energy efficiency of food processing" also says that
   the cluster will not run a programme on food marketing. Participants can disagree with a choice only when it
   is on paper.
2. **It survives people.** Staff move on (see the module on the management team); a strategy in a drawer of one
   manager's head leaves with them.
3. **It can be checked.** Funders, assessors and members can compare what was planned with what happened.

## What goes into it

A good cluster strategy is short: ten to twenty pages is plenty. It usually contains:

- a **picture of the cluster today**: who the participants are, the strengths and gaps of the regional
  ecosystem, and the trends in the markets and technologies the cluster cares about;
- a **vision** for five to ten years, in one or two sentences that a company owner would repeat;
- three to six **strategic objectives**, each one measurable;
- the **fields of action** and the services through which the objectives will be reached;
- the **resources** needed: staff, budget, partners;
- how **success is measured** and how often the strategy is reviewed.

![The cluster strategy cycle](/static/knowledge/img/strategy-cycle.svg)

## The three-year rule

The European framework asks for a documented strategy that has been **updated within the last three years**
(indicator 4.1, a minimum requirement for every label level). Three years is long enough to see results and
short enough that the strategy still describes the real cluster. A strategy dated five years ago is a history
document: members joined and left, the regional smart specialisation priorities changed, funding programmes
ended.

Updating does not mean starting from a blank page. A refresh keeps what worked, drops objectives that have been
met or have become irrelevant, and records why. Keep the old versions: an assessor who sees the evolution of
objectives learns more than from a single polished document.
""",
        },
        {
            "slug": "consulting-participants",
            "title": "Building it with the participants",
            "minutes": 25,
            "body": """
The most common weakness assessors find is not a missing strategy but a strategy written by the team and
approved by the board without the participants ever being asked. Such a strategy is formally valid and
practically dead: companies do not recognise their priorities in it, so they do not use the services that
follow from it.

Indicator 4.2 measures the **share of participants consulted** when the strategy was built. Half or more is
excellent; a fifth is the minimum the portal's default framework accepts as "room to improve".

## Ways to reach many participants without exhausting them

| Format | Reaches | Good for |
|---|---|---|
| Online survey (10 minutes) | many, including small firms | ranking priorities, spotting gaps |
| Thematic workshops (half a day) | 10-25 people each | discussing choices and trade-offs |
| One-to-one interviews | the 10-20 most important participants | understanding strategic plans in depth |
| Working-group sessions | active members | detailed fields of action |
| Draft open for comments (2-3 weeks) | everyone | legitimacy before the board decides |

Combine at least two formats. A survey alone gives numbers but no reasons; workshops alone hear only the
people who like workshops.

## Document the consultation

Keep a short record: who was invited, who answered, what was said, and what changed in the draft as a result.
The last point matters most. When participants can see that their input moved the text, they come back next
time. When an assessor asks "how were members involved?", this record answers in one page.

## Small firms need a different invitation

SMEs rarely attend a strategy workshop on a Tuesday afternoon. Reach them where they already are: a short
telephone interview during a regular contact (see indicator 5.1, direct contacts with each participant), a
five-question poll at the end of a training event, or a breakfast meeting before working hours. Count these
contributions; they are consultation too.
""",
        },
        {
            "slug": "from-strategy-to-action-plan",
            "title": "From strategy to action plan and yearly review",
            "minutes": 30,
            "body": """
A strategy says *where* and *why*. The **action plan** says *what, who, when and with which money*. Indicator
4.3 asks for an action plan with milestones and a budget; indicator 4.4 asks how many months have passed since
the KPIs and the strategy were last reviewed (twelve months or fewer is excellent).

## A workable action-plan format

For each strategic objective, list the actions that serve it. For each action record:

- **owner** in the team (one name, not "the team");
- **milestones** with dates (a milestone is something you can see happened: "first matchmaking day held with
  at least 30 participants", not "matchmaking progressing");
- **budget** and where it comes from (membership fees, a regional grant, a project);
- **KPI** and target for the year.

Keep the plan in one table that the board sees every quarter. A plan that lives in a project-management tool
nobody outside the team opens will not be reviewed.

## Choosing KPIs

Good cluster KPIs are few (eight to twelve), mix activity and outcome, and can be counted without a research
project. Examples:

- number of joint projects started among participants (outcome, links to indicator 5.2);
- share of participants that used at least one service this year (outcome, indicator 4.6);
- number of internationalisation activities (activity, indicator 4.8);
- participant satisfaction from the yearly survey (outcome, indicator 6.2).

## The yearly review

Once a year, the team prepares a two-page review: KPIs against targets, what was learned, proposed changes to
the action plan. The board discusses and decides. Record the date and the decision in the minutes: that date
is what indicator 4.4 counts from.

Every third review becomes a full strategy refresh with a new consultation round. That rhythm keeps the
cluster inside the three-year rule of indicator 4.1 without ever running a last-minute rewrite before an
assessment.

> **Tip.** Put the review date in the board's calendar for the next three years now. Reviews that depend on
> someone remembering do not happen.
""",
        },
    ],
    "quiz": [
        {
            "text": "How old may a cluster strategy be for indicator 4.1 (a minimum requirement) to be met?",
            "explanation": "The strategy must be documented and updated within the last three years.",
            "options": [("One year", False), ("Three years", True), ("Five years", False), ("Any age", False)],
        },
        {
            "text": "Which elements belong in an action plan?",
            "explanation": "Actions need an owner, dated milestones and a budget; a vision belongs in the strategy.",
            "options": [
                ("An owner for each action", True),
                ("Milestones with dates", True),
                ("A budget and its source", True),
                ("A ten-year vision statement", False),
            ],
        },
        {
            "text": "What is the best evidence that participants were consulted on the strategy?",
            "explanation": "A record of who took part and what changed in the draft shows real consultation.",
            "options": [
                ("The board approved the strategy", False),
                ("A record of who took part and what changed in the draft as a result", True),
                ("The strategy was sent to all members by e-mail", False),
            ],
        },
    ],
}

GOVERNANCE = {
    "slug": "governance-and-decision-making",
    "title": "Governance: who decides what",
    "field": "governance",
    "level": "foundation",
    "minutes": 60,
    "order": 20,
    "summary": (
        "Legal forms, boards and advisory bodies of cluster organisations; how to give participants a real say in "
        "decisions, document the roles of management and board, and build an organisation that lasts beyond its "
        "first funding period."
    ),
    "objectives": (
        "- Compare the common legal forms of cluster organisations\n"
        "- Design a board in which participants decide, not only advise\n"
        "- Write down the split of roles between management and board\n"
        "- Plan for continuity beyond the start-up funding"
    ),
    "indicators": ["2.1", "2.7", "2.8"],
    "dimensions": [2],
    "lessons": [
        {
            "slug": "legal-forms-and-bodies",
            "title": "Legal forms and governing bodies",
            "minutes": 20,
            "body": """
Cluster organisations in Europe take many legal forms: a non-profit association of members, a limited company
owned by members or by a regional agency, a unit inside a development agency or a chamber of commerce, or a
foundation. There is no single best form, but each one shapes **who can decide**.

- **Association of members.** The general assembly of members elects the board. Participants decide by
  construction; the risk is slow decisions and boards that mirror the loudest members.
- **Company owned by members.** Shareholders decide; membership and ownership must be kept apart clearly, or
  small members feel they are customers rather than owners.
- **Unit of a public agency.** Quick to start and stably funded, but participants often have only an advisory
  role. The agency's priorities can override the cluster's.
- **Foundation.** Stable, but the founders' statutes limit how participants can influence it.

## The bodies you will usually find

1. a **decision-making body** (board, steering committee, supervisory board) that approves strategy, budget
   and the appointment of the cluster manager;
2. an **advisory body** (advisory council, strategic committee) that brings in outside views: research,
   public authorities, investors;
3. **working groups** where members shape activities (see the module on services);
4. the **cluster management team** that runs daily business.

Whatever the form, write down which body decides on what. Indicator 2.8 asks whether the roles of management
and board are documented, and it is checked with every label level.

## Age and continuity

Indicator 2.1 looks at the **age of the cluster organisation**: five years or more is considered excellent.
Age itself cannot be managed, but continuity can. Many clusters start with three years of public funding and
close when it ends. The governance choices made at the start (membership fees from year one, a legal entity
that can sign contracts, a board that owns the strategy) decide whether the organisation reaches its fifth
birthday.
""",
        },
        {
            "slug": "participants-in-decisions",
            "title": "Giving participants a real say",
            "minutes": 20,
            "body": """
Indicator 2.7 asks what role participants play in decisions: **none**, **advisory**, or a **deciding board**.
The framework rates a deciding role as excellent because clusters in which members decide tend to keep their
members: people stay where they have influence.

## Steps from advisory to deciding

If your organisation is a unit of an agency or a company owned by a single public shareholder, a deciding
participant board may seem out of reach. Three intermediate steps work in practice:

1. **Delegated decisions.** The owner delegates defined decisions (the annual action plan, the use of the
   membership-fee budget, the choice of working-group topics) to a board elected by the participants. Write
   the delegation down.
2. **Veto or consent rights.** The strategy and the budget need the consent of the participant board before
   the owner adopts them.
3. **Mixed board.** The decision-making body is composed of participants by a majority, with the public
   funder holding a seat.

## A representative board

A board made only of the largest companies is a common weakness. Aim for a board that reflects the types of
participants (companies, research and education, public bodies, others; see indicator 1.4) and includes small
firms. Practical rules that help:

- reserved seats per participant type, elected by that type;
- a term limit (for example two terms of three years) so that seats rotate;
- an annual declaration of interests by each board member.

## Keep minutes that show the decisions

Assessors will ask for evidence. Minutes that list *decisions* (not only discussions), with the vote or
consensus, are the best proof that participants decide.
""",
        },
        {
            "slug": "documenting-roles",
            "title": "Documenting the roles of management and board",
            "minutes": 20,
            "body": """
Conflicts between a cluster manager and a board chair are among the most frequent reasons cluster managers
leave. Most of them start with an unclear split of roles: the chair who runs the cluster day to day, or the
manager who commits the organisation to a project the board never discussed.

## A one-page role description

Write a short document, approved by the board, that says:

| Topic | Board | Cluster manager |
|---|---|---|
| Strategy | approves, reviews yearly | drafts, consults members, reports |
| Annual budget | approves | proposes, executes, reports quarterly |
| Staff | appoints the manager | hires and leads the team within the budget |
| Projects and contracts | approves above a threshold (e.g. EUR 50,000) | signs below the threshold |
| External representation | chair represents at political level | manager represents in daily business |
| Membership | decides on admission rules and fees | recruits and serves members |

Attach it to the statutes or the rules of procedure, and review it when the board changes.

## Rules of procedure

Besides the roles, rules of procedure fix how often the board meets (at least quarterly is common), how
decisions are taken, how conflicts of interest are handled, and how the board reports to the members.

Together, the statutes, the rules of procedure and the role description are the evidence for indicator 2.8.
They take a few days to write and save months of friction.
""",
        },
    ],
    "quiz": [
        {
            "text": "Which role of participants does the framework rate as excellent (green) for indicator 2.7?",
            "explanation": "A deciding board of participants is green; an advisory role is yellow; none is red.",
            "options": [("None", False), ("Advisory", False), ("A deciding board", True)],
        },
        {
            "text": "What is good evidence that the roles of management and board are documented (2.8)?",
            "explanation": "A written role description approved by the board, together with the statutes and rules.",
            "options": [
                ("An organisation chart on the website", False),
                ("A role description approved by the board, with the statutes and rules of procedure", True),
                ("The cluster manager's job advertisement", False),
            ],
        },
        {
            "text": "Which practices make a board more representative?",
            "explanation": "Reserved seats, term limits and declarations of interest all help.",
            "options": [
                ("Reserved seats per participant type", True),
                ("Term limits so that seats rotate", True),
                ("Seats only for the five largest fee payers", False),
                ("Annual declarations of interests", True),
            ],
        },
    ],
}

TEAM = {
    "slug": "building-the-management-team",
    "title": "Building and keeping the cluster management team",
    "field": "team",
    "level": "foundation",
    "minutes": 70,
    "order": 30,
    "summary": (
        "How many people a cluster organisation needs, which profiles and experience to look for, how to plan "
        "their training, and how to keep them: staffing, qualifications, upskilling and turnover."
    ),
    "objectives": (
        "- Size the team to the strategy and the number of participants\n"
        "- Combine academic qualifications and industry experience in hiring\n"
        "- Write an upskilling plan with at least five training days per person and year\n"
        "- Reduce staff turnover with career paths and knowledge handover"
    ),
    "indicators": ["2.2", "2.3", "2.4", "2.5", "2.6"],
    "dimensions": [2],
    "lessons": [
        {
            "slug": "sizing-the-team",
            "title": "Sizing the team and choosing profiles",
            "minutes": 25,
            "body": """
Indicator 2.2 counts the **cluster management staff in full-time equivalents (FTE)**. At least half an FTE is a
minimum requirement for any label: below that, nobody is really managing the cluster. Three FTE or more is
considered excellent.

## How many people do you need?

There is no formula, but two checks help:

- **Per participant.** A team that must have four direct contacts a year with each participant (indicator
  5.1) and runs five service categories needs roughly one FTE per 40 to 60 active participants.
- **Per field of action.** List the fields in your action plan. Each field that runs regular services
  (matchmaking, training, internationalisation, project development) needs an owner with at least a third of
  their time for it.

## Profiles that work

A cluster team is small, so each person covers several roles. Typical roles:

1. **Cluster manager**: strategy, board, funders, external representation.
2. **Project and innovation manager**: brings participants together in joint projects and proposals.
3. **Service or community manager**: events, working groups, member contacts, communication.
4. **Internationalisation manager**: delegations, partner clusters, international projects.
5. **Administration and finance** (often part-time or shared with a host organisation).

## Qualifications and experience

Indicators 2.3 and 2.4 look at the share of staff with a **higher-education degree** (80 % or more is
excellent) and the share with **three years or more of cluster or industry experience** (50 % or more is
excellent). The two pull in different directions: young graduates are qualified but inexperienced; people
from industry bring credibility with companies. Aim for a mix, and write down each person's degrees and
relevant experience: assessors count them.
""",
        },
        {
            "slug": "upskilling-plan",
            "title": "An upskilling plan for the team",
            "minutes": 20,
            "body": """
Cluster management is a profession with its own methods: facilitating cooperation among competitors,
designing services, running consultations, building international partnerships, measuring impact. Few people
learn them at university. Indicator 2.5 counts the **training days per staff member per year**: five or more
is excellent, two is the lower threshold.

## What an upskilling plan contains

- For each person: the **competences** their role needs, the current level, and the gap.
- The **training activities** planned for the year: courses, peer exchanges, job shadowing in another
  cluster, conferences with workshops, this portal's modules.
- The **budget** and the time reserved.
- A short **review** at year end: what was done, what changed in the work.

## Cheap and effective formats

- **Peer learning between clusters**: a two-day exchange visit with a cluster of another country often teaches
  more than a week of lectures. The club of cluster managers organises them.
- **Case discussions**: work through a case study of this portal as a team, one per quarter.
- **Modules of this portal**: each module takes one to two hours; count completed modules as training time.
- **Shadowing**: a new project manager joins an experienced colleague's meetings for a month.

Count training days honestly: a half-day webinar is half a day. Keep a simple log per person; it is the
evidence an assessor will ask for.
""",
        },
        {
            "slug": "keeping-people",
            "title": "Keeping people: turnover and knowledge handover",
            "minutes": 25,
            "body": """
Indicator 2.6 measures **staff turnover over two years**: 20 % or less is excellent, more than 40 % is
insufficient. A cluster team lives on relationships; each departure takes contacts and trust with it, and the
new person needs months to rebuild them.

## Why cluster managers leave

Exit interviews across many clusters show the same reasons:

- **short contracts** tied to project funding;
- **no career path**: in a team of three, there is no next step;
- **salaries** below those of the companies the staff work with;
- **conflict** with the board or the host organisation (see the governance module).

## What helps

1. **Decouple contracts from projects.** Fund core staff from membership fees and stable funding; use project
   money for additional, clearly temporary roles.
2. **Grow roles, not only titles.** Give experienced staff ownership of a field of action, an international
   partnership or a working group.
3. **Invest in training** (see the previous lesson): people stay where they grow.
4. **Be honest in job offers** about funding and duration.

## Prepare for departures anyway

Even a good employer loses people. Make sure knowledge stays:

- one shared contact database (CRM) where every member contact is recorded;
- a short handover file per role: key contacts, running projects, deadlines, passwords in a password manager;
- overlap of at least two weeks between leaving and arriving staff where the budget allows.
""",
        },
    ],
    "quiz": [
        {
            "text": "What is the minimum cluster management staff for any label (a minimum requirement)?",
            "explanation": "At least 0.5 FTE; 3 FTE or more is green.",
            "options": [("0.2 FTE", False), ("0.5 FTE", True), ("2 FTE", False), ("5 FTE", False)],
        },
        {
            "text": "How many training days per staff member and year does the framework rate as excellent?",
            "explanation": "Five days or more is green; two days is the yellow threshold.",
            "options": [("1", False), ("2", False), ("5", True), ("20", False)],
        },
        {
            "text": "Which measures reduce staff turnover?",
            "explanation": "Stable contracts, growing responsibilities and training all help keep people.",
            "options": [
                ("Funding core staff from stable sources rather than projects", True),
                ("Giving experienced staff ownership of a field of action", True),
                ("Hiring only on contracts tied to project duration", False),
                ("Investing in training", True),
            ],
        },
    ],
}

MODULES = [STRATEGY, GOVERNANCE, TEAM]
