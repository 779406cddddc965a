"""The matter a complaint is about (불법주차, 가로등 고장, 포트홀 …), read from its text by a keyword lexicon.

Imports rarely carry a category and the desk's categories are coarse ("환경·소음·악취" holds noise and smells), so
finding "the same matter at the same place" needs a finer reading of the text. `infer_matter` scores each matter by
the words residents use for it (a title word counts double; specific words such as 포트홀 or 보안등 weigh more than
words that also describe consequences, such as 냄새 or 위험) and returns the best one, or "" when no matter word is
found or two matters tie. `MATTER_CATEGORY` maps each matter to the desk's default category code
(`complaints/seeds.py`), so a row that has only a category can still be compared at that coarse level.

The lexicon is data: add words as real complaints show them (docs/complaints-guide.md, 반복민원).
"""

from __future__ import annotations

import re

from gamsa.text.normalize import normalize_text

# matter: (desk category code, Korean label, [(pattern, weight), ...]); patterns run on normalised text
# (lower case, punctuation → space), so they may match across words with "\s?".
_LEXICON: dict[str, tuple[str, str, list[tuple[str, int]]]] = {
    "parking": (
        "traffic",
        "불법주정차",
        [
            (r"주\s?정차", 3),
            (r"주차", 3),
            (r"견인", 2),
            (r"이중\s?주차", 3),
            (r"차(?:량|들)?(?:을|를|이|가)?\s?(?:세워|대\s?놓|대놓|세우|서\s?있|주차)", 3),
            (r"(?:승용차|트럭|화물차|자동차)(?:가|들이|를)?\s?(?:서|세워|올라와|주차)", 2),
        ],
    ),
    "dumping": (
        "cleaning",
        "쓰레기 무단투기",
        [
            (r"무단\s?투기", 4),
            (r"쓰레기", 3),
            (r"투기", 2),
            (r"폐기물", 3),
            (r"종량제", 2),
            (r"(?:매트리스|가구|폐가전)", 2),
            (r"버려|버리고|버립니다|버린", 1),
        ],
    ),
    "noise": (
        "environment",
        "생활·업소 소음",
        [
            (r"소음", 2),
            (r"시끄", 3),
            (r"(?:음악|노래방|스피커|확성기|고성방가|고함|떠들|떠듭)", 3),
            (r"소리", 1),
            (r"(?:주점|술집|업소|매장|노래)", 1),
        ],
    ),
    "works_noise": (
        "environment",
        "공사 소음·진동",
        [
            (r"(?:굴착기|포크레인|망치|레미콘|드릴|항타|브레이커)", 3),
            (r"진동", 3),
            (r"공사\s?(?:소음|소리|시간)", 4),
            (r"(?:작업|공사)\s?시간", 2),
        ],
    ),
    "dust": (
        "environment",
        "공사장 먼지",
        [
            (r"먼지", 4),
            (r"분진", 4),
            (r"비산", 3),
            (r"방진", 3),
            (r"살수|물을\s?안\s?뿌|물\s?안\s?뿌", 2),
            (r"흙을\s?흘리|흙탕", 2),
        ],
    ),
    "streetlight": (
        "safety",
        "가로등·보안등 고장",
        [
            (r"가로등", 4),
            (r"보안등", 4),
            (r"전등|조명", 2),
            (r"(?:불이|등이)\s?(?:안|나가|꺼)", 2),
            (r"깜빡", 2),
            (r"캄캄|어두", 1),
        ],
    ),
    "sidewalk": (
        "roads",
        "보도 파손",
        [
            (r"보도\s?블[록럭]", 4),
            (r"인도\s?(?:블[록럭]|바닥|포장|타일)", 4),
            (r"보행로|보도", 2),
            (r"블[록럭]", 2),
            (r"(?:들떠|들떴|솟아|턱이)", 1),
        ],
    ),
    "pothole": (
        "roads",
        "도로 파손(포트홀)",
        [
            (r"포트\s?홀", 5),
            (r"싱크\s?홀|땅\s?꺼짐|지반\s?침하", 4),
            (r"(?:도로|차도|차로|아스팔트)", 2),
            (r"(?:패였|패여|파였|파여|움푹|꺼진|구멍)", 2),
            (r"덜컹", 2),
        ],
    ),
    "banner": (
        "building",
        "불법 현수막·광고물",
        [
            (r"현수막", 4),
            (r"플래카드|플랜카드", 4),
            (r"광고물|전단|벽보|입간판", 3),
            (r"(?:분양|정당)\s?광고", 2),
        ],
    ),
    "vendor": (
        "building",
        "노점",
        [
            (r"노점", 4),
            (r"좌판|노상\s?적치", 3),
            (r"(?:트럭|길거리|길에서)\s?장사", 3),
            (r"(?:음식을|물건을)\s?팝|팔고|장사", 1),
        ],
    ),
    "smoking": (
        "environment",
        "흡연",
        [
            (r"흡연", 4),
            (r"담배", 4),
            (r"꽁초", 3),
            (r"금연", 3),
        ],
    ),
    "leak": (
        "roads",
        "누수",
        [
            (r"누수", 5),
            (r"물이\s?(?:새|솟|흘러|계속)", 3),
            (r"새어\s?나", 3),
            (r"(?:상수도|수도관|배관)", 2),
            (r"물\s?웅덩이|물이\s?고", 2),
        ],
    ),
    "odor": (
        "environment",
        "악취",
        [
            (r"악취", 3),
            (r"(?:하수구|정화조|빗물받이|배기구|맨홀)\s?(?:냄새|악취|에서)", 3),
            (r"하수구|정화조|빗물받이", 2),
            (r"냄새", 1),
        ],
    ),
    "tree": (
        "parks",
        "가로수·나무",
        [
            (r"가로수", 4),
            (r"가지\s?치기|가지가|나뭇\s?가지", 4),
            (r"나무", 3),
            (r"뿌리", 1),
        ],
    ),
    "obstruction": (
        "roads",
        "도로·보도 적치물",
        [
            (r"적치", 4),
            (r"(?:공사\s?)?자재", 3),
            (r"(?:물건|짐|상품|박스)(?:을|이|들이)?\s?(?:쌓|내놓|진열)", 3),
        ],
    ),
    "abandoned": (
        "traffic",
        "방치 차량·자전거",
        [
            (r"방치\s?(?:차량|자전거|오토바이)", 5),
            (r"(?:장기|무단)\s?방치", 3),
        ],
    ),
    "flooding": (
        "safety",
        "침수·배수",
        [
            (r"침수", 4),
            (r"배수\s?(?:불량|가\s?안|구)", 3),
            (r"물이\s?(?:넘치|역류)", 3),
        ],
    ),
}
_COMPILED = {m: [(re.compile(p), w) for p, w in pats] for m, (_, _, pats) in _LEXICON.items()}

