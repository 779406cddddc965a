"""Enums for the API schema, derived from the models' choices (one source of truth, never re-listed by hand).

`choices_literal(EngagementStatus)` is a `Literal["planned", …]` type: django-ninja documents it as an enum in the
OpenAPI schema and answers a value outside it with the project's Korean 400 (gamsa/api.py)."""

from collections.abc import Iterable
from typing import Literal


def choices_literal(*sources, extra: Iterable[str] = ()):
    """A Literal of every value of the given TextChoices classes (or iterables of values: a dict gives its keys), then `extra`
    (filter words such as "" for "all" or "open" for "every open status")."""
    values: list[str] = []
    for source in sources:
        values.extend(str(v) for v in (source.values if isinstance(source, type) else source))
    values.extend(extra)
    return Literal[tuple(dict.fromkeys(values))]  # type: ignore[valid-type]
