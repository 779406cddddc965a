"""Deterministic synthetic Korean grievance complaints (고충민원) for one district (영등포구), with ground truth for
both kinds of "the same matter": the same resident filing it again (반복민원, 법 제23조) and other residents filing
the same matter (중복민원).

This generator is written from how residents write, not from how the detector works: it imports nothing from
`gamsa` and must not. Keep it that way, so that the benchmark measures the detector on data not shaped for it.

Usage as a module: `generate(n, seed) -> list[dict]` and `true_pairs(rows) -> dict[(i, j), kind]`; as a script:
`python bench/grievances_similarity_data.py 3000` prints the composition and a few rows.

Ground truth (pairwise, by the generator's own hidden identities, never by the text):
- a pair is a **repeat** (kind "same") when the same person (`person_id`) files the same matter (`matter`) at the
  same place (`place_id`), at any time in the span;
- a pair is a **duplicate** (kind "other") when two different people file the same matter at the same place within
  `WINDOW_DAYS` days of each other (an ongoing problem, e.g. one pothole; a year later it is another event);
- anything else is unrelated, including the hard negatives below.

What makes it hard (each on purpose):
- a quarter to a third of the groups come from different residents, each writing independently (their own words,
  their own way of naming the place, often only a landmark or a 지번);
- the same resident writes again with copies, light rewording, or heavy paraphrase (other sentences, other order,
  synonyms, other titles, titles that name no matter at all), sometimes with typos and spacing slips;
- residents give their phone in other formats (dashes, dots, spaces, +82, brackets) or leave it out, and mistype
  or decorate their name (한 글자 오타, 띄어쓰기, "님");
- the row's category is usually empty (imports rarely carry one; `category` holds a coarse code of the app's
  catalogue otherwise), and the place field is empty in some rows (the text names the place);
- hard negatives: (A) the same resident, same matter, another place nearby (same road, other number; or another
  landmark) with nearly the same text; (B) the same place, another matter (by the same resident or a neighbour);
  (C) background complaints.

Rows: person_id, place_id, matter, received_at (aware, Asia/Seoul, 2023–2025), name, phone, address (the
complainant's home), title, body, place (the place address field), category, case_number, group_id (the
generator's group number when the row was made as part of a group, else None: informational only; use
`true_pairs` for the truth).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import defaultdict
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")
START = dt.datetime(2023, 1, 1, tzinfo=SEOUL)
SPAN_DAYS = 3 * 365
WINDOW_DAYS = 90
"""Two different residents' complaints about the same matter at the same place are one matter within this many days."""

# ------------------------------------------------------------------------------------------------------- places
ROADS = {
    "영등포로": (420, ["영등포동", "당산동", "양평동2가"]),
    "당산로": (260, ["당산동3가", "당산동4가", "당산동6가"]),
    "도림로": (480, ["도림동", "신길동"]),
    "신길로": (300, ["신길동"]),
    "대림로": (250, ["대림동"]),
    "여의대로": (130, ["여의도동"]),
    "국회대로": (800, ["여의도동", "당산동1가"]),
    "양평로": (180, ["양평동3가", "양평동4가"]),
    "문래로": (200, ["문래동2가", "문래동3가"]),
    "경인로": (900, ["문래동6가", "영등포동1가"]),
    "선유로": (300, ["양평동5가", "문래동6가"]),
    "가마산로": (500, ["대림동", "신길동"]),
    "시흥대로": (300, ["대림동"]),
    "당산로41길": (40, ["당산동3가"]),
    "영등포로62길": (30, ["영등포동7가"]),
    "도림로133길": (25, ["도림동"]),
    "신길로60가길": (20, ["신길동"]),
    "대림로27길": (35, ["대림동"]),
    "양평로22길": (25, ["양평동4가"]),
    "문래로20길": (30, ["문래동3가"]),
    "경인로77길": (25, ["영등포동2가"]),
    "버드나루로": (120, ["당산동", "영등포동"]),
    "도신로": (200, ["도림동", "신길동"]),
}
LANDMARKS = (
    "영등포시장 영등포전통시장 대림중앙시장 영등포역 당산역 문래역 영등포구청역 신길역 대림역 여의도역 양평역 "
    "영등포시장역 선유도역 신풍역 보라매역 문래근린공원 당산공원 영등포공원 신길근린공원 선유도공원 여의도공원 "
    "당산초등학교 영동초등학교 문래초등학교 대림초등학교 신길초등학교 도신초등학교 당산중학교 문래중학교 "
    "당산삼성래미안아파트 문래힐스테이트아파트 당산센트럴아이파크아파트 신길우성아파트 대림현대아파트 "
    "영등포푸르지오아파트 양평한신아파트 도림동부아파트 여의도시범아파트 당산현대3차아파트 문래자이아파트 "
    "신길뉴타운아파트 영등포아트자이아파트 문래동주민센터 당산1동주민센터 대림3동주민센터 신길중앙공영주차장 "
    "당산역공영주차장 문래공원놀이터 영등포타임빌딩 여의도우체국 문래동우체국 대림성모병원 한강성심병원 "
    "영등포경찰서 당산어린이공원 양평유수지공원"
).split()


