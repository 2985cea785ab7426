"""The account page is made of sections: the person's name, sign-in and security, their data; apps add their own
(preferences such as language, time zone or notification choices) by registering a function
`(request) -> list[AccountSection]` in `portal.registry.account_sections`; all are shown by their order.
"""

from __future__ import annotations

from portal.registry import AccountSection, account_sections


def sections_for(request, own: list[AccountSection]) -> list[AccountSection]:
    sections = list(own)
    for provider in account_sections:
        sections.extend(provider(request))
    return sorted(sections, key=lambda s: s.order)
