"""Scoring a complaint against earlier ones: the same matter, from the same resident or from others.

District complaints are formulaic, so text similarity alone cannot tell "the same matter again" from "the same
kind of problem somewhere else" (see docs/adr/0009 and 0017). A candidate is judged on structured signals first:

- the complainant (normalised name and phone; a name one keystroke off with the same phone is the same person —
  `normalize_name`, `normalize_phone`, `names_close`),
- the place (every key found in the place address *and* the text — road address, 지번 or landmark; a different
  known place is a penalty),
- the matter (`gamsa.text.matters`: read from the text by a lexicon; the row's category when the text names none),
- the cosine of TF-IDF-weighted, word-bounded character 2–3-gram vectors of title + body.

Two kinds of match come out, labelled by `Match.same_complainant`:

- **the same complainant** raising the same matter again (반복민원, 민원처리법 제23조): complainant, place, matter
  and text add up to the score;
- **the same matter from another complainant** (중복민원, "같은 사안, 다른 민원인"): only at the same place, within
  `DUPLICATE_WINDOW_DAYS` of each other, scored on matter and text. These are offered for joint handling and the
  다수인 view and never count toward 제23조.

The system proposes; an officer confirms. `rank` scores candidates the app pre-filtered in SQL (the same person by
phone or name key; the same place key and matter in the window) and returns the matches at or above the threshold,
best first. Weights and thresholds below are defaults tuned on `bench/text_similarity.py`; the app passes its own
threshold, window and limit from settings.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from gamsa.text.grams import char_ngrams
from gamsa.text.matters import MATTER_CATEGORY, MATTER_LABELS, MIN_SCORE, matter_scores
from gamsa.text.normalize import is_fine_place, normalize_name, normalize_phone, place_keys
from gamsa.text.signature import NGRAM_SIZES, Signature, document_text, make_signature, signature_cosine

# --- defaults (the app overrides the threshold, window and limit from settings) ----------------------------
DEFAULT_THRESHOLD = 0.65
"""Minimum `Match.score` for `rank` to propose a match of either kind (default; settings override)."""
DEFAULT_LIMIT = 20
"""Most matches `rank` returns (default; settings override)."""
DUPLICATE_WINDOW_DAYS = 90
"""Another complainant's complaint about the same matter and place is the same matter within this many days."""

SAME_COMPLAINANT = 0.8
"""Complainant level from which a match counts as the same complainant (see `_complainant`)."""
W_COMPLAINANT = 0.40
"""Same complainant: weight of the complainant level (1.0 for name + phone; less when a field is missing)."""
W_PLACE = 0.20
"""Same complainant: weight of the same place key."""
W_CATEGORY = 0.15
"""Same complainant: weight of the same matter (or, without a matter in the text, the same category)."""
W_TEXT = 0.30
"""Weight of the text cosine similarity (0..1), both kinds."""
PENALTY_OTHER_PLACE = 0.30
"""Subtracted when both places are known and differ (same kind of problem elsewhere is another matter)."""
PENALTY_OTHER_CATEGORY = 0.20
"""Subtracted when both matters (or categories) are known and differ."""
D_PLACE = 0.45
"""Another complainant: the base score of the same place (required for this kind)."""
D_MATTER = 0.25
"""Another complainant: added for the same matter."""
D_OTHER_MATTER = 0.50
"""Another complainant: subtracted for another matter."""

MAX_WITHOUT_COMPLAINANT = D_PLACE + D_MATTER + W_TEXT
"""The best score another complainant's complaint can reach (same place, same matter, identical text)."""


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


def text_cosine(a: Document, b: Document, idf: Idf | None = None) -> float:
    """The cosine of the two texts' gram vectors: from the stored signatures without IDF weights (as the app
    scores), else from vectors weighted by `idf`."""
    if idf is None or idf is DEFAULT_IDF or not idf.n_docs:
        return signature_cosine(a.decoded(), b.decoded())
    return cosine(a.vector(idf), b.vector(idf))


