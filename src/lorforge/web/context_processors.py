"""Template context shared by every page."""

from django.urls import reverse

# (section key, label, url name, path prefix that belongs to the section)
NAV = (
    ("today", "Today", "today", "/today"),
    ("rotations", "Rotations", "rotation_list", "/rotations"),
    ("people", "People", "person_list", "/people"),
    ("evidence", "Evidence", "evidence_list", "/evidence"),
    ("letters", "Letters", "letters", "/letters"),
)


def navigation(request):
    """The main sections, with the current one marked, for signed-in pages."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {
        "nav_items": [
            {"key": key, "label": label, "url": reverse(url_name), "current": request.path.startswith(prefix)}
            for key, label, url_name, prefix in NAV
        ]
    }
