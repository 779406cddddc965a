"""Finding earlier complaints that are the same or nearly the same (법 제23조).

The structured signals decide the scope in SQL (the same complainant by normalised name and phone, or the
same place key), then `gamsa.text.similarity` scores the few candidates. The system proposes; an officer
confirms or dismisses (SimilarityReview), and only confirmed repeats count toward the three-times rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from gamsa.complaints.models import Complainant, Grievance
from gamsa.text.similarity import MAX_WITHOUT_COMPLAINANT, Document, build_document, rank

WINDOW_DAYS = 3 * 365
MAX_CANDIDATES = 400
PLACE_CANDIDATES = 150


@dataclass
class Candidate:
    grievance: Grievance
    score: float
    same_complainant: bool
    same_place: bool
    reasons: list[str]


def _document(g: Grievance) -> Document:
    return build_document(
        g.pk,
        title=g.title,
        body=g.body,
        name=g.complainant.name,
        phone=g.complainant.phone,
        place=g.place_address,
        category=g.category.code if g.category_id else "",
        received_at=g.received_at,
    )


def _scope_ids(g: Grievance, since, threshold: float) -> list[int]:
    """Ids of the earlier complaints in scope, each part through its own index (an OR across tables would not)."""
    person = g.complainant
    people = [person.pk]
    if person.phone_key:
        people += list(
            Complainant.objects.filter(name_key=person.name_key, phone_key=person.phone_key)
            .exclude(pk=person.pk)
            .values_list("pk", flat=True)[:20]
        )
    base = Grievance.objects.filter(received_at__gte=since).exclude(pk=g.pk).order_by("-received_at")
    ids = list(base.filter(complainant_id__in=people).values_list("pk", flat=True)[:MAX_CANDIDATES])
    if g.place_key:
        # Others at the same place only matter when the complainant half-matches (a new phone, a name typed
        # differently) and it is the same matter; the category narrows them to a few.
        place = base.filter(place_key=g.place_key)
        if g.category_id:
            place = place.filter(category_id=g.category_id)
        if threshold > MAX_WITHOUT_COMPLAINANT:
            # Without the same name or phone no candidate can reach the threshold: leave the others' complaints
            # about this place in the database instead of reading and scoring 150 of them (a busy corner).
            half = Q(pk__in=[])
            if person.name_key:
                half |= Q(complainant__name_key=person.name_key)
            if person.phone_key:
                half |= Q(complainant__phone_key=person.phone_key)
            place = place.filter(half)
        ids += place.values_list("pk", flat=True)[:PLACE_CANDIDATES]
    return list(dict.fromkeys(ids))


def similar_grievances(g: Grievance, limit: int = 10, threshold: float | None = None) -> list[Candidate]:
    threshold = settings.GAMSA_REPEAT_THRESHOLD if threshold is None else threshold
    since = g.received_at - dt.timedelta(days=WINDOW_DAYS)
    pool = list(
        Grievance.objects.filter(pk__in=_scope_ids(g, since, threshold))
        .select_related("complainant", "category")
        .only(
            "title",
            "body",
            "place_address",
            "received_at",
            "category__code",
            "complainant__name",
            "complainant__phone",
            "case_number",
        )
    )
    by_id = {c.pk: c for c in pool}
    matches = rank(_document(g), [_document(c) for c in pool], threshold=threshold, limit=limit)
    return [
        Candidate(by_id[m.id], round(m.score, 3), m.same_complainant, m.same_place, m.reasons)
        for m in matches
    ]
