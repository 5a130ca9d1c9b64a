"""Vietnamese first: the browser's Accept-Language header does not choose the language.

Why: Vietnamese is the default language of every page and paper. A citizen on a phone set to
English, or a shared computer at the one-stop, must still see Vietnamese; English is only
shown to someone who picks it with the language switch (stored in the language cookie).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class VietnameseFirstMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
