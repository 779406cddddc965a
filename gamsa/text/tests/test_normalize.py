"""Normalisation and place keys (plain Python, no database)."""

import pytest

from gamsa.text.normalize import normalize_name, normalize_phone, normalize_text, place_key, place_keys


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  불법주차!!  단속 (요청)… ", "불법주차 단속 요청"),
        ("ABC１２３ Ｔｅｓｔ", "abc123 test"),  # NFKC full-width → ASCII, lower case
        ("영등포로 123-4, 2층", "영등포로 123 4 2층"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("홍길동", "홍길동"),
        ("홍 길동 님", "홍길동"),
        ("이영희씨", "이영희"),
        ("김씨", "김씨"),
        ("박민수 선생님", "박민수"),
        ("", ""),
    ],
)
def test_normalize_name(raw, expected):
    assert normalize_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("010-1234-5678", "01012345678"),
        ("010 1234 5678", "01012345678"),
        ("+82 10-1234-5678", "01012345678"),
        ("+82 (0)10 1234 5678", "01012345678"),
        ("82-10-1234-5678", "01012345678"),
        ("02-2670-3114", "0226703114"),
        ("1234-5678", ""),
        ("없음", ""),
        (None, ""),
    ],
)
def test_normalize_phone(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # road name + building number
        ("서울특별시 영등포구 영등포로 123", "영등포로 123"),
        ("영등포구 여의대로 24 (여의도동)", "여의대로 24"),
        ("당산로41길 11", "당산로41길 11"),
        ("당산로 41길 11, 3층", "당산로41길 11"),
        ("신길로60가길 5-2 앞 골목", "신길로60가길 5-2"),
        ("경인로 775-1 건물 앞", "경인로 775-1"),
        ("영등포구영등포로 123", "영등포로 123"),
        ("국회대로 612에 차량이 서 있습니다", "국회대로 612"),
        ("서울특별시 영등포구 영등포로 123 (당산동3가 385-1)", "영등포로 123"),
        # 지번
        ("당산동3가 385-1", "당산동3가 385-1"),
        ("서울 영등포구 당산동 3가 385-1번지", "당산동3가 385-1"),
        ("양평동4가 12-3번지 앞", "양평동4가 12-3"),
        ("신길동 산 12", "신길동 산12"),
        # landmarks
        ("당산 래미안 아파트 정문 앞에 쓰레기", "래미안아파트"),
        ("영등포역 3번 출구 앞 노점", "영등포역"),
        ("영등포구청역 앞", "영등포구청역"),
        ("문래근린공원에서 흡연", "문래근린공원"),
        ("당산초등학교 후문 불법주차", "당산초등학교"),
        ("영등포전통시장 입구 악취", "영등포전통시장"),
        # nothing (counters, everyday words, vague places, apartment 동/호)
        ("차로 2대가 도로 3곳에 서 있습니다", ""),
        ("출근길 8시에 이동 3번", ""),
        ("우리 아파트 101동 1203호", ""),
        ("이 지역에 쓰레기가 많습니다", ""),
        ("근처 공원에서 밤마다 시끄럽습니다", ""),
        ("매일 밤 10시부터 새벽 2시까지", ""),
        ("서울시장님께 드리는 글", ""),
        ("", ""),
    ],
)
def test_place_key(text, expected):
    assert place_key(text) == expected


def test_place_keys_orders_kinds_and_deduplicates():
    keys = place_keys("당산역 앞, 당산로 41길 11 (당산동3가 385-1) 당산로41길 11")
    assert keys == ["당산로41길 11", "당산동3가 385-1", "당산역"]
