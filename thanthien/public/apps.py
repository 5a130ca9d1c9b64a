from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "thanthien.public"
    label = "public"
