"""The patrols app's part of /api/v1: one router per concept package."""

from ninja import Router

from gamsa.core.api import SIGNED_IN_AUTH
from gamsa.patrols.fieldcomplaints.api import router as fieldcomplaints_router
from gamsa.patrols.findings.api import router as findings_router
from gamsa.patrols.rounds.api import router as rounds_router

router = Router(tags=["patrols"], auth=SIGNED_IN_AUTH)
router.add_router("", rounds_router)
router.add_router("", findings_router)
router.add_router("", fieldcomplaints_router)
