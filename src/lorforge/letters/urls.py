from django.urls import path

from . import feed_views, views

urlpatterns = [
    path("letters/", views.portfolio, name="letters"),
    path("letters/writers/add/", views.writer_add, name="writer_add"),
    path("letters/writers/<int:pk>/", views.writer_detail, name="writer_detail"),
    path("letters/writers/<int:pk>/edit/", views.writer_edit, name="writer_edit"),
    path("letters/writers/<int:pk>/stage/", views.writer_move, name="writer_move"),
    path("letters/writers/<int:pk>/answer/", views.writer_answer, name="writer_answer"),
    path("letters/writers/<int:pk>/helper.<str:fmt>", views.writer_helper, name="writer_helper"),
    path("letters/writers/<int:pk>/emails/<str:kind>.eml", views.writer_email_eml, name="writer_email_eml"),
    path("letters/writers/<int:pk>/emails/<str:kind>/", views.writer_email, name="writer_email"),
    path("letters/writers/<int:pk>/emails/<str:kind>/sent/", views.writer_email_sent, name="writer_email_sent"),
    path("letters/materials/", views.materials, name="materials"),
    path("letters/materials/<int:pk>/download/", views.material_download, name="material_download"),
    path("letters/materials/<int:pk>/delete/", views.material_delete, name="material_delete"),
    path("letters/programs/add/", views.program_add, name="program_add"),
    path("letters/programs/<int:pk>/delete/", views.program_delete, name="program_delete"),
    path("calendar/<str:feed_token>.ics", feed_views.calendar_feed, name="calendar_feed"),
    path("settings/calendar/new-link/", feed_views.calendar_new_link, name="calendar_new_link"),
    path("digest/unsubscribe/<str:signed>/", feed_views.digest_unsubscribe, name="digest_unsubscribe"),
]
