"""Demo data of the club: ~60 members across Europe, applications waiting, events and announcements.

Deterministic (fixed lists and ctx.rng) and idempotent (everything is looked up by a natural key first).
"""

from __future__ import annotations

import datetime
import unicodedata
import zoneinfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from club.choices import Expertise, codes_to_csv
from club.models import Announcement, ClubMembership, Event, MemberNumberSequence, Registration
from platform_directory.models import ClusterOrganisation
from portal.models import User

DEMO_PASSWORD = "cluster-demo-2026"
DEMO_DOMAIN = "demo.cluster-excellence.eu"

# (first name, last name, country, languages, role)
PEOPLE = [
    ("Katharina", "Weber", "DE", "de,en", "Cluster manager"),
    ("Jonas", "Hoffmann", "DE", "de,en,fr", "Head of internationalisation"),
    ("Lena", "Schäfer", "DE", "de,en", "Project manager"),
    ("Matthias", "Becker", "DE", "de,en", "Managing director"),
    ("Claire", "Dubois", "FR", "fr,en", "Déléguée générale"),
    ("Thomas", "Lefèvre", "FR", "fr,en,es", "Cluster manager"),
    ("Camille", "Moreau", "FR", "fr,en", "Innovation officer"),
    ("Nicolas", "Garnier", "FR", "fr,en,de", "Head of member services"),
    ("Lucía", "Fernández", "ES", "es,en,ca", "Cluster manager"),
    ("Javier", "Martínez", "ES", "es,en", "Director"),
    ("Marta", "Sánchez", "ES", "es,en,fr", "EU projects coordinator"),
    ("Iñaki", "Etxeberria", "ES", "es,eu,en", "Technical director"),
    ("Giulia", "Rossi", "IT", "it,en", "Cluster manager"),
    ("Marco", "Bianchi", "IT", "it,en,de", "Managing director"),
    ("Francesca", "Romano", "IT", "it,en,fr", "Internationalisation manager"),
    ("Piotr", "Kowalski", "PL", "pl,en", "Cluster coordinator"),
    ("Agnieszka", "Nowak", "PL", "pl,en,de", "Head of cluster office"),
    ("Tomasz", "Wiśniewski", "PL", "pl,en", "Project manager"),
    ("Sanne", "de Vries", "NL", "nl,en,de", "Programme director"),
    ("Daan", "Jansen", "NL", "nl,en", "Cluster manager"),
    ("Eva", "Bakker", "NL", "nl,en,fr", "Community manager"),
    ("Mette", "Nielsen", "DK", "da,en", "Cluster manager"),
    ("Rasmus", "Jensen", "DK", "da,en,de", "Head of innovation"),
    ("Anna", "Lindqvist", "SE", "sv,en", "Cluster manager"),
    ("Erik", "Johansson", "SE", "sv,en,no", "CEO"),
    ("Aino", "Virtanen", "FI", "fi,sv,en", "Ecosystem lead"),
    ("Mikko", "Korhonen", "FI", "fi,en", "Cluster manager"),
    ("Ingrid", "Hansen", "NO", "no,en", "Cluster manager"),
    ("Sophie", "Peeters", "BE", "nl,fr,en", "Cluster manager"),
    ("Julien", "Lambert", "BE", "fr,nl,en", "Business developer"),
    ("Markus", "Gruber", "AT", "de,en", "Cluster manager"),
    ("Elisabeth", "Huber", "AT", "de,en,it", "Head of cluster platform"),
    ("Pavel", "Novák", "CZ", "cs,en,de", "Cluster manager"),
    ("Tereza", "Svobodová", "CZ", "cs,en", "Project officer"),
    ("Zoltán", "Nagy", "HU", "hu,en,de", "Cluster manager"),
    ("Eszter", "Kovács", "HU", "hu,en", "Internationalisation officer"),
    ("Andrei", "Popescu", "RO", "ro,en,fr", "Executive director"),
    ("Ioana", "Ionescu", "RO", "ro,en", "Cluster manager"),
    ("Nikos", "Papadopoulos", "GR", "el,en", "Cluster manager"),
    ("Eleni", "Georgiou", "GR", "el,en,fr", "Innovation manager"),
    ("João", "Silva", "PT", "pt,en,es", "Cluster manager"),
    ("Inês", "Costa", "PT", "pt,en,fr", "Head of projects"),
    ("Siobhán", "Murphy", "IE", "en,ga", "Cluster manager"),
    ("Oliver", "Bennett", "GB", "en,fr", "Network director"),
    ("Emma", "Clarke", "GB", "en", "Cluster development manager"),
    ("Luka", "Horvat", "HR", "hr,en,de", "Cluster manager"),
    ("Maja", "Kranjc", "SI", "sl,en,hr", "Cluster manager"),
    ("Martin", "Horváth", "SK", "sk,cs,en", "Cluster manager"),
    ("Kristīne", "Ozola", "LV", "lv,en", "Cluster manager"),
    ("Tomas", "Kazlauskas", "LT", "lt,en,pl", "Cluster manager"),
    ("Kadri", "Tamm", "EE", "et,en,fi", "Cluster manager"),
    ("Georgi", "Ivanov", "BG", "bg,en", "Cluster manager"),
    ("Lukas", "Meier", "CH", "de,fr,en", "Cluster manager"),
    ("Sarah", "Schmit", "LU", "fr,de,en", "Cluster manager"),
    ("Ayşe", "Yılmaz", "TR", "tr,en", "Cluster coordinator"),
    ("Olena", "Shevchenko", "UA", "uk,en,pl", "Cluster manager"),
    ("Milica", "Jovanović", "RS", "sr,en", "Cluster manager"),
    ("Chiara", "Conti", "IT", "it,en", "Technology transfer manager"),
    ("Felix", "Wagner", "DE", "de,en", "Cluster manager"),
    ("Hanna", "Lindberg", "SE", "sv,en,de", "Internationalisation manager"),
]
# Index into PEOPLE of those still waiting for a decision, the declined one and the lapsed ones.
APPLICANTS = {5, 20, 38, 55}
DECLINED = {51}
LAPSED = {12, 44}

