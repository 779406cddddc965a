"""Scoring and ranking: paraphrased repeats by the same person outrank hard negatives."""

import datetime as dt
import json

import pytest

from gamsa.text.matters import infer_matter
from gamsa.text.similarity import (
    DEFAULT_THRESHOLD,
    Document,
    Idf,
    Match,
    build_document,
    cosine,
    names_close,
    rank,
    same_person,
    score,
    vectorize,
)

T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))

BASE = dict(
    title="영등포로 123 불법주차 단속 요청",
    body="안녕하세요. 영등포로 123 앞에 차량들이 매일 불법주차를 하고 있습니다. 보행자들이 차도로 걸어 다녀야 해서 "
    "위험합니다. 단속을 요청합니다.",
    name="홍길동",
    phone="010-1234-5678",
    place="서울특별시 영등포구 영등포로 123",
    category="불법주차",
)


def doc(id, **over):
    fields = {**BASE, **over}
    return build_document(id, received_at=T0 + dt.timedelta(days=id), **fields)


@pytest.fixture
def corpus():
    query = doc(0)
    copy = doc(1, phone="01012345678")
    light = doc(
        2,
        title="[재민원] 영등포로 123 불법주차 단속 요청",
        body="수고 많으십니다. 영등포로 123 앞에 자동차들이 날마다 불법 주차를 하고 있습니다. 보행자들이 차도로 걸어 "
        "다녀야 해서 위험해요. 단속을 요청합니다. 여전히 개선되지 않고 있습니다.",
    )
    heavy = doc(
        3,
        title="상습 불법주차 민원",
        body="아이들 등하굣길이라 사고가 날까 걱정됩니다. 출퇴근 시간마다 영등포로 123 건물 앞에 주차 위반이 "
        "심각합니다. 견인 조치를 해주시기 바랍니다. 벌써 몇 번째 신고하는지 모르겠습니다.",
        place="",
        phone="+82 10-1234-5678",
        name="홍 길동",
    )
    # hard negatives
    other_place = doc(
        4,
        title="영등포로 127 불법주차 단속 요청",
        body=BASE["body"].replace("123", "127"),
        place="영등포로 127",
    )
    other_person = doc(5, name="김철수", phone="010-9999-0000")  # same text, same place: a neighbour
    other_matter = doc(
        6,
        title="쓰레기 무단투기 신고",
        body="영등포로 123 앞에 쓰레기를 무단으로 버리는 사람이 많습니다. 악취가 나고 벌레가 꼬입니다.",
        category="쓰레기 무단투기",
    )
    return query, [copy, light, heavy], [other_place, other_person, other_matter]


def test_document_fields_are_normalised():
    d = doc(0, name="홍 길동 님", phone="+82 10-1234-5678", place="")
    assert (d.name_key, d.phone_key, d.place_key) == ("홍길동", "01012345678", "영등포로 123")
    assert d.place_keys == ("영등포로 123",)


def test_paraphrases_outrank_hard_negatives(corpus):
    query, repeats, negatives = corpus
    other_place, neighbour, other_matter = negatives
    idf = Idf.build([d.text for d in [query, *repeats, *negatives]], min_df=1)
    for use_idf in (None, idf):
        pos = [score(query, d, use_idf).score for d in repeats]
        neg = [score(query, d, use_idf).score for d in (other_place, other_matter)]
        assert min(pos) > max(neg), (pos, neg)
        assert min(pos) >= DEFAULT_THRESHOLD > max(neg)


