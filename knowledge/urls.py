from django.urls import path

from knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("my-learning/", views.my_learning, name="my_learning"),
    path("learners/<int:user_id>/", views.learner_profile, name="learner"),
    path("indicators/", views.indicator_lookup, name="indicator_lookup"),
    path("indicators/<str:code>/", views.indicator_modules, name="indicator"),
    path("modules/<slug:slug>/", views.module_detail, name="module"),
    path("modules/<slug:slug>/continue/", views.module_continue, name="module_continue"),
    path("modules/<slug:slug>/quiz/", views.quiz, name="quiz"),
    path("modules/<slug:slug>/lessons/<slug:lesson_slug>/", views.lesson_detail, name="lesson"),
    path("modules/<slug:slug>/lessons/<slug:lesson_slug>/complete/", views.lesson_complete, name="lesson_complete"),
    path("modules/<slug:slug>/lessons/<slug:lesson_slug>/reopen/", views.lesson_reopen, name="lesson_reopen"),
    path("quiz-attempts/<int:pk>/", views.attempt_detail, name="attempt"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<slug:slug>/", views.case_detail, name="case"),
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/propose/", views.programme_propose, name="programme_propose"),
    path("programmes/review/", views.programme_review_queue, name="programme_review"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path("programmes/<int:pk>/decide/", views.programme_decide, name="programme_decide"),
]
