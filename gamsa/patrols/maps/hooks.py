"""How the map plugs into core: navigation."""

from __future__ import annotations

from gamsa.core import nav
from gamsa.patrols.maps import permissions as perms

nav.register("patrol", "지도", "patrols:map", perms.can_see_map, order=50)
