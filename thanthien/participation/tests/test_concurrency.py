"""Concurrent attempts by one household to vote twice leave exactly one vote (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from thanthien.participation import decision_services as ds
from thanthien.participation.models import Decision, Vote
from thanthien.participation.tests.factories import DecisionFactory, at, make_households
from thanthien.units.tests.factories import HamletFactory

ATTEMPTS = 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_votes_of_one_household_leave_exactly_one_vote():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL (SQLite serialises writers)")
    hamlet = HamletFactory()
    household = make_households(hamlet, 1)[0]
    decision = DecisionFactory(
        hamlet=hamlet,
        form=Decision.Form.ONLINE_VOTE,
        status=Decision.Status.VOTING,
        opens_at=at(2026, 3, 1),
        closes_at=at(2026, 3, 9),
    )
    start = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def attempt(n: int) -> None:
        try:
            start.wait()
            ds.vote_cast(
                actor=None,
                decision=decision,
                household=household,
                channel="online",
                choice="agree" if n % 2 else "disagree",
                at=at(2026, 3, 2),
                voter_label=f"thread {n}",
            )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert sorted(outcomes) == ["ok"] + ["refused"] * (ATTEMPTS - 1)
    assert Vote.objects.unscoped().filter(decision=decision, household=household).count() == 1
    decision.refresh_from_db()
    assert decision.rules_locked_at is not None
