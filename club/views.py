"""Pages of the club. Thin: forms check input, services change state, selectors read, permissions decide."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from club import charts, ics, notifications, permissions, selectors, services
from club.forms import (
    AnnouncementForm,
    ApplicationForm,
    ContactForm,
    DeclineForm,
    DirectoryFilterForm,
    EventForm,
    ProfileForm,
)
from club.models import Announcement, ClubMembership, Event, Registration
from club.services import ClubError
from portal import exports

DIRECTORY_PAGE_SIZE = 24


def member_area(view):
    """Members and coordinators only: visitors log in first; others see why not (403) and what to do."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not permissions.can_use_member_area(request.user):
            membership = selectors.membership_for(user=request.user)
            return render(request, "club/members_only.html", {"membership": membership}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def coordinators_only(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not permissions.can_manage_club(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# --- The public club page ----------------------------------------------------------------------------------------


@require_GET
def home(request):
    membership = selectors.membership_for(user=request.user)
    return render(
        request,
        "club/home.html",
        {
            "membership": membership,
            "figures": selectors.club_figures(),
            "events": selectors.events_upcoming(user=request.user, public_only=True).filter(is_cancelled=False)[:6],
            "announcements": selectors.announcements_visible_to(user=request.user)[:5],
            "countries": selectors.members_by_country(),
            "can_apply": permissions.can_apply(request.user, membership),
            "is_member_area": permissions.can_use_member_area(request.user),
            "can_manage": permissions.can_manage_club(request.user),
        },
    )


@require_GET
@cache_control(max_age=300, public=True)
def members_chart(request):
    return HttpResponse(charts.members_by_country_svg(selectors.members_by_country()), content_type="image/svg+xml")


# --- Membership ----------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    membership = selectors.membership_for(user=request.user)
    editing = membership is not None and membership.status == ClubMembership.Status.APPLIED
    if not editing and not permissions.can_apply(request.user, membership):
        if membership.status == ClubMembership.Status.LAPSED:
            messages.info(request, _("Your membership lapsed recently: renew it here, no new application needed."))
        else:
            messages.info(request, _("You are already a member of the club."))
        return redirect("club:my_membership")
    initial = ApplicationForm.initial_from(membership) if membership else {}
    if membership and editing:
        initial["motivation"] = membership.motivation
    form = ApplicationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        motivation = data.pop("motivation", "")
        try:
            if editing:
                services.membership_update_application(
                    membership=membership, user=request.user, data=data, motivation=motivation
                )
                messages.success(request, _("Your application has been updated."))
            else:
                services.membership_apply(user=request.user, data=data, motivation=motivation)
                messages.success(request, _("Thank you: your application is with the coordinators."))
            return redirect("club:my_membership")
        except ClubError as error:
            form.add_error(None, str(error))
    return render(request, "club/apply.html", {"form": form, "membership": membership, "editing": editing})


@login_required
@require_http_methods(["GET", "POST"])
def my_membership(request):
    membership = selectors.membership_for(user=request.user)
    form = None
    if membership is not None and membership.status in (ClubMembership.Status.ACTIVE, ClubMembership.Status.LAPSED):
        form = ProfileForm(request.POST or None, user=request.user, initial=ProfileForm.initial_from(membership))
        if request.method == "POST" and form.is_valid():
            services.membership_update_profile(membership=membership, user=request.user, data=form.cleaned_data)
            messages.success(request, _("Your profile and settings are saved."))
            return redirect("club:my_membership")
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "membership": membership,
        "form": form,
        "can_apply": permissions.can_apply(request.user, membership),
        "can_renew": membership is not None and permissions.membership_can_renew(membership),
        "renewal_opens": permissions.membership_renewal_opens(membership) if membership else None,
        "feed_url": request.build_absolute_uri(reverse("club:member_feed", args=[membership.calendar_token]))
        if membership and membership.is_current()
        else "",
        "registrations": selectors.registrations_of(user=request.user),
    }
    return render(request, "club/my_membership.html", context)


@login_required
@require_POST
def renew(request):
    membership = selectors.membership_for(user=request.user)
    if membership is None:
        raise Http404
    try:
        membership = services.membership_renew(membership=membership, user=request.user)
        messages.success(
            request, _("Thank you: your membership now runs until %(date)s.") % {"date": membership.valid_until}
        )
    except ClubError as error:
        messages.error(request, str(error))
    return redirect("club:my_membership")


@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token):
    """The link in every digest: GET asks, POST turns the digest off (mail scanners only GET)."""
    membership = notifications.membership_from_unsubscribe_token(token)
    if membership is None:
        return render(request, "club/digest_unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.membership_set_digest(membership=membership, user=membership.user, receives=False)
        return render(request, "club/digest_unsubscribe.html", {"done": True, "membership": membership})
    return render(request, "club/digest_unsubscribe.html", {"membership": membership})


# --- Member directory -------------------------------------------------------------------------------------------


@member_area
@require_GET
def member_list(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    members = selectors.member_directory(viewer=request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(members, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    full = permissions.can_manage_club(request.user)
    rows = [(m, m.visible_profile(full=full or m.user_id == request.user.pk)) for m in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "club/member_list.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode(), "total": page.paginator.count},
    )


@member_area
@require_GET
def member_detail(request, pk):
    member = selectors.member_visible_to(viewer=request.user, pk=pk)
    own = member.user_id == request.user.pk
    profile = member.visible_profile(full=own or permissions.can_manage_club(request.user))
    can_contact = (
        not own and permissions.can_contact_members(request.user) and member.accepts_messages and member.is_current()
    )
    return render(
        request,
        "club/member_detail.html",
        {"member": member, "profile": profile, "own": own, "contact_form": ContactForm() if can_contact else None},
    )


@member_area
@require_POST
def member_contact(request, pk):
    member = selectors.member_visible_to(viewer=request.user, pk=pk)
    form = ContactForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.contact_member(sender=request.user, recipient=member, **form.cleaned_data)
            messages.success(
                request,
                _("Your message to %(name)s is on its way by e-mail. Their address stays private.")
                % {"name": member.display_name},
            )
            return redirect("club:member_detail", pk=member.pk)
        except services.RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        except ClubError as error:
            form.add_error(None, str(error))
    profile = member.visible_profile(full=permissions.can_manage_club(request.user))
    return render(
        request,
        "club/member_detail.html",
        {"member": member, "profile": profile, "own": False, "contact_form": form},
        status=status,
    )


# --- Events -----------------------------------------------------------------------------------------------------


@require_GET
def event_list(request):
    return render(
        request,
        "club/event_list.html",
        {
            "upcoming": selectors.events_upcoming(user=request.user),
            "past": selectors.events_past(user=request.user)[:10],
            "is_member_area": permissions.can_use_member_area(request.user),
            "can_manage": permissions.can_manage_club(request.user),
            "my_registrations": dict(selectors.registrations_of(user=request.user).values_list("event_id", "status"))
            if request.user.is_authenticated
            else {},
        },
    )


@require_GET
def event_detail(request, pk):
    event = selectors.event_visible_to(user=request.user, pk=pk)
    registration = selectors.registration_of(user=request.user, event=event)
    return render(
        request,
        "club/event_detail.html",
        {
            "event": event,
            "registration": registration,
            "waiting_position": selectors.waiting_position(registration)
            if registration and registration.status == Registration.Status.WAITING
            else None,
            "is_open": event.registration_is_open(),
            "can_register": permissions.can_register_for_event(request.user, event),
            "can_see_attendees": permissions.can_see_attendees(request.user, event),
            "can_see_online_link": permissions.can_see_online_link(request.user, event),
            "can_manage": permissions.can_manage_club(request.user),
            "free_places": max(0, event.capacity - event.registered_count),
            "other_zone_start": timezone.localtime(event.starts_at)
            if timezone.localtime(event.starts_at).utcoffset() != event.local_start.utcoffset()
            else None,
        },
    )


@login_required
@require_POST
def event_register(request, pk):
    event = selectors.event_visible_to(user=request.user, pk=pk)
    try:
        registration = services.registration_register(event=event, user=request.user)
        if registration.status == Registration.Status.REGISTERED:
            messages.success(request, _("You are registered. A confirmation with a calendar file is on its way."))
        else:
            messages.info(
                request, _("The event is full: you are on the waiting list and will hear from us if a place frees up.")
            )
    except ClubError as error:
        messages.error(request, str(error))
    return redirect("club:event_detail", pk=event.pk)


@login_required
@require_POST
def event_unregister(request, pk):
    event = selectors.event_visible_to(user=request.user, pk=pk)
    registration = selectors.registration_of(user=request.user, event=event)
    if registration is None:
        messages.error(request, _("You are not registered for this event."))
        return redirect("club:event_detail", pk=event.pk)
    try:
        services.registration_cancel(registration=registration, user=request.user)
        messages.success(request, _("Your registration is cancelled."))
    except ClubError as error:
        messages.error(request, str(error))
    return redirect("club:event_detail", pk=event.pk)


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_ics(request, pk):
    event = selectors.event_visible_to(user=request.user, pk=pk)
    body = ics.calendar_bytes([event], name=event.title, viewer=request.user)
    return _ics_response(body, f"{slugify(event.title) or 'event'}.ics")


@require_GET
def event_feed(request):
    """The public calendar feed (public events); members have a personal feed with members-only events too."""
    events = selectors.calendar_feed_events(membership=None)
    # Anonymous by design: a subscribed calendar app has no session, so the public feed never carries a link.
    body = ics.calendar_bytes(events, name=_("European Club of Cluster Managers"), viewer=AnonymousUser())
    return _ics_response(body, "club-events.ics")


@require_GET
def member_feed(request, token):
    """A member's personal feed: calendar apps fetch it without a session, so the secret token identifies them."""
    membership = get_object_or_404(ClubMembership, calendar_token=token)
    if not membership.is_current():
        raise Http404
    events = selectors.calendar_feed_events(membership=membership)
    body = ics.calendar_bytes(events, name=_("European Club of Cluster Managers"), viewer=membership.user)
    return _ics_response(body, "club-events.ics")


@coordinators_only
@require_http_methods(["GET", "POST"])
def event_create(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(user=request.user, data=form.event_values())
            messages.success(request, _("The event is published."))
            return redirect(event)
        except ClubError as error:
            form.add_error(None, str(error))
    return render(request, "club/event_form.html", {"form": form, "event": None})


@coordinators_only
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = get_object_or_404(Event, pk=pk)
    form = EventForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, user=request.user, data=form.event_values())
            messages.success(request, _("The event is saved."))
            return redirect(event)
        except ClubError as error:
            form.add_error(None, str(error))
    return render(request, "club/event_form.html", {"form": form, "event": event})


@coordinators_only
@require_POST
def event_cancel(request, pk):
    event = get_object_or_404(Event, pk=pk)
    try:
        services.event_cancel(event=event, user=request.user)
        messages.success(request, _("The event is cancelled; everyone registered or waiting is told by e-mail."))
    except ClubError as error:
        messages.error(request, str(error))
    return redirect(event)


def _attendee_event(request, pk) -> Event:
    event = selectors.event_visible_to(user=request.user, pk=pk)
    if not permissions.can_see_attendees(request.user, event):
        raise PermissionDenied
    return event


@login_required
@require_GET
def event_attendees(request, pk):
    event = _attendee_event(request, pk)
    return render(request, "club/event_attendees.html", {"event": event, "attendees": selectors.attendees(event=event)})


@login_required
@require_GET
def event_attendees_csv(request, pk):
    event = _attendee_event(request, pk)
    return exports.csv_response(_attendee_rows(event), filename=f"attendees-{event.pk}.csv")


def _attendee_rows(event: Event):
    yield [
        _("status"),
        _("name"),
        _("e-mail"),
        _("organisation"),
        _("country"),
        _("member number"),
        _("registered (%(zone)s)") % {"zone": event.time_zone},
        _("moved up from the waiting list"),
    ]
    for registration in selectors.attendees(event=event):
        membership = getattr(registration.user, "club_membership", None)
        yield [
            registration.get_status_display(),
            registration.user.public_name,
            registration.user.email,
            membership.organisation_label if membership else "",
            membership.country if membership else "",
            membership.member_number if membership and membership.is_current() else "",
            registration.created_at.astimezone(event.zone).strftime("%Y-%m-%d %H:%M"),
            registration.promoted_at.astimezone(event.zone).strftime("%Y-%m-%d %H:%M")
            if registration.promoted_at
            else "",
        ]


# --- Applications (coordinators) --------------------------------------------------------------------------------


@coordinators_only
@require_GET
def application_list(request):
    return render(
        request,
        "club/application_list.html",
        {"applications": selectors.applications_waiting(), "now": timezone.now()},
    )


@coordinators_only
@require_GET
def application_detail(request, pk):
    membership = get_object_or_404(ClubMembership.objects.select_related("user", "organisation", "decided_by"), pk=pk)
    return render(
        request,
        "club/application_detail.html",
        {"membership": membership, "decline_form": DeclineForm(), "profile": membership.visible_profile(full=True)},
    )


@coordinators_only
@require_POST
def application_approve(request, pk):
    membership = get_object_or_404(ClubMembership, pk=pk)
    try:
        membership = services.membership_approve(membership=membership, user=request.user)
        messages.success(
            request,
            _("%(name)s is now member %(number)s.") % {"name": membership.user, "number": membership.member_number},
        )
        return redirect("club:application_list")
    except ClubError as error:
        messages.error(request, str(error))
    return redirect("club:application_detail", pk=membership.pk)


@coordinators_only
@require_POST
def application_decline(request, pk):
    membership = get_object_or_404(ClubMembership.objects.select_related("user", "organisation"), pk=pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.membership_decline(membership=membership, user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The application is declined; the applicant is told why."))
            return redirect("club:application_list")
        except ClubError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "club/application_detail.html",
        {"membership": membership, "decline_form": form, "profile": membership.visible_profile(full=True)},
        status=400,
    )


# --- Announcements ----------------------------------------------------------------------------------------------


@require_GET
def announcement_list(request):
    page = Paginator(selectors.announcements_visible_to(user=request.user), 10).get_page(request.GET.get("page"))
    return render(
        request,
        "club/announcement_list.html",
        {"page": page, "can_manage": permissions.can_manage_club(request.user)},
    )


@require_GET
def announcement_detail(request, pk):
    announcement = get_object_or_404(selectors.announcements_visible_to(user=request.user), pk=pk)
    return render(
        request,
        "club/announcement_detail.html",
        {"announcement": announcement, "can_manage": permissions.can_manage_club(request.user)},
    )


@coordinators_only
@require_http_methods(["GET", "POST"])
def announcement_create(request):
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            announcement = services.announcement_create(user=request.user, **form.cleaned_data)
            messages.success(request, _("The announcement is published."))
            return redirect("club:announcement_detail", pk=announcement.pk)
        except ClubError as error:
            form.add_error(None, str(error))
    return render(request, "club/announcement_form.html", {"form": form, "announcement": None})


@coordinators_only
@require_http_methods(["GET", "POST"])
def announcement_edit(request, pk):
    announcement = get_object_or_404(Announcement, pk=pk)
    form = AnnouncementForm(request.POST or None, instance=announcement)
    if request.method == "POST" and form.is_valid():
        try:
            services.announcement_update(announcement=announcement, user=request.user, **form.cleaned_data)
            messages.success(request, _("The announcement is saved."))
            return redirect("club:announcement_detail", pk=announcement.pk)
        except ClubError as error:
            form.add_error(None, str(error))
    return render(request, "club/announcement_form.html", {"form": form, "announcement": announcement})


@coordinators_only
@require_POST
def announcement_delete(request, pk):
    announcement = get_object_or_404(Announcement, pk=pk)
    services.announcement_delete(announcement=announcement, user=request.user)
    messages.success(request, _("The announcement is withdrawn."))
    return redirect("club:announcement_list")
