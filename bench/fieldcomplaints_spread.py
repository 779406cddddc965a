"""Where and when a district's field complaints happen: a generator of places and moments as a district sees them,
written from the street's point of view and knowing nothing of the duplicate scan's windows.

What it models (영등포구, one year; every number is an assumption about the world, stated here):
- HOT SPOTS (40 % of reports): stations, markets and the Yeouido towers, each a Gaussian blob of a few hundred
  metres, weighted by how busy the place is (영등포역·타임스퀘어 far more than 선유도역).
- RECURRING ADDRESSES (15 %): 600 addresses (a corner where rubbish is dumped, a shop that puts goods on the
  pavement, a broken drain) that residents report again and again, each with one usual item; the portal geocodes
  the same address to the same point, so these come within a few metres of each other. Half of them lie in hot spots.
- EVERYWHERE ELSE (45 %): uniform over the district's box.
- RE-REPORTS: 10 % of reports are followed by 1–3 reports of the same thing by other residents (exponential delay,
  mean 1.5 days; position off by about 15 m: two phones, two geocoded addresses), whatever the item: a parked car
  reported twice in an hour counts as much as a pothole reported twice in a week.
- ITEMS: ITEM_SHARES below, per mille of reports: the parking items about half (as in the national 안전신문고 and
  Seoul's 스마트불편신고 statistics, where 불법주정차 leads by far), then dumped rubbish, banners, noise, broken
  pavements and lights; a sinkhole or a collapsing wall is rare. (The generator before this module gave every
  3-hour item four times the weight of the others, which made 1,400 sinkholes a year.)

- PROCESSING: a past year's states (90 % 처리완료), processed within 1.3 times the item's deadline.

`spread(count, seed)` returns `count` reports sorted by time: (moment, item row, latitude, longitude, incident,
status, processed moment or None) where `incident` numbers what was reported (re-reports share their first
report's number), for measuring.
"""

from __future__ import annotations

import datetime as dt
import math
import random

BOX = (37.485, 37.545, 126.880, 126.940)  # 영등포구, roughly: south, north, west, east
M_PER_DEG = 111_195.0
# (name, latitude, longitude, weight, spread in metres)
HOT_SPOTS = [
    ("영등포역·타임스퀘어", 37.5157, 126.9074, 10, 300),
    ("영등포시장", 37.5197, 126.9041, 5, 200),
    ("여의도역·IFC", 37.5215, 126.9243, 6, 350),
    ("여의도한강공원", 37.5284, 126.9335, 3, 400),
    ("당산역", 37.5343, 126.9024, 4, 250),
    ("문래역·문래창작촌", 37.5179, 126.8947, 4, 250),
    ("신길역", 37.5172, 126.9173, 2, 200),
    ("대림역·대림중앙시장", 37.4925, 126.8950, 6, 300),
    ("신풍역", 37.5003, 126.9090, 2, 200),
    ("영등포구청역", 37.5248, 126.8958, 3, 250),
    ("양평역", 37.5255, 126.8857, 2, 200),
    ("선유도역", 37.5378, 126.8937, 2, 200),
    ("국회의사당역", 37.5282, 126.9178, 2, 250),
    ("도림천", 37.5088, 126.8909, 2, 250),
]
# The portal's processing states of a past year, and how long a department takes: up to 1.3 times the item's deadline
STATUS_WEIGHTS = [("처리완료", 90), ("처리중", 4), ("접수", 2), ("이첩", 2), ("중복", 1), ("취소", 1)]
CLOSED = ("처리완료", "이첩", "중복", "취소")
SHARE_HOT, SHARE_RECURRING = 0.40, 0.15
RECURRING_ADDRESSES = 600
RE_REPORTED, RE_REPORT_DELAY_DAYS, RE_REPORT_OFFSET_M = 0.10, 1.5, 15.0