def _build_places(seed: int = 11) -> list[dict]:
    """About 7,000 places: road addresses (some with a 지번 and a building name) and ~60 landmarks."""
    rng = random.Random(seed)
    places: list[dict] = []
    seen: set[str] = set()
    for road, (top, dongs) in ROADS.items():
        count = max(10, int(top * 0.6))
        for _ in range(count):
            num = str(rng.randint(1, top))
            if rng.random() < 0.12:
                num += f"-{rng.randint(1, 12)}"
            addr = f"{road} {num}"
            if addr in seen:
                continue
            seen.add(addr)
            dong = rng.choice(dongs)
            jibun = f"{dong} {rng.randint(1, 900)}-{rng.randint(1, 40)}" if rng.random() < 0.45 else ""
            places.append({"road": addr, "roadname": road, "dong": dong, "jibun": jibun, "landmark": ""})
    roads = list(ROADS)
    for name in LANDMARKS:
        road = rng.choice(roads[:13])
        top, dongs = ROADS[road]
        while True:
            addr = f"{road} {rng.randint(1, top)}"
            if addr not in seen:
                break
        seen.add(addr)
        places.append(
            {"road": addr, "roadname": road, "dong": rng.choice(dongs), "jibun": "", "landmark": name}
        )
    for i, p in enumerate(places):
        p["id"] = i
    return places


PLACES = _build_places()
ROAD_PLACES = [p["id"] for p in PLACES if not p["landmark"]]
LANDMARK_PLACES = [p["id"] for p in PLACES if p["landmark"]]
BY_ROAD: dict[str, list[int]] = defaultdict(list)
for _p in PLACES:
    if not _p["landmark"]:
        BY_ROAD[_p["roadname"]].append(_p["id"])

