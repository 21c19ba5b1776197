"""bench/run's own URLconf: the app's URLs plus a signed-in baseline view. Never mounted in production."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

_TEMPLATE = engines["django"].from_string("<!doctype html>\n<title>baseline</title>\n<p>{{ request.user.email }}</p>")


@login_required
def baseline(request):
    return HttpResponse(_TEMPLATE.render({"request": request}))


urlpatterns = [path("bench/baseline/", baseline), path("", include("lorforge.urls"))]
