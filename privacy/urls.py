from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("account/", views.account, name="account"),
    path("account/export/", views.export, name="export"),
    path("account/export/<uuid:export_id>/", views.export_download, name="export_download"),
    path("account/delete/", views.delete, name="delete"),
]
