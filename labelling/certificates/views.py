"""Pages of labels in the world: the public registry and label pages, verification (by code and by file), the
embeddable badge, and the managers' and coordinators' label page (downloads, embed snippet, re-issue, status)."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from labelling.certificates import permissions, selectors
from labelling.certificates.forms import (
    RegistryFilterForm,
    ReissueForm,
    StatusChangeForm,
    VerifyFileForm,
    VerifyTokenForm,
)
from labelling.certificates.models import CertificateRevision, Label
from labelling.certificates.pdf import verification_url
from labelling.certificates.services import (
    CertificateError,
    certificate_record_verification,
    certificate_reissue,
    label_reinstate,
    label_suspend,
    label_withdraw,
    renewal_window_opens,
    verification_rate_limited,
)
from labelling.certificates.verification_codes import InvalidCode
from labelling.framework.levels import LEVEL_COLOURS

PAGE_SIZE = 25


def _client_ip(request) -> str:
    # REMOTE_ADDR only: a client-supplied X-Forwarded-For would let anyone escape the limit.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _rate_limited_response(request):
    response = render(request, "labelling/registry/rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


def _label_or_404(number: str) -> Label:
    label = selectors.label_by_number(number)
    if label is None:
        raise Http404(_("No label has this number."))
    return label


def _managed_label_or_404(request, number: str) -> Label:
    """The label if the user may see its insiders' page; 404 for everyone else (no hint it exists)."""
    label = _label_or_404(number)
    if not permissions.can_manage_label(request.user, label):
        raise Http404(_("No label has this number."))
    return label


# --- Public --------------------------------------------------------------------------------------------------------


