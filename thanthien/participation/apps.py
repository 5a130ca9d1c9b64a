from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "thanthien.participation"
    label = "participation"