MATTER_CATEGORY: dict[str, str] = {m: cat for m, (cat, _, _) in _LEXICON.items()}
"""Matter → the desk's default category code (complaints/seeds.py)."""
MATTER_LABELS: dict[str, str] = {m: label for m, (_, label, _) in _LEXICON.items()}
"""Matter → its Korean label, for the reasons shown to an officer."""

TITLE_WEIGHT = 2
"""A matter word in the title counts this many times (residents name the matter in the title)."""
MIN_SCORE = 3
"""A matter needs at least this score (one specific word, or two weaker ones) to be read from the text."""


def matter_scores(title: str, body: str = "") -> dict[str, int]:
    """Each matter's keyword score (title words count `TITLE_WEIGHT` times); matters with no hit are left out."""
    scores: dict[str, int] = {}
    for text, factor in ((normalize_text(title), TITLE_WEIGHT), (normalize_text(body), 1)):
        if not text:
            continue
        for matter, patterns in _COMPILED.items():
            s = sum(w for rx, w in patterns if rx.search(text))
            if s:
                scores[matter] = scores.get(matter, 0) + s * factor
    return scores


def infer_matter(title: str, body: str = "") -> str:
    """The matter a complaint is about, or "" when no matter reaches `MIN_SCORE` or the best two tie."""
    scores = matter_scores(title, body)
    if not scores:
        return ""
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, top = ranked[0]
    if top < MIN_SCORE or (len(ranked) > 1 and ranked[1][1] == top):
        return ""
    return best