def test_rank_returns_both_kinds_best_first(corpus):
    query, repeats, negatives = corpus
    found = rank(query, [query, *negatives, *repeats], threshold=DEFAULT_THRESHOLD, limit=10)
    assert [m.id for m in found][:1] == [1]  # the literal copy first
    assert {m.id for m in found} == {
        1,
        2,
        3,
        5,
    }  # the repeats and the neighbour; not the other place or matter
    assert {m.id for m in found if m.same_complainant} == {1, 2, 3}
    assert all(isinstance(m, Match) for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert len(rank(query, [*negatives, *repeats], threshold=0.0, limit=2)) == 2


def test_match_reasons_in_korean(corpus):
    query, repeats, negatives = corpus
    m = score(query, repeats[0])
    assert m.same_complainant and m.same_place and m.same_category
    assert m.text_similarity == pytest.approx(1.0)
    assert m.reasons[0] == "같은 민원인(이름·전화번호)"
    assert "같은 장소(영등포로 123)" in m.reasons
    assert "같은 사안(불법주정차)" in m.reasons
    assert m.reasons[-1] == "내용 유사도 1.00"
    far = score(query, negatives[0])
    assert not far.same_place and "다른 장소(영등포로 123 / 영등포로 127)" in far.reasons


def test_a_different_complainant_at_the_same_place_is_a_duplicate_not_a_repeat(corpus):
    query, _, negatives = corpus
    m = score(query, negatives[1])
    assert not m.same_complainant and m.same_place and m.text_similarity == pytest.approx(1.0)
    assert m.score >= DEFAULT_THRESHOLD
    assert m.reasons[0] == "같은 사안, 다른 민원인" and m.kind_label == "같은 사안, 다른 민원인"
    assert not any("홍길동" in r or "010" in r for r in m.reasons)  # no personal data in the reasons


def test_missing_phone_still_same_complainant_by_name():
    a = doc(0)
    b = doc(1, phone="")
    m = score(a, b)
    assert m.same_complainant and "같은 민원인(이름, 한쪽 전화번호 없음)" in m.reasons


def test_road_and_lot_number_are_not_compared():
    a = doc(
        0, place="", body="당산동3가 385-1번지 앞에 차량들이 매일 불법주차를 합니다.", title="불법주차 신고"
    )
    b = doc(1)
    m = score(a, b)
    assert not m.same_place and not any(r.startswith("다른 장소") for r in m.reasons)


def test_idf_roundtrip_and_default():
    texts = ["영등포로 불법주차 단속", "당산로 불법주차 신고", "쓰레기 무단투기"]
    idf = Idf.build(texts, min_df=1)
    again = Idf.from_json(idf.to_json())
    assert json.loads(idf.to_json())["n_docs"] == 3
    assert again.df == idf.df and again.n_docs == 3
    assert again.weight("불법") == pytest.approx(idf.weight("불법"))
    assert idf.weight("불법") < idf.weight("쓰레")  # common grams weigh less
    assert idf.weight("처음보는") > idf.weight("쓰레")  # unseen grams weigh most
    assert Idf().weight("아무거나") == 1.0


def test_vectors_and_cosine():
    u = vectorize("불법주차 단속 요청")
    assert cosine(u, u) == pytest.approx(1.0)
    assert cosine(u, vectorize("가로등 고장")) == 0.0
    assert vectorize("!!!") == {}
    assert cosine({}, u) == 0.0


def test_empty_document_scores_without_error():
    a = Document(id=1, text="")
    b = Document(id=2, text="")
    m = score(a, b)
    assert m.score == 0.0 and not m.same_complainant and m.reasons == ["다른 민원인", "내용 유사도 0.00"]


# --- the same matter from other residents, and residents who type their details differently ----------------------

POTHOLE = [
    dict(
        title="당산로 41 포트홀",
        body="당산로 41 앞 차도에 포트홀이 생겼습니다. 오토바이가 넘어질 뻔했습니다. 긴급 보수 바랍니다.",
        name="김서연",
        phone="010-2222-1111",
        place="서울특별시 영등포구 당산로 41",
    ),
    dict(
        title="도로가 패여 위험합니다",
        body="밤에 지나가다 보니 당산로 41 부근 도로 한가운데가 움푹 꺼져 있어요. 타이어가 터질 것 같습니다.",
        name="이도윤",
        phone="01033334444",
        place="",
    ),
    dict(
        title="민원 드립니다",
        body="당산로 41 건물 앞 아스팔트가 깨져 큰 구멍이 있습니다. 빨리 메워 주세요.",
        name="박하은",
        phone="+82 10-5555-6666",
        place="영등포구 당산로 41",
    ),
]


def pothole(i, days=0, **over):
    return build_document(i, received_at=T0 + dt.timedelta(days=days), **{**POTHOLE[i % 3], **over})


def test_three_residents_reporting_the_same_pothole_are_linked():
    a, b, c = pothole(0), pothole(1, 3), pothole(2, 9)
    assert {a.matter, b.matter, c.matter} == {"pothole"}
    found = rank(c, [a, b])
    assert {m.id for m in found} == {0, 1}
    assert not any(m.same_complainant for m in found)
    assert all(m.reasons[0] == "같은 사안, 다른 민원인" and m.same_place for m in found)


def test_hard_negatives_are_not_linked():
    a = pothole(0)
    elsewhere = pothole(0, 5, place="", title="당산로 47 포트홀", body=POTHOLE[0]["body"].replace("41", "47"))
    elsewhere.id = 10
    assert score(a, elsewhere).same_complainant  # the same resident, the same matter, another place
    other_matter = pothole(
        11,
        5,
        name="최지우",
        phone="010-7777-8888",
        title="불법주차 신고",
        body="당산로 41 앞에 차들이 매일 불법주차를 합니다. 단속 부탁드립니다.",
    )
    long_after = pothole(1, 200)  # another resident, the same place and matter, months later: another event
    assert rank(a, [elsewhere, other_matter, long_after]) == []
    assert rank(a, [long_after], window_days=365)  # within a wider window it is proposed


def test_phone_formats_and_a_mistyped_name_are_the_same_complainant():
    a = pothole(0)
    for name, phone in (
        ("김서연", "010.2222.1111"),
        ("김 서연 님", "(010) 2222-1111"),
        ("김서현", "010 2222 1111"),  # one syllable mistyped, same phone
        ("김셔연", ""),  # mistyped and no phone
    ):
        m = score(
            a,
            pothole(
                9, 20, name=name, phone=phone, title="재민원 포트홀", body="당산로 41 포트홀 그대로입니다."
            ),
        )
        assert m.same_complainant, (name, phone, m.reasons)
    assert not score(a, pothole(9, 20, name="박민수", phone="010-9999-0000")).same_complainant


def test_names_close_and_same_person():
    assert (
        names_close("김민준", "김민중")
        and names_close("김민준", "김준민")
        and names_close("김민준", "김민준이")
    )
    assert not names_close("김민준", "이서연") and not names_close("김", "이")
    assert same_person("김민준", "01011112222", "김민중", "01011112222")[0] >= 0.8
    assert same_person("김민준", "01011112222", "이서연", "01011112222")[0] < 0.8  # a family phone
    assert same_person("김민준", "01011112222", "김민준", "01099998888")[0] < 0.8  # a common name


def test_matter_is_read_from_the_text_when_the_row_has_no_category():
    assert infer_matter("민원 드립니다", "당산로 41 앞 아스팔트가 깨져 큰 구멍이 있습니다.") == "pothole"
    assert infer_matter("가로등 고장", "") == "streetlight"
    assert infer_matter("건의합니다", "잘 부탁드립니다.") == ""
    d = build_document(1, title="쓰레기 무단투기 신고", body="골목에 쓰레기를 버리고 갑니다.")
    assert d.matter == "dumping" and d.category == "cleaning"


def test_can_match_never_drops_a_match_and_reads_no_text(corpus):
    """The app reads title and body only of the candidates `can_match` keeps; judged without any text, it must
    keep every candidate `rank` would propose and drop those that cannot reach the threshold."""
    from gamsa.text.similarity import can_match

    query, positives, negatives = corpus
    neighbour = doc(
        7, name="김철수", phone="010-9999-0000", place="", title="", body="영등포로 123 주차 문제"
    )
    elsewhere = doc(
        8,
        name="이영희",
        phone="010-5555-0000",
        place="영등포로 127",
        title="주차",
        body="영등포로 127 불법주차",
    )
    everyone = [query, *positives, *negatives, neighbour, elsewhere]

    def textless(d):
        return Document(
            id=d.id,
            text="",
            name_key=d.name_key,
            phone_key=d.phone_key,
            place_key=d.place_key,
            category=d.category,
            received_at=d.received_at,
            place_keys=d.place_keys,
            matter=d.matter,
            matters=d.matters,
        )

    kept = dropped = 0
    for a in everyone:
        for b in everyone:
            if a is b:
                continue
            proposed = bool(rank(a, [b], threshold=DEFAULT_THRESHOLD))
            possible = can_match(a, textless(b), DEFAULT_THRESHOLD)
            assert possible or not proposed, (a.id, b.id)
            kept += possible
            dropped += not possible
    assert kept and dropped
    assert not can_match(query, textless(negatives[0]))  # the same resident at another address
    assert not can_match(query, textless(elsewhere))  # another resident at another address
    assert not can_match(query, query)
