"""Form helpers shared by every app's views."""

from __future__ import annotations

from typing import Any

from django import forms


def apply_service_error(form: forms.Form, error: Any) -> None:
    """Show a service's refusal on the form that caused it.

    Handles Django's ``ValidationError`` (``message_dict`` or ``messages``) and the domain rule
    errors that carry ``fields`` (``{"field": [messages]}``, e.g. ``DossierRuleError``). A message
    for a field the form does not have — or a dotted name such as ``scores.access`` whose last
    part is not a field either — goes to the form's own errors, so nothing is lost.
    """
    fields = getattr(error, "error_dict", None) and error.message_dict
    fields = fields or getattr(error, "fields", None) or {}
    placed = False
    for name, messages in fields.items():
        target = name if name in form.fields else name.rsplit(".", 1)[-1]
        target = target if target in form.fields else None
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            form.add_error(target, str(message))
            placed = True
    if not placed:
        form.add_error(None, " ".join(str(m) for m in getattr(error, "messages", None) or [str(error)]))
