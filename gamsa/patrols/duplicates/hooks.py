"""How near-duplicates plug into core: navigation and verb labels."""

from __future__ import annotations

from gamsa.core import nav, verbs
from gamsa.patrols.duplicates import permissions as perms

nav.register("patrol", "중복 후보", "patrols:duplicate_queue", perms.can_decide_duplicates, order=55)

verbs.register(
    {
        "duplicate.linked": "중복으로 연결",
        "duplicate.dismissed": "중복 아님(별건)",
    }
)
