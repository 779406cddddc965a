from ninja import Router

from gamsa.core.api import SIGNED_IN_AUTH
from gamsa.patrols.api_field import router as field_router
from gamsa.patrols.api_patrol import router as patrol_router

router = Router(tags=["patrols"], auth=SIGNED_IN_AUTH)
router.add_router("", patrol_router)
router.add_router("", field_router)
