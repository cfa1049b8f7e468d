"""Users, their roles and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    BROKER = "broker", _("Technology broker")
    MEMBER = "member", _("Member")
    EVALUATOR = "evaluator", _("Evaluator")
    ANALYST = "analyst", _("Analyst")


class User(AbstractUser):
    """A person who signs in; a member belongs to exactly one organisation."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    language = models.CharField(_("language"), max_length=10, blank=True, default="")
    is_demo = models.BooleanField(default=False)

    @property
    def is_broker(self) -> bool:
        return self.role in (Role.BROKER, Role.ADMIN) or self.is_superuser

    @property
    def is_analyst(self) -> bool:
        return self.role == Role.ANALYST


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, default="default")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str = "default") -> tuple[ApiToken, str]:
        """Create a token and return it with its raw value (shown once, never stored)."""
        raw = "tb_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, digest=cls.digest_of(raw), prefix=raw[3:11])
        return token, raw

    def __str__(self) -> str:
        return f"{self.user.username}: {self.name} ({self.prefix}...)"
