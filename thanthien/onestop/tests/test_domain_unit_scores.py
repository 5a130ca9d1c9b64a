"""Pure rules of the unit-level indicators (no database)."""

import pytest

from thanthien.onestop.domain.unit_scores import (
    FeedbackFacts,
    OneStopFacts,
    OnlineFacts,
    PublicationFacts,
    feedback_points,
    one_stop_points,
    online_points,
    publication_points,
)


def test_one_stop_without_dossiers_has_no_data():
    assert one_stop_points(OneStopFacts(0, 0, 0, 0)) is None
    assert one_stop_points(OneStopFacts(3, 3, 2, 2)) == 2
    assert one_stop_points(OneStopFacts(3, 3, 2, 1)) == 1
    assert one_stop_points(OneStopFacts(3, 2, 2, 1)) == 0


@pytest.mark.parametrize(
    ("posted", "electronic", "published", "timely", "expected"),
    [
        (True, True, 4, True, 2),
        (True, True, 3, True, 1),  # both, but the catalogue is not accurate
        (True, True, 4, False, 1),  # both, but late
        (True, False, 4, True, 1),
        (False, True, 4, True, 1),
        (False, False, 4, True, 0),
    ],
)
def test_publication(posted, electronic, published, timely, expected):
    facts = PublicationFacts(
        procedures_in_force=4, procedures_published=published, posted=posted, electronic=electronic, timely=timely
    )
    assert publication_points(facts) == expected


def test_publication_without_catalogue_has_no_data():
    assert publication_points(PublicationFacts(0, 0, True, True, True)) is None


def test_feedback_none_received_scores_2_but_all_pending_has_no_data():
    assert feedback_points(FeedbackFacts(received=0, considered=0, on_time=0, prolonged=0)) == 2
    assert feedback_points(FeedbackFacts(received=2, considered=0, on_time=0, prolonged=0)) is None
    assert FeedbackFacts(received=5, considered=3, on_time=3, prolonged=0).pending == 2


def test_online_without_catalogue_has_no_data():
    assert online_points(OnlineFacts(0, 0, 10, 5, 0)) is None
    assert online_points(OnlineFacts(5, 1, 10, 3, 0)) == 2
