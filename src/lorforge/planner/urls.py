from django.urls import path

from . import feed_views, views

urlpatterns = [
    path("today/", views.today, name="today"),
    path("rotations/<int:pk>/", views.rotation_detail, name="rotation_detail"),
    path("rotations/<int:pk>/plan/", views.rotation_plan, name="rotation_plan"),
    path("rotations/<int:pk>/plan.ics", views.rotation_calendar, name="rotation_calendar"),
    path("rotations/<int:pk>/today/", views.rotation_today, name="rotation_today"),
    path("rotations/<int:pk>/checklist/", views.daily_check, name="daily_check"),
    path("rotations/<int:pk>/steps/<slug:checkpoint_id>/done/", views.checkpoint_done, name="checkpoint_done"),
    path("rotations/<int:pk>/steps/<slug:checkpoint_id>/undo/", views.checkpoint_undo, name="checkpoint_undo"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("calendar/<str:feed_token>.ics", feed_views.calendar_feed, name="calendar_feed"),
    path("settings/calendar/new-link/", feed_views.calendar_new_link, name="calendar_new_link"),
    path("digest/unsubscribe/<str:signed>/", feed_views.digest_unsubscribe, name="digest_unsubscribe"),
]
