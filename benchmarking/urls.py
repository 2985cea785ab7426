from django.urls import path

from benchmarking import views

app_name = "benchmarking"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/<slug:slug>/", views.organisation_reports, name="organisation_reports"),
    path("organisations/<slug:slug>/learn-from-us/", views.learn_from_us, name="learn_from_us"),
    path("reports/<str:number>/", views.report_detail, name="report"),
    path("reports/<str:number>/pdf/", views.report_pdf, name="report_pdf"),
    path("programme/", views.programme, name="programme"),
    path("programme/export.csv", views.programme_export, name="programme_export"),
    path("programme/recompute/", views.programme_recompute, name="programme_recompute"),
]
