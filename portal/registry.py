"""What the apps add to the portal, registered from their `AppConfig.ready()`: the portal is the ground and imports
no app; each app says here what it brings (its answers to the role questions, dashboard panels, navigation links,
URLs, demo data, periodic jobs, the people whose e-mail address someone may see, account sections, the home page's
headline figures).

Registering fails loudly: an unknown name, a second answer to the same question or the same key twice raises
ImproperlyConfigured at start-up, and asking a question nobody answers raises too (never a silently missing panel).
Contributions come out in a fixed order: by `order`, then in the order they were registered (INSTALLED_APPS order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

from portal.celery import app as celery_app


class Answers:
    """Named questions the portal asks and exactly one app answers (a function each)."""

    def __init__(self, concern: str, names: set[str]) -> None:
        self.concern = concern
        self._names = frozenset(names)
        self._functions: dict[str, Callable] = {}

    def provide(self, name: str, function: Callable) -> None:
        if name not in self._names:
            raise ImproperlyConfigured(f"{self.concern}: no question {name!r}; the portal asks {sorted(self._names)}")
        if name in self._functions:
            raise ImproperlyConfigured(f"{self.concern}: {name!r} is answered twice ({self._functions[name]!r})")
        self._functions[name] = function

    def __getitem__(self, name: str) -> Callable:
        try:
            return self._functions[name]
        except KeyError:
            raise ImproperlyConfigured(f"{self.concern}: no installed app answers {name!r}") from None

    def unanswered(self) -> list[str]:
        return sorted(self._names - set(self._functions))


@dataclass(order=True)
class _Entry:
    order: int
    index: int
    key: str = field(compare=False)
    value: Any = field(compare=False)


class Contributions:
    """What several apps add to one place (panels, links, seeds...), kept in a deterministic order."""

    def __init__(self, concern: str) -> None:
        self.concern = concern
        self._entries: list[_Entry] = []

    def add(self, value: Any, *, key: str, order: int = 100) -> None:
        if any(entry.key == key for entry in self._entries):
            raise ImproperlyConfigured(f"{self.concern}: {key!r} is registered twice")
        self._entries.append(_Entry(order, len(self._entries), key, value))

    def remove(self, key: str) -> None:
        """Take a contribution out again (tests that add one of their own)."""
        self._entries = [entry for entry in self._entries if entry.key != key]

    def items(self) -> list[tuple[str, Any]]:
        return [(entry.key, entry.value) for entry in sorted(self._entries)]

    def __iter__(self) -> Iterator[Any]:
        return iter(value for _, value in self.items())


# The questions portal/roles.py asks about people: the directory answers who belongs to which organisation, the club
# who is a member.
roles = Answers(
    "roles",
    {
        "is_club_member",  # (user) -> bool
        "managed_organisations",  # (user) -> QuerySet of organisations (none for a visitor)
        "member_organisations",  # (user) -> QuerySet of organisations (none for a visitor)
        "organisation_role",  # (user, organisation) -> "manager", "viewer" or None
        "can_manage_organisation",  # (user, organisation) -> bool
    },
)

# What the directory shows of the labels organisations hold (the label area answers; the directory never writes them).
labels = Answers(
    "labels held",
    {
        "organisations_with_current_label",  # (level) -> QuerySet of organisations holding a current label of it
        "current_labels_by_organisation",  # (organisation ids) -> {organisation id: [labels, highest level first]}
    },
)

# The survey's "most needed training topics" that the knowledge catalogue shows (the survey answers).
training_needs = Answers("training needs", {"most_needed_training_topics"})  # (limit) -> list of topic dicts

# The home page's headline figures (a dict the template reads).
home = Answers("home page", {"headline_figures"})

# `(request) -> list[portal.dashboard.Panel]`, one function per app.
dashboard_panels = Contributions("dashboard panels")

# portal.navigation.NavItem: the main navigation, and the user menu beside the dashboard link.
main_links = Contributions("main navigation")
personal_links = Contributions("user menu")


@dataclass(frozen=True)
class AreaUrls:
    """An app's pages (a URLconf module, mounted at `prefix`) and, where it has an API, its API URLconf (/api/v1/)."""

    prefix: str
    pages: str
    api: str | None = None


urls = Contributions("URLs")

# `seed(ctx)` functions of the demo data (manage.py seed_demo), keyed by their module. Their order matters:
# organisations before everything that refers to them; knowledge modules before the benchmark reports that recommend
# them; awarded labels before their certificates and the peer statistics.
demo_seeds = Contributions("demo data")

# `(viewer) -> set of user ids` whose e-mail address an authenticated, non-coordinator viewer may see (portal/privacy.py).
email_visibility = Contributions("e-mail visibility")


@dataclass
class AccountSection:
    """A section of the account page (privacy/sections.py): anchored at /account/#<key>, shown by `order`."""

    key: str
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


# `(request) -> list[AccountSection]`: sections an app adds to the account page (preferences such as language, time
# zone or notification choices).
account_sections = Contributions("account page sections")


def seed(function: Callable, *, order: int) -> None:
    """Register a demo-data function under its module's name (which also seeds its random generator)."""
    demo_seeds.add(function, key=function.__module__, order=order)


def beat(schedule: dict) -> None:
    """Add an app's periodic jobs to the Celery beat schedule; a job's name another app took already raises.

    Apps register from ready(), which the worker and beat run (Django's set-up) before beat reads the schedule."""
    if clash := set(celery_app.conf.beat_schedule) & set(schedule):
        raise ImproperlyConfigured(f"periodic jobs: {sorted(clash)} registered twice")
    celery_app.conf.beat_schedule = {**celery_app.conf.beat_schedule, **schedule}


def beat_schedule() -> dict:
    """Every app's periodic jobs: the Celery beat schedule."""
    return dict(celery_app.conf.beat_schedule)
