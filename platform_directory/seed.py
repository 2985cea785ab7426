"""Demo data of the directory: realistic cluster organisations, memberships of the demo users, requests.

Deterministic (the same organisations, figures and requests on every run, whatever the count asked for: a run
with more organisations extends the same sequence) and idempotent (get_or_create on the slug; existing rows are
left alone). Large counts are inserted with bulk_create in batches, then indexed for search in one UPDATE.

The demo users' organisations have stable slugs, listed in DEMO_ORGANISATIONS (see `demo_organisations()`).
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from platform_directory.choices import Sector
from platform_directory.models import (
    ClusterOrganisation,
    CollaborationRequest,
    OrganisationMembership,
    SectorTag,
    TechnologyField,
)
from platform_directory.seed_data import DESCRIPTIONS, PATTERNS, REGIONS, TOPICS
from platform_directory.services import organisation_search_vector_update

Status = ClusterOrganisation.ValidationStatus
BATCH = 1000

# The demo users' organisations (stable slugs other areas' seeds may rely on).
DEMO_ORGANISATIONS = {
    "manager": [
        "bavarian-photonics-cluster",  # validated, DE
        "green-mobility-hub-catalonia",  # validated, ES
        "estonian-digital-health-network",  # awaiting validation
    ],
    "manager2": [
        "food-valley-gelderland",  # validated, NL
        "upper-austrian-plastics-cluster",  # changes requested
    ],
}

# name, country, NUTS 2, region, city, sector, also active in, technologies, figures, status
_FIXED = [
    {
        "name": "Bavarian Photonics Cluster",
        "acronym": "BPC",
        "country": "DE",
        "nuts2_code": "DE21",
        "region_name": "Oberbayern",
        "city": "Munich",
        "main_sector": "electronics",
        "sectors": ["health", "digital"],
        "technologies": ["photonics", "laser technology", "quantum technologies", "sensors"],
        "figures": (118, 92, 24, 6, 4, Decimal("4.5")),
        "founding_year": 2004,
        "status": Status.VALIDATED,
    },
    {
        "name": "Green Mobility Hub Catalonia",
        "acronym": "GMHC",
        "country": "ES",
        "nuts2_code": "ES51",
        "region_name": "Cataluña",
        "city": "Barcelona",
        "main_sector": "mobility",
        "sectors": ["energy-renewables"],
        "technologies": ["electric vehicles", "battery technology", "smart grids"],
        "figures": (64, 51, 12, 5, 3, Decimal("3")),
        "founding_year": 2011,
        "status": Status.VALIDATED,
    },
    {
        "name": "Estonian Digital Health Network",
        "acronym": "EDHN",
        "country": "EE",
        "nuts2_code": "EE00",
        "region_name": "Eesti",
        "city": "Tallinn",
        "main_sector": "health",
        "sectors": ["digital"],
        "technologies": ["digital health", "data analytics", "cybersecurity"],
        "figures": (31, 28, 7, 3, 1, Decimal("1.5")),
        "founding_year": 2019,
        "status": Status.PENDING,
    },
    {
        "name": "Food Valley Gelderland",
        "acronym": "FVG",
        "country": "NL",
        "nuts2_code": "NL22",
        "region_name": "Gelderland",
        "city": "Wageningen",
        "main_sector": "agri-food",
        "sectors": ["health"],
        "technologies": ["alternative proteins", "food processing", "precision farming"],
        "figures": (142, 109, 21, 8, 11, Decimal("7")),
        "founding_year": 2004,
        "status": Status.VALIDATED,
    },
    {
        "name": "Upper Austrian Plastics Cluster",
        "acronym": "UAPC",
        "country": "AT",
        "nuts2_code": "AT31",
        "region_name": "Oberösterreich",
        "city": "Linz",
        "main_sector": "energy-intensive",
        "sectors": ["mobility"],
        "technologies": ["plastics recycling", "advanced materials"],
        "figures": (12, 9, 2, 0, 0, Decimal("0.4")),  # fails three floors: changes requested
        "founding_year": 1999,
        "status": Status.CHANGES_REQUESTED,
    },
]


def demo_organisations() -> dict[str, list[ClusterOrganisation]]:
    """The demo users' organisations by user key ("manager", "manager2"), in the order of DEMO_ORGANISATIONS."""
    slugs = [slug for group in DEMO_ORGANISATIONS.values() for slug in group]
    by_slug = {o.slug: o for o in ClusterOrganisation.objects.filter(slug__in=slugs)}
    return {key: [by_slug[s] for s in group if s in by_slug] for key, group in DEMO_ORGANISATIONS.items()}


