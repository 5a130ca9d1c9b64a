"""`manage.py verify` / `audit_verify`: clean chain, edited row, removed rows."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thanthien.audit.models import AuditEvent
from thanthien.audit.services import audit_record
from thanthien.units.tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    unit = CommuneFactory()
    return [
        audit_record(actor=None, action="household.created", unit=unit, new={"code": f"HGD-{n}"}) for n in range(1, 6)
    ]


def run(command="verify", **options):
    out = StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


@pytest.mark.parametrize("command", ["verify", "audit_verify"])
def test_clean_chain_verifies(events, command):
    output = run(command, chunk_size=2)
    assert "5 events" in output
    assert events[-1].hash in output


def test_empty_chain_verifies():
    assert "0 events" in run()


def test_edited_row_is_reported_with_its_id(events):
    victim = events[2]
    AuditEvent.objects.unscoped().filter(pk=victim.pk).update(new={"code": "HGD-999"})
    with pytest.raises(CommandError) as failure:
        run()
    message = str(failure.value)
    assert "[altered]" in message
    assert f"#{victim.seq} (id {victim.pk})" in message
    assert "2 events before it are intact" in message


def test_edited_row_rehashed_is_reported(events):
    from thanthien.audit.domain.chain import event_hash
    from thanthien.audit.selectors import _stream_rows

    victim = events[1]
    AuditEvent.objects.unscoped().filter(pk=victim.pk).update(note="forged")
    row = next(r for r in _stream_rows(100, None) if r["id"] == victim.pk)
    AuditEvent.objects.unscoped().filter(pk=victim.pk).update(hash=event_hash(row["prev_hash"], row))
    with pytest.raises(CommandError, match=rf"#{victim.seq} \(id {victim.pk}\) was altered"):
        run()


def test_deleted_middle_row_is_reported(events):
    victim = events[2]
    AuditEvent.objects.unscoped().filter(pk=victim.pk).delete()
    with pytest.raises(CommandError) as failure:
        run()
    message = str(failure.value)
    assert "[removed]" in message
    assert f"#{victim.seq} was removed" in message
    assert f"id {events[1].pk} and id {events[3].pk}" in message


def test_deleted_last_row_is_reported(events):
    victim = events[-1]
    AuditEvent.objects.unscoped().filter(pk=victim.pk).delete()
    with pytest.raises(CommandError) as failure:
        run()
    message = str(failure.value)
    assert "[tail_removed]" in message
    assert f"#{victim.seq} (id {victim.pk}) was removed" in message


def test_row_inserted_around_the_service_is_reported(events):
    last = events[-1]
    AuditEvent.objects.unscoped().create(
        seq=last.seq + 1, at=last.at, action="forged.insert", prev_hash=last.hash, hash="f" * 64
    )
    with pytest.raises(CommandError, match=r"\[(altered|unsealed)\]"):
        run()


def test_command_line_exits_with_status_1_and_names_the_event(events, capsys):
    from django.core.management import execute_from_command_line

    AuditEvent.objects.unscoped().filter(pk=events[0].pk).update(note="x")
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "verify"])
    assert exit_info.value.code == 1
    assert f"(id {events[0].pk}) was altered" in capsys.readouterr().err
