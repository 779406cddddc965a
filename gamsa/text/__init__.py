"""Korean text helpers for finding repeated complaints (plain Python, no Django).

- `normalize`: text, name and phone normalisation and the place key parsed from addresses and free text.
- `grams`: character n-grams for similarity and syllable pairs for full-text search indexing.
- `similarity`: `Document`, `Idf`, `score` and `rank` — text similarity inside a structured scope
  (same complainant, same place, same category).

The app pre-filters candidates in SQL (same phone/name key, or same place key, within a time window) and
passes the few candidates to `rank`. Thresholds are defaults; the app overrides them from settings.
"""

from gamsa.text.grams import bigram_terms, char_ngrams, query_bigrams
from gamsa.text.normalize import normalize_name, normalize_phone, normalize_text, place_key, place_keys
from gamsa.text.similarity import (
    DEFAULT_LIMIT,
    DEFAULT_THRESHOLD,
    Document,
    Idf,
    Match,
    build_document,
    rank,
    score,
)

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_THRESHOLD",
    "Document",
    "Idf",
    "Match",
    "bigram_terms",
    "build_document",
    "char_ngrams",
    "normalize_name",
    "normalize_phone",
    "normalize_text",
    "place_key",
    "place_keys",
    "query_bigrams",
    "rank",
    "score",
]