def _acronym(name: str) -> str:
    return "".join(word[0] for word in name.replace("-", " ").split() if word[0].isalpha()).upper()[:8]


def _candidates(rng: random.Random) -> list[tuple]:
    """Every (pattern, region, sector, topic) combination, shuffled, in rounds that cover every sector."""
    by_sector: dict[str, list[tuple]] = {}
    for sector, (topics, _techs) in TOPICS.items():
        combos = [(pattern, region, sector, topic) for pattern in PATTERNS for region in REGIONS for topic in topics]
        rng.shuffle(combos)
        by_sector[sector] = combos
    ordered = []
    sectors = list(TOPICS)
    for i in range(max(len(c) for c in by_sector.values())):
        for sector in sectors:
            if i < len(by_sector[sector]):
                ordered.append(by_sector[sector][i])
    return ordered


def _generated(count: int, rng: random.Random, reference) -> list[dict]:
    fixed_slugs = {slugify(item["name"]) for item in _FIXED}
    fixed_names = {(item["name"].lower(), item["country"]) for item in _FIXED}
    result, seen = [], set(fixed_slugs)
    for pattern, region, sector, topic in _candidates(rng):
        if len(result) >= count:
            break
        country, code, region_name, city, adjective = region
        name = pattern.format(adjective=adjective or city, topic=topic, city=city)
        slug = slugify(name)[:200]
        if slug in seen or (name.lower(), country) in fixed_names:
            continue
        seen.add(slug)
        r = random.Random(slug)  # the figures of one organisation never depend on the others
        techs = TOPICS[sector][1]
        companies = int(r.lognormvariate(3.7, 0.6)) + 5
        smes = int(companies * r.uniform(0.55, 0.9))
        research = r.randint(2, 35)
        public = r.randint(0, 10)
        others = r.randint(0, 15)
        fte = Decimal(str(round(r.uniform(0.8, 12), 1)))
        english = True
        roll = r.random()
        if roll < 0.74:
            status = Status.VALIDATED
        elif roll < 0.90:
            status = Status.PENDING
        else:
            status = Status.CHANGES_REQUESTED
        if status != Status.VALIDATED and r.random() < 0.3:  # a few fail a floor
            failure = r.choice(["members", "fte", "types", "website"])
            if failure == "members":
                companies, smes, research, public, others = 8, 6, 2, 1, 0
            elif failure == "fte":
                fte = Decimal("0.3")
            elif failure == "types":
                research, public, others = 0, 0, 0
            else:
                english = False
        year = r.randint(1995, 2023)
        chosen = r.sample(techs, k=min(len(techs), r.randint(2, 4)))
        others_sectors = r.sample([s for s in TOPICS if s != sector], k=r.choice([0, 1, 1, 2]))
        created = reference - timedelta(days=r.randint(20, 2400), minutes=r.randint(0, 1440))
        description = r.choice(DESCRIPTIONS).format(
            name=name,
            region=region_name,
            city=city,
            tech=", ".join(chosen[:3]),
            year=year,
            topic_lower=topic.lower(),
        )
        result.append(
            {
                "name": name,
                "acronym": _acronym(name),
                "slug": slug,
                "country": country,
                "nuts2_code": code,
                "region_name": region_name,
                "city": city,
                "main_sector": sector,
                "sectors": others_sectors,
                "technologies": chosen,
                "figures": (companies, smes, research, public, others, fte),
                "founding_year": year,
                "status": status,
                "website_in_english": english,
                "is_published": r.random() > 0.05,
                "created_at": created,
                "description": description,
                "wait_days": r.randint(1, 45),
            }
        )
    return result


