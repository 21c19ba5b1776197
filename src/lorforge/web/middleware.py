"""Response headers every page needs."""

from __future__ import annotations

from django.utils.cache import patch_cache_control


class PrivateCacheMiddleware:
    """Nothing personal is kept by a browser, a shared computer or a proxy.

    Every response to a signed-in user, and every download (an ``attachment``: the export, a calendar,
    an uploaded CV), says ``Cache-Control: no-store, private``. Static files keep their long cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        download = "attachment" in response.get("Content-Disposition", "")
        if signed_in or download:
            patch_cache_control(response, private=True, no_store=True)  # "public" and "max-age" make no sense
            for directive in ("public", "max-age", "s-maxage"):
                _drop_directive(response, directive)
            response.headers.pop("Last-Modified", None)
            response.headers.pop("ETag", None)
        return response


def _drop_directive(response, directive: str) -> None:
    parts = [p.strip() for p in response.get("Cache-Control", "").split(",") if p.strip()]
    kept = [p for p in parts if p.split("=")[0].strip().lower() != directive]
    if kept != parts:
        response["Cache-Control"] = ", ".join(kept)