# --- documents and matches ---------------------------------------------------------------------------------------
@dataclass(eq=False)
class Document:
    """One complaint as the scorer sees it; build it with `build_document` from the stored fields.

    `place_key` is the key of the place address (else of the text); `place_keys` holds every key found in the
    place address and the text. `matter` is the matter read from the text ("" when none is clear), `matters` every
    matter the text mentions (best first); `category` is the row's category or, without one, the matter's."""

    id: object
    text: str
    name_key: str = ""
    phone_key: str = ""
    place_key: str = ""
    category: str = ""
    received_at: dt.datetime | None = None
    place_keys: tuple[str, ...] = ()
    matter: str = ""
    matters: tuple[str, ...] = ()
    signature: bytes | None = field(default=None, repr=False)
    """The stored text vector (`gamsa.text.signature`); None: made from `text` when first needed."""
    _vec: dict[str, float] | None = field(default=None, repr=False)
    _vec_idf: Idf | None = field(default=None, repr=False)
    _kinds: tuple | None = field(default=None, repr=False)
    _sig: Signature | None = field(default=None, repr=False)

    def decoded(self) -> Signature:
        if self._sig is None:
            stored = self.signature if self.signature is not None else make_signature(self.text)
            self._sig = Signature(stored)
        return self._sig

    def vector(self, idf: Idf | None = None) -> dict[str, float]:
        idf = idf or DEFAULT_IDF
        if self._vec is None or self._vec_idf is not idf:
            self._vec = vectorize(self.text, idf)
            self._vec_idf = idf
        return self._vec


def read_matters(title: str, body: str) -> tuple[str, tuple[str, ...]]:
    """(the matter, every matter mentioned best first) of a text; store both when a complaint is saved."""
    scores = matter_scores(title, body)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    matters = tuple(m for m, _ in ranked)
    if not ranked or ranked[0][1] < MIN_SCORE or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return "", matters
    return ranked[0][0], matters


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
    matter: str | None = None,
    matters: Iterable[str] | None = None,
    keys: Iterable[str] | None = None,
    signature: bytes | None = None,
) -> Document:
    """A `Document` from the fields a complaint stores (the complainant's own address is not used).

    `matter`, `matters`, `keys` and the text's `signature` may be passed as stored (else they are read from the
    text now or when needed)."""
    text = document_text(title, body)
    from_place = place_keys(place)
    if keys is None:
        keys = tuple(dict.fromkeys((*from_place, *place_keys(text))))
    else:
        keys = tuple(keys)
    if matter is None:
        matter, matters = read_matters(title, body)
    category = (category or "").strip() or MATTER_CATEGORY.get(matter, "")
    return Document(
        id=id,
        text=text,
        name_key=normalize_name(name),
        phone_key=normalize_phone(phone),
        place_key=from_place[0] if from_place else (keys[0] if keys else ""),
        category=category,
        received_at=received_at,
        place_keys=keys,
        matter=matter,
        matters=tuple(matters or ((matter,) if matter else ())),
        signature=signature,
    )


def stored_document(
    id: object,
    *,
    text: str,
    name_key: str,
    phone_key: str,
    keys: tuple[str, ...],
    category: str,
    received_at: dt.datetime | None,
    matter: str,
    matters: tuple[str, ...],
    signature: bytes | None,
) -> Document:
    """A `Document` from what a complaint stores once read (normalised name and phone, place keys with the
    address's first, matter, text signature): what `build_document` gives, without reading the text again."""
    return Document(
        id=id,
        text=text,
        name_key=name_key,
        phone_key=phone_key,
        place_key=keys[0] if keys else "",
        category=category or MATTER_CATEGORY.get(matter, ""),
        received_at=received_at,
        place_keys=keys,
        matter=matter,
        matters=matters or ((matter,) if matter else ()),
        signature=signature,
    )


@dataclass
class Match:
    """The score of a candidate against the query, with the reasons shown to the officer (Korean).

    `same_complainant` tells the two kinds apart: True for the same resident (반복민원, counts toward 제23조 once
    confirmed), False for the same matter from another resident (중복민원). Reasons carry no personal data."""

    id: object
    score: float
    same_complainant: bool
    same_place: bool
    text_similarity: float
    reasons: list[str]
    same_category: bool = False
    place: str = ""
    received_at: dt.datetime | None = None
    matter: str = ""

    @property
    def kind_label(self) -> str:
        return "같은 민원인" if self.same_complainant else "같은 사안, 다른 민원인"


