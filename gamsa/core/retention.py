"""Retention rules of the apps that `gamsa prune_logs` applies beside core's own (the access log, import uploads).

An app registers `prune() -> str` (it deletes what its own retention rule says is due and returns a Korean line
for the command's output) from its hooks module: `retention.register("integrity.letters", prune)`."""

from __future__ import annotations

from collections.abc import Callable

_PRUNERS: dict[str, Callable[[], str]] = {}


def register(name: str, prune: Callable[[], str]) -> None:
    _PRUNERS[name] = prune


def run_all() -> list[str]:
    return [prune() for prune in _PRUNERS.values()]
