"""The European Club of Cluster Managers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ClubMembership(models.Model):
    """A professional's membership of the club; current while approved and not lapsed."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        ACTIVE = "active", _("active")
        DECLINED = "declined", _("declined")
        LAPSED = "lapsed", _("lapsed")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="club_membership")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APPLIED)
    member_number = models.CharField(_("member number"), max_length=20, unique=True, null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("club membership")
        verbose_name_plural = _("club memberships")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"

    def is_current(self, on=None) -> bool:
        day = on or timezone.localdate()
        return self.status == self.Status.ACTIVE and (self.valid_until is None or self.valid_until >= day)
