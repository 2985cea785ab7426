from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("coordination/", views.coordination, name="coordination"),
    path("jobs/<uuid:run_id>/", views.task_status, name="task_status"),
]
