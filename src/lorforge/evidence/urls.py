from django.urls import path

from . import views

urlpatterns = [
    path("evidence/", views.evidence_list, name="evidence_list"),
    path("evidence/coach/", views.coach_check, name="coach_check"),
    path("evidence/stories/new/", views.entry_edit, {"kind": "story"}, name="story_create"),
    path("evidence/stories/<int:pk>/edit/", views.entry_edit, {"kind": "story"}, name="story_edit"),
    path("evidence/stories/<int:pk>/delete/", views.entry_delete, {"kind": "story"}, name="story_delete"),
    path("evidence/feedback/new/", views.entry_edit, {"kind": "feedback"}, name="feedback_create"),
    path("evidence/feedback/<int:pk>/edit/", views.entry_edit, {"kind": "feedback"}, name="feedback_edit"),
    path("evidence/feedback/<int:pk>/follow-up/", views.feedback_follow_up, name="feedback_follow_up"),
    path("evidence/feedback/<int:pk>/delete/", views.entry_delete, {"kind": "feedback"}, name="feedback_delete"),
    path("evidence/compliments/new/", views.entry_edit, {"kind": "compliment"}, name="compliment_create"),
    path("evidence/compliments/<int:pk>/edit/", views.entry_edit, {"kind": "compliment"}, name="compliment_edit"),
    path("evidence/compliments/<int:pk>/delete/", views.entry_delete, {"kind": "compliment"}, name="compliment_delete"),
    path("rotations/<int:pk>/tasks/", views.rotation_tasks, name="rotation_tasks"),
    path("evidence/tasks/<int:pk>/status/", views.task_status, name="task_status"),
    path("evidence/tasks/<int:pk>/delete/", views.task_delete, name="task_delete"),
    path("evidence/presentations/", views.presentation_list, name="presentation_list"),
    path("evidence/presentations/new/<slug:kind>/", views.presentation_edit, name="presentation_create"),
    path("evidence/presentations/<int:pk>/", views.presentation_edit, name="presentation_edit"),
    path("evidence/presentations/<int:pk>/delete/", views.presentation_delete, name="presentation_delete"),
]
