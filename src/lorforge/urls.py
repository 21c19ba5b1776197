from django.urls import include, path

from lorforge.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz/", web_views.healthz, name="healthz"),
    path("", include("lorforge.accounts.urls")),
    path("", include("lorforge.rotations.urls")),
    path("", include("lorforge.evidence.urls")),
    path("", include("lorforge.letters.urls")),
    path("", include("lorforge.planner.urls")),
]
