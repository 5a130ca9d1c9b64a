"""Included by the project at ``open311/v2/``."""

from django.urls import path

from .open311 import open311_api

urlpatterns = [path("", open311_api.urls)]