# ------------------------------------------------------------------------------------------------------ matters
# Each matter: the app's coarse category code (as an import might carry it), titles (some name no place or matter),
# first sentences ({p} = the place as the resident names it), further sentences, requests. Several sentences avoid
# the obvious keyword on purpose ("차들이 길을 막고 서 있다" for parking).
MATTERS: dict[str, dict] = {
    "parking": {
        "category": "traffic",
        "title": [
            "불법주차 신고",
            "{s} 불법 주정차 단속해 주세요",
            "주차 문제로 민원 드립니다",
            "차 좀 빼 주세요",
            "{s} 앞 차량 때문에 통행 불가",
            "상습 주차 위반 차량",
        ],
        "s1": [
            "{p}에 차들이 매일 불법주차를 합니다.",
            "{p} 골목에 차량이 양쪽으로 세워져 있어 지나갈 수 없습니다.",
            "{p} 인도 위에 승용차가 올라와 서 있습니다.",
            "밤만 되면 {p} 도로에 차가 이중으로 서 있어요.",
            "{p} 소화전 앞에 차를 세워 두는 사람이 있습니다.",
            "{p} 앞에 트럭이 며칠째 주차돼 있습니다.",
            "{p} 횡단보도 위에 차를 대 놓고 갑니다.",
        ],
        "s2": [
            "보행자가 차도로 걸어야 해서 위험합니다.",
            "아이들 통학로라 걱정됩니다.",
            "소방차가 못 들어올 것 같습니다.",
            "출퇴근 시간마다 길이 막힙니다.",
            "시야가 가려 사고가 날 뻔했습니다.",
        ],
        "s3": [
            "단속 부탁드립니다.",
            "견인해 주세요.",
            "CCTV를 달아 주세요.",
            "주기적으로 단속해 주시기 바랍니다.",
        ],
    },
    "dumping": {
        "category": "cleaning",
        "title": [
            "쓰레기 무단투기 신고",
            "{s} 쓰레기 좀 치워 주세요",
            "쓰레기 불법 투기",
            "동네가 너무 더럽습니다",
            "{s} 무단투기 단속 요청",
        ],
        "s1": [
            "{p}에 쓰레기를 몰래 버리고 갑니다.",
            "{p} 전봇대 아래 쓰레기봉투가 산처럼 쌓였습니다.",
            "{p}에 누가 가구랑 매트리스를 버려 두었습니다.",
            "{p} 화단에 음식물 쓰레기가 버려져 있습니다.",
            "밤마다 {p}에 종량제 봉투도 아닌 비닐봉지가 버려집니다.",
            "{p} 구석에 폐기물이 몇 주째 방치돼 있어요.",
        ],
        "s2": [
            "냄새가 나고 벌레가 꼬입니다.",
            "고양이들이 봉투를 뜯어 길이 엉망입니다.",
            "보기에도 안 좋고 비위생적입니다.",
            "여름이라 악취가 더 심합니다.",
        ],
        "s3": [
            "수거해 주세요.",
            "감시 카메라를 설치해 주세요.",
            "과태료를 물려 주세요.",
            "치워 주시고 단속도 해 주세요.",
        ],
    },
    "noise_shop": {
        "category": "environment",
        "title": [
            "소음 민원",
            "{s} 소음 때문에 잠을 못 잡니다",
            "밤에 너무 시끄러워요",
            "{s} 업소 음악 소리",
            "야간 소음 신고",
        ],
        "s1": [
            "{p} 주점에서 새벽까지 음악을 크게 틉니다.",
            "{p} 가게 앞에서 손님들이 밤늦게 떠듭니다.",
            "{p} 노래방 소리가 밤새 울립니다.",
            "{p} 매장 스피커 소리가 하루 종일 납니다.",
            "새벽 두 시에도 {p}에서 고함 소리가 들립니다.",
        ],
        "s2": [
            "잠을 잘 수가 없습니다.",
            "아이가 자다가 깹니다.",
            "창문을 닫아도 들립니다.",
            "몇 달째 참고 있습니다.",
        ],
        "s3": [
            "소음 측정해 주세요.",
            "영업시간 지키도록 지도해 주세요.",
            "단속 부탁드립니다.",
            "조치 바랍니다.",
        ],
    },
    "noise_works": {
        "category": "environment",
        "title": [
            "공사 소음 민원",
            "{s} 공사장 소음",
            "아침부터 공사 소리가 납니다",
            "{s} 공사 시간 위반",
            "공사 현장 민원",
        ],
        "s1": [
            "{p} 공사장에서 아침 여섯 시부터 굴착기 소리가 납니다.",
            "{p} 신축 현장에서 주말에도 망치 소리가 납니다.",
            "{p} 철거 공사 소음이 너무 큽니다.",
            "{p} 현장에서 새벽에 레미콘 차가 드나듭니다.",
            "{p} 공사 때문에 진동이 집까지 울립니다.",
        ],
        "s2": [
            "주말에도 쉴 수가 없습니다.",
            "벽에 금이 갈까 걱정됩니다.",
            "재택근무가 불가능합니다.",
            "노인이 계셔서 힘듭니다.",
        ],
        "s3": [
            "작업 시간을 지키게 해 주세요.",
            "소음 측정 바랍니다.",
            "현장 점검 부탁드립니다.",
            "공사 업체에 경고해 주세요.",
        ],
    },
    "streetlight": {
        "category": "safety",
        "title": [
            "가로등 고장 신고",
            "{s} 가로등이 안 켜져요",
            "밤길이 너무 어둡습니다",
            "{s} 보안등 수리 요청",
            "불이 나간 가로등",
        ],
        "s1": [
            "{p} 가로등이 며칠째 꺼져 있습니다.",
            "{p} 보안등이 깜빡거리다가 나갔습니다.",
            "{p} 골목 전등이 들어오지 않아 캄캄합니다.",
            "{p} 가로등이 낮에는 켜지고 밤에는 꺼집니다.",
            "{p}에 있는 등 두 개가 다 고장 났습니다.",
        ],
        "s2": [
            "밤에 다니기 무섭습니다.",
            "넘어질 뻔했습니다.",
            "학생들이 많이 다니는 길입니다.",
            "범죄가 걱정됩니다.",
        ],
        "s3": ["고쳐 주세요.", "빨리 점검해 주세요.", "교체 바랍니다.", "수리 부탁드립니다."],
    },
    "sidewalk": {
        "category": "roads",
        "title": [
            "보도블록 파손 신고",
            "{s} 인도가 깨져 있어요",
            "보행로 정비 요청",
            "{s} 보도 보수",
            "걷다가 넘어질 뻔했습니다",
        ],
        "s1": [
            "{p} 보도블록이 깨지고 들떠 있습니다.",
            "{p} 인도 블록 여러 장이 빠져 구멍이 났습니다.",
            "{p} 보도가 솟아올라 턱이 생겼습니다.",
            "{p} 인도 바닥이 부서져 흔들립니다.",
            "{p} 보행로 타일이 깨져서 발이 걸립니다.",
        ],
        "s2": [
            "어르신들이 넘어질까 걱정됩니다.",
            "유모차가 지나갈 수 없습니다.",
            "실제로 다친 사람이 있습니다.",
            "비가 오면 물이 튑니다.",
        ],
        "s3": ["보수해 주세요.", "교체 공사 바랍니다.", "빨리 정비해 주세요.", "현장 확인 부탁드립니다."],
    },
    "pothole": {
        "category": "roads",
        "title": [
            "도로 파손 신고",
            "{s} 포트홀",
            "차도에 구멍이 났어요",
            "{s} 도로 보수 요청",
            "도로가 패여 위험합니다",
        ],
        "s1": [
            "{p} 차도에 포트홀이 생겼습니다.",
            "{p} 도로 한가운데가 움푹 패였습니다.",
            "{p} 아스팔트가 깨져 큰 구멍이 있습니다.",
            "{p} 도로가 파여서 차가 덜컹거립니다.",
            "{p} 차로에 웅덩이처럼 꺼진 곳이 있습니다.",
        ],
        "s2": [
            "오토바이가 넘어질 뻔했습니다.",
            "타이어가 터질 것 같습니다.",
            "비 오면 물이 고여 안 보입니다.",
            "밤에는 잘 안 보여 위험합니다.",
        ],
        "s3": ["긴급 보수 바랍니다.", "메워 주세요.", "빨리 고쳐 주세요.", "포장 공사 부탁드립니다."],
    },
    "banner": {
        "category": "building",
        "title": [
            "불법 현수막 신고",
            "{s} 현수막 철거 요청",
            "광고물이 너무 많아요",
            "{s} 불법 광고물",
            "현수막 민원",
        ],
        "s1": [
            "{p}에 불법 현수막이 잔뜩 걸려 있습니다.",
            "{p} 가로수에 분양 광고 플래카드가 매달려 있습니다.",
            "{p} 난간에 허가 없는 광고물이 몇 주째 있습니다.",
            "{p} 신호등 옆에 현수막이 걸려 시야를 가립니다.",
            "{p} 전봇대마다 광고 전단이 붙어 있어요.",
        ],
        "s2": ["운전할 때 신호가 안 보입니다.", "거리가 지저분합니다.", "바람에 떨어질 것 같습니다."],
        "s3": ["철거해 주세요.", "게시자에게 과태료 부과 바랍니다.", "정비해 주세요."],
    },
    "dust": {
        "category": "environment",
        "title": [
            "공사장 먼지 민원",
            "{s} 비산먼지",
            "먼지 때문에 창문을 못 열어요",
            "{s} 공사 먼지 피해",
            "흙먼지 민원",
        ],
        "s1": [
            "{p} 공사장에서 먼지가 심하게 날립니다.",
            "{p} 현장에 방진막이 없어 흙먼지가 날아옵니다.",
            "{p} 덤프트럭이 흙을 흘리고 다닙니다.",
            "{p} 공사 현장에서 물을 안 뿌려 뿌옇습니다.",
            "{p} 철거 현장 분진이 집 안까지 들어옵니다.",
        ],
        "s2": ["빨래를 널 수 없습니다.", "아이가 기침을 합니다.", "차가 먼지투성이입니다."],
        "s3": ["살수하도록 지도해 주세요.", "방진막 설치 바랍니다.", "현장 점검해 주세요."],
    },
    "vendor": {
        "category": "building",
        "title": [
            "노점 신고",
            "{s} 노점상 단속",
            "인도 노점 정비 요청",
            "{s} 길거리 장사",
            "노점 때문에 못 지나가요",
        ],
        "s1": [
            "{p} 인도에 노점상이 자리를 차지하고 있습니다.",
            "{p}에 좌판이 매일 깔립니다.",
            "{p} 횡단보도 앞에 트럭 장사가 서 있습니다.",
            "{p} 버스정류장 옆에서 음식을 팝니다.",
        ],
        "s2": ["보행자가 차도로 내려갑니다.", "가스통이 있어 불안합니다.", "주변 상인이 피해를 봅니다."],
        "s3": ["단속해 주세요.", "정비 바랍니다.", "계도해 주세요."],
    },
    "smoking": {
        "category": "environment",
        "title": [
            "흡연 민원",
            "{s} 길거리 흡연",
            "간접흡연 피해",
            "{s} 담배 연기",
            "금연구역인데 담배를 피워요",
        ],
        "s1": [
            "{p}에서 사람들이 모여 담배를 피웁니다.",
            "{p} 금연구역인데도 흡연하는 사람이 많습니다.",
            "{p} 건물 뒤에서 직장인들이 담배를 태웁니다.",
            "{p}에 꽁초가 수북이 쌓여 있습니다.",
        ],
        "s2": ["연기가 집으로 들어옵니다.", "아이들이 연기를 마십니다.", "냄새가 심합니다."],
        "s3": ["단속 바랍니다.", "금연 안내판을 설치해 주세요.", "과태료 부과해 주세요."],
    },
    "leak": {
        "category": "roads",
        "title": ["누수 신고", "{s} 물이 새요", "상수도 점검 요청", "{s} 도로 누수", "길에 물이 계속 흘러요"],
        "s1": [
            "{p} 도로에서 물이 계속 새어 나옵니다.",
            "{p} 맨홀 주변으로 물이 솟습니다.",
            "{p} 보도 틈에서 물이 흘러 고여 있습니다.",
            "{p}에 며칠째 물웅덩이가 있습니다.",
        ],
        "s2": ["겨울에 얼면 미끄럽습니다.", "수돗물이 낭비됩니다.", "땅이 꺼질까 걱정됩니다."],
        "s3": ["점검해 주세요.", "수리 바랍니다.", "원인을 찾아 주세요."],
    },
    "odor": {
        "category": "environment",
        "title": [
            "악취 민원",
            "{s} 냄새",
            "하수구 냄새가 심합니다",
            "{s} 악취 개선 요청",
            "냄새 때문에 못 살겠어요",
        ],
        "s1": [
            "{p}에서 하수구 냄새가 올라옵니다.",
            "{p} 빗물받이에서 썩은 냄새가 납니다.",
            "{p} 음식점 배기구 냄새가 심합니다.",
            "{p} 정화조 냄새가 계속 납니다.",
        ],
        "s2": ["머리가 아플 정도입니다.", "창문을 열 수 없습니다.", "지나가는 사람들도 코를 막습니다."],
        "s3": ["원인을 조사해 주세요.", "청소와 방역 바랍니다.", "개선해 주세요."],
    },
    "tree": {
        "category": "parks",
        "title": [
            "가로수 정비 요청",
            "{s} 나무 가지치기",
            "나뭇가지가 위험해요",
            "{s} 쓰러질 것 같은 나무",
            "가로수 민원",
        ],
        "s1": [
            "{p} 가로수 가지가 전선에 닿아 있습니다.",
            "{p} 나무가 기울어져 쓰러질 것 같습니다.",
            "{p} 가지가 간판과 창문을 가립니다.",
            "{p} 나무 뿌리가 보도를 들어 올렸습니다.",
        ],
        "s2": ["태풍 오면 위험합니다.", "지나갈 때 머리에 걸립니다.", "가게가 안 보입니다."],
        "s3": ["가지치기해 주세요.", "점검 바랍니다.", "정비해 주세요."],
    },
}
MATTER_NAMES = list(MATTERS)
CATEGORY_CODES = sorted({m["category"] for m in MATTERS.values()})

