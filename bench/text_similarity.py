"""Benchmark: finding the same matter again (same resident) and from other residents with `gamsa.text`.

Usage: python bench/text_similarity.py [size=3000] [queries=all up to 3000] [--seed N]

Builds `size` complaints with bench/grievances_similarity_data.py (a generator that knows nothing of the detector:
residents write in their own words, change phone formats, mistype names, leave the category empty; a quarter to a
third of the groups are different residents; hard negatives are the same resident at another place and the same
place with another matter). It indexes them in memory the way the app's SQL scope does (same phone key or name key;
same place key with the same or an unknown matter within the duplicate window) and ranks each query's candidates
with `gamsa.text.rank`.

Ground truth (`true_pairs`): a pair is a repeat when the same person files the same matter at the same place, a
duplicate when two people file it within the generator's window. Prints precision and recall over all pairs and
per kind (a proposal counts for a kind when its label — same complainant or not — matches the truth; a true pair
found under the wrong label counts as a miss and a false proposal, and is also counted apart), a threshold sweep, and the latency per query
(candidate lookup + documents from stored fields + vectors from scratch + scoring). Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from grievances_similarity_data import generate, true_pairs  # noqa: E402

from gamsa.text.similarity import (  # noqa: E402
    DEFAULT_LIMIT,
    DEFAULT_THRESHOLD,
    DUPLICATE_WINDOW_DAYS,
    Idf,
    build_document,
    rank,
)

SWEEP = (0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80)


def pr(tp: int, retrieved: int, relevant: int) -> tuple[float, float]:
    return (tp / retrieved if retrieved else 1.0), (tp / relevant if relevant else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", nargs="?", type=int, default=3000)
    parser.add_argument("queries", nargs="?", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    t0 = time.perf_counter()
    rows = generate(args.size, seed=args.seed)
    truth = true_pairs(rows)
    t_gen = time.perf_counter() - t0

    t0 = time.perf_counter()
    docs = [
        build_document(
            i,
            title=r["title"],
            body=r["body"],
            name=r["name"],
            phone=r["phone"],
            place=r["place"],
            category=r["category"],
            received_at=r["received_at"],
        )
        for i, r in enumerate(rows)
    ]
    t_docs = time.perf_counter() - t0
    rng = random.Random(7)
    idf = Idf.from_json(
        Idf.build((d.text for d in rng.sample(docs, min(5000, len(docs)))), min_df=2).to_json()
    )

    by_phone: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    by_place: dict[str, list[int]] = defaultdict(list)
    for d in docs:
        if d.phone_key:
            by_phone[d.phone_key].append(d.id)
        if d.name_key:
            by_name[d.name_key].append(d.id)
        for k in d.place_keys:
            by_place[k].append(d.id)

    window = DUPLICATE_WINDOW_DAYS * 86400

    def candidates(q) -> list:
        ids: set[int] = set()
        if q.phone_key:
            ids.update(by_phone.get(q.phone_key, ()))
        if q.name_key:
            ids.update(by_name.get(q.name_key, ()))
        for k in q.place_keys:
            for i in by_place.get(k, ()):
                d = docs[i]
                if abs((d.received_at - q.received_at).total_seconds()) <= window and (
                    not q.matter or d.matter in (q.matter, "")
                ):
                    ids.add(i)
        ids.discard(q.id)
        return [docs[i] for i in ids]

    related: dict[int, dict[int, str]] = defaultdict(dict)
    for (i, j), kind in truth.items():
        related[i][j] = kind
        related[j][i] = kind
    kinds_total = {"same": 0, "other": 0}
    for kind in truth.values():
        kinds_total[kind] += 1
    print(
        f"data: {len(rows):,} complaints (seed {args.seed}); true related pairs {len(truth):,}: "
        f"{kinds_total['same']:,} same resident, {kinds_total['other']:,} other residents "
        f"({kinds_total['other'] / max(1, len(truth)):.0%}); category empty in "
        f"{sum(1 for r in rows if not r['category']) / len(rows):.0%} of rows, place field empty in "
        f"{sum(1 for r in rows if not r['place']) / len(rows):.0%}; matter read from the text in "
        f"{sum(1 for d in docs if d.matter) / len(docs):.0%}; generated in {t_gen:.1f} s, documents in {t_docs:.1f} s"
    )

    sample = (
        list(range(len(docs))) if args.queries >= len(docs) else rng.sample(range(len(docs)), args.queries)
    )
    lat_ms: list[float] = []
    cand_counts: list[int] = []
    per_query: list[tuple[int, list]] = []
    for qi in sample:
        q = docs[qi]
        cands = candidates(q)
        # timed as the app does it: documents from stored fields (no vectors yet), then score and rank
        fresh = [
            build_document(
                c.id,
                title=rows[c.id]["title"],
                body=rows[c.id]["body"],
                name=rows[c.id]["name"],
                phone=rows[c.id]["phone"],
                place=rows[c.id]["place"],
                category=rows[c.id]["category"],
                received_at=c.received_at,
                matter=c.matter,
                matters=c.matters,
                keys=c.place_keys,
            )
            for c in cands
        ]
        q._vec = None
        t0 = time.perf_counter()
        cands = candidates(q)
        found = rank(q, fresh, DEFAULT_THRESHOLD, DEFAULT_LIMIT, idf=idf)
        lat_ms.append((time.perf_counter() - t0) * 1000)
        cand_counts.append(len(cands))
        del found
        allm = rank(q, fresh, 0.0, 10**9, idf=idf)
        per_query.append((qi, allm))

    relevant = {"same": 0, "other": 0}
    for qi in sample:
        for kind in related[qi].values():
            relevant[kind] += 1

    def evaluate(th: float) -> dict:
        out = {"all": [0, 0], "same": [0, 0], "other": [0, 0], "mislabelled": 0}
        for qi, matches in per_query:
            hits = [m for m in matches if m.score >= th][:DEFAULT_LIMIT]
            for m in hits:
                label = "same" if m.same_complainant else "other"
                truth_kind = related[qi].get(m.id)
                out["all"][1] += 1
                out[label][1] += 1
                if truth_kind == label:
                    out["all"][0] += 1
                    out[label][0] += 1
                elif truth_kind is not None:
                    out["mislabelled"] += 1
        return out

    def line(res: dict) -> str:
        p, r = pr(res["all"][0], res["all"][1], relevant["same"] + relevant["other"])
        ps, rs = pr(res["same"][0], res["same"][1], relevant["same"])
        po, ro = pr(res["other"][0], res["other"][1], relevant["other"])
        return (
            f"both kinds P {p:.3f} R {r:.3f} | same resident P {ps:.3f} R {rs:.3f} | "
            f"other residents P {po:.3f} R {ro:.3f} | mislabelled {res['mislabelled']}"
        )

    print(
        f"queries: {len(sample):,}; related pairs seen from them: {relevant['same']:,} same resident, "
        f"{relevant['other']:,} other residents; candidates per query p50 {statistics.median(cand_counts):.0f}, "
        f"p95 {sorted(cand_counts)[int(0.95 * len(cand_counts))]}, max {max(cand_counts)}"
    )
    print(
        f"\nthreshold {DEFAULT_THRESHOLD:.2f} (default), limit {DEFAULT_LIMIT}:\n  {line(evaluate(DEFAULT_THRESHOLD))}"
    )
    print("\nthreshold sweep:")
    for th in SWEEP:
        print(f"  {th:.2f}: {line(evaluate(th))}")
    lat = sorted(lat_ms)
    print(
        f"\nlatency per query in memory (scope lookup + vectors + scoring): p50 {statistics.median(lat):.2f} ms, "
        f"p95 {lat[int(0.95 * len(lat))]:.2f} ms, max {lat[-1]:.2f} ms (the database lookup: bench/grievances.py)"
    )


if __name__ == "__main__":
    main()
