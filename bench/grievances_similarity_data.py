"""Deterministic synthetic Korean grievance complaints (고충민원) for one district (영등포구), with repeat groups.

Usage as a module: `generate(n, seed) -> list[dict]`; as a script: `python bench/grievances_similarity_data.py 1000`
prints a few rows and the composition.

Ground truth: a pair of complaints is a **repeat** iff the same complainant (same person; name and phone may be
formatted differently or the phone left out) files the same matter (category) at the same place. Rows of one repeat
group share `group_id`; every other row has `group_id=None`, and the generator makes sure no two rows outside a
group share (person, category, place). Repeat groups (2–5 filings, spread over weeks) come in three tiers:

- copy:  the same title and body (sometimes with "재민원입니다." prepended),
- light: same sentences, some synonyms swapped (차량/자동차/차, 쓰레기/폐기물 …), other greeting, "still not fixed",
- heavy: other sentences for every slot, another order, synonyms, another way of naming the place.

Hard negatives are attached to groups: (A) the same person, same category, a *neighbouring* place (same road,
other number, or another landmark) with a lightly reworded copy of the group's text — nearly identical text;
(B) other people about the same place and matter (neighbours; 40% copy the text verbatim, like a joint petition);
(C) the same person, same place, another matter. Background rows are single complaints; one in five is by a
person who already filed something else.

Rows: case_number, received_at (aware, Asia/Seoul, 2023–2025), name, phone, address (the complainant's home),
title, body, place (the place address field; empty in ~5% of rows, the body always names the place), category,
group_id. Speed: sentence pools are precomputed; 1,000,000 rows take roughly 15–25 s on one core.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")
START = dt.datetime(2023, 1, 1, tzinfo=SEOUL)
SPAN_SECONDS = int((dt.datetime(2026, 1, 1, tzinfo=SEOUL) - START).total_seconds())

# --------------------------------------------------------------------------------------------- places
ROADS = {
    # road: (max building number, 법정동 the road runs through)
    "영등포로": (420, ["영등포동", "당산동", "양평동2가", "영등포동4가"]),
    "당산로": (260, ["당산동3가", "당산동4가", "당산동6가", "문래동3가"]),
    "도림로": (480, ["도림동", "신길동", "문래동1가"]),
    "신길로": (300, ["신길동"]),
    "대림로": (250, ["대림동"]),
    "여의대로": (130, ["여의도동"]),
    "국회대로": (800, ["여의도동", "당산동1가", "영등포동"]),
    "양평로": (180, ["양평동3가", "양평동4가", "양평동5가"]),
    "문래로": (200, ["문래동2가", "문래동3가", "문래동4가"]),
    "경인로": (900, ["문래동6가", "영등포동1가", "도림동"]),
    "당산로41길": (40, ["당산동3가"]),
    "영등포로62길": (30, ["영등포동7가"]),
    "도림로133길": (25, ["도림동"]),
    "신길로60가길": (20, ["신길동"]),
    "대림로27길": (35, ["대림동"]),
    "양평로22길": (25, ["양평동4가"]),
    "문래로20길": (30, ["문래동3가"]),
    "경인로77길": (25, ["영등포동2가"]),
}
LANDMARKS = [
    "영등포시장",
    "영등포전통시장",
    "대림중앙시장",
    "영등포역",
    "당산역",
    "문래역",
    "영등포구청역",
    "신길역",
    "대림역",
    "여의도역",
    "양평역",
    "영등포시장역",
    "문래근린공원",
    "당산공원",
    "영등포공원",
    "신길근린공원",
    "선유도공원",
    "여의도공원",
    "당산초등학교",
    "영동초등학교",
    "문래초등학교",
    "대림초등학교",
    "신길초등학교",
    "도신초등학교",
    "당산중학교",
    "문래중학교",
    "당산삼성래미안아파트",
    "문래힐스테이트아파트",
    "당산센트럴아이파크아파트",
    "신길우성아파트",
    "대림현대아파트",
    "영등포푸르지오아파트",
    "양평한신아파트",
    "도림동부아파트",
    "여의도시범아파트",
    "당산현대3차아파트",
    "문래자이아파트",
    "신길뉴타운아파트",
    "영등포아트자이아파트",
    "문래동주민센터",
    "당산1동주민센터",
    "대림3동주민센터",
    "신길중앙공영주차장",
    "당산역공영주차장",
    "문래공원놀이터",
    "영등포타임빌딩",
    "여의도우체국",
    "문래동우체국",
]


def _build_places(seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    places: list[dict] = []
    seen: set[str] = set()
    roads = list(ROADS)
    while len(places) < 3000:
        road = rng.choice(roads)
        top, dongs = ROADS[road]
        num = str(rng.randint(1, top))
        if rng.random() < 0.1:
            num += f"-{rng.randint(1, 9)}"
        addr = f"{road} {num}"
        if addr in seen:
            continue
        seen.add(addr)
        dong = rng.choice(dongs)
        jibun = f"{dong} {rng.randint(1, 700)}-{rng.randint(1, 30)}" if rng.random() < 0.4 else ""
        places.append({"road": addr, "dong": dong, "jibun": jibun, "landmark": "", "roadname": road})
    for name in LANDMARKS:
        road = rng.choice(roads[:10])
        top, dongs = ROADS[road]
        while True:
            addr = f"{road} {rng.randint(1, top)}"
            if addr not in seen:
                break
        seen.add(addr)
        places.append(
            {"road": addr, "dong": rng.choice(dongs), "jibun": "", "landmark": name, "roadname": road}
        )
    return places


PLACES = _build_places()
ROAD_PLACES = [p for p in PLACES if not p["landmark"]]
LANDMARK_PLACES = [p for p in PLACES if p["landmark"]]
_BY_ROAD: dict[str, list[int]] = {}
for _i, _p in enumerate(PLACES):
    if not _p["landmark"]:
        _BY_ROAD.setdefault(_p["roadname"], []).append(_i)


def _mention(place: dict, rng: random.Random) -> str:
    """How the body names the place (varies between filings of one group)."""
    r = rng.random()
    if place["landmark"]:
        lm = place["landmark"]
        return (lm, f"{lm} 입구", f"{lm} 앞", f"{place['road']} {lm}", f"{lm} 근처")[int(r * 5)]
    road = place["road"]
    if place["jibun"] and r < 0.12:
        return f"{place['jibun']}번지"
    return (road, f"{road} 앞", f"영등포구 {road} 인근", f"{road} 건물 앞", f"{road} 부근")[int(r * 5)]


def _place_field(place: dict, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.05:
        return ""
    road = place["road"]
    lm = place["landmark"]
    forms = [f"서울특별시 영등포구 {road}", f"영등포구 {road}", f"{road} ({place['dong']})", road]
    if place["jibun"]:  # as an address search (도로명주소 API) returns it: road with the 지번 in brackets
        forms.append(f"서울특별시 영등포구 {road} ({place['jibun']})")
    if lm:
        forms += [f"{road} {lm}", f"서울특별시 영등포구 {road} ({lm})"]
    return forms[int(rng.random() * len(forms))]


def _short(place: dict) -> str:
    return place["landmark"] or place["road"]


# --------------------------------------------------------------------------------------------- templates
OPENERS = [
    "",
    "",
    "안녕하세요.",
    "수고 많으십니다.",
    "담당자님께 말씀드립니다.",
    "영등포구청 담당자님 안녕하세요.",
    "주민입니다.",
    "안녕하세요, 인근에 사는 주민입니다.",
]
CLOSERS = [
    "",
    "빠른 처리 부탁드립니다.",
    "감사합니다.",
    "조치 결과를 꼭 알려주세요.",
    "꼭 해결해 주시기 바랍니다.",
    "적극적인 조치 바랍니다.",
    "확인 부탁드립니다.",
]
AGAIN = [
    "지난번에도 민원을 넣었는데 아직도 그대로입니다.",
    "벌써 몇 번째 신고하는지 모르겠습니다.",
    "여전히 개선되지 않고 있습니다.",
    "전에 신고했는데 달라진 것이 없습니다.",
    "재민원입니다.",
    "처리됐다고 답변을 받았는데 똑같습니다.",
]

CATEGORIES: dict[str, dict[str, list[str]]] = {
    "불법주차": {
        "title": [
            "불법주차 신고",
            "{s} 불법주차 단속 요청",
            "불법 주정차 차량 단속 바랍니다",
            "{s} 주차 문제",
            "상습 불법주차 민원",
        ],
        "s1": [
            "{p}에 차량들이 매일 불법주차를 하고 있습니다.",
            "{p} 도로에 밤마다 불법 주정차 차량이 줄지어 서 있습니다.",
            "{p}에 항상 차량들이 인도를 막고 세워져 있습니다.",
            "출퇴근 시간마다 {p}에 불법주차가 심합니다.",
            "{p} 골목 양쪽에 차량들이 주차되어 있어 지나갈 수가 없습니다.",
            "{p} 소화전 앞에도 차량들이 버젓이 주차합니다.",
        ],
        "s2": [
            "보행자들이 차도로 걸어 다녀야 해서 위험합니다.",
            "아이들 등하굣길이라 사고가 날까 걱정됩니다.",
            "소방차가 들어올 수 없을 정도입니다.",
            "차량 통행이 막혀 매일 정체가 생깁니다.",
            "운전할 때 시야가 가려져 사고 위험이 큽니다.",
        ],
        "s3": [
            "단속을 요청합니다.",
            "강력한 단속 부탁드립니다.",
            "CCTV 설치를 검토해 주세요.",
            "주기적으로 단속해 주시기 바랍니다.",
            "견인 조치를 해주세요.",
        ],
    },
    "쓰레기 무단투기": {
        "title": [
            "쓰레기 무단투기 신고",
            "{s} 쓰레기 불법 투기",
            "무단투기 단속 요청",
            "{s} 쓰레기 문제",
            "쓰레기 더미 처리 요청",
        ],
        "s1": [
            "{p}에 쓰레기를 무단으로 버리는 사람이 많습니다.",
            "{p} 전봇대 밑에 쓰레기가 산더미처럼 쌓여 있습니다.",
            "밤마다 {p}에 종량제 봉투가 아닌 쓰레기를 버리고 갑니다.",
            "{p}에 대형 쓰레기가 며칠째 방치되어 있습니다.",
            "{p} 화단에 음식물 쓰레기를 버리고 갑니다.",
            "{p}에 누군가 계속 쓰레기를 몰래 버립니다.",
        ],
        "s2": [
            "악취가 나고 벌레가 꼬입니다.",
            "여름이라 냄새가 심해 창문을 열 수 없습니다.",
            "동네 미관을 해치고 위생에도 좋지 않습니다.",
            "길고양이들이 봉투를 뜯어 길이 엉망입니다.",
            "지나다니기 불편하고 보기에도 좋지 않습니다.",
        ],
        "s3": [
            "수거와 함께 단속을 부탁드립니다.",
            "무단투기 감시 카메라를 설치해 주세요.",
            "빨리 치워 주세요.",
            "과태료를 부과해 주시기 바랍니다.",
            "경고 안내문이라도 붙여 주세요.",
        ],
    },
    "소음": {
        "title": [
            "소음 민원",
            "{s} 소음 신고",
            "야간 소음 때문에 잠을 못 잡니다",
            "{s} 소음 단속 요청",
            "소음 피해 호소",
        ],
        "s1": [
            "{p}에서 밤늦게까지 시끄럽습니다.",
            "{p} 주변 업소에서 음악을 크게 틀어 놓습니다.",
            "새벽마다 {p}에서 고성방가가 이어집니다.",
            "{p} 공사 현장에서 아침 일찍부터 시끄럽습니다.",
            "{p}에서 확성기 소리가 하루 종일 들립니다.",
            "{p} 매장 실외기 소리가 밤새 시끄럽습니다.",
        ],
        "s2": [
            "잠을 제대로 잘 수가 없습니다.",
            "아이가 깨서 울고 가족 모두 힘들어합니다.",
            "재택근무를 하는데 일에 집중할 수가 없습니다.",
            "몇 달째 이어져 스트레스가 큽니다.",
            "창문을 닫아도 소리가 들립니다.",
        ],
        "s3": [
            "소음 측정과 단속을 해주세요.",
            "행정지도를 부탁드립니다.",
            "소음 기준 위반인지 확인해 주세요.",
            "영업시간 준수를 지도해 주세요.",
            "조치를 취해 주시기 바랍니다.",
        ],
    },
    "가로등 고장": {
        "title": [
            "가로등 고장 신고",
            "{s} 가로등 수리 요청",
            "가로등이 꺼져 있습니다",
            "{s} 가로등 점검 요청",
            "어두운 골목 가로등 민원",
        ],
        "s1": [
            "{p} 가로등이 고장 나서 불이 들어오지 않습니다.",
            "{p}에 있는 가로등이 며칠째 꺼져 있습니다.",
            "{p} 가로등이 밤새 깜빡거립니다.",
            "{p} 보안등이 켜지지 않아 캄캄합니다.",
            "{p} 가로등 두 개가 모두 꺼져 있습니다.",
            "{p} 가로등이 낮에도 켜져 있고 밤에는 꺼집니다.",
        ],
        "s2": [
            "밤에 지나가기 무섭습니다.",
            "여성과 학생들이 많이 다니는 길이라 위험합니다.",
            "어두워서 넘어질 뻔했습니다.",
            "범죄가 생길까 불안합니다.",
            "차량이 보행자를 못 볼 수 있습니다.",
        ],
        "s3": [
            "수리 부탁드립니다.",
            "빠른 점검 바랍니다.",
            "교체해 주시기 바랍니다.",
            "확인 후 고쳐 주세요.",
            "보수해 주세요.",
        ],
    },
    "보도블록 파손": {
        "title": [
            "보도블록 파손 신고",
            "{s} 보도블록 보수 요청",
            "인도 블록이 깨져 있습니다",
            "{s} 보도 정비 요청",
            "보행로 파손 민원",
        ],
        "s1": [
            "{p} 보도블록이 깨지고 들떠 있습니다.",
            "{p} 인도 블록이 여러 장 빠져 있습니다.",
            "{p} 보도가 움푹 꺼져 물이 고입니다.",
            "{p} 보도블록이 솟아올라 턱이 생겼습니다.",
            "{p} 인도 포장이 부서져 있습니다.",
            "{p} 보도블록 사이가 벌어져 흔들립니다.",
        ],
        "s2": [
            "어르신들이 걸려 넘어질 위험이 큽니다.",
            "유모차와 휠체어가 지나갈 수 없습니다.",
            "실제로 넘어져 다친 사람도 있습니다.",
            "비가 오면 물이 튀어 불편합니다.",
            "밤에는 잘 보이지 않아 위험합니다.",
        ],
        "s3": [
            "보수해 주세요.",
            "빠른 정비 부탁드립니다.",
            "교체 공사를 해주시기 바랍니다.",
            "현장 확인 바랍니다.",
            "안전 조치를 해주세요.",
        ],
    },
    "불법 현수막": {
        "title": [
            "불법 현수막 신고",
            "{s} 현수막 철거 요청",
            "불법 광고물 정비 요청",
            "{s} 불법 현수막",
            "무단 게시 현수막 민원",
        ],
        "s1": [
            "{p}에 불법 현수막이 잔뜩 걸려 있습니다.",
            "{p} 가로수와 전봇대에 현수막이 매달려 있습니다.",
            "{p} 횡단보도 옆에 분양 현수막이 붙어 있습니다.",
            "{p}에 허가 없이 걸린 광고 현수막이 많습니다.",
            "{p} 난간에 현수막이 몇 주째 걸려 있습니다.",
            "{p}에 정당 현수막이 기간이 지났는데 그대로 있습니다.",
        ],
        "s2": [
            "운전할 때 신호등이 가려 위험합니다.",
            "거리가 지저분해 보입니다.",
            "바람에 날려 떨어질 것 같습니다.",
            "보행자 시야를 가립니다.",
            "동네 미관을 해칩니다.",
        ],
        "s3": [
            "철거해 주세요.",
            "정비해 주시기 바랍니다.",
            "게시자에게 과태료를 부과해 주세요.",
            "빠른 철거 부탁드립니다.",
            "단속 바랍니다.",
        ],
    },
    "공사장 먼지": {
        "title": [
            "공사장 먼지 민원",
            "{s} 공사 비산먼지",
            "공사 현장 먼지 피해",
            "{s} 공사장 먼지 단속 요청",
            "비산먼지 관리 요청",
        ],
        "s1": [
            "{p} 공사장에서 먼지가 심하게 날립니다.",
            "{p} 공사 현장에 방진막이 없어 먼지가 그대로 날아옵니다.",
            "{p} 건물 철거 공사로 흙먼지가 가득합니다.",
            "{p} 공사장 덤프트럭이 흙을 흘리고 다닙니다.",
            "{p} 공사 현장에서 살수를 하지 않아 먼지가 자욱합니다.",
            "{p} 터파기 공사 먼지가 집 안까지 들어옵니다.",
        ],
        "s2": [
            "창문을 열 수가 없습니다.",
            "빨래를 널 수 없고 차량이 먼지투성이입니다.",
            "아이가 기침을 계속합니다.",
            "호흡기 질환이 걱정됩니다.",
            "가게 물건에 먼지가 쌓여 장사에 지장이 있습니다.",
        ],
        "s3": [
            "비산먼지 관리 점검을 해주세요.",
            "방진막 설치와 살수를 지도해 주세요.",
            "현장 점검 부탁드립니다.",
            "공사 업체에 행정처분을 해주세요.",
            "조치 바랍니다.",
        ],
    },
    "노점": {
        "title": [
            "불법 노점 신고",
            "{s} 노점상 단속 요청",
            "인도 노점 정비 요청",
            "{s} 노점 문제",
            "노점상 민원",
        ],
        "s1": [
            "{p} 인도에 노점상이 자리를 차지하고 있습니다.",
            "{p}에 노점들이 매일 좌판을 펼칩니다.",
            "{p} 횡단보도 앞에 노점 트럭이 서 있습니다.",
            "{p} 인도에 노점이 늘어서 통행이 어렵습니다.",
            "{p}에서 노점이 가스통을 두고 장사합니다.",
            "{p} 버스정류장 옆에 노점상이 있습니다.",
        ],
        "s2": [
            "보행자가 차도로 내려가야 합니다.",
            "화재 위험이 걱정됩니다.",
            "주변 상인들이 피해를 봅니다.",
            "음식 냄새와 쓰레기가 많이 나옵니다.",
            "버스를 타고 내리기 불편합니다.",
        ],
        "s3": [
            "단속 바랍니다.",
            "정비해 주세요.",
            "이전 조치를 해주시기 바랍니다.",
            "지속적인 단속 부탁드립니다.",
            "계도해 주세요.",
        ],
    },
    "흡연": {
        "title": [
            "흡연 민원",
            "{s} 길거리 흡연",
            "금연구역 흡연 단속 요청",
            "{s} 흡연 문제",
            "간접흡연 피해 신고",
        ],
        "s1": [
            "{p}에서 사람들이 모여 담배를 피웁니다.",
            "{p} 금연구역인데도 흡연하는 사람이 많습니다.",
            "{p} 건물 앞에서 직장인들이 담배를 피웁니다.",
            "{p} 놀이터 옆에서 흡연을 합니다.",
            "{p}에 담배꽁초가 수북하게 버려져 있습니다.",
            "{p} 버스정류장에서 흡연하는 사람이 있습니다.",
        ],
        "s2": [
            "담배 연기가 창문으로 들어옵니다.",
            "아이들이 간접흡연에 노출됩니다.",
            "지나갈 때마다 연기를 마십니다.",
            "꽁초 때문에 화재가 날까 걱정됩니다.",
            "냄새가 너무 심합니다.",
        ],
        "s3": [
            "금연 단속을 해주세요.",
            "금연구역 안내판을 설치해 주세요.",
            "과태료를 부과해 주세요.",
            "흡연 단속 부탁드립니다.",
            "조치를 바랍니다.",
        ],
    },
    "누수": {
        "title": [
            "누수 민원",
            "{s} 누수 신고",
            "상수도 누수 점검 요청",
            "{s} 물이 새고 있습니다",
            "도로 누수 신고",
        ],
        "s1": [
            "{p} 도로에서 물이 계속 새어 나옵니다.",
            "{p} 맨홀 주변으로 물이 솟아오릅니다.",
            "{p} 지하 배관이 터진 것 같습니다.",
            "{p} 보도 틈으로 물이 흘러나와 고여 있습니다.",
            "{p} 건물 외벽 배관에서 물이 샙니다.",
            "{p}에 며칠째 물웅덩이가 생겨 있습니다.",
        ],
        "s2": [
            "겨울에 얼면 미끄러워 위험합니다.",
            "수돗물이 낭비되고 있습니다.",
            "지반이 약해질까 걱정됩니다.",
            "지나갈 때 물이 튑니다.",
            "곰팡이와 냄새가 생깁니다.",
        ],
        "s3": [
            "점검해 주세요.",
            "수리 부탁드립니다.",
            "상수도 담당 부서에서 확인해 주세요.",
            "빠른 조치 바랍니다.",
            "원인을 찾아 고쳐 주세요.",
        ],
    },
    "악취": {
        "title": [
            "악취 민원",
            "{s} 악취 신고",
            "하수구 냄새 민원",
            "{s} 냄새 때문에 힘듭니다",
            "악취 개선 요청",
        ],
        "s1": [
            "{p}에서 하수구 냄새가 심하게 납니다.",
            "{p} 음식점 배기구에서 냄새가 납니다.",
            "{p} 빗물받이에서 썩은 냄새가 올라옵니다.",
            "{p} 정화조 냄새가 계속 납니다.",
            "{p} 공장에서 화학약품 냄새가 납니다.",
            "{p} 맨홀에서 악취가 올라옵니다.",
        ],
        "s2": [
            "머리가 아플 정도입니다.",
            "창문을 열 수 없습니다.",
            "여름이라 더 심해졌습니다.",
            "지나가는 사람들도 코를 막습니다.",
            "가게 손님이 끊겼습니다.",
        ],
        "s3": [
            "원인을 조사해 주세요.",
            "방역과 청소를 부탁드립니다.",
            "악취 측정을 해주세요.",
            "개선 조치 바랍니다.",
            "점검해 주시기 바랍니다.",
        ],
    },
    "민원 처리 불만": {
        "title": [
            "민원 처리 불만",
            "{s} 민원 처리에 대한 이의",
            "담당 공무원 응대 불만",
            "{s} 민원 답변이 부실합니다",
            "민원 처리 지연 항의",
        ],
        "s1": [
            "{p} 관련 민원을 넣었는데 제대로 처리되지 않았습니다.",
            "{p} 문제로 민원을 냈더니 형식적인 답변만 왔습니다.",
            "{p} 건으로 전화했는데 담당자가 불친절했습니다.",
            "{p} 민원이 한 달째 처리되지 않고 있습니다.",
            "{p} 관련해서 현장 확인도 없이 종결 처리되었습니다.",
            "{p} 민원을 다른 부서로 계속 넘기기만 합니다.",
        ],
        "s2": [
            "주민을 무시하는 것 같아 불쾌합니다.",
            "같은 답변만 반복해서 받았습니다.",
            "누구에게 물어야 할지 모르겠습니다.",
            "시간만 낭비했습니다.",
            "행정에 대한 신뢰가 떨어집니다.",
        ],
        "s3": [
            "제대로 된 답변을 요구합니다.",
            "담당자 교육을 해주세요.",
            "감사를 요청합니다.",
            "재조사를 해주세요.",
            "책임 있는 답변 바랍니다.",
        ],
    },
}
CATEGORY_NAMES = list(CATEGORIES)

# Synonyms with their particles, so the swap stays grammatical.
SYNONYMS = [
    ("차량들이", ["차들이", "자동차들이", "승용차들이"]),
    ("차량이", ["차가", "자동차가"]),
    ("차량", ["자동차", "차"]),
    ("불법주차를", ["불법 주차를", "무단 주차를"]),
    ("불법주차가", ["불법 주정차가", "주차 위반이"]),
    ("쓰레기를", ["폐기물을", "생활쓰레기를", "쓰레기봉투를"]),
    ("쓰레기가", ["폐기물이", "쓰레기 더미가"]),
    ("시끄럽습니다", ["소음이 심합니다", "너무 시끄러워요", "소음이 엄청납니다"]),
    ("담배를 피웁니다", ["흡연을 합니다", "담배를 태웁니다"]),
    ("흡연하는", ["담배 피우는"]),
    ("고장 나서", ["망가져서", "고장이 나서"]),
    ("꺼져 있습니다", ["불이 나가 있습니다", "안 켜집니다"]),
    ("깨지고", ["부서지고", "파손되고"]),
    ("보도블록이", ["인도 블록이", "보도 블럭이"]),
    ("현수막이", ["플래카드가", "광고 현수막이"]),
    ("먼지가", ["흙먼지가", "분진이"]),
    ("노점상이", ["노점이", "무허가 노점이"]),
    ("물이", ["수돗물이", "물이 계속"]),
    ("냄새가", ["악취가", "냄새가 너무"]),
    ("민원을", ["신고를", "민원 신청을"]),
    ("위험합니다", ["위험해요", "사고 위험이 있습니다"]),
    ("부탁드립니다", ["바랍니다", "요청드립니다"]),
    ("해주세요", ["해 주시기 바랍니다", "해주시기 바랍니다"]),
    ("매일", ["날마다", "하루도 빠짐없이"]),
    ("밤마다", ["매일 밤", "저녁마다"]),
    ("심합니다", ["너무 심해요", "심각합니다"]),
]

SURNAMES = (
    "김김김김김이이이이박박박최최정정강조윤장임한오서신권황안송류전홍고문양손배백허남심노하곽성차주우구민진"
)
GIVEN = (
    "민준 서준 도윤 예준 시우 하준 주원 지호 지후 준우 준서 건우 현우 우진 선우 서진 민재 현준 연우 유준 정우 "
    "승우 승현 시윤 준혁 은우 지환 승민 지우 유찬 서연 서윤 지우 서현 민서 하은 하윤 윤서 지유 지민 채원 수아 "
    "지아 지윤 은서 다은 예은 수빈 소율 예린 영수 영희 철수 순자 정숙 미경 영숙 상철 광수 명숙 경희 정희 "
    "영호 성호 동현 재훈 민호 성민 혜진 은정 미영 선영 정민 지혜 수진 현정 은영 경민 재원 태호 용준 상훈 "
    "기철 말순 옥자 춘자 복순 종필 병철 승철 진수 대현 형준 태윤 소연 나연 가은"
).split()


def _person(rng: random.Random, phones: set[str]) -> dict:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    while True:
        digits = f"010{rng.randrange(10_000_000, 100_000_000)}"
        if digits not in phones:
            phones.add(digits)
            break
    road = rng.choice(ROAD_PLACES)["road"]
    home = f"서울특별시 영등포구 {road}" + (
        f", {rng.randint(101, 120)}동 {rng.randint(1, 25)}0{rng.randint(1, 6)}호"
        if rng.random() < 0.5
        else ""
    )
    return {"name": name, "digits": digits, "address": home}


def _fmt_name(p: dict, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.9:
        return p["name"]
    if r < 0.95:
        return p["name"][0] + " " + p["name"][1:]
    return p["name"] + " 님"


def _fmt_phone(p: dict, rng: random.Random) -> str:
    d = p["digits"]
    r = rng.random()
    if r < 0.6:
        return f"{d[:3]}-{d[3:7]}-{d[7:]}"
    if r < 0.85:
        return d
    if r < 0.9:
        return f"{d[:3]} {d[3:7]} {d[7:]}"
    if r < 0.93:
        return f"+82 {d[1:3]}-{d[3:7]}-{d[7:]}"
    return ""


def _swap_synonyms(text: str, rng: random.Random, prob: float) -> str:
    for word, alts in SYNONYMS:
        if word in text and rng.random() < prob:
            text = text.replace(word, alts[int(rng.random() * len(alts))])
    return text


def _other_index(n: int, avoid: int, rng: random.Random) -> int:
    i = int(rng.random() * (n - 1))
    return i + 1 if i >= avoid else i


class _Composer:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def fresh(self, cat: str) -> dict:
        r = self.rng.random
        t = CATEGORIES[cat]
        return {
            "cat": cat,
            "t": int(r() * len(t["title"])),
            "i1": int(r() * len(t["s1"])),
            "i2": int(r() * len(t["s2"])),
            "i3": int(r() * len(t["s3"])),
            "o": int(r() * len(OPENERS)),
            "c": int(r() * len(CLOSERS)),
            "swap": False,
        }

    def render(
        self, spec: dict, place: dict, mention: str, again: str = "", prefix: str = ""
    ) -> tuple[str, str]:
        t = CATEGORIES[spec["cat"]]
        s1 = t["s1"][spec["i1"]].replace("{p}", mention)
        s2 = t["s2"][spec["i2"]]
        s3 = t["s3"][spec["i3"]]
        core = [s2, s1, s3] if spec["swap"] else [s1, s2, s3]
        parts = [prefix, OPENERS[spec["o"]], *core, again, CLOSERS[spec["c"]]]
        body = " ".join(p for p in parts if p)
        title = t["title"][spec["t"]].replace("{s}", _short(place))
        return title, body


def generate(n: int, seed: int = 2026) -> list[dict]:
    """`n` synthetic complaints, deterministic for a given seed, sorted by received_at; see the module docstring."""
    rng = random.Random(seed)
    r = rng.random
    comp = _Composer(rng)
    phones: set[str] = set()
    people: list[dict] = []
    triples: set[tuple[int, str, int]] = set()
    rows: list[dict] = []
    n_places = len(PLACES)
    n_groups = 0

    def new_person() -> int:
        people.append(_person(rng, phones))
        return len(people) - 1

    def pick_place() -> int:
        if r() < 0.15:
            return n_places - len(LANDMARK_PLACES) + int(r() * len(LANDMARK_PLACES))
        return int(r() * (n_places - len(LANDMARK_PLACES)))

    def neighbour(pi: int) -> int:
        p = PLACES[pi]
        if p["landmark"]:
            j = n_places - len(LANDMARK_PLACES) + int(r() * len(LANDMARK_PLACES))
            return j if j != pi else neighbour(pi)
        same_road = _BY_ROAD[p["roadname"]]
        j = same_road[int(r() * len(same_road))]
        return j if j != pi else neighbour(pi)

    def emit(person: int, pi: int, cat: str, title: str, body: str, when: int, group: int | None) -> None:
        p = people[person]
        place = PLACES[pi]
        rows.append(
            {
                "_t": when,
                "name": _fmt_name(p, rng),
                "phone": _fmt_phone(p, rng),
                "address": p["address"],
                "title": title,
                "body": body,
                "place": _place_field(place, rng),
                "category": cat,
                "group_id": group,
            }
        )

    while len(rows) < n:
        left = n - len(rows)
        if left >= 6 and r() < 0.12:
            # ---- a repeat group with its hard negatives
            person = new_person() if (r() < 0.8 or not people) else int(r() * len(people))
            cat = CATEGORY_NAMES[int(r() * len(CATEGORY_NAMES))]
            pi = pick_place()
            for _ in range(5):
                if (person, cat, pi) not in triples:
                    break
                pi = pick_place()
            else:
                continue
            triples.add((person, cat, pi))
            n_groups += 1
            gid = n_groups
            size = (2, 2, 3, 3, 4, 5)[int(r() * 6)]
            size = min(size, left - 1)
            tier = r()
            place = PLACES[pi]
            base = comp.fresh(cat)
            when = int(r() * (SPAN_SECONDS - 200 * 86400))
            title0, body0 = comp.render(base, place, _mention(place, rng))
            emit(person, pi, cat, title0, body0, when, gid)
            t = when
            for _ in range(size - 1):
                t += int((3 + r() * 60) * 86400)
                again = AGAIN[int(r() * len(AGAIN))]
                if tier < 0.3:  # copy
                    title, body = title0, (("재민원입니다. " + body0) if r() < 0.3 else body0)
                elif tier < 0.65:  # light rewording
                    spec = dict(base, o=int(r() * len(OPENERS)), c=int(r() * len(CLOSERS)))
                    title, body = comp.render(spec, place, _mention(place, rng), again if r() < 0.7 else "")
                    body = _swap_synonyms(body, rng, 0.5)
                    if r() < 0.3:
                        title = "[재민원] " + title
                else:  # heavy rewording
                    tt = CATEGORIES[cat]
                    spec = {
                        "cat": cat,
                        "t": _other_index(len(tt["title"]), base["t"], rng),
                        "i1": _other_index(len(tt["s1"]), base["i1"], rng),
                        "i2": _other_index(len(tt["s2"]), base["i2"], rng),
                        "i3": _other_index(len(tt["s3"]), base["i3"], rng),
                        "o": int(r() * len(OPENERS)),
                        "c": int(r() * len(CLOSERS)),
                        "swap": r() < 0.5,
                    }
                    title, body = comp.render(spec, place, _mention(place, rng), again)
                    body = _swap_synonyms(body, rng, 0.8)
                    title = _swap_synonyms(title, rng, 0.8)
                emit(person, pi, cat, title, body, t, gid)
            # (A) same person, same matter, neighbouring place, nearly the same text
            if r() < 0.5:
                for _ in range(1 + int(r() * 2)):
                    pj = neighbour(pi)
                    if (person, cat, pj) in triples:
                        continue
                    triples.add((person, cat, pj))
                    spec = dict(base, o=int(r() * len(OPENERS)))
                    title, body = comp.render(spec, PLACES[pj], _mention(PLACES[pj], rng))
                    emit(
                        person,
                        pj,
                        cat,
                        title,
                        _swap_synonyms(body, rng, 0.3),
                        when + int(r() * 200 * 86400),
                        None,
                    )
            # (B) other people, same place and matter
            if r() < 0.35:
                for _ in range(1 + int(r() * 3)):
                    other = new_person()
                    triples.add((other, cat, pi))
                    if r() < 0.4:
                        title, body = title0, body0
                    else:
                        title, body = comp.render(comp.fresh(cat), place, _mention(place, rng))
                    emit(other, pi, cat, title, body, when + int(r() * 30 * 86400), None)
            # (C) same person, same place, another matter
            if r() < 0.25:
                other_cat = CATEGORY_NAMES[_other_index(len(CATEGORY_NAMES), CATEGORY_NAMES.index(cat), rng)]
                if (person, other_cat, pi) not in triples:
                    triples.add((person, other_cat, pi))
                    title, body = comp.render(comp.fresh(other_cat), place, _mention(place, rng))
                    emit(person, pi, other_cat, title, body, when + int(r() * 200 * 86400), None)
        else:
            # ---- background: a single complaint
            person = int(r() * len(people)) if (people and r() < 0.2) else new_person()
            cat = CATEGORY_NAMES[int(r() * len(CATEGORY_NAMES))]
            pi = pick_place()
            tries = 0
            while (person, cat, pi) in triples and tries < 10:
                pi = pick_place()
                tries += 1
            if (person, cat, pi) in triples:
                continue
            triples.add((person, cat, pi))
            title, body = comp.render(comp.fresh(cat), PLACES[pi], _mention(PLACES[pi], rng))
            emit(person, pi, cat, title, body, int(r() * SPAN_SECONDS), None)

    rows = rows[:n]
    # a group cut to one filing is not a repeat
    sizes: dict[int, int] = {}
    for row in rows:
        if row["group_id"] is not None:
            sizes[row["group_id"]] = sizes.get(row["group_id"], 0) + 1
    rows.sort(key=lambda row: row["_t"])
    seq: dict[int, int] = {}
    for row in rows:
        t = row.pop("_t")
        if row["group_id"] is not None and sizes[row["group_id"]] < 2:
            row["group_id"] = None
        ts = START + dt.timedelta(seconds=min(t, SPAN_SECONDS - 1))
        seq[ts.year] = seq.get(ts.year, 0) + 1
        row["received_at"] = ts
        row["case_number"] = f"{ts.year}-{seq[ts.year]:06d}"
    return rows


def main() -> None:
    import time

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    t0 = time.perf_counter()
    rows = generate(n, 2026)
    took = time.perf_counter() - t0
    in_groups = sum(1 for row in rows if row["group_id"] is not None)
    groups = len({row["group_id"] for row in rows if row["group_id"] is not None})
    print(f"{len(rows):,} rows in {took:.1f} s; {in_groups:,} rows in {groups:,} repeat groups")
    for row in rows[:3]:
        print(row)


if __name__ == "__main__":
    main()