BIOS = [
    "Fifteen years in regional innovation policy before taking over the cluster management.",
    "Built the cluster's matchmaking service from scratch; happy to share what worked and what did not.",
    "Runs the cluster's international programme: trade missions, partner search and EU projects.",
    "Former engineer in industry; now connects SMEs with research institutes.",
    "Led the cluster to its Silver label and is preparing for Gold.",
    "Interested in measuring the impact of cluster services on members.",
]

EVENTS = [
    # (key, title, days from today, local start hour, hours, zone, audience, capacity, venue, online)
    (
        "spring-summit",
        "Cluster Managers' Spring Summit",
        -60,
        9,
        8,
        "Europe/Berlin",
        "public",
        120,
        "Haus der Wirtschaft, Stuttgart",
        "",
    ),
    (
        "kpi-webinar",
        "Webinar: KPIs that members actually read",
        -20,
        14,
        1.5,
        "Europe/Brussels",
        "members",
        200,
        "",
        "https://meet.example.org/club-kpi",
    ),
    (
        "peer-lab-green",
        "Peer-learning lab: services for the green transition",
        9,
        10,
        3,
        "Europe/Madrid",
        "members",
        8,
        "Parque Tecnológico de Bizkaia, Derio",
        "",
    ),
    (
        "gold-clinic",
        "Clinic: preparing a Gold assessment",
        16,
        15,
        2,
        "Europe/Brussels",
        "public",
        40,
        "",
        "https://meet.example.org/gold-clinic",
    ),
    (
        "nordic-visit",
        "Study visit: Nordic health-tech clusters",
        34,
        9,
        30,
        "Europe/Copenhagen",
        "members",
        25,
        "BioInnovation Institute, Copenhagen",
        "",
    ),
    (
        "international-day",
        "European Cluster Internationalisation Day",
        48,
        9,
        7,
        "Europe/Warsaw",
        "public",
        150,
        "EXPO XXI, Warsaw",
        "https://meet.example.org/intl-day",
    ),
    (
        "lisbon-matchmaking",
        "Matchmaking breakfast in Lisbon",
        62,
        8,
        2,
        "Europe/Lisbon",
        "public",
        30,
        "Startup Lisboa, Rua da Prata 121, Lisbon",
        "",
    ),
]

