"""Normalisation of complaint text, complainant names and phones, and the place key.

`place_key` parses a canonical place from Korean addresses and free text with regular expressions. Forms handled,
in order of priority (the first kind found wins; within a kind, the first occurrence):

1. 도로명주소 — road name + building number:
   "서울특별시 영등포구 영등포로 123"        → "영등포로 123"
   "당산로41길 11", "당산로 41길 11"          → "당산로41길 11"   (the 길 part is kept, spaces removed)
   "신길로60가길 5-2"                         → "신길로60가길 5-2"
   "영등포구영등포로 123" (glued 구 prefix)    → "영등포로 123"
2. 지번주소 — 법정동 (with 가) + 본번(-부번):
   "당산동3가 385-1", "당산동 3가 385-1번지" → "당산동3가 385-1"
   "신길동 산 12"                              → "신길동 산12"
3. A landmark: a name followed by 아파트, 오피스텔, 빌딩, 타워, 빌라, 맨션, 상가, 시장, 공원, 놀이터, 초·중·고등학교,
   대학교, 유치원, 어린이집, 병원, 교회, 성당, 도서관, 경로당, 주민센터, 행정복지센터, 복지관, 체육관, (공영)주차장,
   우체국, 파출소, 지구대, 소방서, or 역 (a station: no space, name of 2+ syllables):
   "당산 래미안 아파트 정문" → "래미안아파트" (one name token; spaces removed), "영등포역 3번 출구" → "영등포역".

Guards against free-text false hits: a number followed by a counter (3대, 2시, 5번째, 10분, 101호, 3층 …) is not
a building number; everyday words ending in 로/길/동 (도로, 차로, 바로, 출근길, 이동, 활동, 자동 …) and anything
ending in 으로 are not road or 동 names; vague landmark names (우리 아파트, 근처 공원, 이 지역 …) are skipped.
Returns "" when nothing is found. Apartment 동/호 ("101동 1203호") are not places.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z\u3131-\u318e\uac00-\ud7a3]+")


def normalize_text(s: str | None) -> str:
    """NFKC, lower case, punctuation and symbols → spaces (Hangul, Latin, digits kept), whitespace collapsed."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).lower()
    return _SPACES.sub(" ", _NON_WORD.sub(" ", s)).strip()


_HONORIFICS = ("선생님", "고객님", "민원인", "귀하", "주민", "님", "씨")


def normalize_name(s: str | None) -> str:
    """NFKC, lower case, no spaces or punctuation, a trailing honorific (님, 씨, 귀하, 선생님 …) removed.

    A name is never shortened below two characters ("김씨" stays "김씨")."""
    if not s:
        return ""
    s = _NON_WORD.sub("", unicodedata.normalize("NFKC", s).lower())
    changed = True
    while changed:
        changed = False
        for h in _HONORIFICS:
            if s.endswith(h) and len(s) - len(h) >= 2:
                s = s[: -len(h)]
                changed = True
    return s


_DIGITS = re.compile(r"\D+")


def normalize_phone(s: str | None) -> str:
    """Digits only; +82 / 82 country code → leading 0 ("+82 10-1234-5678" → "01012345678").

    Returns "" when fewer than 9 digits remain (not a usable phone number)."""
    if not s:
        return ""
    raw = unicodedata.normalize("NFKC", s).strip()
    digits = _DIGITS.sub("", raw)
    if digits.startswith("82") and (raw.startswith("+") or raw.startswith("0082") or len(digits) >= 11):
        rest = digits[2:]
        digits = rest if rest.startswith("0") else "0" + rest
    elif digits.startswith("0082"):
        rest = digits[4:]
        digits = rest if rest.startswith("0") else "0" + rest
    if len(digits) < 9:
        return ""
    return digits


# ---------------------------------------------------------------------------------------------------- places

# A number is not a building/lot number when a counter or unit follows it.
_NOT_A_NUMBER = (
    r"(?!\d|\s*-\s*\d|번째|번\s*출구|번(?!지)|곳|개|대|명|시|분|일|년|월|주|회|차례|층|호|"
    r"m\b|미터|km|키로|세|%|퍼센트|가|길|원|건|살|동|차)"
)

_ROAD_RE = re.compile(
    r"(?<![가-힣0-9])(?P<road>[가-힣]{1,14}(?:대로|로|길))"
    r"(?:\s*(?P<sub>\d{1,4}[가나다라마바사아자차카타파하]?번?길))?"
    r"\s*(?P<num>\d{1,4})(?:\s*-\s*(?P<num2>\d{1,4}))?" + _NOT_A_NUMBER
)
_ROAD_STOP = frozenset(
    "도로 차로 대로 바로 주로 새로 서로 별로 따로 실로 절로 홀로 실제로 스스로 정도로 그대로 이대로 저대로 마음대로 "
    "제대로 멋대로 임의로 때로 곧바로 바로바로 진로 통로 경로 선로 항로 수로 활주로 차도로 인도로 보도로 "
    "길 골목길 산책길 출근길 퇴근길 등굣길 하굣길 갓길 찻길 오르막길 내리막길 지름길 한길 뒷길 샛길 밤길 눈길 빗길 "
    "가는길 오는길 집길 인도길 골목 비탈길 자전거길".split()
)
_ADMIN_PREFIX = re.compile(
    r"^(?:[가-힣]{1,6}(?:특별시|광역시|특별자치시|시|도))?[가-힣]{1,4}(?:구|군)(?=[가-힣]{2,})"
)

