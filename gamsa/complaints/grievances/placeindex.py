"""What a grievance is about and where, stored when it is saved (the matter read from the text, every place key of
its place address and text) so that finding the same matter is an index lookup, not a re-reading of every text.

No model import at module level: the data migration that fills these for stored grievances uses `read` too.
"""

from __future__ import annotations

from gamsa.text.normalize import place_keys
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


def index_grievance(grievance) -> None:
    """Store the matter and the place keys of `grievance` (called by the service that saves it)."""
    from gamsa.complaints.grievances.models import Grievance, GrievancePlace

    matter, matters, keys = read(grievance.title, grievance.body, grievance.place_address)
    grievance.matter, grievance.matters, grievance.place_keys = matter, matters, join(keys)
    Grievance.objects.filter(pk=grievance.pk).update(matter=matter, matters=matters, place_keys=join(keys))
    GrievancePlace.objects.filter(grievance=grievance).delete()
    GrievancePlace.objects.bulk_create(
        [
            GrievancePlace(grievance=grievance, key=k, matter=matter, received_at=grievance.received_at)
            for k in keys
        ]
    )
