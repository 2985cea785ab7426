"""Seed modules on internationalisation, communication and stakeholder engagement (original text)."""

INTERNATIONALISATION = {
    "slug": "internationalisation-for-members",
    "title": "Internationalisation that pays off for members",
    "field": "internationalisation",
    "level": "advanced",
    "minutes": 80,
    "order": 70,
    "summary": (
        "Taking members abroad together: choosing target markets, partner clusters and formats, preparing "
        "delegations that lead to business, and turning international contacts into lasting cooperation."
    ),
    "objectives": (
        "- Choose target markets from members' export plans, not from travel invitations\n"
        "- Build a partnership with a foreign cluster step by step\n"
        "- Prepare and follow up a delegation so that it produces business contacts\n"
        "- Plan a yearly programme of internationalisation activities"
    ),
    "indicators": ["4.8", "5.3"],
    "dimensions": [4, 5],
    "lessons": [
        {
            "slug": "choosing-markets-and-partners",
            "title": "Choosing markets and partner clusters",
            "minutes": 25,
            "body": """
Cluster organisations receive more invitations to go abroad than they can accept: trade missions of the
ministry, partner-region agreements, conferences. Travelling because someone invited you is the most common
mistake in cluster internationalisation. Start from the members instead.

## Ask the members first

Run a short survey or use the yearly member conversations to collect, for each company:

- current export markets and the markets they want to enter in the next three years;
- what they need there: customers, distributors, technology partners, talent, research cooperation;
- what they have tried alone and why it did not work.

Two or three target markets will stand out. They become the cluster's international priorities, written into
the strategy.

## Partner clusters

In each priority market, look for a cluster organisation whose members complement yours: they have the
customers your members want, or the technology your members lack. A partnership between cluster organisations
gives your SMEs a trusted door into a foreign ecosystem.

Build it step by step:

1. **Contact and exchange**: video calls between the managers, exchange of member profiles.
2. **First joint activity**: a matchmaking session, online or at a trade fair both attend.
3. **Reciprocal visits** with a small group of members each way.
4. **Written agreement** once activities have shown value: a memorandum of understanding with a joint plan.
5. **Joint projects** and, where available, joint funding applications.

Indicator 5.3 counts **cooperation agreements with actors of the innovation system**; agreements with foreign
clusters and research bodies count when they are backed by activities.
""",
        },
        {
            "slug": "delegations-that-work",
            "title": "Delegations that lead to business",
            "minutes": 30,
            "body": """
A delegation trip is expensive for an SME: several days away, travel costs, and the opportunity cost of the
manager's time. It pays off only if meetings are prepared in advance and followed up afterwards.

## Before: eight to twelve weeks

- **Select participants** who have a clear goal in the market. Five well-prepared companies beat fifteen
  tourists.
- **Profile each company** in English in one page: what they offer, what they seek.
- **Pre-arrange meetings** through the partner cluster or the trade office: each company should leave with at
  least five qualified B2B meetings in the agenda.
- **Brief the group**: business culture, expectations, logistics, a shared story of the cluster.

## During

- Mix **group visits** (site visits, the partner cluster's event) and **individual meetings**.
- Hold a **short debrief** each evening: who met whom, which leads are hot, who needs an introduction.

## After: the first eight weeks decide

- Each company sends follow-ups within a week; the team checks.
- A debrief meeting after four weeks records outcomes: meetings held, leads, offers, agreements.
- Results are reported to members and funders. Count them: they are the evidence that the cluster's
  internationalisation creates value.

## A yearly programme

Indicator 4.8 counts **internationalisation activities a year**: five or more is excellent. A balanced yearly
programme might contain two delegations or trade-fair pavilions, one incoming visit of a foreign cluster, two
online matchmaking sessions and a training course on export financing. Smaller activities count: they keep the
topic alive between the large trips.
""",
        },
    ],
    "quiz": [
        {
            "text": "Where should a cluster's target markets come from?",
            "explanation": "From members' export plans and needs, collected by survey or in member conversations.",
            "options": [
                ("From the invitations the cluster receives", False),
                ("From members' export plans and needs", True),
                ("From the countries with the cheapest flights", False),
            ],
        },
        {
            "text": "What is the right first step in building a partnership with a foreign cluster?",
            "explanation": "Start with contacts and exchange; a written agreement comes once activities show value.",
            "options": [
                ("Sign a memorandum of understanding at the first meeting", False),
                ("Exchange between managers and member profiles, then a first joint activity", True),
                ("Apply for a large joint project straight away", False),
            ],
        },
        {
            "text": "How many internationalisation activities a year does indicator 4.8 rate as excellent?",
            "explanation": "Five or more is green; two or more is yellow.",
            "options": [("One", False), ("Two", False), ("Five or more", True)],
        },
    ],
}

