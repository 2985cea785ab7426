"""Who may do what in the knowledge area.

Module summaries and the training catalogue are public; lessons, cases and quizzes need an account; case teaching
notes need the instructor flag or staff; drafts are visible to coordinators only (to preview them).
"""

from __future__ import annotations

from knowledge.models import KnowledgeProfile
from portal import roles


def can_preview_drafts(user) -> bool:
    return roles.is_coordinator(user)


def can_edit_modules(user) -> bool:
    """Coordinators edit modules, lessons and quizzes in the administration."""
    return roles.is_coordinator(user)


def can_read_lessons(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_instructor(user) -> bool:
    if not user.is_authenticated:
        return False

    return KnowledgeProfile.objects.filter(user=user, is_instructor=True).exists()


def can_read_teaching_notes(user) -> bool:
    return roles.is_coordinator(user) or is_instructor(user)


def can_see_learner(viewer, learner) -> bool:
    """A learner's record: the learner themself and coordinators."""
    return bool(viewer.is_authenticated and (viewer.pk == learner.pk or roles.is_coordinator(viewer)))


def can_propose_programme(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_review_programmes(user) -> bool:
    return roles.is_coordinator(user)
