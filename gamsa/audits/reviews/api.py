from ninja import Router

from gamsa.core.api import SIGNED_IN_AUTH

router = Router(tags=["reviews"], auth=SIGNED_IN_AUTH)