OPENERS = [
    "",
    "",
    "",
    "안녕하세요.",
    "수고 많으십니다.",
    "담당자님께.",
    "주민입니다.",
    "근처 사는 사람입니다.",
    "구청장님께 건의합니다.",
]
CLOSERS = [
    "",
    "",
    "감사합니다.",
    "빠른 처리 부탁드립니다.",
    "결과 알려 주세요.",
    "꼭 해결해 주세요.",
    "확인 바랍니다.",
]
AGAIN = [
    "지난번에도 말씀드렸는데 그대로입니다.",
    "몇 번째 신고인지 모르겠습니다.",
    "전에 답변 받았는데 달라진 게 없어요.",
    "재민원입니다.",
    "처리했다고 하셨는데 여전합니다.",
    "또 연락드립니다.",
]
GENERIC_TITLES = [
    "민원 드립니다",
    "불편 신고",
    "건의합니다",
    "빨리 해결해 주세요",
    "또 신고합니다",
    "구청에 요청드립니다",
    "주민 불편 사항",
    "[재민원] 아직도 해결이 안 됐습니다",
]

# Word-level rewrites a resident makes without thinking (particles kept grammatical).
SYNONYMS = [
    ("차들이", ["차량들이", "자동차들이"]),
    ("차량이", ["차가", "자동차가"]),
    ("차를", ["차량을", "자동차를"]),
    ("불법주차를", ["불법 주차를", "무단 주차를"]),
    ("쓰레기를", ["폐기물을", "쓰레기봉투를"]),
    ("버리고", ["투기하고", "내다 버리고"]),
    ("시끄럽습니다", ["소음이 심합니다", "너무 시끄러워요"]),
    ("담배를", ["담배를 자꾸"]),
    ("꺼져", ["나가"]),
    ("깨지고", ["부서지고", "파손되고"]),
    ("가로등", ["가로등불"]),
    ("현수막이", ["플래카드가", "광고 현수막이"]),
    ("먼지가", ["흙먼지가", "분진이"]),
    ("물이", ["수돗물이"]),
    ("냄새가", ["악취가"]),
    ("위험합니다", ["위험해요", "사고 날까 무섭습니다"]),
    ("부탁드립니다", ["바랍니다", "요청합니다"]),
    ("해 주세요", ["해 주시기 바랍니다", "해주세요"]),
    ("매일", ["날마다", "맨날"]),
    ("밤마다", ["매일 밤", "저녁마다"]),
    ("있습니다", ["있어요", "있네요"]),
    ("합니다", ["해요", "하네요"]),
    ("습니다.", ["어요.", "습니다!"]),
]

