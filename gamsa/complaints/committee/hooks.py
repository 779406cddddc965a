"""How the 민원조정위원회 plugs into core: its menu entry."""

from __future__ import annotations

from gamsa.complaints.committee import permissions as perms
from gamsa.core import nav

nav.register("complaints", "민원조정위원회", "committee:meetings", perms.can_read, order=50)
