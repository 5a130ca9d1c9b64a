"""Clock and calendar services: due dates, pauses, restarts, recompute, sweep, permissions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from thanthien.clocks import services
from thanthien.clocks.domain.sources import ANNOUNCED_SWAPS
from thanthien.clocks.events import register_clock_listener, unregister_clock_listener
from thanthien.clocks.models import CalendarOverride, Clock, WorkingTimeRule
from thanthien.clocks.selectors import bump_calendar_version, calendar_for_range, clock_list

from .factories import at, make_clock

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def audit_calls(monkeypatch):
    calls = []

    def record(**kwargs):
        calls.append(kwargs)

    monkeypatch.setattr(services, "audit_record", record)
    return calls


# ---- seed data ----------------------------------------------------------------------------------


def test_migration_seeds_the_announced_swaps_with_their_legal_basis():
    rows = {(r.date, r.kind, r.name, r.legal_basis) for r in CalendarOverride.objects.all()}
    assert rows == {(o.day, str(o.kind), o.name, o.legal_basis) for o in ANNOUNCED_SWAPS}
    assert all(r.legal_basis for r in CalendarOverride.objects.all())


def test_migration_seeds_default_office_hours():
    rule = WorkingTimeRule.objects.get()
    assert (rule.morning_start, rule.afternoon_end, rule.hours_per_day, rule.receipt_cutoff) == (
        dt.time(7, 30),
        dt.time(17, 30),
        8,
        dt.time(15),
    )


def test_database_calendar_answers_the_issue_examples():
    calendar = calendar_for_range(2024, 2026)
    assert calendar.add_working_days(D(2024, 4, 26), 1) == D(2024, 5, 2)
    assert calendar.add_working_days(D(2024, 5, 3), 1) == D(2024, 5, 4)


# ---- clocks ---------------------------------------------------------------------------------------


def test_clock_start_computes_due_original_and_warning(commune_a, officer_a, audit_calls):
    clock = services.clock_start(
        actor=officer_a,
        unit=commune_a,
        kind="dossier.processing",
        started_at=at(2024, 4, 26, 16),
        amount=1,
        measure="working_days",
        receipt_cutoff=True,
        subject_label="Hồ sơ 001",
    )
    clock.refresh_from_db()
    # Received Friday 16:00 before the 27/4–1/5 break: deemed received Thu 2/5; day 1 is Fri 3/5.
    assert clock.due_date == D(2024, 5, 3)
    assert clock.due_at == at(2024, 5, 4)
    assert clock.original_due_at == clock.due_at
    assert clock.warn_at == at(2024, 5, 2)
    assert clock.status == Clock.Status.RUNNING
    assert audit_calls[-1]["action"] == "clock.started"


def test_clock_start_refuses_a_unit_outside_the_actor_scope(commune_b, officer_a):
    with pytest.raises(PermissionDenied):
        make_clock_for(officer_a, commune_b)


def make_clock_for(actor, unit):
    return services.clock_start(
        actor=actor, unit=unit, kind="x", started_at=at(2024, 6, 3, 9), amount=1, measure="working_days"
    )


def test_clock_start_refuses_naive_datetimes(commune_a):
    with pytest.raises(ValidationError):
        services.clock_start(
            actor=None,
            unit=commune_a,
            kind="x",
            started_at=dt.datetime(2024, 6, 3, 9),
            amount=1,
            measure="working_days",
        )


def test_officer_sees_only_own_commune_clocks(commune_a, commune_b, officer_a):
    mine = make_clock(commune_a)
    make_clock(commune_b)
    assert list(clock_list(actor=officer_a)) == [mine]


def test_pause_and_resume_keep_what_was_left(commune_a, officer_a):
    clock = make_clock(commune_a, started_at=at(2024, 6, 3, 9), amount=5)  # due Mon 10/6
    assert clock.due_date == D(2024, 6, 10)
    services.clock_pause(actor=officer_a, clock=clock, at=at(2024, 6, 5, 10))  # Wed: Thu, Fri, Mon left
    assert clock.paused_units == 3
    services.clock_resume(actor=officer_a, clock=clock, at=at(2024, 6, 12, 10))  # a week later
    clock.refresh_from_db()
    assert clock.status == Clock.Status.RUNNING
    assert clock.due_date == D(2024, 6, 17)
    assert clock.original_due_at == at(2024, 6, 11)  # the original end is kept for reporting


def test_pause_is_refused_outside_the_scope(commune_a, officer_b):
    clock = make_clock(commune_a)
    with pytest.raises(PermissionDenied):
        services.clock_pause(actor=officer_b, clock=clock, at=at(2024, 6, 4, 9))


def test_restart_counts_from_zero_and_clears_marks(commune_a, officer_a):
    clock = make_clock(commune_a, started_at=at(2024, 6, 3, 9), amount=5)
    services.clocks_mark_due(now=at(2024, 6, 20))
    clock.refresh_from_db()
    assert clock.overdue_notified_at is not None
    services.clock_restart(actor=officer_a, clock=clock, at=at(2024, 6, 20, 9))
    clock.refresh_from_db()
    assert clock.due_date == D(2024, 6, 27)
    assert clock.original_due_at == at(2024, 6, 28)
    assert clock.restart_count == 1
    assert clock.overdue_notified_at is None and clock.warned_at is None


def test_extension_moves_the_end_and_keeps_the_original(commune_a, officer_a):
    clock = make_clock(commune_a, started_at=at(2024, 6, 3, 9), amount=5)
    original = clock.original_due_at
    services.clock_extend(actor=officer_a, clock=clock, until=D(2024, 6, 14), reason="Phiếu xin lỗi và hẹn lại")
    clock.refresh_from_db()
    assert clock.due_date == D(2024, 6, 14) and clock.due_at == at(2024, 6, 15)
    assert clock.original_due_at == original
    assert clock.is_extended
    with pytest.raises(ValidationError):
        services.clock_extend(actor=officer_a, clock=clock, until=D(2024, 6, 13), reason="Sớm hơn")


@pytest.mark.parametrize(
    ("finished", "timeliness"),
    [(at(2024, 6, 7, 10), "early"), (at(2024, 6, 10, 16), "on_time"), (at(2024, 6, 11, 8), "late")],
)
def test_stop_classifies_early_on_time_late(commune_a, officer_a, finished, timeliness):
    clock = make_clock(commune_a, started_at=at(2024, 6, 3, 9), amount=5)  # due Mon 10/6
    services.clock_stop(actor=officer_a, clock=clock, at=finished)
    clock.refresh_from_db()
    assert (clock.status, clock.timeliness, clock.original_timeliness) == ("done", timeliness, timeliness)
    with pytest.raises(ValidationError):
        services.clock_stop(actor=officer_a, clock=clock, at=finished)


def test_working_hours_clock(commune_a):
    clock = make_clock(
        commune_a, started_at=at(2024, 6, 3, 15, 30), amount=8, measure=Clock.Measure.WORKING_HOURS, receipt_cutoff=True
    )
    assert clock.due_at == at(2024, 6, 4, 17, 30)
    assert clock.warn_at == at(2024, 6, 4, 7, 30)  # the last working day's worth of hours


# ---- recompute when the calendar changes --------------------------------------------------------


def test_running_clock_moves_when_an_override_changes(commune_a, superuser, django_capture_on_commit_callbacks):
    clock = make_clock(commune_a, started_at=at(2026, 8, 20, 10), amount=2)
    assert clock.due_date == D(2026, 8, 22)  # Fri 21/8, then the make-up Saturday 22/8
    finished = make_clock(commune_a, started_at=at(2026, 8, 20, 10), amount=2)
    services.clock_stop(actor=None, clock=finished, at=at(2026, 8, 21, 10))

    with django_capture_on_commit_callbacks(execute=True):
        services.calendar_override_delete(actor=superuser, override=CalendarOverride.objects.get(date=D(2026, 8, 22)))
    clock.refresh_from_db()
    assert clock.due_date == D(2026, 8, 24)

    with django_capture_on_commit_callbacks(execute=True):
        services.calendar_override_save(
            actor=superuser, date=D(2026, 8, 24), kind="day_off", name="Nghỉ đột xuất", legal_basis="Quyết định thử"
        )
    clock.refresh_from_db()
    assert clock.due_date == D(2026, 8, 25)
    assert clock.original_due_at == at(2026, 8, 26)
    finished.refresh_from_db()
    assert finished.due_date == D(2026, 8, 22)  # finished clocks keep their history


def test_recompute_clears_a_warning_when_the_end_moves_away(commune_a):
    clock = make_clock(commune_a, started_at=at(2026, 8, 17, 10), amount=2)  # due Wed 19/8, warn from Tue 18/8
    services.clocks_mark_due(now=at(2026, 8, 18, 9))
    clock.refresh_from_db()
    assert clock.warned_at == at(2026, 8, 18, 9)
    assert services.clocks_recompute_open(now=at(2026, 8, 18, 9, 5)) == 0
    clock.refresh_from_db()
    assert clock.warned_at is not None  # nothing moved: the mark stays
    # An unplanned day off today (e.g. a storm), entered by another process.
    CalendarOverride.objects.create(date=D(2026, 8, 18), kind="day_off", name="Nghỉ do bão", legal_basis="Công điện")
    bump_calendar_version()
    assert services.clocks_recompute_open(now=at(2026, 8, 18, 9, 10)) == 1
    clock.refresh_from_db()
    assert clock.due_date == D(2026, 8, 20)
    assert clock.warn_at == at(2026, 8, 19)
    assert clock.warned_at is None  # the sweep warns again from Wed 19/8


def test_listeners_hear_moves_and_marks(commune_a, django_capture_on_commit_callbacks):
    heard = []

    def listener(clock, event):
        heard.append((clock.pk, event))

    register_clock_listener("test.", listener)
    try:
        clock = make_clock(commune_a, started_at=at(2024, 6, 3, 9), amount=1)
        with django_capture_on_commit_callbacks(execute=True):
            services.clocks_mark_due(now=at(2024, 6, 10))
        assert heard == [(clock.pk, "overdue")]
    finally:
        unregister_clock_listener("test.", listener)


def test_calendar_version_lets_every_worker_see_a_change():
    calendar = calendar_for_range(2026, 2026)
    assert calendar.is_working_day(D(2026, 8, 22))
    CalendarOverride.objects.filter(date=D(2026, 8, 22)).delete()  # another process changed the table
    assert calendar_for_range(2026, 2026) is calendar  # same version: the cached object is reused
    bump_calendar_version()
    assert not calendar_for_range(2026, 2026).is_working_day(D(2026, 8, 22))


# ---- sweep ----------------------------------------------------------------------------------------


def _marks():
    return list(Clock.objects.unscoped().order_by("pk").values_list("pk", "warned_at", "overdue_notified_at"))


def test_sweep_marks_warned_and_overdue_once(commune_a):
    overdue = make_clock(commune_a, started_at=at(2024, 6, 3, 9), amount=1)  # due Tue 4/6
    near = make_clock(commune_a, started_at=at(2024, 6, 4, 9), amount=2)  # due Thu 6/6, warn from Wed 5/6
    far = make_clock(commune_a, started_at=at(2024, 6, 4, 9), amount=10)
    now = at(2024, 6, 5, 8)
    assert services.clocks_mark_due(now=now) == {"overdue": 1, "warned": 1}
    first = _marks()
    assert services.clocks_mark_due(now=now) == {"overdue": 0, "warned": 0}
    assert services.clocks_mark_due(now=now + dt.timedelta(minutes=5)) == {"overdue": 0, "warned": 0}
    assert _marks() == first
    overdue.refresh_from_db(), near.refresh_from_db(), far.refresh_from_db()
    assert overdue.overdue_notified_at == now and overdue.warned_at == now
    assert near.warned_at == now and near.overdue_notified_at is None
    assert far.warned_at is None and far.overdue_notified_at is None


def test_sweep_command_runs_registered_sweeps_idempotently(commune_a):
    make_clock(commune_a, started_at=at(2024, 6, 3, 9), amount=1)
    from io import StringIO

    out = StringIO()
    call_command("sweep", "--now", "2024-06-10T09:00:00+07:00", stdout=out)
    assert "clocks.due: {'overdue': 1, 'warned': 0}" in out.getvalue()
    first = _marks()
    out = StringIO()
    call_command("sweep", "--now", "2024-06-10T09:00:00+07:00", stdout=out)
    assert "clocks.due: {'overdue': 0, 'warned': 0}" in out.getvalue()
    assert _marks() == first


def test_sweep_ignores_paused_and_finished_clocks(commune_a):
    paused = make_clock(commune_a, started_at=at(2024, 6, 3, 9), amount=1)
    services.clock_pause(actor=None, clock=paused, at=at(2024, 6, 3, 10))
    done = make_clock(commune_a, started_at=at(2024, 6, 3, 9), amount=1)
    services.clock_stop(actor=None, clock=done, at=at(2024, 6, 3, 11))
    assert services.clocks_mark_due(now=at(2024, 7, 1)) == {"overdue": 0, "warned": 0}


# ---- calendar administration --------------------------------------------------------------------


def test_officer_cannot_change_the_calendar(officer_a):
    with pytest.raises(PermissionDenied):
        services.calendar_override_save(
            actor=officer_a, date=D(2026, 12, 31), kind="day_off", name="x", legal_basis="y"
        )
    with pytest.raises(PermissionDenied):
        services.calendar_override_delete(actor=officer_a, override=CalendarOverride.objects.first())


def test_administrator_override_is_audited(administrator, audit_calls):
    row = services.calendar_override_save(
        actor=administrator,
        date=D(2027, 1, 2),
        kind="day_off",
        name="Nghỉ hoán đổi",
        legal_basis="Thông báo của Bộ Nội vụ",
    )
    assert audit_calls[-1]["action"] == "calendar.override_created"
    assert audit_calls[-1]["new"]["date"] == "2027-01-02"
    services.calendar_override_save(
        actor=administrator, override=row, date=row.date, kind="day_off", name="Đổi tên", legal_basis="Thông báo"
    )
    assert audit_calls[-1]["action"] == "calendar.override_updated"
    assert audit_calls[-1]["old"]["name"] == "Nghỉ hoán đổi"


@pytest.mark.parametrize(
    ("date", "kind", "name", "basis", "field"),
    [
        (D(2024, 5, 4), "day_off", "Trùng", "Căn cứ", "date"),
        (D(2027, 1, 2), "holiday", "Sai loại", "Căn cứ", "kind"),
        (D(2027, 1, 2), "day_off", " ", "Căn cứ", "name"),
        (D(2027, 1, 2), "day_off", "Thiếu căn cứ", "", "legal_basis"),
    ],
)
def test_override_validation(superuser, date, kind, name, basis, field):
    with pytest.raises(ValidationError) as exc:
        services.calendar_override_save(actor=superuser, date=date, kind=kind, name=name, legal_basis=basis)
    assert field in exc.value.message_dict


def test_working_time_rule_must_add_up_to_hours_per_day(superuser):
    with pytest.raises(ValidationError) as exc:
        services.working_time_rule_save(
            actor=superuser,
            effective_from=D(2027, 1, 1),
            morning_start=dt.time(7),
            morning_end=dt.time(11),
            afternoon_start=dt.time(13),
            afternoon_end=dt.time(16),
            hours_per_day=8,
            receipt_cutoff=dt.time(15),
            legal_basis="Quyết định thử",
        )
    assert "hours_per_day" in exc.value.message_dict


def test_new_working_time_rule_changes_working_hour_clocks(commune_a, superuser, django_capture_on_commit_callbacks):
    clock = make_clock(commune_a, started_at=at(2027, 1, 4, 7, 30), amount=8, measure=Clock.Measure.WORKING_HOURS)
    assert clock.due_at == at(2027, 1, 4, 17, 30)
    with django_capture_on_commit_callbacks(execute=True):
        services.working_time_rule_save(
            actor=superuser,
            effective_from=D(2027, 1, 1),
            morning_start=dt.time(7),
            morning_end=dt.time(11),
            afternoon_start=dt.time(13),
            afternoon_end=dt.time(17),
            hours_per_day=8,
            receipt_cutoff=dt.time(15),
            legal_basis="Quyết định thử về giờ làm việc",
        )
    clock.refresh_from_db()
    assert clock.due_at == at(2027, 1, 5, 7, 30)  # 07:30–11:00, 13:00–17:00 = 7.5 h, then 0.5 h Tuesday


def test_last_working_time_rule_cannot_be_deleted(superuser):
    with pytest.raises(ValidationError):
        services.working_time_rule_delete(actor=superuser, rule=WorkingTimeRule.objects.get())


def test_calendar_change_lands_in_the_real_audit_trail(superuser):
    from thanthien.audit.models import AuditEvent

    services.calendar_override_save(
        actor=superuser, date=D(2027, 1, 2), kind="day_off", name="Nghỉ hoán đổi", legal_basis="Thông báo"
    )
    event = AuditEvent._base_manager.get(action="calendar.override_created")
    assert event.actor == superuser
    assert event.new["legal_basis"] == "Thông báo"


def test_one_cached_calendar_grows_to_cover_far_years():
    near = calendar_for_range(2024, 2026)
    far = calendar_for_range(2090, 2095)
    assert far.covers(D(2095, 12, 31)) and far.covers(D(2024, 1, 1))
    assert calendar_for_range(2024, 2026) is far  # the grown calendar serves the near years too
    assert near is not far
