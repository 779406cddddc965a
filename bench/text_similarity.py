"""Benchmark: finding repeated complaints with `gamsa.text` on the synthetic corpus.

Usage: python bench/text_similarity.py [size=100000] [queries=2000]

Builds `size` complaints with bench/grievances_similarity_data.py, indexes them in memory by phone key, name key
and (place key, category) — the SQL pre-filter the app will run — and for a sample of queries ranks the
candidates with `gamsa.text.rank`. Ground truth: a pair is a repeat iff same complainant, same matter, same place
(the rows' group_id). Prints precision and recall (micro, over pairs) at the default threshold and a sweep, a
text-only baseline over the same candidates, and per-query latency (candidate fetch from the in-memory index +
vectorising the candidates from scratch + scoring). Not a test: it asserts nothing.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from grievances_similarity_data import generate  # noqa: E402

from gamsa.text.similarity import DEFAULT_LIMIT, DEFAULT_THRESHOLD, Idf, build_document, rank  # noqa: E402

SWEEP = (0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80)


def pr(tp: int, retrieved: int, relevant: int) -> tuple[float, float, float]:
    p = tp / retrieved if retrieved else 1.0
    r = tp / relevant if relevant else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_queries = int(sys.argv[2]) if len(sys.argv) > 2 else 2000

    t0 = time.perf_counter()
    rows = generate(size, seed=2026)
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
    t0 = time.perf_counter()
    idf = Idf.build((d.text for d in rng.sample(docs, min(5000, len(docs)))), min_df=2)
    idf = Idf.from_json(idf.to_json())  # as the app stores and reloads it
    t_idf = time.perf_counter() - t0

    t0 = time.perf_counter()
    by_phone: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    by_place: dict[tuple[str, str], list[int]] = defaultdict(list)
    for d in docs:
        if d.phone_key:
            by_phone[d.phone_key].append(d.id)
        if d.name_key:
            by_name[d.name_key].append(d.id)
        for k in d.place_keys:
            by_place[(k, d.category)].append(d.id)
    t_index = time.perf_counter() - t0

    groups: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if r["group_id"] is not None:
            groups[r["group_id"]].append(i)
    in_groups = sum(len(v) for v in groups.values())

    print(
        f"data: {size:,} complaints ({in_groups:,} in {len(groups):,} repeat groups of 2–5); "
        f"generated in {t_gen:.1f} s, documents built in {t_docs:.1f} s, "
        f"IDF from 5,000 docs ({len(idf):,} grams, {len(idf.to_json().encode()) / 1e3:.0f} kB JSON) in {t_idf:.1f} s, "
        f"index in {t_index:.1f} s"
    )

    def candidates(q) -> list:
        ids: set[int] = set()
        if q.phone_key:
            ids.update(by_phone.get(q.phone_key, ()))
        if q.name_key:
            ids.update(by_name.get(q.name_key, ()))
        for k in q.place_keys:
            ids.update(by_place.get((k, q.category), ()))
        ids.discard(q.id)
        return [docs[i] for i in ids]

    sample = rng.sample(range(len(docs)), min(n_queries, len(docs)))
    lat_ms: list[float] = []
    cand_counts: list[int] = []
    relevant_total = 0
    all_scores: list[list[tuple[float, float, bool]]] = []  # per query: (score, text_sim, is_relevant)
    for qi in sample:
        q = docs[qi]
        gid = rows[qi]["group_id"]
        relevant = set(groups[gid]) - {qi} if gid is not None else set()
        relevant_total += len(relevant)

        # timed: what the app does per query (fetch candidates, vectorise them from scratch, score, rank)
        for d in (q, *candidates(q)):
            d._vec = None
        t0 = time.perf_counter()
        cands = candidates(q)
        found = rank(q, cands, DEFAULT_THRESHOLD, DEFAULT_LIMIT, idf=idf)
        lat_ms.append((time.perf_counter() - t0) * 1000)
        cand_counts.append(len(cands))
        del found

        # untimed: every candidate's score, for the sweep
        allm = rank(q, cands, 0.0, 10**9, idf=idf)
        all_scores.append([(m.score, m.text_similarity, m.id in relevant) for m in allm])
        # relevant pairs the pre-filter did not even fetch count as misses (recall below includes them)

    print(
        f"queries: {len(sample):,} sampled; {sum(1 for qi in sample if rows[qi]['group_id'] is not None):,} "
        f"of them in a repeat group; {relevant_total:,} true repeat pairs; candidates per query "
        f"p50 {statistics.median(cand_counts):.0f}, p95 {sorted(cand_counts)[int(0.95 * len(cand_counts))]}, "
        f"max {max(cand_counts)}"
    )

    def evaluate(th: float, use_text: bool = False, limit: int = DEFAULT_LIMIT) -> tuple[float, float, float]:
        tp = retrieved = 0
        for scores in all_scores:
            key = 1 if use_text else 0
            hits = sorted((s for s in scores if s[key] >= th), key=lambda s: s[key], reverse=True)[:limit]
            retrieved += len(hits)
            tp += sum(1 for s in hits if s[2])
        return pr(tp, retrieved, relevant_total)

    p, r, f = evaluate(DEFAULT_THRESHOLD)
    print(
        f"\ndefault threshold {DEFAULT_THRESHOLD:.2f}, limit {DEFAULT_LIMIT}: "
        f"precision {p:.3f}, recall {r:.3f}, F1 {f:.3f}"
    )
    print("\nthreshold sweep (combined score):")
    print("  threshold  precision  recall   F1")
    for th in SWEEP:
        p, r, f = evaluate(th)
        print(f"  {th:9.2f}  {p:9.3f}  {r:6.3f}  {f:5.3f}")
    print("\nbaseline, text similarity only, same candidates:")
    print("  threshold  precision  recall   F1")
    for th in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        p, r, f = evaluate(th, use_text=True)
        print(f"  {th:9.2f}  {p:9.3f}  {r:6.3f}  {f:5.3f}")

    lat = sorted(lat_ms)
    print(
        f"\nlatency per query (pre-filter lookup + vectorise candidates + score + rank): "
        f"p50 {statistics.median(lat):.2f} ms, p95 {lat[int(0.95 * len(lat))]:.2f} ms, max {lat[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
