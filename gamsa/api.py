"""The JSON API under /api/v1 (django-ninja). Each app adds its router here."""

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, ValidationError
from ninja.renderers import JSONRenderer

from gamsa.audits.api import router as audits_router
from gamsa.complaints.grievances.api import router as complaints_router
from gamsa.core.api import router as core_router
from gamsa.costing.api import router as costing_router
from gamsa.ethics.api import router as ethics_router
from gamsa.hotline.api import router as hotline_router
from gamsa.humanrights.api import router as humanrights_router
from gamsa.integrity.api import router as integrity_router
from gamsa.investigations.api import router as investigations_router
from gamsa.investigations.bulletins.api import router as bulletins_router
from gamsa.patrols.api import router as patrols_router
from gamsa.reviews.api import router as reviews_router


class ErrorOut(Schema):
    """Every refusal: a Korean reason, and for invalid values the fields that were wrong."""

    detail: str
    errors: list[dict] | None = None


class KoreanJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=KoreanJSONRenderer(),
    title="gamsa API",
    version="1",
    description="감사담당관 업무시스템 API. 직원은 '내 계정'에서 발급한 개인 토큰을 `Authorization: Bearer gms_…`로 보냅니다.",
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(ValidationError)
def korean_validation_error(request: HttpRequest, exc: ValidationError):
    return api.create_response(
        request, {"detail": "요청 값이 올바르지 않습니다.", "errors": exc.errors}, status=400
    )


@api.exception_handler(AuthenticationError)
def korean_auth_error(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(request, {"detail": "로그인하거나 개인 API 토큰을 보내야 합니다."}, status=401)


api.add_router("/", core_router)
api.add_router("/", complaints_router)
api.add_router("/", audits_router)
api.add_router("/", reviews_router)
api.add_router("/", costing_router)
api.add_router("/", patrols_router)
api.add_router("/", hotline_router)
api.add_router("/", investigations_router)
api.add_router("/", bulletins_router)
api.add_router("/", ethics_router)
api.add_router("/", humanrights_router)
api.add_router("/", integrity_router)


def document_refusals(ninja_api: NinjaAPI) -> None:
    """Every operation documents the refusals it can give, with ErrorOut: 400 (the input-cleaning layer in
    gamsa/core/inputs.py and invalid values), 401 and 403 (no token, wrong role, 2FA pending) and 404 (outsiders
    and unknown ids). An operation that declares its own model for a code keeps it."""

    def walk(router):
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for code in (400, 401, 403, 404):
                    if code not in operation.response_models:
                        operation.response_models[code] = operation._create_response_model(ErrorOut)
        for _prefix, child, *_ in router._routers:
            walk(child)

    for _prefix, router in ninja_api._routers:
        walk(router)


document_refusals(api)