_JIBUN_RE = re.compile(
    r"(?<![가-힣0-9])(?P<dong>[가-힣]{1,8}(?:제?\d{1,2})?동)\s*(?P<ga>\d{1,2}가)?\s*(?P<san>산\s*)?"
    r"(?P<bon>\d{1,5})(?:\s*-\s*(?P<bu>\d{1,5}))?(?:\s*번지)?" + _NOT_A_NUMBER
)
_DONG_STOP = frozenset(
    "이동 활동 행동 자동 운동 작동 출동 가동 소동 공동 충동 변동 노동 진동 감동 연동 아동 합동 발동 시동 난동 폭동 "
    "부동 유동 수동 역동 요동 준동 파동 선동 기동 구동 동동 격동 약동 청동 전동 반동 제동 원동 피동 태동 발행동 "
    "재활동 각동 매동 몇동 같은동 우리동 옆동 앞동 뒷동".split()
)

_LANDMARK_SUFFIXES = (
    "행정복지센터|주민센터|공영주차장|주차장|초등학교|중학교|고등학교|대학교|유치원|어린이집|오피스텔|아파트|빌딩|타워|"
    "빌라|맨션|상가|시장|공원|놀이터|학교|병원|교회|성당|도서관|경로당|복지관|체육관|우체국|파출소|지구대|소방서"
)
_FOLLOW = (
    r"(?=$|[^가-힣]|에|앞|옆|뒤|근처|주변|인근|입구|출구|정문|후문|쪽|부근|내|안|일대|단지|사거리|삼거리|"
    r"은|는|이|가|을|를|의|과|와|로|으로|까지|부터|도|측|방면|맞은편|건너편|담장|화단|상가|주차장|놀이터)"
)
_LANDMARK_RE = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?P<name>[가-힣a-z0-9]{1,20}?)(?P<sp>\s?)(?P<suf>"
    + _LANDMARK_SUFFIXES
    + r")"
    + _FOLLOW
)
_STATION_RE = re.compile(r"(?<![가-힣A-Za-z0-9])(?P<name>[가-힣a-z0-9]{2,12}?)역" + _FOLLOW)
_LANDMARK_NAME_STOP = frozenset(
    "우리 저희 이 그 저 해당 동네 근처 인근 주변 앞 옆 뒤 집 우리집 같은 이웃 옆집 여러 모든 각 대형 신축 노후 작은 큰 새 "
    "옆동네 맞은편 건너편 동 위 아래 및 또는 공공 일반 바로 그냥 모든 다른 어느 무슨 이런 저런 그런 인근의 근처의 주변의 "
    "앞의 동네의 어린이 근린 공영 사립 공립 국립 구립 시립 전통 재래 노상 지하 지상 대학 종합 동물 개인 단지 우리동네 "
    "자녀 아이 아이들 애들 학원 구청 주민 무슨 해당지역".split()
)
_STATION_STOP_END = (
    "지",
    "구",
    "영",
    "전",
    "무",
    "광",
    "권",
    "해",
    "수",
    "하",
    "반",
    "번",
    "통",
    "배",
    "노",
    "부",
    "주",
    "대",
    "이",
    "지하철",
    "기차",
    "전철",
    "버스",
)
_PARTICLE_END = ("의", "에", "을", "를", "은", "는", "과", "와", "에서", "도")


def _prep(s: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", s)).strip()


def _road_keys(s: str) -> list[str]:
    keys = []
    for m in _ROAD_RE.finditer(s):
        road = _ADMIN_PREFIX.sub("", m["road"])
        if road in _ROAD_STOP or road.endswith("으로") or len(road) < 2:
            continue
        key = f"{road}{m['sub'] or ''} {m['num']}"
        if m["num2"]:
            key += f"-{m['num2']}"
        keys.append(key)
    return keys


def _jibun_keys(s: str) -> list[str]:
    keys = []
    for m in _JIBUN_RE.finditer(s):
        dong = m["dong"]
        base = re.sub(r"제?\d{1,2}동$", "동", dong) if re.search(r"\d동$", dong) else dong
        if base in _DONG_STOP or dong in _DONG_STOP or len(dong) < 2:
            continue
        key = f"{dong}{m['ga'] or ''} {'산' if m['san'] else ''}{m['bon']}"
        if m["bu"]:
            key += f"-{m['bu']}"
        keys.append(key)
    return keys


def _landmark_keys(s: str) -> list[str]:
    found: list[tuple[int, str]] = []
    low = s.lower()
    for m in _LANDMARK_RE.finditer(low):
        name, suf = m["name"], m["suf"]
        if name in _LANDMARK_NAME_STOP or name.isdigit():
            continue
        if m["sp"] and name.endswith(_PARTICLE_END):
            continue
        if suf in ("학교", "시장") and len(name) < 2:
            continue
        if suf == "시장" and name.endswith(("서울", "부", "도", "군")):  # 서울시장 = the mayor
            continue
        found.append((m.start(), name + suf))
    for m in _STATION_RE.finditer(low):
        name = m["name"]
        if name in _LANDMARK_NAME_STOP or name.endswith(_STATION_STOP_END) or name.isdigit():
            continue
        found.append((m.start(), name + "역"))
    found.sort()
    return [k for _, k in found]


def place_keys(address_or_text: str | None) -> list[str]:
    """Every place key found, best kind first (road address, then 지번, then landmarks), without duplicates."""
    if not address_or_text:
        return []
    s = _prep(address_or_text)
    out: list[str] = []
    for key in (*_road_keys(s), *_jibun_keys(s), *_landmark_keys(s)):
        if key not in out:
            out.append(key)
    return out


def place_key(address_or_text: str | None) -> str:
    """The canonical place key of an address or a complaint text ("" when none): see the module docstring."""
    keys = place_keys(address_or_text)
    return keys[0] if keys else ""


def is_fine_place(key: str) -> bool:
    """True for an address-level key (road + number or 동 + 지번), False for a landmark key."""
    return bool(key) and key[-1].isdigit()
