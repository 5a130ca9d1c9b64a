"""Writes on dossiers (hồ sơ): reception, every lifecycle transition, hand-offs, the apology.

Every service is keyword-only with the actor first, checks permission, validates against the
rules in ``domain/`` (:func:`~thanthien.dossiers.domain.status.check_transition` first, so an
illegal action changes nothing), writes inside ``transaction.atomic()`` under a row lock and
records one audit event. The HTML pages and the API call these same functions.

One module per use case; import from this package (``from thanthien.dossiers import services``),
which re-exports the public names:

* :mod:`.intake` — a new dossier at the counter, by post or online; the reception (Mẫu 01);
* :mod:`.numbering` — the dossier code, tracking code and tracking-book line;
* :mod:`.transitions` — :func:`dossier_transition`, the lifecycle driver and its hand-offs;
* :mod:`.late` — the predicted-late sweep, the apology draft and slip (Mẫu 04);
* :mod:`.fees`, :mod:`.components`, :mod:`.volunteers`;
* :mod:`._common` — private helpers shared by the modules (event log, locks, calendars, audit).

To patch a collaborator in a test, patch it where it is looked up, e.g.
``mock.patch("thanthien.dossiers.services._common.audit_record")`` (the audit of receptions and
transitions).
"""

from ._common import calendar_around, dossier_rules, refusal, time_limit_of
from .components import dossier_component_add, dossier_component_review
from .fees import dossier_fee_record
from .intake import ApplicantData, IntakeData, dossier_create, dossier_submit_online
from .late import dossier_apology_issue, dossiers_flag_predicted_late, remaining_step_hours
from .numbering import agency_code, allocate_book_line
from .transitions import dossier_transition
from .volunteers import volunteer_shift_delete, volunteer_shift_save

__all__ = [
    "ApplicantData",
    "IntakeData",
    "agency_code",
    "allocate_book_line",
    "calendar_around",
    "dossier_apology_issue",
    "dossier_component_add",
    "dossier_component_review",
    "dossier_create",
    "dossier_fee_record",
    "dossier_rules",
    "dossier_submit_online",
    "dossier_transition",
    "dossiers_flag_predicted_late",
    "refusal",
    "remaining_step_hours",
    "time_limit_of",
    "volunteer_shift_delete",
    "volunteer_shift_save",
]
