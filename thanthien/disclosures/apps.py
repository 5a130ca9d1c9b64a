from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "thanthien.disclosures"
    label = "disclosures"
