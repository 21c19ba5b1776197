from django.urls import path

from . import views

urlpatterns = [
    path("rotations/", views.rotation_list, name="rotation_list"),
    path("rotations/new/", views.rotation_create, name="rotation_create"),
    path("rotations/<int:pk>/edit/", views.rotation_edit, name="rotation_edit"),
    path("rotations/<int:pk>/delete/", views.record_delete, {"kind": "rotation"}, name="rotation_delete"),
    path("rotations/<int:pk>/lead/", views.rotation_lead, name="rotation_lead"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/delete/", views.record_delete, {"kind": "person"}, name="person_delete"),
]
