"""Demo reviews: the sample sheet of docs/samples/costing (2026) and a short 2025 works. Idempotent (by title)."""

from __future__ import annotations

import copy

from gamsa.core.models import User
from gamsa.costing.engine.samples import SHEET_2025, SHEET_2026
from gamsa.costing.models import CostReview
from gamsa.costing.services import review_sheet


def load_demo_reviews() -> None:
    actor = User.objects.filter(username="auditor").first()
    for sheet in (SHEET_2026, SHEET_2025):
        if not CostReview.objects.filter(title=sheet["title"]).exists():
            review_sheet(actor, copy.deepcopy(sheet), title=sheet["title"])
