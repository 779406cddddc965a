"""The survey's results: aggregates only. A group (실·국) with fewer answers than the questionnaire's `min_group`
(at least 5) is never shown, nor counted anywhere it could be told apart: its answers go into the district total
only when the total itself has at least `min_group`. Results exist only once the questionnaire is closed.

Scores: each answer 1…5 is turned into a risk 0…4 (a reverse item is flipped), an area's score is the mean risk
as 0–100, and its level comes from the questionnaire's thresholds (높음 ≥ high_from, 보통 ≥ medium_from)."""

from __future__ import annotations

from collections import defaultdict

from gamsa.integrity.survey.models import Answer, Questionnaire, QuestionnaireStatus, RiskArea


def _risk(value: int, reverse: bool) -> int:
    return (5 - value) if reverse else (value - 1)


def level(q: Questionnaire, score: float | None) -> str:
    if score is None:
        return ""
    if score >= q.high_from:
        return "높음"
    if score >= q.medium_from:
        return "보통"
    return "낮음"


def results(q: Questionnaire) -> dict | None:
    """{"areas": [...], "groups": [{"group", "answers", "scores": {area: score}}], "total": {...}, "hidden": n}
    or None while the questionnaire is open (or has too few answers in all)."""
    if q.status != QuestionnaireStatus.CLOSED:
        return None
    rows = Answer.objects.filter(response__questionnaire=q).values_list(
        "response__group", "response_id", "question__area_id", "question__reverse", "value"
    )
    per_group: dict[str, set] = defaultdict(set)
    sums: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for group, response_id, area_id, reverse, value in rows.iterator(chunk_size=5000):
        per_group[group].add(response_id)
        cell = sums[(group, area_id)]
        cell[0] += _risk(value, reverse)
        cell[1] += 1
    areas = list(
        RiskArea.objects.filter(questions__questionnaire=q).distinct().order_by("sort_order", "name")
    )
    total_answers = sum(len(v) for v in per_group.values())
    if total_answers < q.min_group:
        return {"areas": areas, "groups": [], "total": None, "hidden": len(per_group), "answers": 0}
    shown = sorted(g for g, ids in per_group.items() if len(ids) >= q.min_group)
    groups = []
    for group in shown:
        scores = {}
        for area in areas:
            s, n = sums.get((group, area.pk), (0, 0))
            scores[area.pk] = round(100 * s / (4 * n), 1) if n else None
        groups.append({"group": group, "answers": len(per_group[group]), "scores": scores})
    total_scores = {}
    for area in areas:
        s = sum(v[0] for (g, a), v in sums.items() if a == area.pk)
        n = sum(v[1] for (g, a), v in sums.items() if a == area.pk)
        total_scores[area.pk] = round(100 * s / (4 * n), 1) if n else None
    return {
        "areas": areas,
        "groups": groups,
        "total": {"answers": total_answers, "scores": total_scores},
        "hidden": len(per_group) - len(shown),
        "answers": total_answers,
    }


def risk_map(q: Questionnaire) -> dict | None:
    """The district's risk by area this year, with last year's score and the change (year-on-year)."""
    current = results(q)
    if current is None or current["total"] is None:
        return current
    previous_q = Questionnaire.objects.filter(year=q.year - 1).first()
    previous = results(previous_q) if previous_q else None
    rows = []
    for area in current["areas"]:
        score = current["total"]["scores"].get(area.pk)
        before = None
        if previous and previous["total"]:
            before = previous["total"]["scores"].get(area.pk)
        rows.append(
            {
                "area": area.name,
                "score": score,
                "level": level(q, score),
                "previous": before,
                "change": round(score - before, 1) if score is not None and before is not None else None,
                "groups": [
                    {
                        "group": g["group"],
                        "score": g["scores"].get(area.pk),
                        "level": level(q, g["scores"].get(area.pk)),
                    }
                    for g in current["groups"]
                ],
            }
        )
    return {**current, "rows": rows, "previous_year": previous_q.year if previous_q else None}
