"""Who may do what with labels in the world: who may download a certificate (`can_download_certificate`), re-issue
it, open the manager's label page, and change the public status (suspend, reinstate, withdraw). The public
registry, verification and badges are open to all."""

from __future__ import annotations

from labelling.certificates.models import CertificateRevision
from portal import roles


def can_manage_label(user, label) -> bool:
    """The label page for insiders (downloads, embed snippet, verification count): the organisation's managers
    and the coordinators."""
    return roles.is_coordinator(user) or roles.can_manage_organisation(user, label.organisation)


def can_download_certificate(user, label) -> bool:
    """Certificate PDFs are private: the organisation's managers and the coordinators."""
    return can_manage_label(user, label)


def can_reissue(user, label) -> bool:
    """Coordinators re-issue any time; managers only once the organisation's name differs from the current
    certificate's (a name change)."""
    if roles.is_coordinator(user):
        return True
    if not roles.can_manage_organisation(user, label.organisation):
        return False
    current = (
        CertificateRevision.objects.filter(certificate__label=label, superseded_at__isnull=True)
        .values_list("organisation_name", flat=True)
        .first()
    )
    return current is not None and current != label.organisation.name


def can_change_status(user, label=None) -> bool:
    """Suspension, reinstatement and withdrawal are coordinators' decisions."""
    return roles.is_coordinator(user)
