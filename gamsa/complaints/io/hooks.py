"""How the grievance import and export plug into core: the menu entry and the import's adapter (registered)."""

from __future__ import annotations

from gamsa.complaints.io import permissions as perms
from gamsa.complaints.io import pipeline  # noqa: F401  (registers the grievance import with core.imports)
from gamsa.core import nav

nav.register("complaints", "민원 가져오기", "complaints_io:import", perms.can_import, order=35)