SURNAMES = (
    "김김김김김이이이이박박박최최정정강조윤장임한오서신권황안송류전홍고문양손배백허남심노하곽성차주우구민진"
)
GIVEN = (
    "민준 서준 도윤 예준 시우 하준 주원 지호 지후 준우 준서 건우 현우 우진 선우 서진 민재 현준 연우 유준 정우 승우 "
    "승현 시윤 준혁 은우 지환 승민 지우 유찬 서연 서윤 서현 민서 하은 하윤 윤서 지유 지민 채원 수아 지아 지윤 은서 "
    "다은 예은 수빈 소율 예린 영수 영희 철수 순자 정숙 미경 영숙 상철 광수 명숙 경희 정희 영호 성호 동현 재훈 민호 "
    "성민 혜진 은정 미영 선영 정민 지혜 수진 현정 은영 경민 재원 태호 용준 상훈 기철 말순 옥자 춘자 복순 종필 병철"
).split()
# Syllables residents (or the staff typing a phone call) confuse in names.
NAME_SLIPS = {
    "준": "중",
    "민": "빈",
    "서": "소",
    "영": "용",
    "현": "헌",
    "정": "종",
    "진": "징",
    "수": "쑤",
    "희": "히",
    "은": "운",
    "윤": "연",
    "지": "기",
    "호": "후",
    "철": "찰",
    "숙": "속",
    "경": "겅",
    "우": "유",
    "재": "제",
    "성": "송",
    "혜": "해",
    "미": "니",
    "선": "산",
    "태": "테",
}


