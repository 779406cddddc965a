"""The near-duplicate rules: which two reports may be one hazard (docs/adr/0014, windows per item since
docs/adr/0013's "Near-duplicate scan").

- the window is the item's: FieldItem.duplicate_radius_m and duplicate_days, or duplicate_never (a parked car, noise:
  every report is a new event, never a candidate). Editable judgement with shipped defaults by field (seeds.py);
  an alias uses the window of the item it stands for;
- field complaint ↔ field complaint: same item (aliases resolved);
- finding ↔ field complaint: the finding's item equals the complaint's item, in that item's window;
- finding ↔ finding: same FindingCategory, and the same item when both have one; the finding's item's window, or
  250 m and 30 days when it has no item (a FindingCategory has no window of its own).
The newer record is the subject, the earlier the other. Each subject gets at most MAX_PER_SUBJECT candidates
(the nearest). Records already marked as duplicates are never offered as the "other" record.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gamsa.patrols.models import FieldItem

# Finding ↔ finding when the finding has no item (FindingCategory has no window): FixMyStreet's radius, 30 days.
DEFAULT_RADIUS_M = 250
DEFAULT_DAYS = 30
MAX_PER_SUBJECT = 3
EARTH_RADIUS_M = 6_371_008.8
M_PER_DEG = math.pi * EARTH_RADIUS_M / 180  # metres per degree of latitude
DAY_S = 86_400

COMPLAINT, FINDING = 0, 1  # record kinds; at the same moment a complaint counts as the older
KIND_NAMES = {COMPLAINT: "c", FINDING: "f"}


def haversine_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))


@dataclass(frozen=True)
class Window:
    """Two reports of one item are a candidate when at most `radius_m` metres and `days` days apart."""

    radius_m: int
    days: int

    @property
    def seconds(self) -> int:
        return self.days * DAY_S


DEFAULT_WINDOW = Window(DEFAULT_RADIUS_M, DEFAULT_DAYS)


def window_of(item: FieldItem) -> Window | None:
    """The item's window (its target's when it is an alias); None: never a duplicate."""
    item = item.effective
    return None if item.duplicate_never else Window(item.duplicate_radius_m, item.duplicate_days)


@dataclass
class ItemGroup:
    """An item with its aliases: they are compared together, in the item's window."""

    target: int
    window: Window | None
    members: list[int]


def item_groups() -> dict[int, ItemGroup]:
    """Every item id (aliases too) → its group."""
    rows = {
        row[0]: row
        for row in FieldItem.objects.values_list(
            "id", "alias_of_id", "duplicate_never", "duplicate_radius_m", "duplicate_days"
        )
    }
    groups: dict[int, ItemGroup] = {}
    for pk, alias_of, *_ in rows.values():
        target = alias_of if alias_of in rows else pk
        group = groups.get(target)
        if group is None:
            _, _, never, radius, days = rows[target]
            group = groups[target] = ItemGroup(target, None if never else Window(radius, days), [])
        group.members.append(pk)
    return {member: group for group in groups.values() for member in group.members}
