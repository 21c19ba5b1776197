from django.apps import AppConfig


class RotationsConfig(AppConfig):
    name = "lorforge.rotations"
    label = "rotations"
