"""Who runs this site, as every page's footer and printout names it: the district (기관, editable in the admin), its
hall (the top unit, e.g. 영등포구청) and the audit office with its telephone. Read once and kept for five minutes, so
the footer costs no query on most pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.safestring import mark_safe

CACHE_KEY = "gamsa:site:district:v1"
CACHE_SECONDS = 300


@dataclass(frozen=True)
class District:
    name: str = ""  # 서울특별시 영등포구
    hall: str = ""  # 영등포구청
    address: str = ""
    phone: str = ""  # the district's main number (대표전화)
    office: str = "감사담당관"
    office_phone: str = ""

    @property
    def letterhead(self) -> str:
        """The heading of a printed page: '영등포구청 감사담당관'."""
        return " ".join(part for part in (self.hall or self.name, self.office) if part)

    @property
    def print_css(self) -> str:
        """The printed page's foot names the office on every page (print.css puts the page number beside it).
        Inline because the name is data; written as a CSS string, so no character of it can end the rule."""
        return mark_safe(f"@page {{ @bottom-left {{ content: {css_string(self.letterhead)}; }} }}")  # noqa: S308


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: every character outside plain letters, digits, spaces and Hangul is written as
    a hex escape, so quotes, backslashes, `<` (which could close the style element) and line breaks cannot escape."""
    out = []
    for ch in text:
        if ch.isalnum() or ch in " ·-":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


def _read() -> District:
    from gamsa.core.models import Agency, OrgUnit

    agency = Agency.objects.order_by("pk").first()
    if agency is None:
        return District()
    hall = (
        OrgUnit.objects.filter(agency=agency, parent__isnull=True, active=True)
        .order_by("sort_order", "path")
        .values_list("name", flat=True)
        .first()
    )
    office = (
        OrgUnit.objects.filter(agency=agency, is_audit_office=True, office_team="", active=True)
        .order_by("depth", "path")
        .values("name", "phone")
        .first()
    ) or {}
    return District(
        name=agency.name,
        hall=hall or "",
        address=agency.address,
        phone=agency.phone,
        office=office.get("name") or "감사담당관",
        office_phone=office.get("phone") or "",
    )


def district() -> District:
    found = cache.get(CACHE_KEY)
    if found is None:
        found = _read()
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def forget() -> None:
    """Drop the remembered district (after the admin changes it, or in a test that does)."""
    cache.delete(CACHE_KEY)
