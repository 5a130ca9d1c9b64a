"""``handle_service_form``: GET renders, a valid POST calls the service once, a refusal lands on the
form (no message, no redirect), a success says so and redirects."""

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from thanthien.core.formviews import handle_service_form

TEMPLATE = "formviews/page.html"


@pytest.fixture(autouse=True)
def _page_template(settings):
    """A page that shows what the helper rendered: the form's errors and one context value."""
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            TEMPLATE: "{{ title }}|{% for f, e in form.errors.items %}{{ f }}={{ e|join:',' }};{% endfor %}"
                        },
                    )
                ]
            },
        }
    ]


class _Form(forms.Form):
    title = forms.CharField()
    count = forms.IntegerField(required=False)


class _RuleError(Exception):
    """A domain rule error that names its fields (like ``DossierRuleError``)."""

    def __init__(self, message, fields):
        super().__init__(message)
        self.fields = fields


class _Service:
    """Records its calls; returns ``result`` or raises ``error``."""

    def __init__(self, *, result=None, error=None):
        self.calls, self.result, self.error = [], result, error

    def __call__(self, data):
        self.calls.append(dict(data))
        if self.error is not None:
            raise self.error
        return self.result


def _request(method="get", data=None):
    request = getattr(RequestFactory(), method)("/page/", data or {})
    request._messages = CookieStorage(request)
    return request


def _handle(request, service, **overrides):
    form = _Form(request.POST or None)
    kwargs = {
        "success_message": "Đã lưu.",
        "redirect_to": "/done/",
        "template": TEMPLATE,
        "context": {"form": form, "title": "Trang"},
        **overrides,
    }
    return form, handle_service_form(request, form, service, **kwargs)


def _messages(request):
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_get_renders_the_page_without_calling_the_service():
    request, service = _request(), _Service(result="x")
    form, response = _handle(request, service)
    assert response.status_code == 200
    assert response.content.decode() == "Trang|"
    assert service.calls == [] and _messages(request) == [] and not form.is_bound


def test_post_with_no_data_renders_the_unbound_form_without_errors():
    request, service = _request("post"), _Service(result="x")
    _form, response = _handle(request, service)
    assert response.status_code == 200 and response.content.decode() == "Trang|"
    assert service.calls == []


def test_invalid_post_renders_the_form_errors_and_does_not_call_the_service():
    request, service = _request("post", {"count": "many"}), _Service(result="x")
    _form, response = _handle(request, service)
    body = response.content.decode()
    assert response.status_code == 200 and "title=" in body and "count=" in body
    assert service.calls == [] and _messages(request) == []


def test_success_calls_the_service_once_says_so_and_redirects():
    request, service = _request("post", {"title": "Họp thôn", "count": "3"}), _Service(result="x")
    _form, response = _handle(request, service)
    assert service.calls == [{"title": "Họp thôn", "count": 3}]
    assert response.status_code == 302 and response["Location"] == "/done/"
    assert _messages(request) == [("success", "Đã lưu.")]


def test_success_message_and_target_may_depend_on_the_result():
    request = _request("post", {"title": "Đơn"})
    service = _Service(result=SimpleNamespace(pk=7, code="PA-1"))
    _form, response = _handle(
        request,
        service,
        success_message=lambda r: f"Mã {r.code}",
        redirect_to=lambda r: f"/items/{r.pk}/",
    )
    assert response["Location"] == "/items/7/"
    assert _messages(request) == [("success", "Mã PA-1")]


def test_a_service_refusal_lands_on_the_form_field_with_no_message_and_no_redirect():
    request = _request("post", {"title": "Họp"})
    service = _Service(error=ValidationError({"title": ["Trùng tên."], "other": ["Lỗi chung."]}))
    form, response = _handle(request, service)
    assert response.status_code == 200
    assert form.errors["title"] == ["Trùng tên."] and form.non_field_errors() == ["Lỗi chung."]
    assert "title=Trùng tên.;" in response.content.decode()
    assert len(service.calls) == 1 and _messages(request) == []


def test_a_plain_refusal_goes_to_the_form_itself():
    request = _request("post", {"title": "Họp"})
    form, response = _handle(request, _Service(error=ValidationError("Không được phép.")))
    assert response.status_code == 200 and form.non_field_errors() == ["Không được phép."]


def test_domain_errors_named_in_refusals_are_shown_others_propagate():
    request = _request("post", {"title": "Họp"})
    error = _RuleError("Từ chối", {"count": ["Quá nhiều."]})
    form, response = _handle(request, _Service(error=error), refusals=(_RuleError,))
    assert response.status_code == 200 and form.errors["count"] == ["Quá nhiều."]
    with pytest.raises(_RuleError):  # not a declared refusal: no silent swallowing
        _handle(_request("post", {"title": "Họp"}), _Service(error=error))
    with pytest.raises(PermissionDenied):
        _handle(_request("post", {"title": "Họp"}), _Service(error=PermissionDenied()))
