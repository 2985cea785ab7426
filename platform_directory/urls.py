from django.urls import path

from platform_directory import views

app_name = "platform_directory"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("export.csv", views.organisation_export, name="export"),
    path("new/", views.organisation_create, name="create"),
    path("validation/", views.validation_queue, name="validation_queue"),
    path("validation/<slug:slug>/", views.validation_review, name="validation_review"),
    path("requests/", views.inbox, name="inbox"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("<slug:slug>/resubmit/", views.organisation_resubmit, name="resubmit"),
    path("<slug:slug>/managers/", views.organisation_managers, name="managers"),
    path("<slug:slug>/managers/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("<slug:slug>/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("<slug:slug>/contact/", views.collaboration_request_create, name="contact"),
]
