"""The learning system's monthly file through core's import pipeline: every bad row as "N행: 사유", nothing written
when a row is bad (unless the good rows were chosen), the same file twice creates nothing twice, the upload gone in
every outcome; completion rates by department and by life-cycle stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from gamsa.core.models import Job
from gamsa.integrity.tests.helpers import D, staff, upload, user, xlsx
from gamsa.integrity.training import selectors
from gamsa.integrity.training import services as svc
from gamsa.integrity.training.models import Completion, Course

HEADER = ["공무원번호", "성명", "소속", "과정명", "이수일"]


@pytest.fixture
def people(demo, isolated_settings):
    return staff(4, "건설과", prefix="tr")


def uploads_left(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "imports"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def run(client, data: bytes, name="이수.xlsx", skip_bad=False, captured=None):
    payload = {"file": upload(data, name)}
    if skip_bad:
        payload["skip_bad"] = "on"
    with captured(execute=True):
        response = client.post("/integrity/training/import/", payload)
    assert response.status_code == 302, response.content.decode()[:500]
    job = Job.objects.filter(kind="integrity_training_import").latest("created_at")
    return job, client.get(response["Location"]).content.decode()


def test_bad_rows_are_reported_by_line_and_nothing_is_written(
    client, as_user, people, settings, django_capture_on_commit_callbacks
):
    good = people[0]
    data = xlsx(
        [
            HEADER,
            [good.employee_number, good.full_name, "건설과", "청렴 자가학습", "2026-03-15"],
            ["99999999", "없는사람", "건설과", "청렴 자가학습", "2026-03-15"],
            [people[1].employee_number, people[1].full_name, "건설과", "요리 교실", "2026-03-15"],
            [people[2].employee_number, people[2].full_name, "건설과", "청렴 자가학습", "3월 어느날"],
            [people[3].employee_number, "다른이름", "건설과", "청렴 자가학습", "2026-03-16"],
        ]
    )
    as_user("auditor")
    job, page = run(client, data, captured=django_capture_on_commit_callbacks)
    assert job.status == Job.Status.DONE and not job.result["committed"]
    errors = dict((line, reason) for line, reason in job.result["errors"])
    assert set(errors) == {3, 4, 5, 6}
    assert (
        "명부에 없습니다" in errors[3]
        and "요리 교실" in errors[4]
        and "이수일" in errors[5]
        and "성명" in errors[6]
    )
    assert "3행" in page and "아무것도 등록하지 않았습니다" in page
    assert Completion.objects.count() == 0
    assert uploads_left(settings) == []
    # the same file, good rows chosen: the one good row is registered
    job, _ = run(client, data, skip_bad=True, captured=django_capture_on_commit_callbacks)
    assert job.result["committed"] and job.result["created"] == 1 and Completion.objects.count() == 1
    assert uploads_left(settings) == []


def test_reimporting_the_same_month_creates_nothing_twice(
    client, as_user, people, settings, django_capture_on_commit_callbacks
):
    rows = [HEADER] + [
        [p.employee_number, p.full_name, "건설과", "청렴 상시 자가학습", f"2026-04-0{i + 1}"]
        for i, p in enumerate(people)
    ]
    rows.append(rows[1])  # the export repeats a row: counted once
    csv = "\n".join(",".join(r) for r in rows).encode("cp949")
    as_user("leader")
    job, _ = run(client, csv, name="4월.csv", captured=django_capture_on_commit_callbacks)
    assert job.result["created"] == 4 and job.result["duplicates"] == 1
    job, page = run(client, csv, name="4월.csv", captured=django_capture_on_commit_callbacks)
    assert job.result["created"] == 0 and job.result["already"] == 4
    assert Completion.objects.count() == 4 and "이미 있던 4건" in page
    assert uploads_left(settings) == []


def test_a_file_without_the_columns_is_refused_at_upload(client, as_user, people, settings):
    as_user("leader")
    response = client.post(
        "/integrity/training/import/", {"file": upload(xlsx([["이름", "날짜"], ["a", "b"]]), "x.xlsx")}
    )
    assert response.status_code == 400 and "필요한 열이 없습니다" in response.content.decode()
    assert not Job.objects.filter(kind="integrity_training_import").exists() and uploads_left(settings) == []


def test_rates_by_department_and_life_cycle_stage(people):
    leader = user("leader")
    year = 2026
    abuse = Course.objects.get(name="갑질 예방교육")
    newcomer = Course.objects.get(name="신규·승진자 청렴교육")
    svc.set_stage(
        leader, year=year, stage="new", numbers=[people[0].employee_number, people[1].employee_number]
    )
    session = svc.create_session(leader, course=newcomer, title="1차", held_on=D("2026-06-12"))
    svc.add_participants(leader, session, [people[0].employee_number])
    manager_session = svc.create_session(leader, course=abuse, title="간부", held_on=D("2026-04-15"))
    svc.add_participants(leader, manager_session, [user("depthead").employee_number])
    stages = {s["code"]: s for s in selectors.stage_rates(year)}
    assert (stages["new"]["staff"], stages["new"]["done"], stages["new"]["rate"]) == (2, 1, 50.0)
    assert stages["manager"]["done"] == 1 and stages["manager"]["staff"] >= 2  # 5급 이상 (head, depthead)
    rows, total = selectors.department_rates(year)
    construction = next(r for r in rows if r["unit"] == "건설과")
    assert construction["done"] == 2 and construction["staff"] == 3 + 4
    with pytest.raises(svc.TrainingError, match="명부에 없는"):
        svc.add_participants(leader, session, ["00000000"])
