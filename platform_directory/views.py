"""Pages of the directory. Thin: permissions from permissions.py, reads from selectors.py, writes in services.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from platform_directory import permissions, selectors, services
from platform_directory.filters import OrganisationFilter
from platform_directory.floors import organisation_floors
from platform_directory.forms import (
    AnswerForm,
    CollaborationRequestForm,
    InvitationForm,
    OrganisationForm,
    RequestChangesForm,
)
from platform_directory.labels import attach_current_labels
from platform_directory.models import CollaborationRequest, Invitation, OrganisationMembership
from platform_directory.services import DirectoryError
from portal import exports, roles

PAGE_SIZE = 20


# --- Public directory -----------------------------------------------------------------------------------------


@require_safe
def organisation_list(request):
    """The public directory: search, filters, sorting, pagination; htmx requests get the results only."""
    filterset = OrganisationFilter(request.GET or None, queryset=selectors.directory_queryset())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    attach_current_labels(page.object_list)
    notices = filterset.ignored_values()
    query = request.GET.copy()
    query.pop("page", None)
    sort_applied = filterset.sort_applied
    context = {
        "filterset": filterset,
        "page_obj": page,
        "notices": notices,
        "querystring": query.urlencode(),
        "sort_applied": sort_applied,
    }
    template = (
        "platform_directory/_results.html" if request.headers.get("HX-Request") else "platform_directory/list.html"
    )
    response = render(request, template, context)
    # The same URL answers a fragment to htmx and a page to the browser: without Vary, the browser's cache serves
    # the fragment alone when the visitor comes back to a filtered list with the Back button.
    patch_vary_headers(response, ["HX-Request"])
    return response


CSV_HEADER = [
    "name",
    "acronym",
    "country",
    "nuts2_code",
    "region",
    "city",
    "website",
    "main_sector",
    "also_active_in",
    "technologies",
    "participants",
    "companies",
    "smes",
    "research_education",
    "public_bodies",
    "others",
    "management_fte",
    "founding_year",
    "validation",
    "validated_at",
    "profile_url",
]


@require_safe
def organisation_export(request):
    """The filtered list as CSV, streamed."""
    filterset = OrganisationFilter(request.GET or None, queryset=selectors.directory_queryset())
    base = request.build_absolute_uri("/").rstrip("/")

    def rows():
        yield CSV_HEADER
        for o in filterset.qs.iterator(chunk_size=500):
            yield [
                o.name,
                o.acronym,
                o.country,
                o.nuts2_code,
                o.region_name,
                o.city,
                o.website,
                o.main_sector,
                " | ".join(s.code for s in o.sectors.all()),
                " | ".join(t.name for t in o.technologies.all()),
                o.participants,
                o.companies,
                o.smes,
                o.research_education,
                o.public_bodies,
                o.others,
                o.management_fte,
                o.founding_year,
                "validated" if o.has_validated_version else o.validation_status,
                o.validated_at.date().isoformat() if o.validated_at else "",
                base + o.get_absolute_url(),
            ]

    return exports.csv_streaming_response(rows(), filename=f"cluster-directory-{timezone.localdate().isoformat()}.csv")


@require_safe
def organisation_detail(request, slug):
    """A profile. Visitors see the figures on record; its people and the coordinators see it as submitted, with a
    preview notice while visitors cannot see it yet, or see an older version."""
    view = permissions.profile_view_or_404(request.user, slug, selectors.organisation_detail_queryset())
    organisation = view.organisation
    attach_current_labels([organisation])
    role = roles.organisation_role(request.user, organisation) if view.insider else None
    return render(
        request,
        "platform_directory/detail.html",
        {
            "organisation": organisation,
            "role": role,
            "can_edit": permissions.is_manager_role(role),
            "can_validate": view.insider and roles.is_coordinator(request.user),
            "can_contact": permissions.can_send_collaboration_request(request.user, organisation),
            "insider": view.insider,
            "preview": selectors.profile_preview(organisation) if view.insider else None,
            "floors": organisation_floors(organisation) if view.insider else None,
            "changes": organisation.changes_since_validation() if view.insider else None,
        },
    )


# --- Profile: create and edit ---------------------------------------------------------------------------------


@login_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                user=request.user,
                fields=form.profile_fields(),
                sectors=form.cleaned_data["sectors"],
                technologies=form.cleaned_data["technologies"],
            )
        except DirectoryError as error:
            form.add_error("name", str(error))
        else:
            messages.success(
                request,
                _("The profile of %(name)s is created. A coordinator will check it against the validation floors.")
                % {"name": organisation.name},
            )
            return redirect(organisation)
    return render(request, "platform_directory/form.html", {"form": form, "organisation": None})


@login_required
def organisation_edit(request, slug):
    organisation = permissions.managed_organisation_or_404(request.user, slug)
    was_validated = organisation.is_validated
    # The form shows the profile as submitted, figures awaiting validation included.
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation.as_submitted())
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.organisation_update(
                user=request.user,
                organisation=organisation,
                fields=form.profile_fields(),
                sectors=form.cleaned_data["sectors"],
                technologies=form.cleaned_data["technologies"],
            )
        except DirectoryError as error:
            form.add_error("name", str(error))
        else:
            organisation.refresh_from_db()
            if was_validated and not organisation.is_validated:
                messages.warning(
                    request,
                    _(
                        "Saved. You changed %(n)d key figure(s) since the validation, so the profile is awaiting "
                        "validation again. Until a coordinator validates them, visitors see the validated figures."
                    )
                    % {"n": len(changes)},
                )
            else:
                messages.success(request, _("The profile is saved."))
            return redirect(organisation)
    return render(request, "platform_directory/form.html", {"form": form, "organisation": form.instance})


@login_required
@require_POST
def organisation_resubmit(request, slug):
    organisation = permissions.managed_organisation_or_404(request.user, slug)
    try:
        services.organisation_resubmit(user=request.user, organisation=organisation)
    except DirectoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The profile is back in the coordinators' queue."))
    return redirect(organisation)


# --- Co-managers and invitations ------------------------------------------------------------------------------


@login_required
def organisation_managers(request, slug):
    organisation = permissions.managed_organisation_or_404(request.user, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                user=request.user,
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except DirectoryError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s. The link is valid until %(date)s.")
                % {"email": invitation.email, "date": timezone.localtime(invitation.expires_at).date().isoformat()},
            )
            return redirect("platform_directory:managers", slug=organisation.slug)
    return render(
        request,
        "platform_directory/managers.html",
        {
            "organisation": organisation,
            "memberships": selectors.organisation_managers(organisation),
            "invitations": selectors.open_invitations(organisation),
            "form": form,
        },
    )


@login_required
@require_POST
def membership_remove(request, slug, pk):
    organisation = permissions.managed_organisation_or_404(request.user, slug)
    membership = get_object_or_404(
        OrganisationMembership.objects.select_related("user"), pk=pk, organisation=organisation
    )
    try:
        services.membership_remove(user=request.user, membership=membership)
    except DirectoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(person)s no longer has access to this organisation.") % {"person": membership.user}
        )
        if membership.user_id == request.user.pk:
            return redirect("portal:dashboard")
    return redirect("platform_directory:managers", slug=organisation.slug)


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    organisation = permissions.managed_organisation_or_404(request.user, slug)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    try:
        services.invitation_revoke(user=request.user, invitation=invitation)
    except DirectoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email})
    return redirect("platform_directory:managers", slug=organisation.slug)


@login_required
def invitation_accept(request, token):
    """Show an invitation and accept it; the user must be logged in with the address it was sent to."""
    invitation = Invitation.objects.select_related("organisation", "invited_by").filter(token=token).first()
    error = None
    if request.method == "POST":
        try:
            membership = services.invitation_accept(user=request.user, token=token)
        except DirectoryError as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                _("Welcome: you are now a %(role)s of %(name)s.")
                % {"role": membership.get_role_display(), "name": membership.organisation.name},
            )
            return redirect(membership.organisation)
    elif invitation is None:
        error = _("This invitation link is not valid. Ask the organisation's manager for a new one.")
    elif invitation.accepted_at:
        error = _("This invitation has already been used.")
    elif invitation.revoked_at:
        error = _("This invitation was withdrawn. Ask the organisation's manager for a new one.")
    elif invitation.is_expired:
        error = _("This invitation has expired. Ask the organisation's manager for a new one.")
    elif invitation.email.lower() not in services.user_email_addresses(request.user):
        error = _("This invitation was sent to %(email)s. Log in with that address to accept it.") % {
            "email": invitation.email
        }
    return render(
        request,
        "platform_directory/invitation.html",
        {"invitation": invitation if error is None else None, "error": error},
        status=200 if error is None else 400,
    )


# --- Coordinators: validation ---------------------------------------------------------------------------------


@login_required
@require_safe
def validation_queue(request):
    if not permissions.can_validate_profiles(request.user):
        raise PermissionDenied
    page = Paginator(selectors.validation_queue(), 50).get_page(request.GET.get("page"))
    submitted = [organisation.as_submitted() for organisation in page]
    rows = [(organisation, organisation_floors(organisation)) for organisation in submitted]
    return render(request, "platform_directory/validation_queue.html", {"page_obj": page, "rows": rows})


@login_required
def validation_review(request, slug):
    organisation = permissions.validatable_organisation_or_404(request.user, slug)
    form = RequestChangesForm(request.POST if request.POST.get("action") == "request_changes" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "validate":
                services.organisation_validate(user=request.user, organisation=organisation)
                messages.success(request, _("%(name)s is validated.") % {"name": organisation.name})
                return redirect("platform_directory:validation_queue")
            if action == "request_changes" and form.is_valid():
                services.organisation_request_changes(
                    user=request.user, organisation=organisation, note=form.cleaned_data["note"]
                )
                messages.success(
                    request, _("The managers of %(name)s are asked for changes.") % {"name": organisation.name}
                )
                return redirect("platform_directory:validation_queue")
        except DirectoryError as error:
            messages.error(request, str(error))
    organisation = selectors.organisation_detail_queryset().get(pk=organisation.pk).as_submitted()
    return render(
        request,
        "platform_directory/validation_review.html",
        {
            "organisation": organisation,
            "floors": organisation_floors(organisation),
            "changes": organisation.changes_since_validation(),
            "form": form,
            "managers": selectors.organisation_managers(organisation),
        },
        status=400 if request.method == "POST" else 200,
    )


# --- Partner search: collaboration requests -------------------------------------------------------------------


@login_required
def collaboration_request_create(request, slug):
    recipient = permissions.contactable_organisation_or_404(slug)
    senders = permissions.collaboration_senders(request.user, recipient).order_by("name")
    if not senders.exists():
        if roles.can_manage_organisation(request.user, recipient):
            messages.error(request, _("You cannot send a collaboration request to your own organisation."))
            return redirect(recipient)
        if roles.is_cluster_manager(request.user):
            messages.error(
                request,
                _("You can send collaboration requests once a coordinator has validated your organisation's profile."),
            )
            return redirect(recipient)
        raise PermissionDenied
    form = CollaborationRequestForm(request.POST or None, senders=senders)
    if request.method == "POST" and form.is_valid():
        try:
            collaboration = services.collaboration_request_send(
                user=request.user,
                sender_organisation=form.cleaned_data["sender_organisation"],
                recipient_organisation=recipient,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
            )
        except DirectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your request was sent to the managers of %(name)s.") % {"name": recipient.name}
            )
            return redirect("platform_directory:request_detail", pk=collaboration.pk)
    return render(
        request,
        "platform_directory/request_form.html",
        {"recipient": recipient, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def inbox(request):
    received = selectors.inbox_for(request.user)
    status = request.GET.get("status")
    if status in CollaborationRequest.Status.values:
        received = received.filter(status=status)
    return render(
        request,
        "platform_directory/inbox.html",
        {
            "received": Paginator(received, 25).get_page(request.GET.get("page")),
            "sent": selectors.sent_by(request.user)[:50],
            "status": status,
            "statuses": CollaborationRequest.Status.choices,
            "has_organisation": roles.member_organisations(request.user).exists(),
        },
    )


@login_required
def request_detail(request, pk):
    collaboration = permissions.collaboration_request_or_404(request.user, pk)
    can_answer = permissions.can_answer_request(request.user, collaboration)
    can_withdraw = permissions.can_withdraw_request(request.user, collaboration)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("accept", "decline") and not can_answer:
            raise PermissionDenied
        if action == "withdraw" and not can_withdraw:
            raise PermissionDenied
        if action not in ("accept", "decline", "withdraw"):
            raise Http404
        if form.is_valid():
            try:
                if action == "accept":
                    services.collaboration_request_accept(
                        user=request.user, request=collaboration, message=form.cleaned_data["message"]
                    )
                    messages.success(request, _("Accepted. Both sides now see each other's contact details."))
                elif action == "decline":
                    services.collaboration_request_decline(
                        user=request.user, request=collaboration, message=form.cleaned_data["message"]
                    )
                    messages.success(request, _("Declined. The sender is told."))
                else:
                    services.collaboration_request_withdraw(user=request.user, request=collaboration)
                    messages.success(request, _("Your request is withdrawn."))
            except DirectoryError as error:
                messages.error(request, str(error))
            return HttpResponseRedirect(reverse("platform_directory:request_detail", kwargs={"pk": collaboration.pk}))
    return render(
        request,
        "platform_directory/request_detail.html",
        {
            "collaboration": collaboration,
            "can_answer": can_answer and collaboration.status == CollaborationRequest.Status.PENDING,
            "can_withdraw": can_withdraw and collaboration.status == CollaborationRequest.Status.PENDING,
            "show_contacts": collaboration.status == CollaborationRequest.Status.ACCEPTED,
            "form": form,
            "is_recipient": roles.organisation_role(request.user, collaboration.recipient_organisation) is not None,
        },
    )
