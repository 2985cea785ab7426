"""The club at scale: the member directory (with a search on a comma-separated list), the club page with its
chart, the event list, the calendar feed, and registering for an event under its row lock.

Fills `<db>_bench` with BENCH_CLUB_MEMBERS members (default 3,000), 60 events and their registrations
(bulk inserts; reused on the next run).
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import time

MEMBERS = int(os.environ.get("BENCH_CLUB_MEMBERS", "3000"))
PREFIX = "benchclub"


def _fill() -> None:
    from django.utils import timezone

    from club.choices import LANGUAGES, Expertise
    from club.models import ClubMembership, Event, Registration
    from portal.countries import EUROPEAN_COUNTRIES
    from portal.models import User

    existing = User.objects.filter(email__startswith=f"{PREFIX}-").count()
    rng = random.Random(2026 + existing)
    today = timezone.localdate()
    if existing < MEMBERS:
        users = User.objects.bulk_create(
            [
                User(email=f"{PREFIX}-{n}@example.org", display_name=f"Bench Member {n}", password="!")
                for n in range(existing, MEMBERS)
            ]
        )
        codes = [code for code, _name in EUROPEAN_COUNTRIES]
        languages = [code for code, _name in LANGUAGES]
        ClubMembership.objects.bulk_create(
            [
                ClubMembership(
                    user=user,
                    status=ClubMembership.Status.ACTIVE,
                    member_number=f"BENCH-{user.pk:07d}",
                    valid_until=today + datetime.timedelta(days=rng.randint(1, 360)),
                    country=rng.choice(codes),
                    organisation_name=f"Cluster {rng.randint(1, 900)}",
                    role="Cluster manager",
                    languages=",".join(sorted({"en", *rng.sample(languages, 2)})),
                    expertise=",".join(sorted(rng.sample(list(Expertise.values), 3))),
                    calendar_token=f"{PREFIX}-{user.pk}",
                )
                for user in users
            ]
        )
    if not Event.objects.filter(title__startswith=PREFIX).exists():
        now = timezone.now()
        events = Event.objects.bulk_create(
            [
                Event(
                    title=f"{PREFIX} event {n}",
                    description="A benchmark event.",
                    starts_at=now + datetime.timedelta(days=n - 20),
                    ends_at=now + datetime.timedelta(days=n - 20, hours=3),
                    registration_deadline=now + datetime.timedelta(days=n - 21),
                    time_zone=rng.choice(["Europe/Berlin", "Europe/Lisbon", "Europe/Helsinki"]),
                    venue="Somewhere",
                    capacity=100,
                    audience=rng.choice([Event.Audience.PUBLIC, Event.Audience.MEMBERS]),
                )
                for n in range(60)
            ]
        )
        user_ids = list(User.objects.filter(email__startswith=f"{PREFIX}-").values_list("pk", flat=True))
        Registration.objects.bulk_create(
            [
                Registration(event=event, user_id=user_id, status=Registration.Status.REGISTERED)
                for event in events
                for user_id in rng.sample(user_ids, 80)
            ]
        )


def run() -> list[dict]:
    from django.test import Client

    from bench.helpers import time_request, use_bench_database

    use_bench_database()
    _fill()

    from club import services
    from club.models import ClubMembership, Event, Registration
    from portal.models import User

    member = ClubMembership.objects.filter(user__email__startswith=f"{PREFIX}-").select_related("user").first()
    client = Client()
    client.force_login(member.user)
    figures = []
    for name, url, params in [
        ("club page (chart, events, news)", "/club/", {}),
        ("members-by-country chart (SVG)", "/club/members-by-country.svg", {}),
        ("member directory, first page", "/club/members/", {}),
        ("member directory, language + expertise", "/club/members/", {"language": "de", "expertise": "strategy"}),
        ("event list", "/club/events/", {}),
        ("public calendar feed", "/club/events/feed.ics", {}),
    ]:
        milliseconds, queries = time_request(client, url, data=params, repeat=15)
        figures.append({"name": f"{name} ms", "value": round(milliseconds, 1), "unit": "ms", "target": "< 300"})
        figures.append({"name": f"{name} queries", "value": queries, "unit": "queries", "target": "< 15"})

    # Registering takes the event's row lock: time one registration and its cancellation.
    event = Event.objects.filter(
        title__startswith=PREFIX, registration_deadline__gt=datetime.datetime.now(datetime.UTC)
    ).first()
    users = list(User.objects.filter(email__startswith=f"{PREFIX}-").exclude(club_registrations__event=event)[:20])
    timings = []
    for user in users:
        started = time.perf_counter()
        registration = services.registration_register(event=event, user=user)
        timings.append((time.perf_counter() - started) * 1000)
        services.registration_cancel(registration=registration, user=user)
    Registration.objects.filter(event=event, user__in=users).delete()
    figures.append(
        {
            "name": "register for an event ms",
            "value": round(statistics.median(timings), 1),
            "unit": "ms",
            "target": "< 50",
        }
    )
    return figures
