from django import forms
from django.core.exceptions import ValidationError

from thanthien.core.forms import apply_service_error


class _Form(forms.Form):
    name = forms.CharField()
    access = forms.IntegerField()


class _RuleError(Exception):
    def __init__(self, message, fields):
        super().__init__(message)
        self.fields = fields


def _bound():
    form = _Form({"name": "x", "access": 1})
    form.is_valid()
    return form


def test_validation_error_lands_on_its_field_and_unknown_fields_on_the_form():
    form = _bound()
    apply_service_error(form, ValidationError({"name": ["Tên không hợp lệ."], "other": ["Lỗi khác."]}))
    assert form.errors["name"] == ["Tên không hợp lệ."]
    assert form.non_field_errors() == ["Lỗi khác."]


def test_rule_error_with_dotted_field_and_plain_message():
    form = _bound()
    apply_service_error(form, _RuleError("Từ chối", {"scores.access": ["Điểm từ 1 đến 5."]}))
    assert form.errors["access"] == ["Điểm từ 1 đến 5."]
    form = _bound()
    apply_service_error(form, _RuleError("Không được phép sau 15 giờ.", {}))
    assert form.non_field_errors() == ["Không được phép sau 15 giờ."]
