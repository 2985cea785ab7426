"""Seed case studies: fictional clusters, realistic situations (original text for this portal)."""

CASES = [
    {
        "slug": "the-strategy-nobody-read",
        "title": "The strategy nobody read",
        "field": "strategy",
        "level": "foundation",
        "minutes": 45,
        "order": 10,
        "modules": ["cluster-strategy-members-own"],
        "indicators": ["4.1", "4.2", "4.3", "4.4"],
        "dimensions": [4],
        "summary": (
            "A well-funded food-processing cluster has a polished strategy written by consultants. Four years "
            "later, members cannot name a single objective, and the first assessment is due in eight months."
        ),
        "situation": """
*AgriTech Valley* is a cluster of 74 participants in a rural region: food processors, machinery makers, two
universities of applied sciences and the regional development agency. It was founded six years ago with
regional funding, and its manager, Ines, joined two years ago from a food company.

When Ines arrived, she found a 60-page strategy, produced by a consultancy in the cluster's first year. It
contains a vision ("a European lighthouse of sustainable food innovation"), eleven strategic objectives and a
long analysis of global food trends. It was approved by the board in a single meeting. No member was
interviewed; the consultancy used desk research and two workshops with the board.

Since then, the team of three has run a busy programme: a yearly congress, monthly webinars, two delegations
to trade fairs, a student competition. Activities are chosen each January by the team, based on what worked
last year and on the regional agency's requests. There is no action plan with milestones or budget per
objective. KPIs are reported yearly to the agency (number of events, participants, newsletter subscribers) but
never discussed by the board.

At a recent board meeting, Ines asked the members present to name the cluster's strategic objectives. Nobody
could name more than one. A board member from a machinery maker said: "Honestly, I never read it. I come for
the people."

The cluster wants to apply for the Bronze label. The self-assessment is due in eight months. The regional
agency has also announced that its funding after next year will depend on "a clear, member-backed strategy".
""",
        "questions": """
1. Which indicators of the framework would AgriTech Valley most likely score red or yellow on today, and why?
2. Should Ines update the existing strategy or start again? What are the risks of each choice in eight months?
3. Design a consultation that reaches at least half of the 74 participants in three months. Which formats, in
   which order, with which questions?
4. How would you turn the result into an action plan the board actually uses? What should the board see each
   quarter?
5. The board member "comes for the people". What does that tell you about the cluster's real value, and how
   should the strategy reflect it?
""",
        "teaching_note": """
**Purpose.** The case shows the difference between having a strategy document and having a strategy. It works
well as the first session of a strategy module (60-90 minutes).

**Indicator analysis (question 1).** 4.1 is met formally only if the strategy was updated within three years;
it is four years old, so it is red, a minimum requirement, which blocks Silver and Gold. 4.2 is red: no
participants consulted. 4.3 is red: no action plan with milestones and budget. 4.4 depends on what counts as a
review: KPIs are reported but never reviewed by the board, so most assessors would treat it as red or at best
yellow.

**Update or restart (question 2).** Expect a split class. Arguments for updating: keep the analysis, save
time, respect the founders. Arguments for restarting: the document has no ownership; an update would inherit
eleven objectives nobody uses. A good answer: keep the analysis as background, restart the objectives with a
real consultation, and keep the new document short.

**Consultation (question 3).** Strong answers combine a short survey (all 74), three thematic workshops and
ten to fifteen interviews with key members, plus a comment period on the draft. Watch for students forgetting
SMEs and the universities' different interests.

**Action plan (question 4).** Look for owners, dated milestones, budget per action, eight to twelve KPIs and a
quarterly one-page report to the board. The review date in the minutes is the evidence for 4.4.

**The people (question 5).** Networking is the value members feel. The new strategy should make it explicit
(matchmaking, working groups) and measure it (contacts, joint projects), rather than promising to be a
"European lighthouse".

**Wrap-up.** Ask each group for the first three things Ines should do on Monday.
""",
    },
    {
        "slug": "when-the-founding-funder-steps-back",
        "title": "When the founding funder steps back",
        "field": "financing",
        "level": "advanced",
        "minutes": 60,
        "order": 20,
        "modules": ["financing-the-cluster-organisation"],
        "indicators": ["3.1", "3.2", "3.3", "3.4"],
        "dimensions": [3],
        "summary": (
            "A photonics cluster is 85 % funded by one regional programme that will halve its support in 18 "
            "months. The board must choose between raising fees, selling services and cutting the team."
        ),
        "situation": """
*LightWorks* is a photonics cluster with 52 committed participants: 31 companies (24 of them SMEs), 12
research groups and institutes, 6 public bodies and 3 others. Its team of four FTE runs matchmaking, a
technology-transfer programme with the university, three working groups and an international partnership
with a cluster in another country.

The annual budget of the cluster management is EUR 480,000:

| Source | EUR | Share |
|---|---|---|
| Regional cluster programme | 408,000 | 85 % |
| Membership fees (flat EUR 1,200 per member, research members free) | 48,000 | 10 % |
| Event sponsorship | 24,000 | 5 % |

The regional ministry has announced that its programme will fund at most 50 % of cluster management costs
from the year after next, and only for clusters that hold a quality label. Funding decisions are made yearly.
There is no reserve: surpluses were returned to the programme as required.

The treasurer, a retired banker, has noticed that budget and actual figures are compared only at year end,
when the accounts are prepared. Twice in the past three years, a project advance arrived late and salaries
were paid from a short-term loan by the host university.

The board has asked Jonas, the cluster manager, to present options at its next meeting. Three board members
have already expressed views: a large laser manufacturer would accept higher fees "if the services improve";
two SME owners fear that higher fees will drive small members away; the university representative proposes
charging for the technology-transfer programme.
""",
        "questions": """
1. Score LightWorks today on indicators 3.1 to 3.4. Which is the most urgent to fix, and why?
2. Design a new fee model. How much could it raise, and how do you protect SMEs and keep research members?
3. Which services could be sold, to whom, at what price? What are the risks for the cluster's neutrality?
4. How can the cluster secure financing two to three years ahead when the ministry decides yearly?
5. Draft the agenda of the board meeting at which Jonas presents the options.
""",
        "teaching_note": """
**Purpose.** Financing is where governance, services and membership meet. The case asks students to compute,
not only discuss. Allow 60-75 minutes with a calculator break.

**Indicators (question 1).** 3.1 private share = 15 % (fees and sponsorship): red (threshold 20 % yellow, 40 %
green). 3.2 financing secured ahead: less than a year, red. 3.3 independent sources: the regional programme,
fees and sponsorship are three sources, green on count, but one dominates, which students should notice.
3.4 financial control: red, no quarterly budget-versus-actual review. The most urgent is arguably 3.4 (cheap
to fix, and a liquidity risk today), followed by 3.1.

**Fee model (question 2).** Tiered fees by company size (for example EUR 600 micro, 1,500 SME, 6,000 large)
with a reduced fee for research members (EUR 500) give roughly EUR 85,000-95,000 with the current membership, about twice today's fees. Good
answers add a three-year commitment discount (helps 3.2) and link the increase to a service promise.

**Services (question 3).** Paid training, delegation fees, proposal support with success fees, a paid
technology-transfer voucher scheme co-funded by the university. Neutrality risk: selling consultancy to some
members that competes with other members' business.

**Securing ahead (question 4).** Multi-year member agreements, a framework agreement with the ministry tied
to the label and the strategy period, building a reserve of six months of core costs, staggering projects.

**Board agenda (question 5).** Look for a clear decision request, options with figures, risks, and a
timetable that starts the label application (the ministry requires it).

**Debrief.** The label requirement in the ministry's announcement links this case to the whole portal: the
cluster must fix its financial control before an assessor sees it.
""",
    },
    {
        "slug": "a-board-of-the-usual-suspects",
        "title": "A board of the usual suspects",
        "field": "governance",
        "level": "foundation",
        "minutes": 45,
        "order": 30,
        "modules": ["governance-and-decision-making", "engaging-the-innovation-system"],
        "indicators": ["2.7", "2.8", "1.4", "1.3"],
        "dimensions": [2, 1],
        "summary": (
            "An automotive supplier cluster is run by an advisory board of five large companies and the agency "
            "that hosts it. SMEs are leaving, and the new manager inherits a conflict over who decides."
        ),
        "situation": """
*Drive Region* is a cluster of automotive suppliers hosted by a regional economic-development agency. It has
no legal entity of its own: the cluster manager, Petra, and two colleagues are agency employees. The agency's
director signs all contracts and approves the budget.

An **advisory board** meets twice a year. Its members are the five largest companies in the cluster (each with
more than 1,000 employees) and the agency's director, who chairs it. The board's role has never been written
down. In practice, the large companies propose activities, the agency decides, and the team executes.

Over the last two years, the cluster lost 14 of its 61 participants, 12 of them SMEs. In exit calls, several
said the cluster "is run for the big ones". Universities were invited to join two years ago but declined: "We
would have no say."

Petra's predecessor left after a dispute: he had committed the cluster to a European project that the agency
director had not approved. The director now insists that every external commitment goes through him.

Petra has been asked by the agency to prepare the cluster for a label assessment. She has read the framework
and is worried about indicators 2.7 and 2.8.
""",
        "questions": """
1. How would an assessor rate Drive Region on indicators 2.7 (participants' role in decisions) and 2.8 (roles
   documented)? Which evidence would they ask for?
2. Without creating a new legal entity, what steps could move participants from an advisory to a deciding
   role? What would the agency need to agree to?
3. Propose a composition for a new board. How do you ensure SMEs and research are represented?
4. Draft the main lines of a role description between the agency, the board and the cluster manager.
5. How should Petra approach the agency director, given her predecessor's departure?
""",
        "teaching_note": """
**Purpose.** Governance in hosted clusters, where formal power sits with the host. Works for managers from
agencies and chambers. 45-60 minutes; question 5 makes a good role play.

**Indicators (question 1).** 2.7: advisory only, yellow. 2.8: red, nothing documented; evidence requested would
be statutes or rules of procedure and a role description. Students may also spot 1.3 (SME share falling) and
1.4 (research missing: types represented may be down to two).

**Steps (question 2).** Delegated decisions from the agency to a participant board (annual action plan, use of
fees), a consent right on strategy and budget, then a mixed board with a participant majority. The agency keeps
legal responsibility and a seat. Written delegation is the key.

**Composition (question 3).** Seats by type: e.g. four companies (at least two SMEs), two research and
education, one agency; elections by type; term limits; declarations of interest.

**Role description (question 4).** Use the table from the governance module: thresholds for commitments (which
solves the predecessor's conflict), quarterly reporting, who represents externally.

**Approach (question 5).** Good answers frame the change as the agency's interest: the label and member
retention. Petra should propose, not demand; start with delegated decisions that cost the director little.

**Closing point.** Governance problems show up first as membership problems: the SME exits were the symptom.
""",
    },
    {
        "slug": "half-the-members-never-show-up",
        "title": "Half the members never show up",
        "field": "services",
        "level": "foundation",
        "minutes": 45,
        "order": 40,
        "modules": ["designing-a-service-portfolio", "measuring-performance-and-impact"],
        "indicators": ["4.5", "4.6", "4.7", "5.1", "6.2"],
        "dimensions": [4, 5, 6],
        "summary": (
            "A medical-technology cluster offers a rich programme, yet its satisfaction survey shows only 48 % "
            "of members satisfied, and half of them used no service last year."
        ),
        "situation": """
*MedTech North* has 88 committed participants: 60 companies (48 SMEs), 18 research and clinical partners and
10 others. Its team of three runs an ambitious programme: a monthly newsletter, twelve webinars a year, an
annual conference, regulatory training, an investor day, a delegation to a trade fair, and four working groups.

The first satisfaction survey, answered by 41 participants, shows:

- 48 % satisfied or very satisfied with the cluster overall;
- the conference and regulatory training are rated highly by those who attended;
- open answers: "too many e-mails", "I don't know what the cluster does for companies like mine", "the
  working groups are dominated by the same people".

The team's CRM, cleaned up for the first time, shows that 44 of the 88 participants used no service last year.
Two of the four working groups met once; the other two met five times each with mostly the same eight people.
The team had personal contact with about 30 participants in the year; the others received e-mails only.

The team is exhausted. The manager, Sami, is considering cutting half of the programme.
""",
        "questions": """
1. Which indicators are at risk, and what do the figures tell you about the cause?
2. Sami wants to cut half the programme. What should go, what should stay, and on what basis?
3. Design a plan to bring the share of participants using a service from 50 % to 70 % in a year.
4. How should the team organise direct contact with all 88 participants with three people?
5. How should the survey results be shared with members?
""",
        "teaching_note": """
**Purpose.** Supply-driven service portfolios. Students usually recommend "more communication"; push them to
look at contact and fit instead.

**Indicators (question 1).** 4.6: 44 of 88 used a service, 50 %, yellow. 6.2: 48 % satisfied, red (below 50 %).
4.7: only two active working groups, yellow. 5.1: most participants have no direct contact, red. 4.5 is green
(many categories), which shows that the number of services is not the problem.

**Cutting (question 2).** Keep what users rate highly (conference, regulatory training); cut webinars with low
attendance; close or merge the inactive working groups. Decide on usage and satisfaction data, not on the
team's preferences.

**Uptake plan (question 3).** Assign every participant to a team member; a member conversation with each in the
first half-year ending with one concrete next step; personal invitations for the 44 non-users; short formats
for SMEs; segment the newsletter by role.

**Contact rhythm (question 4).** 88 participants / 3 people is about 30 each: one conversation, one call and
two personal invitations each a year is feasible if the team cuts low-value work.

**Sharing results (question 5).** Publish the results honestly with three concrete changes, then report on them
at the next general assembly.
""",
    },
    {
        "slug": "going-to-japan-together",
        "title": "Going to Japan together",
        "field": "internationalisation",
        "level": "advanced",
        "minutes": 60,
        "order": 50,
        "modules": ["internationalisation-for-members"],
        "indicators": ["4.8", "5.3", "6.3"],
        "dimensions": [4, 5],
        "summary": (
            "A robotics cluster's first delegation to Japan produced good photos and no business. The board "
            "asks whether internationalisation is worth the money at all."
        ),
        "situation": """
*RoboCoast* is a cluster of 45 participants in industrial robotics and automation. Last autumn it took 14
companies to a large automation fair in Japan, following an invitation by the national trade agency, which
covered part of the costs.

The trip was pleasant: a reception at the embassy, a visit to a robot manufacturer, two days at the fair. The
photos were shared widely. But when the team asked participants three months later what came out of it, only
one company had a follow-up meeting scheduled, and none had an offer on the table. Several admitted they had
gone "to see the market" without specific goals. Meetings at the fair were mostly unplanned.

The cluster has no partner organisation in Japan. Its only international agreement is a memorandum of
understanding with a cluster in a neighbouring country, signed three years ago; no activity has followed.

In the board meeting, a member said: "We spent EUR 60,000 of members' and public money on a trip. Either we do
internationalisation properly or we stop." The manager, Laura, has been asked to present a plan.
""",
        "questions": """
1. What went wrong with the delegation? List the causes in the order of the delegation's phases.
2. Is Japan the right market for RoboCoast? How would you find out?
3. What should happen with the dormant agreement with the neighbouring cluster?
4. Design a yearly internationalisation programme of at least five activities for a cluster of 45
   participants.
5. How would you measure, and report to the board, whether internationalisation pays off?
""",
        "teaching_note": """
**Purpose.** From travel to business: preparation and follow-up make the difference. 60 minutes.

**Causes (question 1).** Before: market chosen by invitation, participants without goals, no pre-arranged
meetings, no profiles. During: no daily debrief. After: no structured follow-up. Students should use the
before-during-after structure of the internationalisation module.

**Market (question 2).** Ask members for their export plans; Japan may be right for a few advanced firms, but a
nearer market may suit most. A short survey and interviews settle it.

**Dormant agreement (question 3).** Either revive it with a concrete joint activity (an online matchmaking, a
reciprocal visit) or close it honestly. A paper agreement does not count for 5.3 without activities.

**Programme (question 4).** Look for a mix: one prepared delegation, an incoming visit, online matchmaking,
an export-finance training, a joint stand. That reaches five activities (4.8 green).

**Measurement (question 5).** Meetings held, leads, offers, contracts after 3, 6 and 12 months; document
successes as stories (6.3).
""",
    },
    {
        "slug": "green-deal-grey-members",
        "title": "Green deal, grey members",
        "field": "transition",
        "level": "advanced",
        "minutes": 60,
        "order": 60,
        "modules": ["digital-and-green-transition-services", "generating-joint-innovation-projects"],
        "indicators": ["4.9", "5.2", "4.5"],
        "dimensions": [4, 5],
        "summary": (
            "A metalworking cluster's large customers demand carbon data from their suppliers within two years. "
            "Most members have never measured their energy use. The cluster has a 'green' objective and no "
            "service."
        ),
        "situation": """
*SteelCraft Cluster* brings together 70 participants: 58 metalworking companies (mostly family-owned SMEs with
20 to 200 employees), a technical university, a vocational school and the regional chamber.

Two large customers of many members, an automotive group and a machinery manufacturer, have announced that from
the year after next they will require product carbon footprints from all suppliers and will prefer suppliers
with a reduction plan. Several members have received questionnaires they could not answer.

The cluster's strategy, updated last year, includes the objective "support members in the green and digital
transition", but no service has been designed. In the self-assessment, the team marked indicator 4.9 as
"planned". A survey shows: 12 members measure their energy use per product; 5 have a sustainability manager;
most see the topic as a cost imposed by customers.

The regional energy agency offers free energy audits but few SMEs use them. A software start-up in the cluster
sells a carbon accounting tool. The university has a research group on low-carbon manufacturing looking for
industrial partners.
""",
        "questions": """
1. Group the members by transition maturity. What does each group need first?
2. Design two or three services the cluster could offer within a year. Who delivers them, and what is the
   cluster's role?
3. How should the cluster handle the software start-up that is itself a member?
4. Is there a joint project in this situation? Sketch the consortium and the funding route.
5. How would you know that indicator 4.9 has moved from "planned" to "offered"?
""",
        "teaching_note": """
**Purpose.** Twin transition in a traditional SME cluster; the customer pressure makes it urgent. 60 minutes.

**Groups (question 1).** Starting (most members: no measurement), developing (the 12 who measure), advanced
(the 5 with sustainability managers). Starting members need awareness and a first measurement; developing ones
need reporting to customers; advanced ones can lead projects.

**Services (question 2).** Bundle demand for the energy agency's audits (cluster organises, agency delivers); a
peer group on product carbon footprints with an expert; a common answer template for customer questionnaires
agreed with the two large customers. The cluster's role is to organise, bundle and negotiate, not to deliver
audits itself.

**Start-up member (question 3).** Neutrality: present it alongside other tools, with transparent selection
criteria; let members choose. Do not endorse a single vendor.

**Joint project (question 4).** The university group, the advanced members and the start-up on a shared method
for product footprints in metalworking, funded by a regional or European innovation programme. It counts for
5.2.

**Offered (question 5).** Described, priced (even if free), owned by a team member, delivered at least once,
announced to all members (see the module's definition).
""",
    },
]
