"""Who may take what of their own data, and what must happen before an account can be deleted."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from labelling.models import Assessment
from labelling.review.models import AssessorAssignment
from labelling.selfassessment.permissions import can_see_document
from platform_directory.models import OrganisationMembership


def may_take_file(user, obj) -> bool:
    """Whether the export includes the stored file of `obj`: never a file the portal would not let the person open.

    Evidence belongs to the organisation's library, so it comes along while the person may still download it
    (a manager of the organisation, an assessor reviewing it...); images of training content are public.
    """
    label = obj._meta.label
    if label == "labelling.EvidenceDocument":
        return can_see_document(user, obj)
    # Images of training content are public; a file kind nobody decided on stays out (and is listed as left out).
    return label == "knowledge.KnowledgeImage"


def can_download_export(user, export) -> bool:
    return bool(user.is_authenticated and export.user_id == user.pk)


@dataclass(frozen=True)
class Blocker:
    """Something to settle before the account can be deleted, and where to do it."""

    message: str
    url: str = ""
    link_text: str = ""


def account_deletion_blockers(user) -> list[Blocker]:
    """Why the person cannot delete their account yet (empty: they can).

    - Coordinators and administrators: another administrator first takes away the role, so that the portal never
      loses its last administrator and the coordination work is handed over.
    - The last manager of an organisation: the profile, its assessments and labels would be left with nobody to
      answer for them; the person invites another manager first (or the coordinators close the profile).
    - An assessor whose review of an open assessment is not over (not declined, assessment not decided): the label
      decision still depends on it; they finish or decline it first.
    """
    blockers: list[Blocker] = []
    if user.is_superuser or user.is_staff:
        blockers.append(
            Blocker(
                _(
                    "You are a coordinator or an administrator. Ask another administrator to take this role away "
                    "from your account first (so the coordination work is handed over); then you can delete it here."
                )
            )
        )
    managed = OrganisationMembership.objects.filter(user=user, role=OrganisationMembership.Role.MANAGER)
    for membership in managed.select_related("organisation").order_by("organisation__name"):
        others = (
            OrganisationMembership.objects.filter(
                organisation_id=membership.organisation_id, role=OrganisationMembership.Role.MANAGER
            )
            .exclude(user=user)
            .exists()
        )
        if not others:
            blockers.append(
                Blocker(
                    _(
                        "You are the only manager of %(organisation)s. Invite another manager and wait until they "
                        "accept, or ask the coordinators to close the profile."
                    )
                    % {"organisation": membership.organisation.name},
                    url=reverse("platform_directory:managers", kwargs={"slug": membership.organisation.slug}),
                    link_text=_("Managers of %(organisation)s") % {"organisation": membership.organisation.name},
                )
            )
    in_progress = (
        AssessorAssignment.objects.filter(assessor=user)
        .exclude(status=AssessorAssignment.Status.DECLINED)
        .exclude(assessment__status__in=Assessment.CLOSED_STATUSES)
        .select_related("assessment__organisation")
        .order_by("assigned_at")
    )
    for assignment in in_progress:
        blockers.append(
            Blocker(
                _(
                    "You are an assessor of the %(level)s assessment of %(organisation)s, which is not decided yet. "
                    "Finish or decline your review first; if you have recommended already, wait for the decision."
                )
                % {
                    "level": assignment.assessment.get_level_display(),
                    "organisation": assignment.assessment.organisation.name,
                },
                url=reverse("labelling:review_assessment", kwargs={"pk": assignment.assessment_id}),
                link_text=_("Your review"),
            )
        )
    return blockers
