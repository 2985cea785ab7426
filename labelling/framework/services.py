"""Writes of the framework: a published version never changes, so a change is a copy as the next version, edited
as a draft and then published. Each writes an audit event "labelling.framework.<verb>"."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from labelling.framework.models import Dimension, Framework, Indicator
from portal.audit import audit_log


class FrameworkError(Exception):
    """A framework step that is not allowed now; `messages` lists every reason (the first is the str)."""

    def __init__(self, message, messages: list[str] | None = None):
        self.messages = messages or [str(message)]
        super().__init__(str(message))


def framework_copy_as_new_version(*, user, framework) -> Framework:
    """A draft copy of `framework` (its dimensions and indicators) as the next version of the same code: the way
    to change a published framework."""
    with transaction.atomic():
        # Lock the code's versions so two copies at once do not both take the same number.
        versions = list(
            Framework.objects.select_for_update().filter(code=framework.code).values_list("version", flat=True)
        )
        copy = Framework.objects.create(
            code=framework.code,
            version=max(versions) + 1,
            title=framework.title,
            description=framework.description,
        )
        for dimension in framework.dimensions.prefetch_related("indicators").order_by("number"):
            new_dimension = Dimension.objects.create(
                framework=copy, number=dimension.number, name=dimension.name, description=dimension.description
            )
            indicators = []
            for indicator in dimension.indicators.all():
                indicator.pk = None
                indicator.id = None
                indicator.dimension = new_dimension
                indicator.framework = copy
                indicators.append(indicator)
            Indicator.objects.bulk_create(indicators)
        audit_log(
            actor=user,
            action="labelling.framework.copied",
            target=copy,
            data={"from": str(framework), "to": str(copy)},
        )
    return copy


def framework_publish(*, user, framework) -> Framework:
    """Publish a draft framework version: from now on it never changes and new assessments are pinned to it."""
    problems = []
    for indicator in Indicator.objects.filter(framework=framework):
        try:
            indicator.clean()
        except ValidationError as error:
            problems.append(f"{indicator.code}: {'; '.join(error.messages)}")
    if not Indicator.objects.filter(framework=framework).exists():
        problems.append(_("The framework has no indicators."))
    if problems:
        raise FrameworkError(problems[0], problems)
    now = timezone.now()
    with transaction.atomic():
        if not Framework.objects.filter(pk=framework.pk, published_at__isnull=True).update(published_at=now):
            raise FrameworkError(_("%(framework)s is already published.") % {"framework": framework})
        audit_log(actor=user, action="labelling.framework.published", target=framework, data={})
    framework.published_at = now
    return framework