def _mention(place: dict, r: random.Random) -> str:
    """How a resident names the place in the text (varies between filings and between residents)."""
    x = r.random()
    lm = place["landmark"]
    road = place["road"]
    if lm:
        forms = [lm, f"{lm} 입구", f"{lm} 앞", f"{lm} 근처", f"{lm} 건너편", f"{road} {lm} 앞"]
        return forms[int(x * len(forms))]
    if place["jibun"] and x < 0.2:
        return f"{place['jibun']}번지" if x < 0.1 else f"{place['jibun']} 앞"
    forms = [
        road,
        f"{road} 앞",
        f"영등포구 {road} 인근",
        f"{road} 건물 앞",
        f"{road} 부근",
        f"{road}번지 앞",
        f"{place['dong']} {road}",
    ]
    return forms[int(x * len(forms))]


def _place_field(place: dict, r: random.Random) -> str:
    x = r.random()
    if x < 0.12:
        return ""
    road = place["road"]
    forms = [
        f"서울특별시 영등포구 {road}",
        f"영등포구 {road}",
        f"{road} ({place['dong']})",
        road,
        f"서울 영등포구 {road}",
    ]
    if place["jibun"]:
        forms += [f"서울특별시 영등포구 {road} ({place['jibun']})", f"영등포구 {place['jibun']}"]
    if place["landmark"]:
        forms += [f"서울특별시 영등포구 {road} ({place['landmark']})", place["landmark"]]
    return forms[int(r.random() * len(forms))]


def _typos(text: str, r: random.Random, rate: float) -> str:
    """Keyboard slips: a syllable dropped, doubled or swapped with the next, a space dropped or added."""
    chars = list(text)
    n = max(0, int(len(chars) * rate + r.random()))
    for _ in range(n):
        if len(chars) < 4:
            break
        i = r.randrange(1, len(chars) - 1)
        op = r.random()
        if op < 0.25 and chars[i] != " ":
            del chars[i]
        elif op < 0.45 and chars[i] != " ":
            chars.insert(i, chars[i])
        elif op < 0.65 and chars[i] != " " and chars[i + 1] != " ":
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif op < 0.85 and chars[i] == " ":
            del chars[i]
        elif "가" <= chars[i] <= "힣":
            chars.insert(i + 1, " ")
    return "".join(chars)


def _swap(text: str, r: random.Random, prob: float) -> str:
    for word, alts in SYNONYMS:
        if word in text and r.random() < prob:
            text = text.replace(word, alts[int(r.random() * len(alts))], 1)
    return text


def _name_slip(name: str, r: random.Random) -> str:
    x = r.random()
    if x < 0.35:
        return name[0] + " " + name[1:]
    if x < 0.5:
        return name + " 님"
    i = 1 + int(r.random() * (len(name) - 1))
    slip = NAME_SLIPS.get(name[i])
    if slip and len(slip) == 1:
        return name[:i] + slip + name[i + 1 :]
    return name[:i] + name[i + 1 :] + name[i] if i < len(name) - 1 else name[:-1] + "이"


def _phone_format(digits: str, r: random.Random) -> str:
    x = r.random()
    a, b, c = digits[:3], digits[3:7], digits[7:]
    forms = [
        f"{a}-{b}-{c}",
        digits,
        f"{a} {b} {c}",
        f"{a}.{b}.{c}",
        f"+82 {a[1:]}-{b}-{c}",
        f"+82{digits[1:]}",
        f"({a}) {b}-{c}",
        f"{a}-{b}{c}",
        "",
    ]
    weights = (0.45, 0.15, 0.08, 0.07, 0.05, 0.04, 0.04, 0.05, 0.07)
    acc = 0.0
    for form, w in zip(forms, weights, strict=True):
        acc += w
        if x < acc:
            return form
    return forms[0]


