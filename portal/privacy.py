"""Whose e-mail address a person may see. Everyone else sees people by their name only (User.public_name).

The rules, each where a person's work needs the address or the person agreed to share it:
- their own address;
- coordinators: everyone's (validating profiles, assigning assessors, deciding applications, running the club; the
  admin is theirs too);
- the managers of an organisation: the addresses of the people with access to it (managers and viewers), as they
  decide who has access and invite people by address;
- an event's organiser: the addresses of the people registered or waiting (the registration box says "The organisers
  see your name, organisation and e-mail address");
- the people of both organisations of an accepted collaboration request: the addresses of the person who sent it
  and of the one who accepted it (the request form says "Once they accept, both sides see each other's contact
  details").
Not a rule here, as it shows no page: a member writing to another through the club may let them reply to their
address (ContactMessage.share_email, the e-mail's Reply-To).

Pages show an address only through `{% visible_email person %}` (portal/templatetags/people.py), which asks here;
tests/security/email_leaks.py walks every page of the permission matrix as each persona against these rules.
"""

from __future__ import annotations

from portal import registry, roles


def email_visible_ids(viewer) -> set[int] | None:
    """The ids of the people whose address `viewer` may see; None means everyone's (coordinators). The apps that
    know who works with whom (the directory: organisations and collaboration requests; the club: event
    registrations) add theirs through `portal.registry.email_visibility`."""
    if not viewer.is_authenticated:
        return set()
    if roles.is_coordinator(viewer):
        return None
    ids = {viewer.pk}
    for visible_to in registry.email_visibility:
        ids |= visible_to(viewer)
    return ids


def may_see_email(viewer, person, *, visible_ids: set[int] | None | bool = False) -> bool:
    """Whether `viewer` may see `person`'s e-mail address. `visible_ids`: email_visible_ids(viewer) if the caller
    has it already (a page listing many people asks once)."""
    if person is None:
        return False
    if visible_ids is False:
        visible_ids = email_visible_ids(viewer)
    return visible_ids is None or person.pk in visible_ids
