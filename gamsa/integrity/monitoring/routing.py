"""The one place where the integrity programme uses the patrol app: its findings (적출사항) and their routing. A
monitoring finding is a patrol finding in the category "부패취약분야 모니터링" (kept inactive, so the patrol
team's own forms do not offer it); the department receives it, answers it and the programme closes or returns it,
all through the patrol app's public services (create_finding, close_finding, return_finding) and its pages.

The patrol app is being split into concept packages: its services move from gamsa.patrols.services.findings to
gamsa.patrols.findings.services; both are tried."""

from __future__ import annotations

try:  # after the patrols split (docs/adr/0027)
    from gamsa.patrols.findings import services as findings  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - before it
    from gamsa.patrols.services import findings  # type: ignore[no-redef]

from gamsa.patrols.models import Finding, FindingCategory, FindingStatus

CATEGORY = "부패취약분야 모니터링"
FindingStateError = findings.FindingStateError
create_finding = findings.create_finding
close_finding = findings.close_finding
return_finding = findings.return_finding
answer_finding = (
    findings.answer_finding
)  # the department's answer (the demo; the department uses the patrol page)

__all__ = [
    "CATEGORY",
    "Finding",
    "FindingStateError",
    "FindingStatus",
    "answer_finding",
    "category",
    "close_finding",
    "create_finding",
    "return_finding",
]


def category() -> FindingCategory:
    found, _ = FindingCategory.objects.get_or_create(
        name=CATEGORY, defaults={"due_days": 14, "sort_order": 900, "active": False}
    )
    return found