class Generator:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.people: list[dict] = []
        self.rows: list[dict] = []
        self.phones: set[str] = set()
        self.groups = 0

    # -- people and places
    def person(self) -> int:
        r = self.r
        while True:
            digits = f"010{r.randrange(10_000_000, 100_000_000)}"
            if digits not in self.phones:
                self.phones.add(digits)
                break
        home = f"서울특별시 영등포구 {PLACES[r.choice(ROAD_PLACES)]['road']}"
        if r.random() < 0.5:
            home += f", {r.randint(101, 120)}동 {r.randint(1, 25)}0{r.randint(1, 6)}호"
        self.people.append({"name": r.choice(SURNAMES) + r.choice(GIVEN), "digits": digits, "home": home})
        return len(self.people) - 1

    def place(self) -> int:
        r = self.r
        if r.random() < 0.18:
            return r.choice(LANDMARK_PLACES)
        return r.choice(ROAD_PLACES)

    def nearby(self, pid: int) -> int:
        r = self.r
        p = PLACES[pid]
        pool = LANDMARK_PLACES if p["landmark"] else BY_ROAD[p["roadname"]]
        while True:
            q = r.choice(pool)
            if q != pid:
                return q

    # -- text
    def compose(self, matter: str, place: dict, *, style: dict | None = None, again: bool = False) -> tuple:
        """(title, body, style): a fresh text, or one written again from `style` (the resident's earlier choice)."""
        r = self.r
        m = MATTERS[matter]
        if style is None:
            style = {k: r.randrange(len(m[k])) for k in ("title", "s1", "s2", "s3")}
            style["extra"] = r.random() < 0.4
        mention = _mention(place, r)
        s1 = m["s1"][style["s1"]].replace("{p}", mention)
        parts = [OPENERS[r.randrange(len(OPENERS))], s1, m["s2"][style["s2"]]]
        if style.get("extra"):
            parts.append(m["s2"][(style["s2"] + 1) % len(m["s2"])])
        parts.append(m["s3"][style["s3"]])
        if again:
            parts.insert(1 + int(r.random() * 2), AGAIN[r.randrange(len(AGAIN))])
        parts.append(CLOSERS[r.randrange(len(CLOSERS))])
        body = " ".join(p for p in parts if p)
        if r.random() < 0.12:
            title = GENERIC_TITLES[r.randrange(len(GENERIC_TITLES))]
        else:
            short = place["landmark"] or (place["road"] if r.random() < 0.7 else place["roadname"])
            title = m["title"][style["title"]].replace("{s}", short)
        return title, body, style

    def rewrite(self, matter: str, place: dict, style: dict, tier: str) -> tuple[str, str]:
        r = self.r
        m = MATTERS[matter]
        if tier == "copy":
            title, body, _ = self.compose(matter, place, style=style)
            return title, body
        if tier == "light":
            title, body, _ = self.compose(matter, place, style=style, again=r.random() < 0.7)
            return _swap(title, r, 0.4), _typos(_swap(body, r, 0.5), r, 0.01)
        other = {
            k: (style[k] + 1 + r.randrange(len(m[k]) - 1)) % len(m[k]) for k in ("title", "s1", "s2", "s3")
        }
        other["extra"] = r.random() < 0.5
        title, body, _ = self.compose(matter, place, style=other, again=r.random() < 0.8)
        if r.random() < 0.5:  # other order
            sentences = [s for s in body.split(". ") if s]
            r.shuffle(sentences)
            body = ". ".join(sentences)
        return _swap(title, r, 0.7), _typos(_swap(body, r, 0.8), r, 0.02)

    # -- rows
    def emit(
        self, person: int, pid: int, matter: str, title: str, body: str, day: float, group, typo_name=False
    ):
        r = self.r
        p = self.people[person]
        name = _name_slip(p["name"], r) if typo_name else p["name"]
        self.rows.append(
            {
                "_t": day,
                "person_id": person,
                "place_id": pid,
                "matter": matter,
                "name": name,
                "phone": _phone_format(p["digits"], r),
                "address": p["home"],
                "title": title,
                "body": body,
                "place": _place_field(PLACES[pid], r),
                "category": MATTERS[matter]["category"] if r.random() < 0.25 else "",
                "group_id": group,
            }
        )

    def same_resident_group(self) -> None:
        r = self.r
        self.groups += 1
        gid = self.groups
        person = self.person() if r.random() < 0.85 or not self.people else r.randrange(len(self.people))
        matter = r.choice(MATTER_NAMES)
        pid = self.place()
        tier = ("copy", "light", "light", "heavy", "heavy", "heavy")[r.randrange(6)]
        size = (2, 2, 3, 3, 4, 5)[r.randrange(6)]
        day = r.random() * (SPAN_DAYS - 250)
        title, body, style = self.compose(matter, PLACES[pid])
        self.emit(person, pid, matter, title, body, day, gid)
        for _ in range(size - 1):
            day += 3 + r.random() * 55
            title, body = self.rewrite(matter, PLACES[pid], style, tier)
            self.emit(person, pid, matter, title, body, day, gid, typo_name=r.random() < 0.2)
        self.negatives(person, pid, matter, style, day)

    def other_residents_group(self) -> None:
        r = self.r
        self.groups += 1
        gid = self.groups
        matter = r.choice(MATTER_NAMES)
        pid = self.place()
        day = r.random() * (SPAN_DAYS - 100)
        residents = (2, 2, 3, 3, 4, 5)[r.randrange(6)]
        first = None
        for k in range(residents):
            person = self.person()
            when = day + r.random() * 40
            if k and r.random() < 0.15 and first:  # a neighbour copies the first text (a shared message)
                title, body = first
            else:
                title, body, style = self.compose(matter, PLACES[pid])
                if r.random() < 0.5:
                    title, body = _swap(title, r, 0.5), _typos(_swap(body, r, 0.6), r, 0.015)
            first = first or (title, body)
            self.emit(person, pid, matter, title, body, when, gid)
            if r.random() < 0.2:  # one of them writes again
                title2, body2, _ = self.compose(matter, PLACES[pid], again=True)
                self.emit(
                    person, pid, matter, title2, body2, when + 5 + r.random() * 30, gid, r.random() < 0.3
                )
        if r.random() < 0.5:
            self.negatives(self.person(), pid, matter, None, day)

    def negatives(self, person: int, pid: int, matter: str, style: dict | None, day: float) -> None:
        r = self.r
        if r.random() < 0.5:  # (A) same resident, same matter, another place nearby, nearly the same text
            for _ in range(1 + r.randrange(2)):
                q = self.nearby(pid)
                title, body, _ = self.compose(matter, PLACES[q], style=style)
                self.emit(person, q, matter, title, _swap(body, r, 0.3), day + r.random() * 120, None)
        if r.random() < 0.4:  # (B) same place, another matter (the same resident or a neighbour)
            other = r.choice([m for m in MATTER_NAMES if m != matter])
            who = person if r.random() < 0.5 else self.person()
            title, body, _ = self.compose(other, PLACES[pid])
            self.emit(who, pid, other, title, body, day + r.random() * 60 - 30, None)

    def background(self) -> None:
        r = self.r
        person = r.randrange(len(self.people)) if self.people and r.random() < 0.15 else self.person()
        matter = r.choice(MATTER_NAMES)
        pid = self.place()
        title, body, _ = self.compose(matter, PLACES[pid])
        if r.random() < 0.3:
            body = _typos(body, r, 0.01)
        self.emit(person, pid, matter, title, body, r.random() * SPAN_DAYS, None)


