"""The stored text signature gives the cosine of the gram vectors it stands for (docs/adr/0033)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gamsa.text.signature import Signature, document_text, make_signature, signature_cosine
from gamsa.text.similarity import build_document, cosine, text_cosine, vectorize

TEXTS = [
    "영등포로 123 불법주차 단속 요청\n영등포로 123 앞에 차량들이 매일 불법주차를 하고 있습니다.",
    "영등포로 123 앞 불법 주차\n차량들이 매일 주차를 하고 있어 보행자가 위험합니다. 주차 주차 주차 단속 바랍니다.",
    "당산동3가 385-1 가로등 고장\n밤에 가로등이 꺼져 있어 어둡습니다.",
    "소음",
    "",
    "!!! ---",
    "a b c 가 나",
]


def test_cosine_of_signatures_equals_cosine_of_vectors():
    for a in TEXTS:
        for b in TEXTS:
            expected = cosine(vectorize(a), vectorize(b))
            got = signature_cosine(Signature(make_signature(a)), Signature(make_signature(b)))
            assert got == pytest.approx(expected, abs=1e-12), (a, b)
    # repeated grams are weighted, not counted once: the second text has "주차" five times
    same = signature_cosine(Signature(make_signature(TEXTS[1])), Signature(make_signature(TEXTS[1])))
    assert same == pytest.approx(1.0)
    assert signature_cosine(Signature(make_signature(TEXTS[0])), Signature(make_signature(TEXTS[2]))) < 0.2


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="주차단속가로등소음 영등포로123-", max_size=60),
    st.text(alphabet="주차단속가로등소음 영등포로123-", max_size=60),
)
def test_cosine_of_signatures_equals_cosine_of_vectors_for_any_text(a, b):
    expected = cosine(vectorize(a), vectorize(b))
    got = signature_cosine(Signature(make_signature(a)), Signature(make_signature(b)))
    assert got == pytest.approx(expected, abs=1e-12)


def test_a_stored_signature_is_used_and_a_missing_one_is_made_from_the_text():
    title, body = "가로등 고장", "당산로 41길 가로등이 꺼졌습니다"
    stored = make_signature(document_text(title, body))
    with_stored = build_document(
        1, title=title, body=body, signature=memoryview(stored)
    )  # PostgreSQL's bytea
    made = build_document(2, title=title, body=body)
    assert made.signature is None
    assert text_cosine(with_stored, made) == pytest.approx(1.0)
    # a stored signature wins over the text (it is what the row holds)
    other = build_document(3, title=title, body=body, signature=make_signature("전혀 다른 내용의 민원"))
    assert text_cosine(with_stored, other) < 0.2
    assert make_signature("") == b""
