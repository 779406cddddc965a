"""Finding earlier and later complaints about the same matter: from the same resident (반복민원, 법 제23조) and from
other residents (중복민원, "같은 사안, 다른 민원인").

The structured signals decide the scope in SQL, each part through its own index:
- the same complainant: this complainant record, and records with the same normalised phone (under any name: a
  name typed differently is judged in Python) or the same name where one side has no phone;
- the same place: `GrievancePlace` rows (every key of the place address and of the text) with the same key, the
  same or an unknown matter, within `settings.GAMSA_DUPLICATE_WINDOW_DAYS` of this complaint.
Then `gamsa.text.similarity.rank` scores the few candidates and labels each match `same_complainant` or not.

The system proposes; an officer confirms or dismisses (SimilarityReview). Only confirmed same-complainant repeats
count toward the three-times rule; a confirmed match from another complainant is linked for joint handling
(`services.repeats.link_joint_handling`) and never counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Q

from gamsa.complaints.models import Complainant, Grievance, GrievancePlace
from gamsa.complaints.placeindex import split
from gamsa.text.matters import MATTER_LABELS
from gamsa.text.similarity import Document, build_document, can_match, rank, same_person

WINDOW_DAYS = 3 * 365
"""How far back the same complainant's complaints are read (법 제23조 has no period; three years is the scope)."""
MAX_CANDIDATES = 400
PERSON_RECORDS = 20
PLACE_CANDIDATES = 150


@dataclass
class Candidate:
    grievance: Grievance
    score: float
    same_complainant: bool
    same_place: bool
    reasons: list[str]
    place: str = ""
    matter: str = ""

    @property
    def kind(self) -> str:
        """ "repeat" (the same complainant, 법 제23조) or "duplicate" (the same matter from another complainant)."""
        return "repeat" if self.same_complainant else "duplicate"

    @property
    def kind_label(self) -> str:
        return "같은 민원인" if self.same_complainant else "같은 사안, 다른 민원인"

    @property
    def matter_label(self) -> str:
        return MATTER_LABELS.get(self.matter, "")


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
        matter=g.matter,
        matters=g.matters.split(),
        keys=split(g.place_keys),
    )


def same_complainant(a: Complainant, b: Complainant) -> bool:
    """Whether two complainant records are one resident (the rule `rank` labels matches by)."""
    if a.pk == b.pk:
        return True
    level, _ = same_person(a.name_key, a.phone_key, b.name_key, b.phone_key)
    return level >= 0.8


def _people(person: Complainant):
    """The complainant records that may be this resident, as a subquery (one round trip with the grievances)."""
    same = Q(pk=person.pk)
    if person.phone_key:
        same |= Q(phone_key=person.phone_key)  # any name: a name typed differently is judged in Python
        if person.name_key:
            same |= Q(name_key=person.name_key, phone_key="")
    elif person.name_key:
        same |= Q(name_key=person.name_key)
    return Complainant.objects.filter(same).values("pk")[: 2 * PERSON_RECORDS]


LIGHT_FIELDS = (
    "pk",
    "place_address",
    "place_keys",
    "received_at",
    "matter",
    "matters",
    "category__code",
    "complainant__name",
    "complainant__phone",
)
"""The columns the candidates are first judged on (no title or body: those are read only for the survivors)."""


def _light_document(row: dict) -> Document:
    return build_document(
        row["pk"],
        name=row["complainant__name"],
        phone=row["complainant__phone"],
        place=row["place_address"],
        category=row["category__code"] or "",
        received_at=row["received_at"],
        matter=row["matter"],
        matters=row["matters"].split(),
        keys=split(row["place_keys"]),
    )


def _light_rows(g: Grievance, keys: list[str], window_days: int, visible=None) -> list[dict]:
    """The candidates' light columns: the resident's records' grievances in the last three years (most recent
    first) and the grievances sharing a place key and the matter within the window (nearest the most recent
    first), each part bounded. One round trip where the database can slice the parts of a UNION (PostgreSQL),
    else one per part. The place part is read through the index (key, matter, received_at) of `GrievancePlace`."""
    since = g.received_at - dt.timedelta(days=WINDOW_DAYS)
    person = Grievance.objects.filter(
        complainant_id__in=_people(g.complainant), received_at__gte=since
    ).exclude(pk=g.pk)
    parts = [(person, MAX_CANDIDATES)]
    if keys:
        window = dt.timedelta(days=window_days)
        place = GrievancePlace.objects.filter(
            key__in=keys, received_at__gte=g.received_at - window, received_at__lte=g.received_at + window
        ).exclude(grievance_id=g.pk)
        if g.matter:
            place = place.filter(matter__in=[g.matter, ""])
        place_ids = place.order_by("-received_at").values("grievance_id")[:PLACE_CANDIDATES]
        parts.append((Grievance.objects.filter(pk__in=place_ids), PLACE_CANDIDATES))
    sliced = []
    for qs, n in parts:
        if visible is not None:
            qs = visible(qs)
        sliced.append(qs.order_by("-received_at").values(*LIGHT_FIELDS)[:n])
    if len(sliced) > 1 and connection.features.supports_slicing_ordering_in_compound:
        rows = list(sliced[0].union(*sliced[1:], all=True))
    else:
        rows = [row for qs in sliced for row in qs]
    return list({row["pk"]: row for row in rows}.values())


def similar_grievances(
    g: Grievance,
    limit: int = 10,
    threshold: float | None = None,
    visible=None,
) -> list[Candidate]:
    """Both kinds of match for `g`, best first. `visible` (queryset → queryset, e.g. a user's visibility rule)
    limits the candidates to those a user may see.

    Two round trips on PostgreSQL: the candidates' light columns (complainant, place keys, matter, dates; see
    `_light_rows`), then title and body only of the candidates that could reach the threshold on those
    (`gamsa.text.similarity.can_match`: the same resident at another address, another resident's complaint that
    shares only a landmark with another road, another matter …), scored on the text last."""
    threshold = settings.GAMSA_REPEAT_THRESHOLD if threshold is None else threshold
    window_days = settings.GAMSA_DUPLICATE_WINDOW_DAYS
    rows = _light_rows(g, split(g.place_keys), window_days, visible)
    if not rows:
        return []
    query = _document(g)
    survivors = [row["pk"] for row in rows if can_match(query, _light_document(row), threshold, window_days)]
    if not survivors:
        return []
    pool = list(
        Grievance.objects.filter(pk__in=survivors)
        .select_related("complainant", "category")
        .only(
            "title",
            "body",
            "place_address",
            "place_keys",
            "received_at",
            "matter",
            "matters",
            "status",
            "category__code",
            "complainant__name",
            "complainant__phone",
            "case_number",
        )
    )
    by_id = {c.pk: c for c in pool}
    matches = rank(
        query,
        [_document(c) for c in pool],
        threshold=threshold,
        limit=limit,
        window_days=window_days,
    )
    return [
        Candidate(
            by_id[m.id], round(m.score, 3), m.same_complainant, m.same_place, m.reasons, m.place, m.matter
        )
        for m in matches
    ]