def generate(n: int, seed: int = 2026, group_share: float = 0.12, other_share: float = 0.3) -> list[dict]:
    """`n` complaints sorted by received_at; `group_share` of the draws start a group, `other_share` of the groups
    come from different residents."""
    g = Generator(seed)
    r = g.r
    while len(g.rows) < n:
        x = r.random()
        if x < group_share * other_share:
            g.other_residents_group()
        elif x < group_share:
            g.same_resident_group()
        else:
            g.background()
    rows = g.rows[:n]
    rows.sort(key=lambda row: row["_t"])
    seq: dict[int, int] = {}
    for row in rows:
        day = min(row.pop("_t"), SPAN_DAYS - 0.001)
        ts = START + dt.timedelta(days=day)
        seq[ts.year] = seq.get(ts.year, 0) + 1
        row["received_at"] = ts
        row["case_number"] = f"{ts.year}-{seq[ts.year]:06d}"
    return rows


def true_pairs(rows: list[dict]) -> dict[tuple[int, int], str]:
    """Every related pair (i < j, indexes into `rows`) with its kind: "same" (the same person) or "other"."""
    cells: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        cells[(row["place_id"], row["matter"])].append(i)
    window = dt.timedelta(days=WINDOW_DAYS)
    out: dict[tuple[int, int], str] = {}
    for members in cells.values():
        for a in range(len(members)):
            i = members[a]
            for b in range(a + 1, len(members)):
                j = members[b]
                if rows[i]["person_id"] == rows[j]["person_id"]:
                    out[(min(i, j), max(i, j))] = "same"
                elif abs(rows[i]["received_at"] - rows[j]["received_at"]) <= window:
                    out[(min(i, j), max(i, j))] = "other"
    return out


def main() -> None:
    import time

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    t0 = time.perf_counter()
    rows = generate(n, 2026)
    took = time.perf_counter() - t0
    pairs = true_pairs(rows)
    kinds = {"same": 0, "other": 0}
    for kind in pairs.values():
        kinds[kind] += 1
    group_rows = sum(1 for row in rows if row["group_id"] is not None)
    print(
        f"{len(rows):,} rows in {took:.1f} s; {group_rows:,} made in groups; related pairs: "
        f"{kinds['same']:,} same resident, {kinds['other']:,} other residents; "
        f"category empty in {sum(1 for row in rows if not row['category']) / len(rows):.0%}, "
        f"place field empty in {sum(1 for row in rows if not row['place']) / len(rows):.0%}"
    )
    for row in rows[:4]:
        print(row)


if __name__ == "__main__":
    main()
