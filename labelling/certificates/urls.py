"""URLs of labels in the world, included under /labels/ in the labelling namespace (stable public URLs:
/labels/, /labels/verify/<token>/, /labels/<number>/badge.svg)."""

from django.urls import path

from labelling.certificates import (
    converters,  # noqa: F401  (label_number, verify_token)
    views,
)

urlpatterns = [
    path("", views.registry, name="registry"),
    path("mine/", views.my_labels, name="my_labels"),
    path("verify/", views.verify_home, name="verify_home"),
    path("verify/<verify_token:token>/", views.verify, name="verify"),
    path("<label_number:number>/", views.label_detail, name="label_detail"),
    path("<label_number:number>/badge.svg", views.badge, name="badge"),
    path("<label_number:number>/manage/", views.label_manage, name="label_manage"),
    path(
        "<label_number:number>/certificate/r<int:revision>.pdf",
        views.certificate_download,
        name="certificate_download",
    ),
    path("<label_number:number>/reissue/", views.certificate_reissue_view, name="certificate_reissue"),
    path(
        "<label_number:number>/status/<str:action>/",
        views.label_status_change,
        name="label_status_change",
    ),
]
