from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lorforge.accounts"
    label = "accounts"
