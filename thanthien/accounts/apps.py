from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thanthien.accounts"
    label = "accounts"
