"""Where to send the applicant after a form: back to the page it came from, never off-site."""

from django.utils.http import url_has_allowed_host_and_scheme


def next_or(request, fallback: str) -> str:
    """The ``next`` the form carried (POST or query string) when it is a path on this site, else ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback
