"""The versioned indicator framework: framework -> dimension -> indicator."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FrameworkLocked(ValidationError):
    """Raised when something tries to change a published framework (an edit must make a new version)."""


class Framework(models.Model):
    """One version of an indicator framework (e.g. ECEI-2026 v1). Once published it never changes."""

    code = models.CharField(_("code"), max_length=40, help_text=_("e.g. ECEI-2026"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("indicator framework")
        verbose_name_plural = _("indicator frameworks")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="framework_code_version_unique")]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.pop("allow_published_change", False):
            stored = Framework.objects.filter(pk=self.pk).values_list("published_at", flat=True).first()
            if stored is not None:
                raise FrameworkLocked(_("A published framework cannot be changed: copy it as a new version."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise FrameworkLocked(_("A published framework cannot be deleted."))
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


def _check_framework_editable(framework_id) -> None:
    if Framework.objects.filter(pk=framework_id, published_at__isnull=False).exists():
        raise FrameworkLocked(_("A published framework cannot be changed: copy it as a new version."))


class Dimension(models.Model):
    """A group of indicators within a framework (e.g. "2 Management and governance")."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="dimensions")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="dimension_number_unique")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def save(self, *args, **kwargs):
        _check_framework_editable(self.framework_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _check_framework_editable(self.framework_id)
        return super().delete(*args, **kwargs)


class Indicator(models.Model):
    """One question of the framework with its kind, thresholds, the levels that use it and guidance texts."""

    class Kind(models.TextChoices):
        NUMBER = "number", _("number")
        PERCENTAGE = "percentage", _("percentage")
        YESNO = "yesno", _("yes/no")
        CHOICE = "choice", _("choice")
        COUNT = "count", _("count")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="indicators")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators", editable=False)
    code = models.CharField(_("code"), max_length=10, help_text=_("e.g. 2.2"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=300)
    guidance_manager = models.TextField(_("guidance for managers"), blank=True)
    guidance_assessor = models.TextField(_("guidance for assessors"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    direction = models.CharField(_("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    green_threshold = models.DecimalField(_("green from"), max_digits=12, decimal_places=2, null=True, blank=True)
    yellow_threshold = models.DecimalField(_("yellow from"), max_digits=12, decimal_places=2, null=True, blank=True)
    choices = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_('For choice indicators: [{"value", "label", "colour"}]')
    )
    in_bronze = models.BooleanField(_("Bronze/Silver benchmarking (B)"), default=True)
    in_silver = models.BooleanField(_("checked for Silver (S)"), default=False)
    in_gold = models.BooleanField(_("Gold indicator (G)"), default=False)
    is_minimum_requirement = models.BooleanField(_("minimum requirement"), default=False)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    min_value = models.DecimalField(_("lowest allowed value"), max_digits=12, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("highest allowed value"), max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="indicator_code_unique_per_framework"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="indicator_weight_positive"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="indicator_allowed_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        if self.dimension_id and not self.framework_id:
            self.framework_id = Dimension.objects.values_list("framework_id", flat=True).get(pk=self.dimension_id)
        _check_framework_editable(self.framework_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _check_framework_editable(self.framework_id)
        return super().delete(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.kind in (self.Kind.NUMBER, self.Kind.PERCENTAGE, self.Kind.COUNT):
            if self.green_threshold is None or self.yellow_threshold is None:
                errors["green_threshold"] = _("Numeric indicators need a green and a yellow threshold.")
            elif self.direction == self.Direction.HIGHER and self.green_threshold < self.yellow_threshold:
                errors["green_threshold"] = _("When higher is better, green must be at least yellow.")
            elif self.direction == self.Direction.LOWER and self.green_threshold > self.yellow_threshold:
                errors["green_threshold"] = _("When lower is better, green must be at most yellow.")
        if self.kind == self.Kind.CHOICE:
            options = self.choices or []
            if not options or any(
                not isinstance(o, dict) or {"value", "label", "colour"} - set(o) or o["colour"] not in _COLOURS
                for o in options
            ):
                errors["choices"] = _(
                    'Give each option as {"value", "label", "colour"} with colour green, yellow or red.'
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_numeric(self) -> bool:
        return self.kind in (self.Kind.NUMBER, self.Kind.PERCENTAGE, self.Kind.COUNT)

    def is_in_level(self, level: str) -> bool:
        """Whether an assessment of `level` asks this indicator (Bronze and Silver: B column; Gold: G column)."""
        if level == "gold":
            return self.in_gold
        return self.in_bronze or (level == "silver" and self.in_silver)

    def choice_label(self, value: str) -> str:
        for option in self.choices or []:
            if option.get("value") == value:
                return option.get("label", value)
        return value


_COLOURS = ("green", "yellow", "red")
