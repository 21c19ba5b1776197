from django.urls import path

from . import views

urlpatterns = [
    path("today/", views.today, name="today"),
    path("rotations/", views.rotation_list, name="rotation_list"),
    path("rotations/new/", views.rotation_create, name="rotation_create"),
    path("rotations/<int:pk>/", views.rotation_detail, name="rotation_detail"),
    path("rotations/<int:pk>/edit/", views.rotation_edit, name="rotation_edit"),
    path("rotations/<int:pk>/delete/", views.rotation_delete, name="rotation_delete"),
    path("rotations/<int:pk>/lead/", views.rotation_lead, name="rotation_lead"),
    path("rotations/<int:pk>/plan/", views.rotation_plan, name="rotation_plan"),
    path("rotations/<int:pk>/plan.ics", views.rotation_calendar, name="rotation_calendar"),
    path("rotations/<int:pk>/today/", views.rotation_today, name="rotation_today"),
    path("rotations/<int:pk>/checklist/", views.daily_check, name="daily_check"),
    path("rotations/<int:pk>/steps/<slug:checkpoint_id>/done/", views.checkpoint_done, name="checkpoint_done"),
    path("rotations/<int:pk>/steps/<slug:checkpoint_id>/undo/", views.checkpoint_undo, name="checkpoint_undo"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/delete/", views.person_delete, name="person_delete"),
]
