"""Seed training programmes of other providers (fictional providers for the demo; links point to example.org)."""

PROGRAMMES = [
    {
        "title": "Certified Cluster Manager programme",
        "provider": "European Academy for Cluster Management",
        "country": "",
        "language": "en",
        "format": "blended",
        "duration": "10 modules over 8 months, plus a field project",
        "duration_hours": 160,
        "cost_eur": "4900.00",
        "cost_note": "Reduced fee for club members",
        "topics": ["strategy", "governance", "financing", "services", "performance"],
        "description": (
            "A complete qualification for cluster managers: ten modules taught in six class weeks, online work "
            "between them and a field project in the participant's own cluster, assessed by a panel."
        ),
    },
    {
        "title": "Instructor certificate for cluster-management trainers",
        "provider": "European Academy for Cluster Management",
        "country": "",
        "language": "en",
        "format": "blended",
        "duration": "3 class weeks over 4 months",
        "duration_hours": 90,
        "cost_eur": "3800.00",
        "cost_note": "",
        "topics": ["strategy", "services", "stakeholders"],
        "description": (
            "For experienced cluster managers and consultants who want to teach the case-based method: how to "
            "run case discussions, give feedback on field projects and adapt material to national contexts."
        ),
    },
    {
        "title": "Cluster strategy lab",
        "provider": "Nordic Institute for Regional Innovation",
        "country": "DK",
        "language": "en",
        "format": "on_site",
        "duration": "3 days",
        "duration_hours": 24,
        "cost_eur": "1650.00",
        "cost_note": "Includes meals",
        "topics": ["strategy", "performance"],
        "description": (
            "Participants bring their cluster's strategy and leave with a revised set of objectives, an action "
            "plan template and a consultation plan, worked out in small groups with peer feedback."
        ),
    },
    {
        "title": "Clustermanagement kompakt",
        "provider": "Akademie für Netzwerkmanagement",
        "country": "DE",
        "language": "de",
        "format": "on_site",
        "duration": "2 x 2 days",
        "duration_hours": 32,
        "cost_eur": "1890.00",
        "cost_note": "",
        "topics": ["governance", "financing", "membership", "services"],
        "description": (
            "Compact introduction for new cluster managers in German-speaking countries: legal forms, financing, "
            "member recruitment and service design, with site visits to two clusters."
        ),
    },
    {
        "title": "Animer un réseau d'entreprises",
        "provider": "Institut des pôles et clusters",
        "country": "FR",
        "language": "fr",
        "format": "blended",
        "duration": "5 weeks",
        "duration_hours": 35,
        "cost_eur": "1200.00",
        "cost_note": "Eligible for professional-training funding",
        "topics": ["membership", "communication", "services"],
        "description": (
            "Facilitating a network of companies: member engagement, working groups, events and internal "
            "communication. Weekly online sessions and a final day on site."
        ),
    },
    {
        "title": "Internationalisation of SMEs through clusters",
        "provider": "Mediterranean Cluster Network",
        "country": "ES",
        "language": "en",
        "format": "online",
        "duration": "6 weeks, 2 sessions a week",
        "duration_hours": 24,
        "cost_eur": "450.00",
        "cost_note": "",
        "topics": ["internationalisation", "stakeholders"],
        "description": (
            "How cluster organisations prepare delegations, build partnerships with foreign clusters and use "
            "European support programmes for internationalisation, with case examples from southern Europe."
        ),
    },
    {
        "title": "Funding applications for cluster projects",
        "provider": "Central European Innovation Agency",
        "country": "AT",
        "language": "en",
        "format": "online",
        "duration": "4 half-days",
        "duration_hours": 14,
        "cost_eur": "390.00",
        "cost_note": "",
        "topics": ["innovation", "financing"],
        "description": (
            "From project idea to a competitive proposal: reading calls, building consortia with SMEs, budgets "
            "and impact sections. Participants work on a real idea from their cluster."
        ),
    },
    {
        "title": "Measuring cluster impact",
        "provider": "Institute for Cluster Policy Evaluation",
        "country": "NL",
        "language": "en",
        "format": "online",
        "duration": "3 weeks, self-paced",
        "duration_hours": 12,
        "cost_eur": "0.00",
        "cost_note": "Free; certificate on request",
        "topics": ["performance"],
        "description": (
            "A self-paced course on monitoring and evaluation for cluster organisations: KPIs, satisfaction "
            "surveys, success stories and what funders expect in reports."
        ),
    },
    {
        "title": "Twin transition services for industrial clusters",
        "provider": "Digital Innovation Hub Alliance",
        "country": "",
        "language": "en",
        "format": "online",
        "duration": "5 webinars",
        "duration_hours": 8,
        "cost_eur": "0.00",
        "cost_note": "Free for hub and cluster staff",
        "topics": ["transition", "services"],
        "description": (
            "How clusters and digital innovation hubs can combine forces to offer digitalisation and "
            "decarbonisation services to SMEs: maturity checks, peer groups, funding."
        ),
    },
    {
        "title": "Leadership for network managers",
        "provider": "Baltic Management School",
        "country": "LT",
        "language": "en",
        "format": "on_site",
        "duration": "4 days",
        "duration_hours": 30,
        "cost_eur": "1400.00",
        "cost_note": "",
        "topics": ["team", "governance"],
        "description": (
            "Leading without formal authority: working with boards, motivating a small team, handling conflicts "
            "between members, and personal resilience for cluster managers."
        ),
    },
    {
        "title": "Gestione dei cluster tecnologici",
        "provider": "Scuola di Management dell'Innovazione",
        "country": "IT",
        "language": "it",
        "format": "blended",
        "duration": "12 weeks",
        "duration_hours": 60,
        "cost_eur": "2200.00",
        "cost_note": "",
        "topics": ["strategy", "innovation", "stakeholders"],
        "description": (
            "Management of technology clusters in Italy: regional smart specialisation, relations with "
            "universities and research, and the generation of collaborative R&D projects."
        ),
    },
    {
        "title": "Zarządzanie klastrem",
        "provider": "Polska Akademia Klastrów",
        "country": "PL",
        "language": "pl",
        "format": "on_site",
        "duration": "3 x 2 days",
        "duration_hours": 42,
        "cost_eur": "980.00",
        "cost_note": "",
        "topics": ["governance", "financing", "membership"],
        "description": (
            "Cluster management for Polish cluster coordinators: legal forms, financing from national and "
            "European sources, member services and preparation for the national key-cluster status."
        ),
    },
    {
        "title": "Communication and community building for clusters",
        "provider": "Irish Network of Industry Clusters",
        "country": "IE",
        "language": "en",
        "format": "online",
        "duration": "4 weeks",
        "duration_hours": 10,
        "cost_eur": "250.00",
        "cost_note": "",
        "topics": ["communication", "membership"],
        "description": (
            "Newsletters members read, an English website that stays current, media work and online community "
            "platforms, with templates and a review of each participant's own channels."
        ),
    },
    {
        "title": "Cluster finance and controlling",
        "provider": "Swiss School of Public and Nonprofit Management",
        "country": "CH",
        "language": "de",
        "format": "online",
        "duration": "3 evenings",
        "duration_hours": 9,
        "cost_eur": None,
        "cost_note": "On request",
        "topics": ["financing"],
        "description": (
            "Budgeting, quarterly controlling, cost centres for projects and reserves for small nonprofit "
            "network organisations, with a spreadsheet model participants keep."
        ),
    },
    {
        "title": "Stakeholder dialogue in regional innovation",
        "provider": "Scandinavian Triple Helix Centre",
        "country": "SE",
        "language": "en",
        "format": "blended",
        "duration": "2 months",
        "duration_hours": 20,
        "cost_eur": "800.00",
        "cost_note": "",
        "topics": ["stakeholders", "strategy"],
        "description": (
            "Working with universities, public authorities and investors: stakeholder mapping, cooperation "
            "agreements that are lived, and advisory councils that add value."
        ),
    },
]

PROPOSED = [
    {
        "title": "Open innovation bootcamp for cluster teams",
        "provider": "Innovation Camp Europe",
        "country": "PT",
        "language": "en",
        "format": "on_site",
        "duration": "5 days",
        "duration_hours": 40,
        "cost_eur": "2100.00",
        "cost_note": "",
        "topics": ["innovation"],
        "description": (
            "An intensive week on open-innovation methods (challenge sessions, hackathons, corporate-startup "
            "matchmaking) adapted to cluster organisations."
        ),
    },
]
