from django.urls import path

from survey import views

app_name = "survey"

urlpatterns = [
    path("", views.survey_list, name="list"),
    # coordinators' builder
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.manage_create, name="manage_create"),
    path("manage/<int:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/settings/", views.manage_edit, name="manage_edit"),
    path("manage/<int:pk>/sections/new/", views.manage_section, name="manage_section_create"),
    path("manage/<int:pk>/sections/<int:section_pk>/", views.manage_section, name="manage_section_edit"),
    path(
        "manage/<int:pk>/sections/<int:section_pk>/delete/", views.manage_section_delete, name="manage_section_delete"
    ),
    path("manage/<int:pk>/questions/new/", views.manage_question, name="manage_question_create"),
    path("manage/<int:pk>/questions/<int:question_pk>/", views.manage_question, name="manage_question_edit"),
    path(
        "manage/<int:pk>/questions/<int:question_pk>/delete/",
        views.manage_question_delete,
        name="manage_question_delete",
    ),
    path("manage/<int:pk>/invitations/", views.manage_invitations, name="manage_invitations"),
    path("manage/<int:pk>/<slug:action>/", views.manage_transition, name="manage_transition"),
    # answering through an invitation link
    path("i/<str:token>/", views.token_start, name="token_start"),
    path("i/<str:token>/answer/<int:step>/", views.answer, name="token_answer"),
    path("i/<str:token>/review/", views.review, name="token_review"),
    path("i/<str:token>/done/", views.done, name="token_done"),
    # answering signed in, and results
    path("<slug:slug>/", views.survey_detail, name="detail"),
    path("<slug:slug>/answer/<int:step>/", views.answer, name="answer"),
    path("<slug:slug>/review/", views.review, name="review"),
    path("<slug:slug>/done/", views.done, name="done"),
    path("<slug:slug>/results/", views.results, name="results"),
    path("<slug:slug>/results/responses.csv", views.results_csv, name="results_csv"),
    path("<slug:slug>/results/responses.xlsx", views.results_xlsx, name="results_xlsx"),
    path("<slug:slug>/summary/", views.summary, name="summary"),
]
