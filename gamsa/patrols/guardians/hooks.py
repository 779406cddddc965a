"""How local guardians plug into core: navigation and verb labels."""

from __future__ import annotations

from gamsa.core import nav, verbs
from gamsa.patrols.guardians import permissions as perms

nav.register("patrol", "내 지역 지킴이", "patrols:guardians", perms.can_see_guardians, order=60)
nav.register("patrol", "지킴이 교육", "patrols:guardian_training", perms.can_see_guardians, order=65)
nav.register("patrol", "불편사항 신고", "patrols:guardian_report", perms.can_report_as_guardian, order=70)
nav.register("patrol", "내 신고", "patrols:guardian_mine", perms.can_report_as_guardian, order=75)

verbs.register(
    {
        "guardian.appointed": "지킴이 위촉",
        "guardian.ended": "지킴이 해촉",
        "guardian.training_recorded": "지킴이 교육 기록",
    }
)
