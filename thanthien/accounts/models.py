"""Staff accounts and citizen phone identity.

Staff (cán bộ, công chức) log in with username and password. Citizens (người dân) never need
an account or an e-mail address: where identity is needed they prove a phone number with a
one-time code (mã xác thực một lần).
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff member's login. Roles and their units live in ``units.StaffRole``."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.get_username()

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.get_username()


class OneTimeCode(models.Model):
    """A one-time code sent to a phone number (hashed; never stored in clear)."""

    class Purpose(models.TextChoices):
        LOGIN = "login", _("Sign in")
        VOTE = "vote", _("Vote")

    phone = models.CharField(_("phone"), max_length=20, db_index=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.LOGIN)
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [models.Index(fields=["phone", "created_at"])]

    def __str__(self) -> str:
        from .domain.phone import mask_phone

        return f"{mask_phone(self.phone)} · {self.purpose}"