COMMUNICATION = {
    "slug": "communication-inside-and-out",
    "title": "Communication inside the cluster and to the world",
    "field": "communication",
    "level": "foundation",
    "minutes": 70,
    "order": 80,
    "summary": (
        "Internal channels that members actually read, a website in English that stays current, media work that "
        "earns mentions, and how to win awards and recognition for the cluster and its members."
    ),
    "objectives": (
        "- Choose and maintain at least three internal communication channels\n"
        "- Keep an English website current with a simple editorial routine\n"
        "- Produce publications and earn media mentions every month\n"
        "- Plan applications for awards and recognitions"
    ),
    "indicators": ["5.4", "5.5", "6.1", "6.4"],
    "dimensions": [5, 6],
    "lessons": [
        {
            "slug": "internal-channels",
            "title": "Internal channels members read",
            "minutes": 20,
            "body": """
Indicator 5.4 counts the **internal communication channels used regularly**: three or more is excellent.
"Regularly" is the key word: a members' area of the website that nobody updates since last year does not
count.

## Typical channels

- a **newsletter** for members, monthly or every two weeks;
- a **members' area** or community platform with documents, contacts and discussions;
- **messaging groups** per working group;
- **regular meetings**: general assembly, cluster days, working-group meetings;
- **personal contacts**: calls and visits by the team (see indicator 5.1 in the performance module).

## Making channels work

- **Segment.** Send each contact person what concerns their role: the technical manager gets calls for
  projects, the HR manager gets training news.
- **Make it short.** Three items with a line each and a link beat a ten-page newsletter.
- **Make it two-way.** Ask a question in every newsletter, publish members' news, invite replies.
- **Measure.** Open rates, clicks, platform logins, meeting attendance. Drop a channel that nobody uses and
  put the time into one that works.

## A channel plan on one page

Write down, for each channel: its purpose, its audience, how often it appears, who is responsible and how you
know it works. Review the plan once a year with a few members. The exercise usually reveals two problems at
once: channels that overlap (the same news in the newsletter, the platform and the messaging group) and
groups of members nobody reaches (often the technical staff of SMEs). Fixing both costs less time than
producing one more channel.
""",
        },
        {
            "slug": "website-and-media",
            "title": "A website in English and media that notice you",
            "minutes": 25,
            "body": """
Indicator 5.5 is a minimum requirement for every label: a **working website in English, updated within the
last three months**. It is also one of the validation floors of this portal's directory. For a cluster that
wants international partners, the English website is the front door.

## What the English website needs

- who the cluster is: focus, region, number and types of participants;
- the strategy's main objectives and the services offered;
- a list or map of members (with their consent);
- news, updated at least monthly;
- contact persons with names and photos.

A short English version of the main pages is better than a complete site that is out of date. Put the update
in a routine: one news item in English every month, written by a named person.

## Publications and media

Indicator 6.1 counts **publications and media mentions** in the last year: ten or more is excellent. They
include press articles about the cluster or its projects, interviews, studies and reports the cluster
publishes, and articles in trade journals.

A simple media routine:

1. Keep a list of ten journalists in regional, trade and specialist media, and talk to them twice a year.
2. Turn every project result, new member of note and international success into a two-paragraph press release
   with a photo and a quotable member.
3. Publish one substantial piece a year: a study of the cluster's industry, a technology roadmap, an impact
   report.
4. Keep a press log with links: it is the evidence for the indicator.
""",
        },
        {
            "slug": "awards-and-recognition",
            "title": "Awards and recognition",
            "minutes": 25,
            "body": """
Indicator 6.4 counts **awards and recognitions received in the last three years**: two or more is excellent.
Recognition matters beyond the score. It helps recruit members, convinces funders, and makes the team proud of
its work.

## What counts

- awards for the cluster organisation (regional, national or European cluster awards);
- awards for projects the cluster initiated or coordinated;
- quality labels, including the label of this portal;
- invitations to present as good practice at recognised events, when documented.

## Plan applications

Keep a calendar of relevant awards with their deadlines. For each, check the criteria early and decide whether
you have a story that fits. A strong application tells one concrete story: the problem, what the cluster did,
and measurable results with a member who speaks for them.

Success stories (indicator 6.3, in the performance module) are the raw material for award applications:
document them as they happen, not when a deadline is near.

## Share the credit

When the cluster wins, the members who made the result happen should be on stage. Recognition shared with
members strengthens their commitment far more than a trophy on the team's shelf.
""",
        },
    ],
    "quiz": [
        {
            "text": "Which statement about indicator 5.5 is true?",
            "explanation": "It is a minimum requirement: a working English website updated within three months.",
            "options": [
                ("Any website in the local language is enough", False),
                ("It requires a working English website updated within the last three months", True),
                ("It only applies to Gold", False),
            ],
        },
        {
            "text": "What counts towards publications and media mentions (6.1)?",
            "explanation": "Press articles, interviews and studies the cluster publishes all count.",
            "options": [
                ("A press article about a cluster project", True),
                ("An interview with the cluster manager in a trade journal", True),
                ("A study the cluster published", True),
                ("An internal meeting agenda", False),
            ],
        },
        {
            "text": "What makes an internal channel count for indicator 5.4?",
            "explanation": "It must be used regularly; an abandoned channel does not count.",
            "options": [
                ("That it exists", False),
                ("That it is used regularly", True),
                ("That it is paid for", False),
            ],
        },
    ],
}