def names_close(a: str, b: str) -> bool:
    """Two normalised names one edit apart (a syllable changed, dropped, added, or two swapped), both ≥ 2 long."""
    if a == b:
        return True
    if min(len(a), len(b)) < 2 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def same_person(name_a: str, phone_a: str, name_b: str, phone_b: str) -> tuple[float, str]:
    """How surely two (normalised) name/phone pairs are one person, 0..1, with the Korean reason (no personal data).

    1.0 name + phone; 0.9 the same phone with the name missing on one side or one keystroke off; 0.8 the same or
    nearly the same name when one side has no phone; 0.5 the same phone under another name (a family phone);
    0.3 the same name with another phone (a common name); else 0. `SAME_COMPLAINANT` (0.8) and above is the same
    complainant."""
    phone = bool(phone_a) and phone_a == phone_b
    name = bool(name_a) and name_a == name_b
    close = bool(name_a) and bool(name_b) and not name and names_close(name_a, name_b)
    if phone and name:
        return 1.0, "같은 민원인(이름·전화번호)"
    if phone and not (name_a and name_b):
        return 0.9, "같은 민원인(전화번호)"
    if phone and close:
        return 0.9, "같은 민원인(전화번호, 이름 표기 한 글자 다름)"
    if (name or close) and not (phone_a and phone_b):
        return (
            0.8,
            "같은 민원인(이름, 한쪽 전화번호 없음)"
            if name
            else "같은 민원인(비슷한 이름, 한쪽 전화번호 없음)",
        )
    if phone:
        return 0.5, "같은 전화번호(이름 다름)"
    if name:
        return 0.3, "같은 이름(전화번호 다름)"
    return 0.0, ""


def _complainant(a: Document, b: Document) -> tuple[float, str]:
    return same_person(a.name_key, a.phone_key, b.name_key, b.phone_key)


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


def _matter(a: Document, b: Document) -> tuple[int, str]:
    """(+1 same, 0 unknown, -1 different; a label). The matters read from the texts decide when both are clear:
    the same → same; each one's matter absent from the other's text → different; else unknown. When only one is
    clear, the other text mentioning that matter makes it the same; else the categories (the row's, else the
    matter's) decide."""
    if a.matter and b.matter:
        if a.matter == b.matter:
            return 1, MATTER_LABELS.get(a.matter, a.matter)
        if a.matter not in b.matters and b.matter not in a.matters:
            return -1, f"{MATTER_LABELS.get(a.matter, a.matter)} / {MATTER_LABELS.get(b.matter, b.matter)}"
        return 0, ""
    clear, other = (a, b) if a.matter else (b, a)
    if clear.matter and clear.matter in other.matters:  # the unclear text mentions the clear one's matter
        return 1, MATTER_LABELS.get(clear.matter, clear.matter)
    if a.category and b.category:
        if a.category == b.category:
            return 1, a.category
        return -1, f"{a.category} / {b.category}"
    return 0, ""


def _structured(
    a: Document,
    b: Document,
    threshold: float | None = None,
    window_days: float | None = DUPLICATE_WINDOW_DAYS,
) -> tuple | None:
    """The score before the text and its parts (no text read); None when `threshold` is given and even identical
    text could not reach it, or when another complainant's complaint is not at the same place or outside the
    window."""
    c, c_reason = _complainant(a, b)
    p, p_label = _place(a, b)
    g, g_label = _matter(a, b)
    same = c >= SAME_COMPLAINANT
    if same:
        s = W_COMPLAINANT * c
        if p > 0:
            s += W_PLACE
        elif p < 0:
            s -= PENALTY_OTHER_PLACE
        if g > 0:
            s += W_CATEGORY
        elif g < 0:
            s -= PENALTY_OTHER_CATEGORY
    else:
        if threshold is not None:
            if p <= 0:
                return None
            if (
                window_days is not None
                and a.received_at is not None
                and b.received_at is not None
                and abs((a.received_at - b.received_at).total_seconds()) > window_days * 86400
            ):
                return None
        s = (D_PLACE if p > 0 else 0.0) + (D_MATTER if g > 0 else -D_OTHER_MATTER if g < 0 else 0.0)
    if threshold is not None and s + W_TEXT < threshold:
        return None
    return s, c, c_reason, p, p_label, g, g_label, same


