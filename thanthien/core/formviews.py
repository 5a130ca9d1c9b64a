"""A form handled by a service: the shape most staff form pages share.

GET shows the form; a valid POST calls one service; the service's refusal (a domain exception)
goes back onto the form, next to the field it names; success is said with a message and
answered with a redirect (post/redirect/get). The view still builds the form, names the
service call, the message, the target and the template: the helper only owns the branching.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .forms import apply_service_error


def handle_service_form[T](
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], T],
    *,
    success_message: str | Callable[[T], str],
    redirect_to: str | Callable[[T], str],
    template: str,
    context: Mapping[str, Any],
    refusals: tuple[type[Exception], ...] = (ValidationError,),
) -> HttpResponse:
    """Render ``template`` with ``context``, or on a valid POST run ``call`` and redirect.

    - GET, an unbound form, or an invalid POST: ``render(request, template, context)``; the
      context holds the form itself (a page may show several forms, so the view names them).
    - A valid POST: ``result = call(form.cleaned_data)``. If the call raises one of ``refusals``
      (the service's refusal), the error goes onto ``form`` (``apply_service_error``) and the page
      is rendered again with status 200. Otherwise ``messages.success`` and a redirect.

    ``success_message`` and ``redirect_to`` are either fixed, or functions of the service's result
    (to name the new record's code or page). ``redirect_to`` is anything ``redirect()`` takes.
    Other exceptions (permission, 404) pass through untouched.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except refusals as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, success_message(result) if callable(success_message) else success_message)
            return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
    return render(request, template, context)
