"""A complaint's text vector, made once when the complaint is saved and stored with it (docs/adr/0033).

`gamsa.text.similarity` compares texts by the cosine of their word-bounded character 2–3-gram vectors, each gram
weighted by its sublinear term frequency (1 + ln tf; no IDF in the app). Making those grams from the text is most of
a lookup's work at a busy place (40–50 candidates reach the text), so the vector is stored as a signature:

    uint32 r | r × uint32 gram hash | r × uint32 count | uint32 hashes of the grams seen once

(little-endian; r is the number of grams seen more than once, usually 0–3). A gram's hash is the CRC-32 of its UTF-8
bytes (stable across processes and machines; two different grams of two short complaints share a hash about once in
a million comparisons). The cosine of two signatures is the cosine of the two vectors: a set intersection in C, the
few repeated grams weighted in Python.
"""

from __future__ import annotations

import math
import sys
import zlib
from array import array
from collections import Counter

from gamsa.text.grams import char_ngrams

NGRAM_SIZES = (2, 3)


def document_text(title: str, body: str) -> str:
    """The text a complaint is compared by: title and body (the body alone without a title)."""
    return f"{title}\n{body}" if title else body


def make_signature(text: str) -> bytes:
    """The stored form of `text`'s gram vector (b"" for a text without grams)."""
    counts = Counter(char_ngrams(text, NGRAM_SIZES))
    if not counts:
        return b""
    crc = zlib.crc32
    repeated = {crc(g.encode()): c for g, c in counts.items() if c > 1}
    once = [crc(g.encode()) for g, c in counts.items() if c == 1]
    out = array("I", [len(repeated), *repeated.keys(), *repeated.values(), *once])
    if sys.byteorder != "little":
        out.byteswap()
    return out.tobytes()


class Signature:
    """A decoded signature: every gram hash as a set, the weights of the repeated ones, the squared norm."""

    __slots__ = ("grams", "weights", "norm2")

    def __init__(self, stored: bytes | memoryview):
        values = array("I")
        values.frombytes(stored)
        if sys.byteorder != "little":
            values.byteswap()
        if not values:
            self.grams, self.weights, self.norm2 = frozenset(), {}, 0.0
            return
        r = values[0]
        log = math.log
        self.weights = {
            h: 1.0 + log(c) for h, c in zip(values[1 : 1 + r], values[1 + r : 1 + 2 * r], strict=True)
        }
        self.grams = frozenset(values[1 + 2 * r :]).union(self.weights)
        self.norm2 = float(len(values) - 1 - 2 * r) + sum(w * w for w in self.weights.values())


def signature_cosine(a: Signature, b: Signature) -> float:
    """The cosine of the two gram vectors (0 when either text has none)."""
    if not a.norm2 or not b.norm2:
        return 0.0
    common = a.grams & b.grams
    if not common:
        return 0.0
    dot = float(len(common))  # every gram in common weighs 1 × 1 ...
    for h in a.weights.keys() | b.weights.keys():  # ... but the few seen more than once
        if h in common:
            dot += a.weights.get(h, 1.0) * b.weights.get(h, 1.0) - 1.0
    return min(1.0, dot / math.sqrt(a.norm2 * b.norm2))