ANNOUNCEMENTS = [
    (
        "Welcome to the new club pages",
        "The European Club of Cluster Managers has moved to the Cluster Excellence Portal. Members find each other "
        "in the member directory, register for events with one click and choose what others see of their profile.",
        "public",
        -40,
    ),
    (
        "Call for speakers: Internationalisation Day",
        "Have you run a successful trade mission or joint international project with your members? Propose a "
        "15-minute talk for the European Cluster Internationalisation Day in Warsaw by writing to the coordinators.",
        "public",
        -9,
    ),
    (
        "Peer-learning lab in Bilbao is full",
        "The peer-learning lab on services for the green transition filled up within two days. Join the waiting "
        "list: places free up regularly, and the first person waiting moves up automatically.",
        "members",
        -3,
    ),
    (
        "Renewals: one click, no paperwork",
        "Memberships now renew from the membership page in one click, up to 60 days before they end. We send a "
        "reminder 30 days ahead.",
        "members",
        -1,
    ),
]


def _user(email: str, name: str, password_hash: str) -> User:
    # One hash for all demo members: hashing 60 passwords would make the seed slow for nothing.
    user, _created = User.objects.get_or_create(email=email, defaults={"display_name": name, "password": password_hash})
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _email_local(first: str, last: str) -> str:
    text = unicodedata.normalize("NFKD", f"{first}.{last}".replace(" ", "")).encode("ascii", "ignore").decode()
    return text.lower()


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def seed(ctx) -> None:
    today = timezone.localdate()
    rng = ctx.rng
    expertise_codes = list(Expertise.values)
    coordinator = ctx.users.get("coordinator")
    password_hash = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        numbers_by_year: dict[int, int] = {}
        people = [(ctx.users.get("member"), "Milan", "Member", "CZ", "cs,en,de", "Cluster manager", None)] + [
            (None, first, last, country, langs, role, index)
            for index, (first, last, country, langs, role) in enumerate(PEOPLE)
        ]
        memberships = []
        for position, (user, first, last, country, langs, role, index) in enumerate(people):
            user = user or _user(f"{_email_local(first, last)}@{DEMO_DOMAIN}", f"{first} {last}", password_hash)
            organisation = ClusterOrganisation.objects.public().filter(country=country).order_by("pk").first()
            expertise = rng.sample(expertise_codes, k=rng.randint(2, 4))
            member_since = today - datetime.timedelta(days=rng.randint(30, 900))
            # Years since joining, so the current period ends in the future (lapsed: in the past).
            years = (today - member_since).days // 365 + 1
            valid_until = _add_years(member_since, years)
            if position in (3, 7, 11):  # a few are due for renewal soon
                valid_until = today + datetime.timedelta(days=10 + position)
            status = ClubMembership.Status.ACTIVE
            if index in APPLICANTS:
                status = ClubMembership.Status.APPLIED
            elif index in DECLINED:
                status = ClubMembership.Status.DECLINED
            elif index in LAPSED:
                status = ClubMembership.Status.LAPSED
                valid_until = today - datetime.timedelta(days=20 + position)
            defaults = {
                "status": status,
                "organisation": organisation if position % 3 == 0 else None,
                "organisation_name": ""
                if organisation and position % 3 == 0
                else f"{last} {rng.choice(['Innovation Cluster', 'Cluster Network', 'Technology Cluster', 'Industry Cluster'])}",
                "role": role,
                "country": country,
                "languages": codes_to_csv(langs.split(",")),
                "expertise": codes_to_csv(expertise),
                "bio": rng.choice(BIOS),
                "applied_at": timezone.now() - datetime.timedelta(days=rng.randint(1, 9), hours=rng.randint(0, 20))
                if status == ClubMembership.Status.APPLIED
                else timezone.make_aware(datetime.datetime.combine(member_since, datetime.time(10))),
                "show_bio": "hidden" if position % 7 == 3 else "members",
                "show_country": "hidden" if position % 11 == 5 else "members",
                "receives_digest": position % 9 != 4,
            }
            if status in (ClubMembership.Status.ACTIVE, ClubMembership.Status.LAPSED):
                year = member_since.year
                numbers_by_year[year] = numbers_by_year.get(year, 0) + 1
                defaults.update(
                    member_number=f"ECCM-{year}-{numbers_by_year[year]:04d}",
                    valid_until=valid_until,
                    member_since=member_since,
                    decided_at=timezone.make_aware(datetime.datetime.combine(member_since, datetime.time(10))),
                    decided_by=coordinator,
                )
            if status == ClubMembership.Status.DECLINED:
                defaults.update(
                    decline_reason="The club is for people working in cluster management; please tell us more "
                    "about your role in a cluster organisation.",
                    decided_at=timezone.now() - datetime.timedelta(days=12),
                    decided_by=coordinator,
                )
            if status == ClubMembership.Status.LAPSED:
                defaults["lapsed_at"] = timezone.make_aware(datetime.datetime.combine(valid_until, datetime.time(1)))
            membership, _created = ClubMembership.objects.get_or_create(user=user, defaults=defaults)
            memberships.append(membership)
        # Later approvals continue after the seeded numbers.
        for year_row in (
            ClubMembership.objects.filter(member_number__startswith="ECCM-")
            .values("member_since__year")
            .annotate(n=Max("member_number"))
        ):
            year, highest = year_row["member_since__year"], year_row["n"]
            if year and highest and highest.count("-") == 2:
                last = int(highest.rsplit("-", 1)[1])
                sequence, _ = MemberNumberSequence.objects.get_or_create(year=year, defaults={"last": last})
                if sequence.last < last:
                    sequence.last = last
                    sequence.save(update_fields=["last"])

        active = [m for m in memberships if m.status == ClubMembership.Status.ACTIVE]
        events = {}
        for key, title, days, hour, hours, zone, audience, capacity, venue, online in EVENTS:
            local_start = datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
            starts = local_start.replace(tzinfo=zoneinfo.ZoneInfo(zone))
            event, _created = Event.objects.get_or_create(
                title=title,
                defaults={
                    "description": f"{title}. An event of the European Club of Cluster Managers for people who run "
                    "cluster organisations: short inputs from peers, then structured exchange in small groups. "
                    "Bring one question from your own practice.",
                    "starts_at": starts,
                    "ends_at": starts + datetime.timedelta(hours=hours),
                    "time_zone": zone,
                    "registration_deadline": starts - datetime.timedelta(days=2) if days > 2 else starts,
                    "audience": audience,
                    "capacity": capacity,
                    "venue": venue,
                    "online_url": online,
                    "organiser": active[3].user if key == "peer-lab-green" else None,
                    "created_by": coordinator,
                },
            )
            events[key] = event
        if not Registration.objects.exists():
            # The full lab: 8 places taken, 3 waiting (the demo member is not among them, so they can try).
            lab_people = [m for m in active[1:] if m.user_id != ctx.users.get("member").pk]
            base = timezone.now() - datetime.timedelta(days=5)
            for offset, membership in enumerate(lab_people[:11]):
                Registration.objects.create(
                    event=events["peer-lab-green"],
                    user=membership.user,
                    status=Registration.Status.REGISTERED if offset < 8 else Registration.Status.WAITING,
                    created_at=base + datetime.timedelta(hours=offset),
                )
            for key, count in (("gold-clinic", 17), ("nordic-visit", 12), ("spring-summit", 45), ("kpi-webinar", 30)):
                for offset, membership in enumerate(rng.sample(active, k=min(count, len(active)))):
                    Registration.objects.get_or_create(
                        event=events[key],
                        user=membership.user,
                        defaults={
                            "status": Registration.Status.REGISTERED,
                            "created_at": min(events[key].registration_deadline, timezone.now())
                            - datetime.timedelta(days=3, hours=offset),
                        },
                    )
            Registration.objects.get_or_create(
                event=events["international-day"],
                user=ctx.users["member"],
                defaults={"status": Registration.Status.REGISTERED},
            )

        for title, body, audience, days in ANNOUNCEMENTS:
            Announcement.objects.get_or_create(
                title=title,
                defaults={
                    "body": body,
                    "audience": audience,
                    "published_at": timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
                    + datetime.timedelta(days=days),
                    "author": coordinator,
                },
            )
    ctx.log(f"club: {len(memberships)} memberships, {len(events)} events, {len(ANNOUNCEMENTS)} announcements")