def can_match(
    query: Document,
    candidate: Document,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: float | None = DUPLICATE_WINDOW_DAYS,
) -> bool:
    """Whether `candidate` could reach `threshold` against `query` with the most similar text possible, judged on
    the complainant, place, matter and dates only (neither document's text is read). `rank` drops the others the
    same way, so the app reads the text only of the candidates for which this is True."""
    if candidate.id is not None and candidate.id == query.id:
        return False
    return _structured(query, candidate, threshold, window_days) is not None


def _signals(
    a: Document,
    b: Document,
    idf: Idf | None,
    threshold: float | None = None,
    window_days: float | None = DUPLICATE_WINDOW_DAYS,
) -> tuple | None:
    """The score and its parts; None when `threshold` is given and even identical text could not reach it, or
    when another complainant's complaint is not at the same place or outside the window (the text vectors are then
    never computed)."""
    pre = _structured(a, b, threshold, window_days)
    if pre is None:
        return None
    s, c, c_reason, p, p_label, g, g_label, same = pre
    t = text_cosine(a, b, idf)
    s += W_TEXT * t
    return max(0.0, min(1.0, s)), c, c_reason, p, p_label, g, g_label, t, same


def _match(a: Document, b: Document, sig: tuple) -> Match:
    s, c, c_reason, p, p_label, g, g_label, t, same = sig
    reasons = []
    if same:
        reasons.append(c_reason)
    else:
        reasons.append("같은 사안, 다른 민원인" if p > 0 else "다른 민원인")
        if c_reason:
            reasons.append(c_reason)
    if p > 0:
        reasons.append(f"같은 장소({p_label})")
    elif p < 0:
        reasons.append(f"다른 장소({p_label})")
    if g > 0:
        reasons.append(f"같은 사안({g_label})")
    elif g < 0:
        reasons.append(f"다른 사안({g_label})")
    reasons.append(f"내용 유사도 {t:.2f}")
    return Match(
        id=b.id,
        score=round(s, 4),
        same_complainant=same,
        same_place=p > 0,
        text_similarity=round(t, 4),
        reasons=reasons,
        same_category=g > 0,
        place=p_label if p > 0 else "",
        received_at=b.received_at,
        matter=b.matter,
    )


def score(a: Document, b: Document, idf: Idf | None = None) -> Match:
    """How likely `b` is the same matter as `a` (0..1), with the kind, the signals and Korean reasons.

    Same complainant (`same_person` ≥ 0.8): W_COMPLAINANT·complainant + W_TEXT·cosine + W_PLACE (same place) −
    PENALTY_OTHER_PLACE (known and different) + W_CATEGORY (same matter) − PENALTY_OTHER_CATEGORY (known and
    different). Another complainant: D_PLACE when at the same place (else nothing: without the place it is not
    this kind), + D_MATTER for the same matter or − D_OTHER_MATTER for another, + W_TEXT·cosine. Clipped to 0..1.
    `rank` also drops another complainant's complaint outside the window; `score` reports it as it is."""
    sig = _signals(a, b, idf)
    assert sig is not None
    return _match(a, b, sig)


def rank(
    query: Document,
    candidates: list[Document],
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    idf: Idf | None = None,
    window_days: float | None = DUPLICATE_WINDOW_DAYS,
) -> list[Match]:
    """Score `candidates` against `query`; the matches with score ≥ `threshold`, best first, at most `limit`.

    Both kinds are returned, told apart by `Match.same_complainant`. The query itself (same `id`) is skipped.
    Ties go to the same complainant, then to the more recent complaint."""
    out = []
    for cand in candidates:
        if cand is query or (cand.id is not None and cand.id == query.id):
            continue
        sig = _signals(query, cand, idf, threshold, window_days)
        if sig is not None and sig[0] >= threshold:
            out.append(_match(query, cand, sig))
    out.sort(
        key=lambda m: (m.score, m.same_complainant, m.received_at.timestamp() if m.received_at else 0.0),
        reverse=True,
    )
    return out[:limit]
