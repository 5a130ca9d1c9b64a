"""Who may keep the disclosure register and publish the chairman's greetings."""

from __future__ import annotations

from thanthien.units.models import StaffRole

R = StaffRole.Role

# Keep the register, record postings and broadcasts, produce channel outputs.
EDITORS = frozenset({R.ONE_STOP_OFFICER, R.SPECIALIST_OFFICER, R.CHAIRMAN, R.VICE_CHAIRMAN, R.ADMINISTRATOR})
# Publish in the name of the People's Committee (Điều 14: the UBND is responsible); greetings.
LEADERS = frozenset({R.CHAIRMAN, R.VICE_CHAIRMAN, R.ADMINISTRATOR})
