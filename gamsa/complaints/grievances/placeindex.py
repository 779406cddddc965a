"""What a grievance is about and where, stored when it is saved (the matter read from the text, every place key of
its place address and text) so that finding the same matter is an index lookup, not a re-reading of every text.

No model import at module level: the data migration that fills these for stored grievances uses `read` too.
"""

from __future__ import annotations

from gamsa.text.normalize import place_keys
from gamsa.text.signature import document_text, make_signature
from gamsa.text.similarity import read_matters

MAX_KEYS = 8


def read(title: str, body: str, place_address: str) -> tuple[str, str, list[str]]:
    """(matter, the matters mentioned as a space-separated string, place keys: the address's first, then the text's)."""
    matter, matters = read_matters(title, body)
    keys = list(dict.fromkeys((*place_keys(place_address), *place_keys(f"{title}\n{body}"))))[:MAX_KEYS]
    return matter, " ".join(matters)[:200], [k[:120] for k in keys]


def join(keys: list[str]) -> str:
    """The keys as stored on the grievance row ("|" never occurs in a key)."""
    return "|".join(keys)[:1000]


def split(stored: str) -> list[str]:
    return [k for k in stored.split("|") if k]


def signature(title: str, body: str) -> bytes:
    """The stored text vector of a grievance (`gamsa.text.signature`; the lookup compares texts by it)."""
    return make_signature(document_text(title, body))


def index_grievance(grievance) -> None:
    """Store the matter, the place keys and the text signature of `grievance` (called by the service that saves
    it; the one place these are made, with the migrations' backfills and the benchmark's loader using `read` and
    `signature`)."""
    from gamsa.complaints.grievances.models import Grievance, GrievancePlace

    matter, matters, keys = read(grievance.title, grievance.body, grievance.place_address)
    text = signature(grievance.title, grievance.body)
    grievance.matter, grievance.matters, grievance.place_keys = matter, matters, join(keys)
    grievance.text_signature = text
    Grievance.objects.filter(pk=grievance.pk).update(
        matter=matter, matters=matters, place_keys=join(keys), text_signature=text
    )
    GrievancePlace.objects.filter(grievance=grievance).delete()
    GrievancePlace.objects.bulk_create(
        [
            GrievancePlace(grievance=grievance, key=k, matter=matter, received_at=grievance.received_at)
            for k in keys
        ]
    )