@require_GET
def registry(request):
    """The public registry: current labels by default, with search and filters."""
    form = RegistryFilterForm(request.GET or None)
    filters = (
        form.filters() if request.GET else {"q": "", "level": "", "country": "", "sector": "", "status": "current"}
    )
    page = Paginator(selectors.registry_labels(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(label, selectors.label_public_status(label, today)) for label in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "labelling/registry/list.html",
        {"form": form, "page": page, "rows": rows, "filters": filters, "query": query.urlencode()},
    )


@require_GET
def label_detail(request, number: str):
    """The public page of one label: status in plain words, dates, history, the organisation's other labels."""
    label = _label_or_404(number)
    status = selectors.label_public_status(label)
    others = [other for other in selectors.organisation_label_history(label.organisation_id) if other.pk != label.pk]
    return render(
        request,
        "labelling/registry/detail.html",
        {
            "label": label,
            "status": status,
            "history": selectors.label_history(label),
            "others": others,
            "can_manage": permissions.can_manage_label(request.user, label),
            "badge_url": request.build_absolute_uri(reverse("labelling:badge", kwargs={"number": label.number})),
        },
    )


@require_GET
def verify(request, token: str):
    """What a certificate's QR code opens, and where the code form leads: the label's status now, in plain words.
    `token` is what was typed: the code in any case or grouping, a former token, or the label number. Not one
    of these: the page's own answer (400); none that the portal issued: "we cannot confirm" (404)."""
    if verification_rate_limited(client_ip=_client_ip(request)):
        return _rate_limited_response(request)
    try:
        match = selectors.verification_find(token)
    except InvalidCode as error:
        return render(
            request,
            "labelling/registry/verify_unknown.html",
            {"form": VerifyTokenForm(), "reason": str(error), "typed": token},
            status=400,
        )
    if match is None:
        return render(request, "labelling/registry/verify_unknown.html", {"form": VerifyTokenForm()}, status=404)
    if match.certificate is not None:
        certificate_record_verification(certificate=match.certificate)
    return render(
        request,
        "labelling/registry/verify.html",
        {
            "label": match.label,
            "certificate": match.certificate,
            "status": selectors.label_public_status(match.label),
            "checked_at": timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
def verify_home(request):
    """Check a certificate: type the code printed on it (or paste its address, or type its label number), or
    upload its PDF (compared by SHA-256 with every certificate file the portal issued)."""
    token_form = VerifyTokenForm(request.GET if "token" in request.GET else None)
    if token_form.is_bound and token_form.is_valid():
        return redirect("labelling:verify", token=token_form.cleaned_data["token"])
    file_form = VerifyFileForm()
    result = None
    status_code = 200
    if request.method == "POST":
        if verification_rate_limited(client_ip=_client_ip(request)):
            return _rate_limited_response(request)
        file_form = VerifyFileForm(request.POST, request.FILES)
        if file_form.is_valid():
            result = _verify_file(file_form.cleaned_data["file"])
        else:
            status_code = 400
    return render(
        request,
        "labelling/registry/verify_home.html",
        {"token_form": token_form, "file_form": file_form, "result": result},
        status=status_code,
    )


def _verify_file(upload) -> dict:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    revision = selectors.revision_by_sha256(sha256)
    if revision is None:
        return {"genuine": False, "sha256": sha256}
    certificate = revision.certificate
    certificate_record_verification(certificate=certificate)
    label = selectors.label_by_number(certificate.label.number)
    return {
        "genuine": True,
        "sha256": sha256,
        "revision": revision,
        "superseded": revision.superseded_at is not None,
        "current_revision": certificate.current_revision,
        "label": label,
        "status": selectors.label_public_status(label),
    }


BADGE_STYLES = {
    "valid": None,  # the level's colour
    "not_yet_valid": None,
    "expired": "#6c757d",
    "suspended": "#b35c00",
    "withdrawn": "#b02a37",
}


def _badge_svg(*, left: str, right: str, colour: str, title: str) -> str:
    # Verdana 11px averages about 6.2px a character here; a shields.io-style two-part badge.
    lw = int(len(left) * 6.2) + 16
    rw = int(len(right) * 6.2) + 16
    return render_to_string(
        "labelling/certificate/badge.svg",
        {
            "left": left,
            "right": right,
            "colour": colour,
            "title": title,
            "lw": lw,
            "rw": rw,
            "width": lw + rw,
            "lcx": lw / 2,
            "rcx": lw + rw / 2,
        },
    )


@require_GET
def badge(request, number: str):
    """The embeddable SVG badge: level and valid-until date, or the status once it is no longer valid."""
    label = selectors.label_by_number(number)
    if label is None:
        svg = _badge_svg(
            left=_("Cluster Excellence"), right=_("unknown label"), colour="#6c757d", title=_("Unknown label")
        )
        return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8", status=404)
    status = selectors.label_public_status(label)
    level = label.get_level_display()
    if status.code == "valid":
        right = _("%(level)s · valid until %(date)s") % {"level": level, "date": label.valid_until.isoformat()}
    elif status.code == "not_yet_valid":
        right = _("%(level)s · valid from %(date)s") % {"level": level, "date": label.valid_from.isoformat()}
    else:
        right = _("%(level)s · %(status)s") % {"level": level, "status": status.headline.lower()}
    colour = BADGE_STYLES.get(status.code) or LEVEL_COLOURS.get(label.level, "#1d4e89")
    svg = _badge_svg(
        left=_("Cluster Excellence"),
        right=right,
        colour=colour,
        title=f"{label.organisation.name}: {label.number} – {status.headline}",
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    # Embedded on other sites: always revalidated, so a suspension or withdrawal shows at once.
    response["Cache-Control"] = "no-cache, max-age=0"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


# --- Managers and coordinators -------------------------------------------------------------------------------------


@login_required
@require_GET
def my_labels(request):
    """The labels of the organisations the user manages (coordinators: all), with their certificates."""
    labels = list(selectors.labels_for_user(request.user)[:200])
    today = timezone.localdate()
    rows = [(label, selectors.label_public_status(label, today)) for label in labels]
    return render(request, "labelling/registry/mine.html", {"rows": rows})


@login_required
@require_GET
def label_manage(request, number: str):
    """Insiders' label page: certificate downloads, verification count, badge embed snippet, re-issue, status."""
    label = _managed_label_or_404(request, number)
    certificate = getattr(label, "certificate", None)
    revisions = selectors.certificate_revisions(label)
    badge_url = request.build_absolute_uri(reverse("labelling:badge", kwargs={"number": label.number}))
    public_url = request.build_absolute_uri(reverse("labelling:label_detail", kwargs={"number": label.number}))
    embed = f'<a href="{public_url}"><img src="{badge_url}" alt="{label.get_level_display()} – {label.number}" height="20"></a>'
    return render(
        request,
        "labelling/registry/manage.html",
        {
            "label": label,
            "status": selectors.label_public_status(label),
            "certificate": certificate,
            "revisions": revisions,
            "verify_url": verification_url(certificate.token) if certificate and certificate.current_revision else "",
            "badge_url": badge_url,
            "embed": embed,
            "history": selectors.label_history(label),
            "renewal_from": renewal_window_opens(label),
            "can_reissue": permissions.can_reissue(request.user, label),
            "can_change_status": permissions.can_change_status(request.user, label),
            "reissue_form": ReissueForm(
                initial={"expected_revision": certificate.current_revision if certificate else 1}
            ),
            "status_form": StatusChangeForm(),
        },
    )


@login_required
@require_GET
def certificate_download(request, number: str, revision: int):
    """A certificate PDF, for the organisation's managers and the coordinators only."""
    label = _label_or_404(number)
    if not permissions.can_download_certificate(request.user, label):
        raise Http404(_("No label has this number."))
    entry = CertificateRevision.objects.filter(certificate__label=label, revision=revision).first()
    if entry is None:
        raise Http404(_("This certificate revision does not exist."))
    suffix = f"-r{entry.revision}" if entry.revision > 1 else ""
    return FileResponse(
        entry.file.open("rb"),
        as_attachment=True,
        filename=f"{label.number}{suffix}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def certificate_reissue_view(request, number: str):
    label = _managed_label_or_404(request, number)
    form = ReissueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the new certificate."))
        return redirect("labelling:label_manage", number=label.number)
    try:
        revision = certificate_reissue(
            label=label,
            user=request.user,
            reason=form.cleaned_data["reason"],
            expected_revision=form.cleaned_data["expected_revision"],
        )
    except CertificateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Certificate re-issued as revision %(revision)s; the earlier file still verifies, as superseded.")
            % {"revision": revision.revision},
        )
    return redirect("labelling:label_manage", number=label.number)


STATUS_ACTIONS = {
    "suspend": (label_suspend, _("The label is suspended. Verification and the badge show it now.")),
    "reinstate": (label_reinstate, _("The label is valid again.")),
    "withdraw": (label_withdraw, _("The label is withdrawn. Verification and the badge show it now.")),
}


@login_required
@require_POST
def label_status_change(request, number: str, action: str):
    """A coordinator suspends, reinstates or withdraws a label with a public reason."""
    label = _managed_label_or_404(request, number)
    if action not in STATUS_ACTIONS:
        raise Http404(_("Unknown action."))
    if not permissions.can_change_status(request.user, label):
        raise PermissionDenied(_("Only coordinators suspend, reinstate or withdraw labels."))
    form = StatusChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the public reason (at least a few words): it is shown to anyone who verifies."))
        return redirect("labelling:label_manage", number=label.number)
    service, success = STATUS_ACTIONS[action]
    try:
        service(
            label=label,
            user=request.user,
            public_reason=form.cleaned_data["public_reason"],
            internal_note=form.cleaned_data["internal_note"],
        )
    except CertificateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("labelling:label_manage", number=label.number)
