from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "lorforge.evidence"
    label = "evidence"
