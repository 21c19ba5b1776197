from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "lorforge.planner"
    label = "planner"
