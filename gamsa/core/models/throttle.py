"""Failure counters for guessable secrets (the citizen's status PIN, 2FA enrolment codes).

Kept in the database, not the cache: without Redis the cache is local memory per process, so two web processes
would each allow the limit. One row per (scope, key); a fixed window starts at the first counted attempt.
"""

from django.db import models


class Throttle(models.Model):
    scope = models.CharField(max_length=30)
    key = models.CharField(max_length=100)
    count = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()

    class Meta:
        verbose_name = "시도 제한"
        verbose_name_plural = "시도 제한"
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="throttle_scope_key_unique")]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}: {self.count}"
