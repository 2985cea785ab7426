"""Pages of the benchmarking area. Thin: permissions in permissions.py, reads in selectors.py and report.py,
writes in services.py."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from benchmarking import charts, permissions, selectors, services
from benchmarking.forms import LearnFromUsForm, PeerGroupForm
from benchmarking.models import MIN_PEERS, OUTER_PERCENTILES_MIN_PEERS, BenchmarkReport, GroupKind, LearnFromUsOptIn
from benchmarking.report import report_context
from benchmarking.statistics import TOTAL, dimension_metric
from portal import exports, roles
from portal.models import TaskRun

PERCENT_TICKS = {v: f"{v} %" for v in range(0, 101, 20)}


@require_safe
def home(request):
    """What benchmarking is, my organisations' reports, and the public aggregate statistics of a peer group."""
    groups = selectors.available_groups()
    form = PeerGroupForm(request.GET or None, groups=groups)
    kind, key = GroupKind.ALL, ""
    if form.is_bound and form.is_valid():
        kind, key = form.selected()
    figures = selectors.public_statistics(kind=kind, key=key)
    indicators = selectors.framework_indicators()
    rows = [(info, figures["statistics"].get(info.code)) for info in indicators]
    my_reports, without_report = [], []
    if request.user.is_authenticated:
        organisations = roles.member_organisations(request.user)
        my_reports = selectors.latest_reports(organisations)
        with_report = {r.organisation_id for r in my_reports}
        without_report = [o for o in organisations.order_by("name") if o.pk not in with_report]
    return render(
        request,
        "benchmarking/home.html",
        {
            "form": form,
            "figures": figures,
            "group_label": selectors.group_label(kind, key),
            "rows": rows,
            "score_rows": _score_rows(figures["statistics"], indicators),
            "my_reports": my_reports,
            "without_report": without_report,
            "min_peers": MIN_PEERS,
            "outer_min_peers": OUTER_PERCENTILES_MIN_PEERS,
        },
    )


def _score_rows(statistics, indicators):
    names = {}
    for info in indicators:
        names.setdefault(info.dimension, info.dimension_name)
    rows = [(_("Total score"), statistics.get(TOTAL))]
    rows += [(f"{n} {name}", statistics.get(dimension_metric(n))) for n, name in sorted(names.items())]
    return rows


@login_required
@require_safe
def organisation_reports(request, slug):
    """An organisation's benchmark reports, newest first, or what to do to get one."""
    organisation = permissions.organisation_for_reports_or_404(request.user, slug)
    reports = list(BenchmarkReport.objects.filter(organisation=organisation).order_by("-created_at", "-id"))
    return render(
        request,
        "benchmarking/organisation_reports.html",
        {
            "organisation": organisation,
            "reports": reports,
            "can_manage": permissions.can_manage_learn_from_us(request.user, organisation),
            "opt_in_count": LearnFromUsOptIn.objects.filter(organisation=organisation).count(),
        },
    )


@login_required
@require_safe
def report_detail(request, number):
    report = permissions.report_or_404(request.user, number)
    context = report_context(report)
    context["can_manage"] = permissions.can_manage_learn_from_us(request.user, report.organisation)
    return render(request, "benchmarking/report.html", context)


