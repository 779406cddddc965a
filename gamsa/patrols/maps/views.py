"""The map of field complaints and findings (Leaflet + markercluster, vendored) and its compact data endpoint."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.gzip import gzip_page

from gamsa.core import permissions as core_perms
from gamsa.patrols.findings.permissions import visible_findings
from gamsa.patrols.formkit import department_units
from gamsa.patrols.maps import permissions as perms
from gamsa.patrols.maps.selectors import map_data, parse_filters
from gamsa.patrols.models import FieldItem, Finding, FindingCategory


@login_required
def map_page(request):
    user = request.user
    core_perms.deny_outsider(perms.can_see_map(user))
    everything, unit_ids = perms.map_scope(user)
    units = department_units() if everything else department_units().filter(pk__in=unit_ids)
    return render(
        request,
        "patrols/maps/map.html",
        {
            "filters": parse_filters(request.GET),
            "items": FieldItem.objects.filter(active=True, alias_of__isnull=True).select_related("category"),
            "categories": FindingCategory.objects.filter(active=True),
            "units": units,
            "tile_url": settings.GAMSA_MAP_TILE_URL,
            "own_only": not everything,
        },
    )


@gzip_page  # 50,000 points: 2.2 MB of JSON, 0.6 MB gzipped (no secrets in it, so no BREACH concern)
@login_required
def map_data_view(request):
    user = request.user
    core_perms.deny_outsider(perms.can_see_map(user))
    everything, unit_ids = perms.map_scope(user)
    finding_qs = None if everything else visible_findings(user, Finding.objects.all())
    data = map_data(
        filters=parse_filters(request.GET), everything=everything, unit_ids=unit_ids, finding_qs=finding_qs
    )
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "private, max-age=30"
    return response
