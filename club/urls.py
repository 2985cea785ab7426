from django.urls import path

from club import views

app_name = "club"

urlpatterns = [
    path("", views.home, name="home"),
    path("members-by-country.svg", views.members_chart, name="members_chart"),
    path("apply/", views.apply, name="apply"),
    path("membership/", views.my_membership, name="my_membership"),
    path("membership/renew/", views.renew, name="renew"),
    path("digest/unsubscribe/<str:token>/", views.digest_unsubscribe, name="digest_unsubscribe"),
    path("members/", views.member_list, name="member_list"),
    path("members/<int:pk>/", views.member_detail, name="member_detail"),
    path("members/<int:pk>/contact/", views.member_contact, name="member_contact"),
    path("events/", views.event_list, name="event_list"),
    path("events/feed.ics", views.event_feed, name="event_feed"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("events/<int:pk>/register/", views.event_register, name="event_register"),
    path("events/<int:pk>/unregister/", views.event_unregister, name="event_unregister"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("events/<int:pk>/attendees/", views.event_attendees, name="event_attendees"),
    path("events/<int:pk>/attendees.csv", views.event_attendees_csv, name="event_attendees_csv"),
    path("calendar/<str:token>.ics", views.member_feed, name="member_feed"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/approve/", views.application_approve, name="application_approve"),
    path("applications/<int:pk>/decline/", views.application_decline, name="application_decline"),
    path("announcements/", views.announcement_list, name="announcement_list"),
    path("announcements/new/", views.announcement_create, name="announcement_create"),
    path("announcements/<int:pk>/", views.announcement_detail, name="announcement_detail"),
    path("announcements/<int:pk>/edit/", views.announcement_edit, name="announcement_edit"),
    path("announcements/<int:pk>/delete/", views.announcement_delete, name="announcement_delete"),
]
