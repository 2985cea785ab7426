"""Demo users, one for every role (logins in README.md)."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.utils import timezone

from portal.models import AssessorProfile, User

DEMO_PASSWORD = "cluster-demo-2026"
DEMO_DOMAIN = "demo.cluster-excellence.eu"


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def _user(email: str, name: str, **extra) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"display_name": name, **extra})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def seed(ctx) -> None:
    today = timezone.localdate()
    ctx.users["admin"] = _user(demo_email("admin"), "Ada Admin", is_staff=True, is_superuser=True)
    ctx.users["coordinator"] = _user(demo_email("coordinator"), "Clara Coordinator", is_staff=True)
    ctx.users["coordinator2"] = _user(demo_email("coordinator2"), "Colm Coordinator", is_staff=True)
    ctx.users["manager"] = _user(demo_email("manager"), "Max Manager")
    ctx.users["manager2"] = _user(demo_email("manager2"), "Mia Manager")
    ctx.users["viewer"] = _user(demo_email("viewer"), "Vera Viewer")
    ctx.users["member"] = _user(demo_email("member"), "Milan Member")
    ctx.users["visitor"] = _user(demo_email("newcomer"), "Nina Newcomer")
    for key, name, country, langs in [
        ("assessor", "Anna Assessor", "FR", "en, fr"),
        ("assessor2", "Aksel Assessor", "DK", "en, da, de"),
        ("assessor3", "Alessia Assessor", "IT", "en, it, es"),
    ]:
        user = _user(demo_email(key), name)
        AssessorProfile.objects.get_or_create(
            user=user,
            defaults={
                "accredited_from": today - datetime.timedelta(days=400),
                "accredited_until": today + datetime.timedelta(days=1000),
                "home_country": country,
                "languages": langs,
            },
        )
        ctx.users[key] = user
