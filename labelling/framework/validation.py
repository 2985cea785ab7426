"""Checking the values typed for an indicator, field by field, before anything is stored.

`parse_answer_input` turns the raw form or API input of one answer into typed values or messages per field; the
self-assessment (manager's answer) and the review (assessor's correction) both check values through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from labelling.framework.models import Indicator

TRUE_WORDS = {"yes", "true", "1", "on"}
FALSE_WORDS = {"no", "false", "0", "off"}


@dataclass
class AnswerInput:
    """The typed values of one answer, and the message for each field that is wrong."""

    value_number: Decimal | None = None
    value_bool: bool | None = None
    value_choice: str = ""
    not_applicable: bool = False
    justification: str = ""
    comment: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def _flag(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    return str(raw or "").strip().lower() in TRUE_WORDS


def parse_answer_input(indicator: Indicator, data) -> AnswerInput:
    """Validate `data` (keys: value, not_applicable, justification, comment) for `indicator`.

    An empty value clears it (allowed while drafting). Numbers accept a comma as decimal separator.
    """
    result = AnswerInput(
        not_applicable=_flag(data.get("not_applicable")),
        justification=str(data.get("justification") or "").strip(),
        comment=str(data.get("comment") or "").strip(),
    )
    raw = data.get("value")
    raw = "" if raw is None else (raw if isinstance(raw, bool) else str(raw).strip())
    if len(result.justification) > 4000:
        result.errors["justification"] = _("At most 4000 characters.")
    if len(result.comment) > 4000:
        result.errors["comment"] = _("At most 4000 characters.")
    if result.not_applicable and indicator.is_minimum_requirement:
        # domain.md (2026-12-02): a minimum requirement is answered and scored like any other.
        result.errors["not_applicable"] = _(
            "%(code)s is a minimum requirement: it cannot be “not applicable”. Answer it."
        ) % {"code": indicator.code}
    elif result.not_applicable and not result.justification:
        result.errors["justification"] = _("Say why this indicator does not apply to your cluster.")
    if raw == "":
        return result
    if indicator.kind == Indicator.Kind.YESNO:
        if isinstance(raw, bool):
            result.value_bool = raw
        elif raw.lower() in TRUE_WORDS:
            result.value_bool = True
        elif raw.lower() in FALSE_WORDS:
            result.value_bool = False
        else:
            result.errors["value"] = _("Answer yes or no.")
        return result
    if indicator.kind == Indicator.Kind.CHOICE:
        allowed = [option["value"] for option in indicator.choices or []]
        if raw in allowed:
            result.value_choice = raw
        else:
            result.errors["value"] = _("Choose one of: %(options)s.") % {
                "options": ", ".join(str(o["label"]) for o in indicator.choices or [])
            }
        return result
    if isinstance(raw, bool):
        result.errors["value"] = _("Enter a number.")
        return result
    try:
        number = Decimal(raw.replace(",", ".").replace(" ", "").replace("\u00a0", ""))
        if not number.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        result.errors["value"] = _("Enter a number, e.g. 12 or 2.5.")
        return result
    if indicator.kind == Indicator.Kind.COUNT and number != number.to_integral_value():
        result.errors["value"] = _("Enter a whole number.")
        return result
    if number.as_tuple().exponent < -2:
        result.errors["value"] = _("Use at most two decimals.")
        return result
    low, high = indicator.min_value, indicator.max_value
    if indicator.kind == Indicator.Kind.PERCENTAGE:
        low = Decimal(0) if low is None else low
        high = Decimal(100) if high is None and low >= 0 else high
    if indicator.kind == Indicator.Kind.COUNT and low is None:
        low = Decimal(0)
    if low is not None and number < low:
        result.errors["value"] = (
            _("A count cannot be negative.")
            if indicator.kind == Indicator.Kind.COUNT and low == 0
            else _("Enter at least %(min)s.") % {"min": low.normalize()}
        )
    elif high is not None and number > high:
        result.errors["value"] = (
            _("A percentage cannot be more than 100.")
            if indicator.kind == Indicator.Kind.PERCENTAGE and high == 100
            else _("Enter at most %(max)s.") % {"max": high.normalize()}
        )
    elif abs(number) >= Decimal("1e10"):
        result.errors["value"] = _("This number is too large.")
    else:
        result.value_number = number
    return result
