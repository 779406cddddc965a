"""Character n-grams (similarity) and syllable pairs (full-text search indexing).

Korean has no spaces between a noun and its particle ("차량이", "차량을"), so whole words match badly; character
n-grams taken inside each whitespace token ("word-bounded") share the stem ("차량") without a morphological
analyser. `bigram_terms` feeds a search column (e.g. a PostgreSQL `tsvector` with the 'simple' config, or a GIN
index on the space-joined pairs) so that a two-syllable keyword such as "주차" or "소음" is an exact term lookup
instead of a substring scan; `query_bigrams` turns a search keyword into the same terms (AND them).
"""

from __future__ import annotations

from collections.abc import Iterable

from gamsa.text.normalize import normalize_text


def char_ngrams(text: str | None, n: Iterable[int] = (2, 3)) -> list[str]:
    """Word-bounded character n-grams of the normalised text, with repeats (term frequency).

    Every n in `n` gives the n-grams that do not cross a space; a 1-character token is kept as a unigram.
    Order: all n-grams of the first size, then the next size, then the unigrams.
    "불법주차 단속" → ["불법", "법주", "주차", "단속", "불법주", "법주차"]."""
    s = normalize_text(text)
    if not s:
        return []
    tokens = s.split(" ")
    out: list[str] = []
    for k in n:
        for t in tokens:
            if len(t) >= k:
                out += [t[i : i + k] for i in range(len(t) - k + 1)]
    if len(tokens) > 1:
        out += [t for t in tokens if len(t) == 1]
    elif len(s) == 1:
        out.append(s)
    return out


def _pairs(text: str | None) -> list[str]:
    seen: dict[str, None] = {}
    for tok in normalize_text(text).split():
        if len(tok) == 1:
            seen.setdefault(tok, None)
            continue
        for i in range(len(tok) - 1):
            seen.setdefault(tok[i : i + 2], None)
    return list(seen)


def bigram_terms(text: str | None) -> str:
    """Space-joined distinct character pairs of each token, first occurrence order (1-character tokens kept).

    "불법주차 단속" → "불법 법주 주차 단속". Store this in the search column when a complaint is saved."""
    return " ".join(_pairs(text))


def query_bigrams(keyword: str | None) -> str:
    """The search terms for a keyword, as `bigram_terms` (AND them); a 1-character keyword returns itself.

    "불법주차" → "불법 법주 주차"; "차" → "차" (no pair exists: the app falls back to a substring search)."""
    norm = normalize_text(keyword)
    if len(norm) == 1:
        return norm
    return " ".join(_pairs(norm))
