from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "lorforge.letters"
    label = "letters"