@login_required
@require_safe
def report_pdf(request, number):
    report = permissions.report_or_404(request.user, number)
    content = services.benchmark_report_pdf(report=report, request=request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="benchmark-report-{report.number}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def learn_from_us(request, slug):
    """The managers choose the indicators on which their organisation may be named to peers who can learn."""
    organisation = permissions.organisation_for_learn_from_us_or_404(request.user, slug)
    indicators = selectors.framework_indicators()
    choices = [(i.code, f"{i.code} {i.name}") for i in indicators]
    current = sorted(
        LearnFromUsOptIn.objects.filter(organisation=organisation).values_list("indicator_code", flat=True)
    )
    form = LearnFromUsForm(request.POST or None, choices=choices, initial={"indicators": current})
    if request.method == "POST" and form.is_valid():
        try:
            added, removed = services.learn_from_us_set(
                organisation=organisation,
                codes=form.cleaned_data["indicators"],
                user=request.user,
                valid_codes=[c for c, _label in choices],
            )
        except services.BenchmarkingError as error:
            form.add_error(None, str(error))
        else:
            if added or removed:
                messages.success(request, _("Your “learn from us” choice is saved."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("benchmarking:learn_from_us", slug=organisation.slug)
    latest = BenchmarkReport.objects.filter(organisation=organisation).order_by("-created_at", "-id").first()
    colours = {i["code"]: i.get("colour") for i in (latest.data.get("indicators", []) if latest else [])}
    return render(
        request,
        "benchmarking/learn_from_us.html",
        {
            "organisation": organisation,
            "form": form,
            "indicators": [(i, colours.get(i.code)) for i in indicators],
            "selected": set(form["indicators"].value() or []),
        },
    )


@login_required
@require_safe
def programme(request):
    """Coordinators: the distribution of scores over all organisations, by country and by sector."""
    permissions.require_programme(request.user)
    snapshot = selectors.latest_snapshot()
    stats = selectors.programme_statistics(snapshot=snapshot)

    def box_rows(kind):
        return [
            charts.BoxRow(
                label=f"{label} ({n})",
                n=n,
                p10=s.p10 if s else None,
                q1=s.q1 if s else None,
                median=s.median if s else None,
                q3=s.q3 if s else None,
                p90=s.p90 if s else None,
                mean=s.mean if s else None,
            )
            for _key, label, s, n in stats[kind]
        ]

    run = TaskRun.objects.filter(name=services.RECOMPUTE_JOB).order_by("-created_at").first()
    return render(
        request,
        "benchmarking/programme.html",
        {
            "snapshot": snapshot,
            "stats": stats,
            "histogram": charts.histogram_chart(counts=snapshot.histogram) if snapshot and snapshot.histogram else "",
            "by_country": charts.box_chart(
                rows=box_rows(GroupKind.COUNTRY),
                domain=(0, 100),
                axis_labels=PERCENT_TICKS,
                title=_("Total score by country"),
            )
            if stats[GroupKind.COUNTRY]
            else "",
            "by_sector": charts.box_chart(
                rows=box_rows(GroupKind.SECTOR),
                domain=(0, 100),
                axis_labels=PERCENT_TICKS,
                title=_("Total score by sector"),
                label_width=240,
            )
            if stats[GroupKind.SECTOR]
            else "",
            "run": run,
            "min_peers": MIN_PEERS,
        },
    )


@login_required
@require_POST
def programme_recompute(request):
    """Coordinators start a full recomputation; a second request while one runs joins the running one."""
    permissions.require_programme(request.user)
    services.peer_statistics_request_recompute(user=request.user)
    messages.info(request, _("The recomputation has started; its progress shows below."))
    return redirect("benchmarking:programme")


EXPORT_FIGURES = ("p10", "q1", "median", "q3", "p90", "mean")


@login_required
@require_safe
def programme_export(request):
    """The programme's score statistics per country and sector as CSV (groups below 5 without figures)."""
    permissions.require_programme(request.user)
    return exports.csv_response(
        _programme_export_rows(selectors.latest_snapshot()),
        filename=f"benchmark-programme-{timezone.localdate():%Y-%m-%d}.csv",
    )


def _programme_export_rows(snapshot):
    yield ["group", "key", "label", "metric", "organisations", *EXPORT_FIGURES, "computed"]
    if snapshot is None:
        return
    for stat in (
        snapshot.statistics.filter(group_kind__in=[GroupKind.ALL, GroupKind.COUNTRY, GroupKind.SECTOR])
        .filter(metric__in=[TOTAL, *(dimension_metric(n) for n in range(1, 10))])
        .order_by("group_kind", "group_key", "metric")
    ):
        figures = (
            [_two_decimals(getattr(stat, figure)) for figure in EXPORT_FIGURES]
            if stat.is_shown
            else [None] * len(EXPORT_FIGURES)
        )
        yield [
            stat.group_kind,
            stat.group_key,
            selectors.group_label(stat.group_kind, stat.group_key),
            stat.metric,
            stat.n,
            *figures,
            snapshot.computed_at.isoformat(),
        ]


def _two_decimals(value: float | None) -> Decimal | None:
    """A figure as a number written with two decimals (50.00)."""
    return None if value is None else Decimal(f"{value:.2f}")
