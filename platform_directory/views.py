from django.shortcuts import get_object_or_404, render

from platform_directory.models import ClusterOrganisation


def organisation_list(request):
    return render(
        request,
        "platform_directory/list.html",
        {"organisations": ClusterOrganisation.objects.filter(is_published=True)[:20]},
    )


def organisation_detail(request, slug):
    return render(
        request,
        "platform_directory/detail.html",
        {"organisation": get_object_or_404(ClusterOrganisation, slug=slug, is_published=True)},
    )
