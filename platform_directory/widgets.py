"""A select widget rendered in Python: the directory's filter form has ~150 options, and Django's
template-per-option rendering made up most of the page's server time with 10,000 organisations."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """Same markup as forms.Select (single choice, flat or grouped options), built without templates."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = []
        for group_name, group_choices, _index in self.optgroups(name, self.format_value(value)):
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (
                        option["value"],
                        mark_safe(" selected") if str(option["value"]) in selected else "",
                        option["label"],
                    )
                    for option in group_choices
                ),
            )
            options.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered) if group_name else rendered
            )
        attributes = format_html_join(
            "", ' {}="{}"', ((k, v) for k, v in final_attrs.items() if v not in (None, False))
        )
        return format_html("<select{}>{}</select>", attributes, mark_safe("".join(options)))
