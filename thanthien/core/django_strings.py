"""Django's own strings that its Vietnamese catalogue lacks, translated in ours.

Listed here so `makemessages` extracts them into the core catalogue, which Django consults
before its own (app catalogues come before django/conf/locale).
"""

from django.utils.translation import gettext_lazy as _

# django.db.models.fields.BLANK_CHOICE_LABEL: the empty choice of every select box.
BLANK_CHOICE_LABEL = _("- Select an option -")
