from django.apps import AppConfig


class WebConfig(AppConfig):
    """Shared look and feel: base templates, static files, error pages, template tags."""

    name = "lorforge.web"
    label = "web"
