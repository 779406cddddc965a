"""Scoring a complaint against earlier ones: text similarity inside a structured scope.

District complaints are formulaic, so text similarity alone cannot tell "the same matter again" from "the same
kind of problem somewhere else" (see /work/shared/domain/text-similarity.md). The score therefore combines:

- the same complainant (normalised name and phone — `normalize_name`, `normalize_phone`),
- the same place (`place_key` of the place address, else of the text; a different known place is a penalty),
- the same category,
- the cosine of TF-IDF-weighted, word-bounded character 2–3-gram vectors of title + body.

A pair is a *repeat* (민원처리법 제23조: the same complaint filed again) when the same complainant raises the same
matter at the same place. The system proposes; an officer confirms before a filing counts toward the three-times
rule. `rank` scores candidates the app pre-filtered in SQL (same phone/name key or same place key, in a time
window) and returns the matches at or above the threshold, best first.

All weights and thresholds below are defaults, tuned on the synthetic set of `bench/grievances_similarity_data.py`;
the app passes its own threshold and limit from settings.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from gamsa.text.grams import char_ngrams
from gamsa.text.normalize import is_fine_place, normalize_name, normalize_phone, place_key, place_keys

# --- defaults (the app overrides the threshold and limit from settings) -------------------------------------
DEFAULT_THRESHOLD = 0.65
"""Minimum `Match.score` for `rank` to propose a repeat (default; settings override)."""
DEFAULT_LIMIT = 20
"""Most matches `rank` returns (default; settings override)."""

W_COMPLAINANT = 0.40
"""Weight of the same complainant (1.0 for name + phone; less when one side lacks the phone or the name)."""
W_PLACE = 0.20
"""Weight of the same place key."""
W_CATEGORY = 0.10
"""Weight of the same category."""
W_TEXT = 0.30
"""Weight of the text cosine similarity (0..1)."""
PENALTY_OTHER_PLACE = 0.30
"""Subtracted when both places are known and differ (same kind of problem elsewhere is another matter)."""
PENALTY_OTHER_CATEGORY = 0.20
"""Subtracted when both categories are known and differ."""

MAX_WITHOUT_COMPLAINANT = W_TEXT + W_PLACE + W_CATEGORY
"""The best score a candidate can reach with no complainant signal (0.60): the same place, category and text."""

NGRAM_SIZES = (2, 3)


# --- IDF -------------------------------------------------------------------------------------------------------
class Idf:
    """Inverse document frequencies of character n-grams, built from a corpus sample, storable as JSON.

    Weight = ln((1 + N) / (1 + df)) + 1 (smoothed; a gram never seen weighs ln(1 + N) + 1). With no data (the
    default `Idf()`), every weight is 1 and the cosine is over raw (sublinear) term frequencies."""

    __slots__ = ("n_docs", "df", "_w", "_unknown")

    def __init__(self, df: dict[str, int] | None = None, n_docs: int = 0):
        self.n_docs = int(n_docs)
        self.df = dict(df or {})
        if self.n_docs > 0:
            top = self.n_docs + 1
            self._w = {g: math.log(top / (1 + c)) + 1.0 for g, c in self.df.items()}
            self._unknown = math.log(top) + 1.0
        else:
            self._w = {}
            self._unknown = 1.0

    @classmethod
    def build(cls, texts: Iterable[str], min_df: int = 2, n: tuple[int, ...] = NGRAM_SIZES) -> Idf:
        """Count document frequencies over `texts` (a sample of a few thousand complaints is enough).

        Grams seen in fewer than `min_df` documents are dropped to keep the JSON small; they then get the
        unknown-gram weight, which is about what they would have had."""
        counts: Counter[str] = Counter()
        n_docs = 0
        for text in texts:
            n_docs += 1
            counts.update(set(char_ngrams(text, n)))
        df = {g: c for g, c in counts.items() if c >= min_df}
        return cls(df, n_docs)

    def weight(self, gram: str) -> float:
        return self._w.get(gram, self._unknown)

    def to_dict(self) -> dict:
        return {"version": 1, "n_docs": self.n_docs, "df": self.df}

    @classmethod
    def from_dict(cls, data: dict) -> Idf:
        return cls(data.get("df") or {}, data.get("n_docs") or 0)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Idf:
        return cls.from_dict(json.loads(text))

    def __len__(self) -> int:
        return len(self.df)


DEFAULT_IDF = Idf()


def vectorize(text: str, idf: Idf | None = None) -> dict[str, float]:
    """L2-normalised TF-IDF vector of word-bounded char 2–3-grams; tf is sublinear (1 + ln tf)."""
    idf = idf or DEFAULT_IDF
    counts = Counter(char_ngrams(text, NGRAM_SIZES))
    w = idf._w
    unknown = idf._unknown
    log = math.log
    vec = {g: w.get(g, unknown) if c == 1 else (1.0 + log(c)) * w.get(g, unknown) for g, c in counts.items()}
    if not vec:
        return {}
    inv = 1.0 / math.sqrt(sum(v * v for v in vec.values()))
    return {g: v * inv for g, v in vec.items()}


def cosine(u: dict[str, float], v: dict[str, float]) -> float:
    if len(u) > len(v):
        u, v = v, u
    get = v.get
    return min(1.0, sum(x * get(g, 0.0) for g, x in u.items()))


# --- documents and matches ---------------------------------------------------------------------------------------
@dataclass(eq=False)
class Document:
    """One complaint as the scorer sees it; build it with `build_document` from the stored fields.

    `place_key` is the key of the place address (else of the text); `place_keys` holds every key found in the
    place address and the text (used when one side has no address-level key)."""

    id: object
    text: str
    name_key: str = ""
    phone_key: str = ""
    place_key: str = ""
    category: str = ""
    received_at: dt.datetime | None = None
    place_keys: tuple[str, ...] = ()
    _vec: dict[str, float] | None = field(default=None, repr=False)
    _vec_idf: Idf | None = field(default=None, repr=False)
    _kinds: tuple | None = field(default=None, repr=False)

    def vector(self, idf: Idf | None = None) -> dict[str, float]:
        idf = idf or DEFAULT_IDF
        if self._vec is None or self._vec_idf is not idf:
            self._vec = vectorize(self.text, idf)
            self._vec_idf = idf
        return self._vec


def build_document(
    id: object,
    *,
    title: str = "",
    body: str = "",
    name: str = "",
    phone: str = "",
    place: str = "",
    category: str = "",
    received_at: dt.datetime | None = None,
) -> Document:
    """A `Document` from the fields a complaint stores (the complainant's own address is not used)."""
    text = f"{title}\n{body}" if title else body
    from_place = place_keys(place)
    from_text = place_keys(text)
    keys = tuple(dict.fromkeys((*from_place, *from_text)))
    return Document(
        id=id,
        text=text,
        name_key=normalize_name(name),
        phone_key=normalize_phone(phone),
        place_key=from_place[0] if from_place else place_key(text),
        category=(category or "").strip(),
        received_at=received_at,
        place_keys=keys,
    )


@dataclass
class Match:
    """The score of a candidate against the query, with the reasons shown to the officer (Korean)."""

    id: object
    score: float
    same_complainant: bool
    same_place: bool
    text_similarity: float
    reasons: list[str]
    same_category: bool = False
    place: str = ""
    received_at: dt.datetime | None = None


def _complainant(a: Document, b: Document) -> tuple[float, str]:
    phone = bool(a.phone_key) and a.phone_key == b.phone_key
    name = bool(a.name_key) and a.name_key == b.name_key
    if phone and name:
        return 1.0, "같은 민원인(이름·전화번호)"
    if phone and not (a.name_key and b.name_key):
        return 0.9, "같은 민원인(전화번호)"
    if name and not (a.phone_key and b.phone_key):
        return 0.8, "같은 민원인(이름, 한쪽 전화번호 없음)"
    if phone:
        return 0.5, "같은 전화번호(이름 다름)"
    if name:
        return 0.3, "같은 이름(전화번호 다름)"
    return 0.0, ""


def _kinds(d: Document) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(road keys, 지번 keys, landmark keys) of a document, cached on it."""
    if d._kinds is None:
        keys = d.place_keys or ((d.place_key,) if d.place_key else ())
        road, jibun, landmark = set(), set(), set()
        for k in keys:
            if not is_fine_place(k):
                landmark.add(k)
            elif k.split(" ", 1)[0].endswith(("로", "길")):
                road.add(k)
            else:
                jibun.add(k)
        d._kinds = (frozenset(road), frozenset(jibun), frozenset(landmark))
    return d._kinds


def _place(a: Document, b: Document) -> tuple[int, str]:
    """(+1 same, 0 unknown, -1 different; the shared key or "key a / key b").

    Road keys are compared with road keys and 지번 keys with 지번 keys (a road address and a lot number cannot be
    compared without an address database: unknown); landmarks count when no address-level key decides."""
    if a.place_key and a.place_key == b.place_key:
        return 1, a.place_key
    ra, ja, la = _kinds(a)
    rb, jb, lb = _kinds(b)
    for xa, xb in ((ra, rb), (ja, jb)):
        if xa and xb:
            common = xa & xb
            if common:
                return 1, min(common)
            return -1, f"{min(xa)} / {min(xb)}"
    common = (ra | ja | la) & (rb | jb | lb)
    if common:
        return 1, min(common)
    if la and lb:
        return -1, f"{min(la)} / {min(lb)}"
    return 0, ""


def _signals(
    a: Document, b: Document, idf: Idf | None, threshold: float | None = None
) -> tuple[float, float, str, int, str, int, float] | None:
    """The score and its parts; None when `threshold` is given and even identical text could not reach it
    (the text vectors are then never computed — most place-only candidates end here)."""
    c, c_reason = _complainant(a, b)
    p, p_label = _place(a, b)
    if a.category and b.category:
        g = 1 if a.category == b.category else -1
    else:
        g = 0
    s = W_COMPLAINANT * c
    if p > 0:
        s += W_PLACE
    elif p < 0:
        s -= PENALTY_OTHER_PLACE
    if g > 0:
        s += W_CATEGORY
    elif g < 0:
        s -= PENALTY_OTHER_CATEGORY
    if threshold is not None and s + W_TEXT < threshold:
        return None
    t = cosine(a.vector(idf), b.vector(idf))
    s += W_TEXT * t
    return max(0.0, min(1.0, s)), c, c_reason, p, p_label, g, t


def _match(a: Document, b: Document, sig: tuple) -> Match:
    s, c, c_reason, p, p_label, g, t = sig
    reasons = []
    if c_reason:
        reasons.append(c_reason)
    if p > 0:
        reasons.append(f"같은 장소({p_label})")
    elif p < 0:
        reasons.append(f"다른 장소({p_label})")
    if g > 0:
        reasons.append(f"같은 분야({a.category})")
    elif g < 0:
        reasons.append(f"다른 분야({a.category} / {b.category})")
    reasons.append(f"내용 유사도 {t:.2f}")
    return Match(
        id=b.id,
        score=round(s, 4),
        same_complainant=c >= 0.8,
        same_place=p > 0,
        text_similarity=round(t, 4),
        reasons=reasons,
        same_category=g > 0,
        place=p_label if p > 0 else "",
        received_at=b.received_at,
    )


def score(a: Document, b: Document, idf: Idf | None = None) -> Match:
    """How likely `b` is the same complaint as `a` (0..1), with the signals and Korean reasons.

    score = W_COMPLAINANT·complainant + W_TEXT·cosine + W_PLACE (same place) − PENALTY_OTHER_PLACE (known and
    different) + W_CATEGORY (same) − PENALTY_OTHER_CATEGORY (known and different), clipped to 0..1. complainant is
    1 for name + phone, 0.9 phone (a name missing), 0.8 name (a phone missing), 0.5 phone with another name,
    0.3 name with another phone, else 0. With no complainant signal at all the score cannot exceed
    W_TEXT + W_PLACE + W_CATEGORY (0.60), below the default threshold: others' complaints about the same place
    (다수인 민원) are related but not repeats under 제23조. A shared phone or name with the other field differing
    can still pass with the same place, category and near-identical text, for the officer to judge."""
    sig = _signals(a, b, idf)
    assert sig is not None
    return _match(a, b, sig)


def rank(
    query: Document,
    candidates: list[Document],
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    idf: Idf | None = None,
) -> list[Match]:
    """Score `candidates` against `query`; the matches with score ≥ `threshold`, best first, at most `limit`.

    The query itself (same `id`) is skipped. Ties go to the more recent complaint."""
    out = []
    for cand in candidates:
        if cand is query or (cand.id is not None and cand.id == query.id):
            continue
        sig = _signals(query, cand, idf, threshold)
        if sig is not None and sig[0] >= threshold:
            out.append(_match(query, cand, sig))
    out.sort(key=lambda m: (m.score, m.received_at.timestamp() if m.received_at else 0.0), reverse=True)
    return out[:limit]
