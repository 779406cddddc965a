"""Files on grievances: checked by content, GPS removed, downloadable only by those who see the case."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances.tests.test_workflow import new_grievance, user
from gamsa.complaints.models import Grievance
from gamsa.core.models import Attachment, OrgUnit


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (37.0, 31.0, 0.0), 3: "E", 4: (126.0, 53.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_case_attachment_loses_gps_and_follows_case_access(client, demo, login):
    g = new_grievance()
    svc.assign(user("complaints"), g, department=OrgUnit.objects.get(name="건설과"))
    login("liaison")
    response = client.post(
        f"/grievances/{g.case_number}/files/",
        {"file": SimpleUploadedFile("현장.jpg", jpeg_with_gps(), "image/jpeg")},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(owner_type="complaints.grievance", owner_id=g.case_number)
    with attachment.file.open("rb") as f:
        assert not Image.open(f).getexif()
    assert client.get(f"/files/{attachment.public_id}/").status_code == 200
    client.logout()
    login("council")  # read-only: may read the case, not download its files
    assert client.get(f"/files/{attachment.public_id}/").status_code == 404


def test_public_form_refuses_a_disguised_file_and_keeps_nothing(client, demo):
    before = (Grievance.objects.count(), Attachment.objects.count())
    response = client.post(
        "/minwon/",
        {
            "name": "이구민",
            "phone": "010-3333-4444",
            "address": "영등포구 도림로 10",
            "title": "사진 첨부",
            "body": "사진을 첨부합니다.",
            "agree": "on",
            "attachment": SimpleUploadedFile("사진.jpg", b"#!/bin/sh\necho not an image\n", "image/jpeg"),
        },
    )
    assert response.status_code == 400
    assert "허용되지 않는 파일 형식" in response.content.decode()
    assert (Grievance.objects.count(), Attachment.objects.count()) == before


def test_public_form_with_a_photo(client, demo):
    response = client.post(
        "/minwon/",
        {
            "name": "이구민",
            "phone": "010-3333-4444",
            "address": "영등포구 도림로 10",
            "title": "사진 첨부",
            "body": "사진을 첨부합니다.",
            "agree": "on",
            "attachment": SimpleUploadedFile("사진.jpg", jpeg_with_gps(), "image/jpeg"),
        },
    )
    assert response.status_code == 302
    g = Grievance.objects.get(title="사진 첨부")
    assert Attachment.objects.get(owner_id=g.case_number).metadata_stripped
