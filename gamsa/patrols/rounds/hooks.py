"""How patrol rounds plug into core: navigation and verb labels (their demo rounds come with the findings')."""

from __future__ import annotations

from gamsa.core import nav, verbs
from gamsa.patrols.rounds import permissions as perms

nav.register("patrol", "순찰 기록", "patrols:round_list", perms.can_see_rounds, order=40)
nav.register("patrol", "순찰 실적", "patrols:round_summary", perms.can_see_rounds, order=45)

verbs.register(
    {
        "patrol_round.created": "순찰 등록",
        "patrol_round.updated": "순찰 수정",
    }
)
