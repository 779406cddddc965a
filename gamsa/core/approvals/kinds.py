"""The registry of document kinds. An app registers each kind of document that needs 결재 once, in its ready():

    approvals.kinds.register(DocumentKind(
        code="grievance_answer", label="고충민원 답변", default_rank=Rank.DEPT_HEAD,
        on_approved=..., on_returned=..., url=..., can_view=...))

`on_approved(approval, actor)` runs inside the signing transaction when the document comes into being (성립); an
exception there rolls the signature (and its document number) back. `on_returned` runs on 반려, `on_cancelled`
when the drafter discards the draft. `url(document)` links back to the app's page; `can_view(user, document)` lets
the app's own readers open the approval screen (participants always can).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: str
    default_rank: str
    on_approved: Callable[[Any, Any], None] | None = None
    on_returned: Callable[[Any, Any], None] | None = None
    on_cancelled: Callable[[Any, Any], None] | None = None
    url: Callable[[Any], str] | None = None
    can_view: Callable[[Any, Any], bool] | None = None
    recipient: str = "내부결재"


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    _KINDS[kind.code] = kind
    return kind


def get(code: str) -> DocumentKind:
    try:
        return _KINDS[code]
    except KeyError:
        return DocumentKind(code=code, label=code, default_rank="dept_head")


def label(code: str) -> str:
    kind = _KINDS.get(code)
    return kind.label if kind else code


def choices() -> list[tuple[str, str]]:
    return sorted(((k.code, k.label) for k in _KINDS.values()), key=lambda c: c[1])


def all_kinds() -> list[DocumentKind]:
    return list(_KINDS.values())
