"""The privacy notice, the account page, the data export and the account deletion."""

from __future__ import annotations

import datetime

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from portal.registry import AccountSection
from privacy import exports, permissions, selectors, services
from privacy.forms import DeleteAccountForm, NameForm
from privacy.models import DataExport
from privacy.sections import sections_for

# The day the notice last changed in substance (shown on it).
NOTICE_UPDATED = datetime.date(2026, 12, 3)


@require_safe
def notice(request):
    return render(
        request,
        "privacy/notice.html",
        {
            "controller": {
                "name": settings.PRIVACY_CONTROLLER_NAME,
                "address": settings.PRIVACY_CONTROLLER_ADDRESS,
                "email": settings.PRIVACY_CONTACT_EMAIL,
                "dpo_email": settings.PRIVACY_DPO_EMAIL,
                "authority": settings.PRIVACY_SUPERVISORY_AUTHORITY,
                "authority_url": settings.PRIVACY_SUPERVISORY_AUTHORITY_URL,
            },
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "export_days": settings.PRIVACY_EXPORT_KEEP_DAYS,
            "log_days": settings.PRIVACY_LOG_RETENTION_DAYS,
            "updated": NOTICE_UPDATED,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account(request):
    data = request.POST if request.method == "POST" else None
    form = NameForm(data, initial={"display_name": request.user.display_name})
    if request.method == "POST" and form.is_valid():
        try:
            services.account_update_name(user=request.user, display_name=form.cleaned_data["display_name"])
        except services.PrivacyError as error:
            form.add_error("display_name", str(error))
        else:
            messages.success(request, _("Your name is saved."))
            return redirect("privacy:account")
    own = [
        AccountSection("name", gettext_lazy("Your name"), "privacy/_section_name.html", {"form": form}, order=10),
        AccountSection(
            "security",
            gettext_lazy("Sign-in and security"),
            "privacy/_section_security.html",
            selectors.account_security(request.user),
            order=20,
        ),
        AccountSection("data", gettext_lazy("Your data"), "privacy/_section_data.html", order=90),
    ]
    return render(request, "privacy/account.html", {"sections": sections_for(request, own)})


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def export(request):
    if request.method == "POST":
        return _export_start(request)
    if request.headers.get("HX-Request"):  # the prepared downloads, polled while one is being built
        return render(request, "privacy/_exports.html", selectors.prepared_exports(request.user))
    return render(request, "privacy/export.html", selectors.export_overview(request.user))


@reauthentication_required
def _export_start(request):
    """Small exports stream at once; larger ones are built by a background job whose progress the page shows."""
    plan = exports.export_plan(request.user)
    if plan.streams:
        services.data_export_record_streamed(user=request.user, plan=plan)
        response = StreamingHttpResponse(
            exports.zip_chunks(exports.export_entries(request.user, plan)), content_type="application/zip"
        )
        response["Content-Disposition"] = f'attachment; filename="{_zip_name()}"'
        response["Cache-Control"] = "no-store"
        return response
    services.data_export_request(user=request.user)
    messages.info(
        request, _("Your export is being prepared. This page shows its progress; you can leave and come back.")
    )
    return redirect("privacy:export")


def _zip_name() -> str:
    return f"cluster-excellence-my-data-{timezone.localdate():%Y-%m-%d}.zip"


@login_required
@never_cache
@require_safe
def export_download(request, export_id):
    export = DataExport.objects.filter(pk=export_id).first()
    if export is None or not permissions.can_download_export(request.user, export) or export.is_expired:
        raise Http404
    if not export.is_ready:
        messages.info(request, _("Your export is not ready yet."))
        return redirect("privacy:export")
    return _export_file(request, export)


@reauthentication_required
def _export_file(request, export: DataExport):
    services.data_export_record_download(export=export, user=request.user)
    response = FileResponse(export.file.open("rb"), as_attachment=True, filename=_zip_name())
    response["Cache-Control"] = "no-store"
    return response


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    blockers = permissions.account_deletion_blockers(request.user)
    if request.method == "POST" and form.is_valid() and not blockers:
        return _delete_confirmed(request, form)
    context = {"form": form, "blockers": blockers, **selectors.deletion_overview(request.user)}
    return render(request, "privacy/delete.html", context)


@reauthentication_required
def _delete_confirmed(request, form):
    try:
        services.account_delete(user=request.user)
    except services.AccountDeletionBlocked as blocked:
        context = {"form": form, "blockers": blocked.blockers, **selectors.deletion_overview(request.user)}
        return render(request, "privacy/delete.html", context, status=409)
    logout(request)
    messages.success(request, _("Your account is deleted. Thank you for having been part of the portal."))
    return redirect("portal:home")