# Reports per mille by item code (an assumption about a Seoul district; items not named: 2).
ITEM_SHARES = {
    "traffic-illegal-parking": 430,
    "traffic-resident-parking": 40,
    "traffic-hydrant-parking": 25,
    "traffic-school-zone-parking": 25,
    "traffic-abandoned-vehicle": 12,
    "traffic-bus-stop": 5,
    "traffic-traffic-sign": 8,
    "traffic-road-marking": 5,
    "road-pothole": 25,
    "road-manhole": 5,
    "road-road-debris": 6,
    "road-sidewalk-block": 15,
    "road-road-occupation": 10,
    "cleaning-illegal-dumping": 70,
    "cleaning-bulky-waste": 15,
    "cleaning-food-waste": 10,
    "cleaning-recycling": 10,
    "cleaning-street-cleaning": 10,
    "cleaning-road-carcass": 4,
    "street-banner": 30,
    "street-poster": 15,
    "street-signboard": 12,
    "street-sidewalk-goods": 12,
    "street-street-vendor": 8,
    "street-abandoned-bicycle": 8,
    "safety-security-light": 15,
    "safety-street-light": 15,
    "safety-retaining-wall": 0.5,
    "safety-construction-site": 4,
    "safety-ice-snow": 3,
    "safety-sinkhole": 0.5,
    "safety-falling-sign": 1,
    "environment-construction-noise": 30,
    "environment-idling": 5,
    "environment-odour": 8,
    "environment-dust": 6,
    "environment-stream-pollution": 1,
    "parks-fallen-tree": 2,
    "parks-park-facility": 5,
    "parks-tree-pruning": 6,
    "building-rooftop-hazard": 1,
    "building-building-site": 8,
    "building-illegal-building": 4,
    "water-gully": 6,
    "water-sewer-odour": 5,
    "water-stream-facility": 1,
    "water-flood-barrier": 1,
    "health-pest": 5,
    "health-smoking": 15,
    "animal-stray-animal": 4,
    "animal-wild-animal": 1,
    "animal-stray-cat": 4,
    "animal-pet-manners": 5,
    "other-public-facility": 5,
    "other-etc": 25,
}


def item_weights(items) -> list[float]:
    """ITEM_SHARES over the seeded items (rows of gamsa.patrols.seeds.item_rows)."""
    return [ITEM_SHARES.get(row[3], 2) for row in items]


def _offset(rng: random.Random, lat: float, lng: float, metres: float) -> tuple[float, float]:
    """A point about `metres` (Gaussian, per axis) from (lat, lng)."""
    dy, dx = rng.gauss(0, metres), rng.gauss(0, metres)
    return lat + dy / M_PER_DEG, lng + dx / (M_PER_DEG * math.cos(math.radians(lat)))


def _inside(lat: float, lng: float) -> tuple[float, float]:
    return min(max(lat, BOX[0]), BOX[1]), min(max(lng, BOX[2]), BOX[3])


def spread(count: int, seed: int = 2025, year: int = 2025) -> list[tuple]:
    """`count` reports of one year, in time order: (moment, item row, latitude, longitude, incident)."""
    from gamsa.patrols.seeds import item_rows

    rng = random.Random(seed)
    items = list(item_rows())
    weights = item_weights(items)
    hot_weights = [spot[3] for spot in HOT_SPOTS]

    def hot_point():
        _, lat, lng, _, metres = rng.choices(HOT_SPOTS, hot_weights)[0]
        return _inside(*_offset(rng, lat, lng, metres))

    def anywhere():
        return rng.uniform(BOX[0], BOX[1]), rng.uniform(BOX[2], BOX[3])

    addresses = [
        (*(hot_point() if rng.random() < 0.5 else anywhere()), rng.choices(items, weights)[0])
        for _ in range(RECURRING_ADDRESSES)
    ]
    address_weights = [rng.paretovariate(1.5) for _ in addresses]  # a few addresses draw most repeat reports
    start = dt.datetime(year, 1, 1)
    seconds = 365 * 86400
    reports: list[tuple] = []
    incident = 0
    while len(reports) < count:
        incident += 1
        moment = start + dt.timedelta(seconds=rng.randrange(seconds))
        draw = rng.random()
        if draw < SHARE_RECURRING:
            lat, lng, item = rng.choices(addresses, address_weights)[0]
            lat, lng = _offset(rng, lat, lng, 3)
        else:
            item = rng.choices(items, weights)[0]
            lat, lng = hot_point() if draw < SHARE_RECURRING + SHARE_HOT else anywhere()
        reports.append((moment, item, lat, lng, incident))
        if rng.random() < RE_REPORTED:
            for _ in range(rng.randint(1, 3)):
                later = moment + dt.timedelta(days=rng.expovariate(1 / RE_REPORT_DELAY_DAYS))
                if later.year == year and len(reports) < count:
                    reports.append(
                        (later, item, *_inside(*_offset(rng, lat, lng, RE_REPORT_OFFSET_M)), incident)
                    )
    reports.sort(key=lambda report: report[0])
    statuses, status_weights = [s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS]
    out = []
    for moment, item, lat, lng, n in reports:
        moment = moment.replace(microsecond=0)
        status = rng.choices(statuses, status_weights)[0]
        processed = None
        if status in CLOSED:
            processed = moment + dt.timedelta(minutes=rng.randrange(10, int(item[5] * 60 * 1.3) + 20))
        out.append((moment, item, round(lat, 6), round(lng, 6), n, status, processed))
    return out
