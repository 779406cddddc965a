#!/usr/bin/env python3
"""Build the map's base layer: Yeongdeungpo-gu's 18 행정동 and the district's outline as one small GeoJSON file.

Source: southkorea/seoul-maps (Apache License 2.0), commit dbb1dcde2e3c9937684c5a44ab9301888ad63ee6, files
kostat/2013/json/seoul_submunicipalities_topo.json and kostat/2013/json/seoul_municipalities_topo.json: TopoJSON made
from 통계청(KOSTAT) 센서스용 행정구역경계 2013 (통계지리정보서비스 SGIS; public data, the source must be credited).

    git -C <seoul-maps> show HEAD:kostat/2013/json/seoul_submunicipalities_topo.json > dongs.json
    git -C <seoul-maps> show HEAD:kostat/2013/json/seoul_municipalities_topo.json > gu.json
    python3 scripts/yeongdeungpo_dongs.py dongs.json gu.json gamsa/static/vendor/geo/yeongdeungpo-dongs.geojson

Plain Python, no GIS library: the TopoJSON arcs are decoded (quantised, delta-encoded), the district's polygons are
kept (KOSTAT 2013 codes 11190 and 1119xxx), each ring is simplified (Douglas–Peucker, about 3 m) and every
coordinate rounded to 5 decimals (about 1 m). The script refuses to write unless it finds exactly the 18 동.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DISTRICT_CODE = "11190"  # KOSTAT 2013 code of 영등포구
DONGS = (
    "영등포본동", "영등포동", "여의동", "당산1동", "당산2동", "도림동", "문래동", "양평1동", "양평2동",
    "신길1동", "신길3동", "신길4동", "신길5동", "신길6동", "신길7동", "대림1동", "대림2동", "대림3동",
)  # fmt: skip
TOLERANCE = 0.00003  # degrees, about 3 m: below the source's quantisation step (4e-5 × 3e-5 degrees)
DECIMALS = 5
SOURCE = (
    "통계청 센서스용 행정구역경계(2013, 통계지리정보서비스 SGIS) — southkorea/seoul-maps "
    "kostat/2013/json (commit dbb1dcde2e3c9937684c5a44ab9301888ad63ee6)"
)
LICENCE = "southkorea/seoul-maps: Apache License 2.0; 원자료: 통계청 SGIS 공공데이터(출처 표시)"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute longitude/latitude points of every arc (TopoJSON quantised arcs are delta-encoded)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(px), float(py)) for px, py in arc]
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        part = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(part if not points else part[1:])  # consecutive arcs share their end point
    return points


def perpendicular(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points: list, tolerance: float) -> list:
    """Douglas–Peucker on an open line (iterative, so long rings do not recurse deeply)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, 0
        for i in range(first + 1, last):
            d = perpendicular(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def clean_ring(points: list) -> list[list[float]] | None:
    """A closed ring, simplified and rounded; None when it collapses below a triangle."""
    if points[0] != points[-1]:
        points = points + [points[0]]
    # split at the point farthest from the start, so both halves keep their shape
    far = max(
        range(len(points)),
        key=lambda i: (points[i][0] - points[0][0]) ** 2 + (points[i][1] - points[0][1]) ** 2,
    )
    kept = simplify(points[: far + 1], TOLERANCE)[:-1] + simplify(points[far:], TOLERANCE)
    rounded: list[list[float]] = []
    for x, y in kept:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded if len(rounded) >= 4 else None


def geometry(arcs: list, geom: dict) -> dict:
    polygons = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]
    out = []
    for polygon in polygons:
        rings = [clean_ring(ring(arcs, r)) for r in polygon]
        if rings and rings[0] is not None:
            out.append([r for r in rings if r is not None])
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def features(path: Path, wanted) -> list[dict]:
    topology = json.loads(path.read_text("utf-8"))
    arcs = decode_arcs(topology)
    found = []
    for layer in topology["objects"].values():
        for geom in layer["geometries"]:
            props = geom.get("properties", {})
            if wanted(str(props.get("code", ""))):
                found.append((props, geometry(arcs, geom)))
    return found


def build(dongs_path: Path, gu_path: Path) -> dict:
    dongs = features(dongs_path, lambda code: code.startswith("1119") and len(code) == 7)
    names = sorted(p["name"] for p, _ in dongs)
    if names != sorted(DONGS):
        raise SystemExit(f"expected the 18 동 of 영등포구, found {len(names)}: {', '.join(names)}")
    gu = features(gu_path, lambda code: code == DISTRICT_CODE)
    if len(gu) != 1:
        raise SystemExit(f"expected one outline of 영등포구 (code {DISTRICT_CODE}), found {len(gu)}")
    order = {name: i for i, name in enumerate(DONGS)}
    dongs.sort(key=lambda item: order[item[0]["name"]])
    return {
        "type": "FeatureCollection",
        "name": "영등포구 행정동 경계",
        "source": SOURCE,
        "licence": LICENCE,
        "features": [
            {
                "type": "Feature",
                "properties": {"kind": "gu", "name": "영등포구", "code": DISTRICT_CODE},
                "geometry": gu[0][1],
            }
        ]
        + [
            {
                "type": "Feature",
                "properties": {"kind": "dong", "name": p["name"], "code": p["code"]},
                "geometry": g,
            }
            for p, g in dongs
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dongs", type=Path, help="seoul_submunicipalities_topo.json")
    parser.add_argument("gu", type=Path, help="seoul_municipalities_topo.json")
    parser.add_argument("out", type=Path, help="the GeoJSON file to write")
    args = parser.parse_args(argv)
    collection = build(args.dongs, args.gu)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", "utf-8")
    points = sum(
        len(r)
        for f in collection["features"]
        for poly in (
            [f["geometry"]["coordinates"]]
            if f["geometry"]["type"] == "Polygon"
            else f["geometry"]["coordinates"]
        )
        for r in poly
    )
    print(
        f"{args.out}: {len(collection['features']) - 1} 동 + outline, {points:,} points, {len(text.encode()):,} bytes",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