def _organisation(item: dict, coordinator, reference) -> ClusterOrganisation:
    companies, smes, research, public, others, fte = item["figures"]
    slug = item.get("slug") or slugify(item["name"])
    created = item.get("created_at") or reference - timedelta(days=900)
    organisation = ClusterOrganisation(
        name=item["name"],
        acronym=item["acronym"],
        slug=slug,
        country=item["country"],
        nuts2_code=item["nuts2_code"],
        region_name=item["region_name"],
        city=item["city"],
        website=f"https://{slug}.example.org",
        description=item.get("description")
        or (
            f"{item['name']} connects companies, universities and public bodies in {item['city']} around "
            f"{', '.join(item['technologies'])}. It runs working groups, matchmaking and European projects."
        ),
        founding_year=item["founding_year"],
        main_sector=item["main_sector"],
        companies=companies,
        smes=smes,
        research_education=research,
        public_bodies=public,
        others=others,
        management_fte=fte,
        contact_email=f"info@{slug}.example.org",
        website_in_english=item.get("website_in_english", True),
        is_published=item.get("is_published", True),
        validation_status=item["status"],
        created_at=created,
    )
    if item["status"] == Status.VALIDATED:
        organisation.validated_at = created + timedelta(days=14)
        organisation.validated_by = coordinator
        organisation.validated_figures = organisation.key_figures()
    elif item["status"] == Status.PENDING:
        organisation.submitted_at = reference - timedelta(days=item.get("wait_days", 3), hours=2)
    else:
        organisation.validation_note = (
            "Please give the number of committed members by type and the management team's FTE; "
            "the figures declared are below the validation floors."
        )
    return organisation


def seed(ctx) -> None:
    """Create about `ctx.organisations` organisations, the demo users' memberships and collaboration requests."""
    reference = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    coordinator = ctx.users.get("coordinator")
    items = [dict(item) for item in _FIXED] + _generated(max(ctx.organisations - len(_FIXED), 0), ctx.rng, reference)
    for item in items:
        item.setdefault("slug", slugify(item["name"]))

    with transaction.atomic():
        existing = set()
        slugs = [item["slug"] for item in items]
        for start in range(0, len(slugs), 5000):
            existing.update(
                ClusterOrganisation.objects.filter(slug__in=slugs[start : start + 5000]).values_list("slug", flat=True)
            )
        missing = [item for item in items if item["slug"] not in existing]

        names = sorted({name for item in missing for name in item["technologies"]})
        TechnologyField.objects.bulk_create(
            [TechnologyField(name=name, slug=slugify(name)) for name in names], ignore_conflicts=True
        )
        technology_ids = dict(
            TechnologyField.objects.filter(slug__in=[slugify(n) for n in names]).values_list("slug", "pk")
        )
        SectorTag.objects.bulk_create([SectorTag(code=code) for code in Sector.values], ignore_conflicts=True)

        new_ids = []
        through_sectors = ClusterOrganisation.sectors.through
        through_techs = ClusterOrganisation.technologies.through
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            created = ClusterOrganisation.objects.bulk_create(
                [_organisation(item, coordinator, reference) for item in batch], batch_size=BATCH
            )
            if any(o.pk is None for o in created):  # a database without RETURNING
                by_slug = dict(
                    ClusterOrganisation.objects.filter(slug__in=[o.slug for o in created]).values_list("slug", "pk")
                )
                for o in created:
                    o.pk = by_slug[o.slug]
            sector_rows, tech_rows = [], []
            for organisation, item in zip(created, batch, strict=True):
                new_ids.append(organisation.pk)
                sector_rows += [
                    through_sectors(clusterorganisation_id=organisation.pk, sectortag_id=code)
                    for code in item["sectors"]
                ]
                tech_rows += [
                    through_techs(clusterorganisation_id=organisation.pk, technologyfield_id=technology_ids[slugify(n)])
                    for n in item["technologies"]
                ]
            through_sectors.objects.bulk_create(sector_rows, ignore_conflicts=True, batch_size=5000)
            through_techs.objects.bulk_create(tech_rows, ignore_conflicts=True, batch_size=5000)
        if new_ids:
            organisation_search_vector_update(ids=None if len(new_ids) > 2000 else new_ids)
            if connection.vendor == "postgresql" and len(new_ids) > 2000:  # fresh statistics for the planner
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE platform_directory_clusterorganisation")
        ctx.log(f"  {len(new_ids)} organisations created, {len(existing)} already there")

        _memberships(ctx)
        _requests(ctx, reference)


