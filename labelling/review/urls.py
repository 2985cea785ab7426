"""URLs of the review and decision pages, included into the `labelling` namespace by `labelling/urls.py`."""

from django.urls import path

from labelling.review import views

urlpatterns = [
    # Assessors
    path("review/", views.review_queue, name="review_queue"),
    path("review/affiliations/", views.affiliations, name="affiliations"),
    path("review/affiliations/<int:pk>/remove/", views.affiliation_remove, name="affiliation_remove"),
    path("review/<int:pk>/", views.review_assessment, name="review_assessment"),
    path("review/<int:pk>/declare/", views.review_declare, name="review_declare"),
    path("review/<int:pk>/decline/", views.review_decline, name="review_decline"),
    path("review/<int:pk>/recommend/", views.review_recommend, name="review_recommend"),
    path("review/<int:pk>/answers/<int:answer_pk>/<slug:action>/", views.review_answer, name="review_answer"),
    # Managers
    path("review/<int:pk>/questions/", views.assessment_questions, name="assessment_questions"),
    path("review/<int:pk>/questions/<int:answer_pk>/reply/", views.answer_reply, name="answer_reply"),
    path("review/<int:pk>/outcome/", views.assessment_outcome, name="assessment_outcome"),
    # Coordinators
    path("coordination/labels/", views.pipeline, name="pipeline"),
    path("coordination/labels/<int:pk>/assign/", views.assign, name="assign"),
    path(
        "coordination/labels/<int:pk>/assessors/<int:assignment_pk>/remove/",
        views.assignment_remove,
        name="assignment_remove",
    ),
    path("coordination/labels/<int:pk>/decide/", views.decide, name="decide"),
    path("coordination/labels/<int:pk>/appeal/", views.appeal_decide, name="appeal_decide"),
]
