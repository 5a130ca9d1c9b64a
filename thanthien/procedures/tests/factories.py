"""Factories for the procedure catalogue."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from thanthien.core.search import fold_join
from thanthien.procedures.models import Field, Procedure, ProcedureComponent, ProcedureStep


class FieldFactory(DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"linh-vuc-thu-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực thử {n}")
    order = 500


class ProcedureFactory(DjangoModelFactory):
    """A published 1-working-day procedure with one component and steps summing to 8 hours."""

    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"9.{900000 + n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n}")
    field = factory.SubFactory(FieldFactory)
    time_amount = Decimal(1)
    time_measure = "working_days"
    fee_amount = Decimal(0)
    online_level = "none"
    result_type = "Giấy xác nhận"
    is_published = True
    search_text = factory.LazyAttribute(lambda o: fold_join(o.code, o.name, o.field.name))

    @factory.post_generation
    def children(obj, create, extracted, **kwargs):
        if not create:
            return
        ProcedureComponent.objects.create(procedure=obj, order=1, name="Đơn đề nghị theo mẫu")
        ProcedureStep.objects.create(procedure=obj, order=1, name="Tiếp nhận", actor_role="Bộ phận Một cửa", hours=2)
        ProcedureStep.objects.create(procedure=obj, order=2, name="Xử lý", actor_role="Công chức", hours=6)
