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
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.db.models.base import ModelState

from gamsa.complaints.grievances.models import Category, Complainant, Grievance, GrievancePlace
from gamsa.complaints.grievances.placeindex import split
from gamsa.text.matters import MATTER_LABELS
from gamsa.text.signature import document_text
from gamsa.text.similarity import Document, build_document, rank, same_person, stored_document

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
        signature=g.text_signature,
    )


def same_complainant(a: Complainant, b: Complainant) -> bool:
    """Whether two complainant records are one resident (the rule `rank` labels matches by)."""
    if a.pk == b.pk:
        return True
    level, _ = same_person(a.name_key, a.phone_key, b.name_key, b.phone_key)
    return level >= 0.8


def _people_condition(person: Complainant) -> tuple[str, list]:
    """The complainant records that may be this resident: SQL condition on the complainant table and its params."""
    if person.phone_key:
        # any name: a name typed differently is judged in Python
        if person.name_key:
            return "(id = %s OR phone_key = %s OR (name_key = %s AND phone_key = ''))", [
                person.pk,
                person.phone_key,
                person.name_key,
            ]
        return "(id = %s OR phone_key = %s)", [person.pk, person.phone_key]
    if person.name_key:
        return "(id = %s OR name_key = %s)", [person.pk, person.name_key]
    return "id = %s", [person.pk]


@lru_cache(maxsize=64)
def _scope_sql(people: str, keys: int, matter: bool, bounds: tuple[int, int, int]) -> str:
    """One statement for both parts of the scope (see `_scope_rows`): each part ordered and bounded in a subquery
    of its own, so that PostgreSQL and SQLite alike read it in one round trip. Cached: its text depends only on the
    shape of the condition, the number of place keys, whether the matter is known and the bounds (records of the
    person, candidates of the person, candidates of the place)."""
    records, person_limit, place_limit = bounds
    g, c, cat, gp = (m._meta.db_table for m in (Grievance, Complainant, Category, GrievancePlace))
    columns = (
        "g.id, g.place_address, g.place_keys, g.received_at, g.matter, g.matters, k.code, c.name, c.phone, "
        "g.title, g.body, g.case_number, g.status, g.complainant_id, g.category_id, c.name_key, c.phone_key, "
        "g.text_signature"
    )
    source = f"{g} g JOIN {c} c ON c.id = g.complainant_id LEFT JOIN {cat} k ON k.id = g.category_id"
    person = (
        f"SELECT {columns} FROM {source} WHERE g.complainant_id IN "  # noqa: S608  (table names from the models; every value is a parameter)
        f"(SELECT id FROM {c} WHERE {people} LIMIT {records}) "
        f"AND g.received_at >= %s AND g.id <> %s ORDER BY g.received_at DESC LIMIT {person_limit}"
    )
    if not keys:
        return person
    marks = ", ".join(["%s"] * keys)
    place = (
        f"SELECT {columns} FROM {source} WHERE g.id IN (SELECT grievance_id FROM {gp} WHERE key IN ({marks}) "  # noqa: S608  (table names from the models; every value is a parameter)
        "AND received_at >= %s AND received_at <= %s AND grievance_id <> %s"
        + (" AND matter IN (%s, '')" if matter else "")
        + f" ORDER BY received_at DESC LIMIT {place_limit}) "
        f"ORDER BY g.received_at DESC LIMIT {place_limit}"
    )
    return f"SELECT * FROM ({person}) p UNION ALL SELECT * FROM ({place}) q"  # noqa: S608


def _from_db(model, values: dict):
    """A record of `model` with the given attributes loaded and the others deferred, as `only` makes them (a field
    whose attribute is absent loads on access): made without `Model.__init__`'s pass over every field, which cost
    more than the scoring for 50 matches."""
    record = model.__new__(model)
    record._state = ModelState()
    record._state.adding, record._state.db = False, connection.alias
    record.__dict__.update(values)
    return record


