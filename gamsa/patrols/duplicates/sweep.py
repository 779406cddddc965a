"""The sweep that finds near pairs among a scan's records, in plain Python (no database): records in time order
over a grid of cells as wide as the item's radius; each record looks at the 9 cells around its own and only at the
records of the last `days` days there (a deque per cell, the older ones dropped as time moves on)."""

from __future__ import annotations

import math
from collections import deque
from operator import itemgetter

from gamsa.patrols.duplicates.windows import M_PER_DEG, Window


def sweep(records: list[tuple], window: Window) -> dict[tuple, tuple]:
    """Pairs within the window with at least one batch record, each found once from its newer record.

    Records are (seconds, kind, id, latitude, longitude, in batch, marked duplicate, seconds when it was dealt
    with or infinity). An earlier record dealt with (processed, closed) before the later one came in is not its
    duplicate: the thing reported then was seen to, and the later report is a new occurrence. Positions are projected to
    metres at the records' middle latitude (equirectangular: across Seoul, under half a metre off the haversine at
    250 m). The records are taken in time order; each is compared with the records of the 9 grid cells around its
    own (cells as wide as the radius) received at most `days` before it, and then joins its cell unless it is
    marked duplicate (never an "other"). Returns {subject key: (subject, [(squared metres, other), …])}."""
    if not records:
        return {}
    records.sort(key=itemgetter(0, 1, 2))
    lat0 = math.radians((min(r[3] for r in records) + max(r[3] for r in records)) / 2)
    kx, ky = M_PER_DEG * math.cos(lat0), M_PER_DEG
    radius = float(window.radius_m)
    limit, span = radius * radius, window.seconds
    stride = 1 << 32  # a cell's key: column × stride + row (rows stay far below 2³¹ for any radius ≥ 1 m)
    around = [i * stride + j for i in (-1, 0, 1) for j in (-1, 0, 1)]
    cells: dict[int, deque] = {}
    found: dict[tuple, tuple] = {}
    get, floor = cells.get, math.floor
    for rec in records:
        ts, kind, pk, lat, lng, in_batch, dup, done = rec
        x, y = lng * kx, lat * ky
        key = floor(x / radius) * stride + floor(y / radius)
        oldest = ts - span
        near = None
        for offset in around:
            cell = get(key + offset)
            if not cell:
                continue
            while cell and cell[0][0] < oldest:
                cell.popleft()
            for other in cell:
                if not (in_batch or other[5]) or other[7] <= ts:
                    continue
                dx, dy = other[8] - x, other[9] - y
                d2 = dx * dx + dy * dy
                if d2 <= limit:
                    if near is None:
                        near = []
                    near.append((d2, other))
        if near:
            found[(kind, pk)] = (rec, near)
        if not dup:
            cell = get(key)
            if cell is None:
                cell = cells[key] = deque()
            cell.append((ts, kind, pk, lat, lng, in_batch, dup, done, x, y))
    return found
