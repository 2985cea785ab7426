"""Pages of the self-assessment: starting an assessment, answers, evidence, Silver improvements, submitting."""

from django.urls import path

from labelling.selfassessment import views

urlpatterns = [
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/start/", views.assessment_start, name="assessment_start"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/requirements/", views.assessment_requirements, name="assessment_requirements"),
    path("assessments/<int:pk>/dimensions/<int:number>/", views.dimension, name="dimension"),
    path("assessments/<int:pk>/answers/<int:answer_pk>/", views.answer_save, name="answer_save"),
    path("assessments/<int:pk>/answers/<int:answer_pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("assessments/<int:pk>/answers/<int:answer_pk>/attach/", views.evidence_attach, name="evidence_attach"),
    path(
        "assessments/<int:pk>/answers/<int:answer_pk>/evidence/<int:document_pk>/remove/",
        views.evidence_detach,
        name="evidence_detach",
    ),
    path("assessments/<int:pk>/documents/", views.documents, name="documents"),
    path("assessments/<int:pk>/improvements/", views.improvements, name="improvements"),
    path(
        "assessments/<int:pk>/improvements/<int:declaration_pk>/remove/",
        views.improvement_remove,
        name="improvement_remove",
    ),
    path("assessments/<int:pk>/submit/", views.assessment_submit, name="assessment_submit"),
    path("assessments/<int:pk>/withdraw/", views.assessment_withdraw, name="assessment_withdraw"),
    path("evidence/<int:document_pk>/download/", views.document_download, name="document_download"),
]