def _record(row: tuple, received) -> Grievance:
    """The grievance of a scope row as a record with the shown fields loaded (others load on access, as with
    `only`), its complainant's name and phone and its category's code attached: no query to show a match."""
    pk, place, keys, _, matter, matters, code, name, phone, title, body, number, status, person, category = (
        row[:15]
    )
    g = _from_db(
        Grievance,
        {
            "id": pk,
            "place_address": place,
            "place_keys": keys,
            "received_at": received,
            "matter": matter,
            "matters": matters,
            "title": title,
            "body": body,
            "case_number": number,
            "status": status,
            "complainant_id": person,
            "category_id": category,
        },
    )
    g.complainant = _from_db(Complainant, {"id": person, "name": name, "phone": phone})
    g.category = _from_db(Category, {"id": category, "code": code}) if category else None
    return g


def _scope_rows(g: Grievance, keys: list[str], window_days: int) -> tuple[list[Document], dict]:
    """The candidates as documents, read in one statement: the resident's records' grievances in the last three
    years (most recent first, at most MAX_CANDIDATES) and the grievances sharing a place key and the matter within
    the window (nearest the most recent first, at most PLACE_CANDIDATES; through the index (key, matter,
    received_at) of `GrievancePlace`). Title and body come along: they are short, and a second round trip for the
    survivors cost more than the bytes. Raw SQL: compiling the two ORM querysets cost more than running them."""
    people, params = _people_condition(g.complainant)
    ops = connection.ops
    since = ops.adapt_datetimefield_value(g.received_at - dt.timedelta(days=WINDOW_DAYS))
    params = [*params, since, g.pk]
    if keys:
        window = dt.timedelta(days=window_days)
        params += [
            *keys,
            ops.adapt_datetimefield_value(g.received_at - window),
            ops.adapt_datetimefield_value(g.received_at + window),
            g.pk,
        ]
        if g.matter:
            params.append(g.matter)
    with connection.cursor() as cursor:
        bounds = (2 * PERSON_RECORDS, MAX_CANDIDATES, PLACE_CANDIDATES)
        cursor.execute(_scope_sql(people, len(keys), bool(keys and g.matter), bounds), params)
        rows = cursor.fetchall()
    moment = ops.convert_datetimefield_value if connection.vendor == "sqlite" else None
    docs, by_id = {}, {}
    for row in rows:
        pk, _, place_keys, received, matter, matters, category, _, _, title, body = row[:11]
        if pk in docs:
            continue
        if moment:
            received = moment(received, None, connection)
        by_id[pk] = (row, received)
        name_key, phone_key, signature = row[15:18]
        docs[pk] = stored_document(
            pk,
            text=document_text(title, body),
            name_key=name_key,
            phone_key=phone_key,
            keys=tuple(split(place_keys)),
            category=category or "",
            received_at=received,
            matter=matter,
            matters=tuple(matters.split()),
            signature=signature,
        )
    return list(docs.values()), by_id


def similar_grievances(
    g: Grievance,
    limit: int = 10,
    threshold: float | None = None,
    visible=None,
) -> list[Candidate]:
    """Both kinds of match for `g`, best first. `visible` (queryset → queryset, e.g. a user's visibility rule)
    limits the matches to those a user may see (applied to the matches, before the limit).

    One statement reads the scope (`_scope_rows`); `rank` judges each candidate on complainant, place, matter and
    dates first and computes text vectors only for those that could still reach the threshold
    (`gamsa.text.similarity.can_match`'s rule). The matches are made records from the same rows (no second
    query); with `visible`, one query keeps those the user may see."""
    threshold = settings.GAMSA_REPEAT_THRESHOLD if threshold is None else threshold
    window_days = settings.GAMSA_DUPLICATE_WINDOW_DAYS
    candidates, rows = _scope_rows(g, split(g.place_keys), window_days)
    if not candidates:
        return []
    matches = rank(
        _document(g),
        candidates,
        threshold=threshold,
        limit=len(candidates) if visible is not None else limit,
        window_days=window_days,
    )
    if not matches:
        return []
    if visible is not None:
        allowed = set(
            visible(Grievance.objects.filter(pk__in=[m.id for m in matches])).values_list("pk", flat=True)
        )
        matches = [m for m in matches if m.id in allowed][:limit]
    return [
        Candidate(
            _record(*rows[m.id]),
            round(m.score, 3),
            m.same_complainant,
            m.same_place,
            m.reasons,
            m.place,
            m.matter,
        )
        for m in matches
    ]
