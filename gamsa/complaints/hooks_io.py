"""Navigation entries of the grievance import/export and the quarterly inspection; the import's adapter."""

from __future__ import annotations

from gamsa.complaints import permissions as perms
from gamsa.complaints.tasks import GrievanceImport
from gamsa.core import imports, nav

nav.register("complaints", "민원 가져오기", "complaints_io:import", perms.can_manage, order=35)
nav.register("complaints", "처리실태 점검", "complaints_io:inspection", perms.is_complaint_team, order=36)

GRIEVANCE_IMPORT = imports.register(GrievanceImport())