def _memberships(ctx) -> None:
    organisations = demo_organisations()
    Role = OrganisationMembership.Role
    for key in ("manager", "manager2"):
        user = ctx.users.get(key)
        if user is None:
            continue
        for organisation in organisations.get(key, []):
            OrganisationMembership.objects.get_or_create(
                user=user, organisation=organisation, defaults={"role": Role.MANAGER}
            )
    viewer = ctx.users.get("viewer")
    if viewer is not None and organisations.get("manager"):
        OrganisationMembership.objects.get_or_create(
            user=viewer, organisation=organisations["manager"][0], defaults={"role": Role.VIEWER}
        )


_REQUESTS = [
    # sender index, recipient index (in the list below), subject, status, answer; only between public profiles
    # (index 2 awaits validation and 4 has changes requested: partner search does not reach them)
    (5, 0, "Joint Horizon Europe proposal on integrated photonics", "pending", ""),
    (6, 0, "Study visit of our SME delegation in May", "pending", ""),
    (7, 1, "Partner search: battery second-life pilot", "pending", ""),
    (8, 0, "Exchange on digital health data spaces", "pending", ""),
    (
        0,
        3,
        "Cross-cluster workshop on sensors for food quality",
        "accepted",
        "Happy to co-organise: let us find a date.",
    ),
    (1, 9, "Interregional mobility living labs", "declined", "Thank you; our members are not active in this field."),
    (3, 10, "Alternative proteins matchmaking at our summit", "accepted", "Count us in."),
    (1, 11, "Cybersecurity for hospitals: common training", "withdrawn", ""),
    (12, 3, "Packaging innovation: joint call for SMEs", "pending", ""),
    (13, 1, "Hydrogen buses: lessons learned", "declined", "We are fully booked this year, sorry."),
    (0, 14, "ESCP-4i partnership proposal", "pending", ""),
]


def _requests(ctx, reference) -> None:
    fixed = demo_organisations()
    chosen = [*fixed.get("manager", []), *fixed.get("manager2", [])]
    others = list(
        ClusterOrganisation.objects.public()
        .filter(validation_status=Status.VALIDATED)
        .exclude(slug__in=[o.slug for o in chosen])
        .order_by("slug")[:10]
    )
    pool = chosen + others
    managers = {o.pk: ctx.users.get("manager") for o in fixed.get("manager", [])}
    managers.update({o.pk: ctx.users.get("manager2") for o in fixed.get("manager2", [])})
    for number, (sender, recipient, subject, status, answer) in enumerate(_REQUESTS):
        if max(sender, recipient) >= len(pool):
            continue
        sender_org, recipient_org = pool[sender], pool[recipient]
        if not (recipient_org.is_public and sender_org.has_validated_version):
            continue  # the same rule as collaboration_request_send: a profile awaiting validation is not in it
        sent = reference - timedelta(days=2 + number * 3)
        answered = status != "pending"
        CollaborationRequest.objects.get_or_create(
            sender_organisation=sender_org,
            recipient_organisation=recipient_org,
            subject=subject,
            defaults={
                "sender": managers.get(sender_org.pk),
                "message": (
                    f"Dear colleagues of {recipient_org.name},\n\nwe at {sender_org.name} would like to explore "
                    f"this together with you. Our members work on related topics and we see clear synergies.\n\n"
                    "Kind regards"
                ),
                "status": status,
                "created_at": sent,
                "responded_at": sent + timedelta(days=1) if answered else None,
                "responded_by": managers.get(recipient_org.pk if status != "withdrawn" else sender_org.pk)
                if answered
                else None,
                "response_message": answer,
            },
        )