STAKEHOLDERS = {
    "slug": "engaging-the-innovation-system",
    "title": "Engaging universities, government and investors",
    "field": "stakeholders",
    "level": "advanced",
    "minutes": 65,
    "order": 90,
    "summary": (
        "Working with the actors around the cluster: research and education, public authorities, financial "
        "institutions and other intermediaries. Cooperation agreements that are lived, and a stakeholder map "
        "that shows where to invest the team's time."
    ),
    "objectives": (
        "- Map the stakeholders of the cluster's innovation system\n"
        "- Turn contacts into cooperation agreements with joint activities\n"
        "- Involve stakeholders in governance without losing the members' voice\n"
        "- Keep regular direct contact with the participants that matter"
    ),
    "indicators": ["5.3", "5.1", "1.4", "2.7"],
    "dimensions": [5],
    "lessons": [
        {
            "slug": "stakeholder-map",
            "title": "Mapping the innovation system",
            "minutes": 30,
            "body": """
A cluster organisation sits in a crowded landscape: universities and their transfer offices, applied research
institutes, vocational schools, regional development agencies, chambers, investor networks, incubators, other
clusters. Each of them can strengthen the cluster's offer or compete with it.

## Draw the map

List the actors that matter and place them on two axes:

- **influence** on the cluster's success (funding, knowledge, access to companies);
- **current relationship**: none, occasional, regular, formal cooperation.

Actors with high influence and weak relationships are where the team should invest first.

## From contact to cooperation

Indicator 5.3 counts **cooperation agreements with innovation-system actors**: five or more is excellent. An
agreement counts when it describes joint activities and both sides can show them. Good agreements are short:

- purpose and fields of cooperation;
- concrete activities in the first year (a joint event, student projects with members, shared use of a lab,
  referrals between incubator and cluster);
- contact persons on each side;
- a yearly review.

## Avoid competing with partners

If the regional agency already runs a good funding advice service, refer members to it and agree how the agency
reports back, instead of building a second service. Partners become allies when the cluster makes them more
successful.
""",
        },
        {
            "slug": "stakeholders-in-governance-and-contact",
            "title": "Stakeholders in governance, and the rhythm of contact",
            "minutes": 35,
            "body": """
Research bodies, education and public authorities often want a seat at the table. Their presence widens the
cluster (indicator 1.4 counts the **types of participants**, with three of four types rated excellent), but it
can also crowd out the companies.

## A balanced arrangement

- Keep the **deciding body** in the hands of participants, with a majority of companies, including SMEs
  (indicator 2.7 rewards a deciding role of participants).
- Give universities and public bodies seats by type, so each type has a voice but none dominates.
- Place funders and other stakeholders in an **advisory council** that meets twice a year and comments on the
  strategy and the annual report.

## The rhythm of direct contact

Indicator 5.1 counts **direct contacts with each participant a year**: four or more is excellent. A direct
contact is a personal conversation (meeting, visit, call) between the team and the participant, not a
newsletter.

Plan it:

1. Assign every participant to a **named team member**.
2. Set a rhythm: a yearly member conversation, a mid-year call, and invitations to relevant events with a
   personal word.
3. Record every contact in the CRM in one line: date, who, topic, next step.
4. Every quarter, list participants with fewer contacts than planned and call them.

Regular contact is what keeps members, surfaces project ideas and makes the cluster's knowledge of its
members real rather than guessed.
""",
        },
    ],
    "quiz": [
        {
            "text": "Which stakeholders should the team approach first, according to a stakeholder map?",
            "explanation": "High influence and a weak relationship: that is where investment pays off most.",
            "options": [
                ("Those with low influence and a strong relationship", False),
                ("Those with high influence and a weak relationship", True),
                ("Those closest to the office", False),
            ],
        },
        {
            "text": "What counts as a direct contact for indicator 5.1?",
            "explanation": "A personal conversation between the team and the participant; newsletters do not count.",
            "options": [
                ("Receiving the newsletter", False),
                ("A meeting, visit or call between the team and the participant", True),
                ("Following the cluster on social media", False),
            ],
        },
        {
            "text": "When does a cooperation agreement count for indicator 5.3?",
            "explanation": "When it describes joint activities that both sides can show.",
            "options": [
                ("When it is signed, whatever happens afterwards", False),
                ("When it describes joint activities both sides can show", True),
                ("When a photo of the signing was published", False),
            ],
        },
    ],
}

MODULES = [INTERNATIONALISATION, COMMUNICATION, STAKEHOLDERS]
