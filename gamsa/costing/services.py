"""Every write in costing. Each function runs in one transaction and records one Event row."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gamsa.core.models import User
from gamsa.core.services import record_event, store_attachment
from gamsa.costing.engine import RateTable, parse_sheet
from gamsa.costing.engine import review as run_review
from gamsa.costing.engine.sheet import sheet_to_dict
from gamsa.costing.models import CostReview, RateVersion


def active_table() -> RateTable:
    """The active rate versions as the engine's table (the engine picks the one in force on the sheet's date)."""
    return RateTable(rv.to_entry() for rv in RateVersion.objects.filter(active=True))


def profit_excluded() -> tuple[str, ...]:
    """경비 line keys left out of the 이윤 base (the 집행기준 list is not confirmed: empty by default)."""
    return tuple(getattr(settings, "GAMSA_COSTING_PROFIT_EXCLUDED", ()))


def compute(sheet_data: dict, table: RateTable | None = None):
    """Validate and review without saving: (sheet JSON, engine Review). Raises SheetError."""
    sheet = parse_sheet(sheet_data)
    result = run_review(sheet, table or active_table(), profit_excluded=profit_excluded())
    return sheet_to_dict(sheet), result


def build_review(actor: User | None, sheet_data: dict, *, title: str = "", source_file=None) -> CostReview:
    """Review a sheet (JSON shape) against the active rates into an unsaved CostReview. Raises SheetError.

    The command line writes opinions of unsaved reviews; `review_sheet` saves them."""
    data, result = compute(sheet_data)
    title = (title or data.get("title") or "제목 없는 원가계산서").strip()[:200]
    data["title"] = title
    return CostReview(
        title=title,
        kind=data["kind"],
        base_date=result.sheet.base_date,
        sheet=data,
        result=result.to_json(),
        summary=result.summary(),
        stated_total=result.stated_total,
        allowed_total=result.allowed_total,
        savings=result.savings,
        source_file=source_file,
        created_by=actor if actor and actor.pk else None,
        created_at=timezone.now(),
    )


@transaction.atomic
def review_sheet(
    actor: User | None,
    sheet_data: dict,
    *,
    title: str = "",
    source_file=None,
    workbook: bytes | None = None,
    workbook_name: str = "",
) -> CostReview:
    """Review a sheet (JSON shape) against the active rates and save the review. Raises SheetError (Korean).

    `workbook`: the uploaded XLSX the sheet was read from, kept as the review's source file (checked by content;
    FileRejected leaves nothing saved)."""
    review = build_review(actor, sheet_data, title=title, source_file=source_file)
    review.save()
    if workbook:
        review.source_file = store_attachment(actor, data=workbook, original_name=workbook_name, owner=review)
        review.save(update_fields=["source_file"])
    cuts = sum(1 for line in review.result["lines"] if line["difference"])
    record_event(
        actor,
        "cost_review.created",
        review,
        savings=review.savings,
        lines_changed=cuts,
        source_file=bool(review.source_file_id),
    )
    return review


@transaction.atomic
def add_rate_version(actor: User, **fields) -> RateVersion:
    """A new version of a rate. C-grade values are always saved as inactive drafts."""
    if fields.get("confidence") == "C":
        fields["active"] = False
    version = RateVersion.objects.create(
        created_by=actor, activated_at=timezone.now() if fields.get("active") else None, **fields
    )
    record_event(
        actor,
        "rate_version.created",
        version,
        key=version.key,
        rate=str(version.rate),
        effective_from=version.effective_from,
        active=version.active,
    )
    return version


@transaction.atomic
def set_rate_active(actor: User, version: RateVersion, active: bool) -> RateVersion:
    version = RateVersion.objects.select_for_update().get(pk=version.pk)
    if version.active == active:
        return version
    version.active = active
    version.activated_at = timezone.now() if active else None
    version.save(update_fields=["active", "activated_at"])
    record_event(actor, "rate_version.activated" if active else "rate_version.deactivated", version)
    return version
