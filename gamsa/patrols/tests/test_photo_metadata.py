"""A guardian's phone photo carries EXIF with the GPS position: what is stored and served has none of it, while the
finding keeps the coordinates the reporter gave (the map needs them; the photo file must not leak more)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from PIL import Image

from gamsa.core.models import OrgUnit, User
from gamsa.patrols.findings import services as svc
from gamsa.patrols.findings.demo import seed_finding_categories
from gamsa.patrols.guardians.demo import ensure_guardian_account
from gamsa.patrols.models import Finding, FindingCategory

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[271] = "GuardianPhone"  # Make
    exif[GPS_IFD] = {1: "N", 2: (37.0, 31.0, 12.5), 3: "E", 4: (126.0, 54.0, 3.0)}
    out = io.BytesIO()
    Image.new("RGB", (48, 32), (200, 80, 20)).save(out, format="JPEG", exif=exif, quality=90)
    return out.getvalue()


@pytest.fixture
def reported(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_finding_categories()
    guardian = ensure_guardian_account()
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the fixture really carries a position
    finding = svc.create_finding(
        guardian,
        source=Finding.Source.GUARDIAN,
        category=FindingCategory.objects.get(name="가로정비"),
        title="보도블록 들뜸",
        latitude=Decimal("37.520300"),
        longitude=Decimal("126.901100"),
        photos=[(data, "IMG_0001.jpg")],
    )
    svc.route_finding(User.objects.get(username="patrol"), finding, unit=OrgUnit.objects.get(name="건설과"))
    return Finding.objects.get(pk=finding.pk)


def test_stored_photo_has_no_exif_but_the_finding_keeps_its_coordinates(reported):
    photo = reported.photos.get()
    stored = Image.open(photo.attachment.file.path)
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert 271 not in stored.getexif()
    assert photo.attachment.metadata_stripped is True
    assert (reported.latitude, reported.longitude) == (Decimal("37.520300"), Decimal("126.901100"))


def test_department_download_serves_the_stripped_file(reported, client, login):
    login("liaison")
    response = client.get(reverse("core:download", args=[reported.photos.get().attachment.public_id]))
    assert response.status_code == 200
    served = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert not served.getexif().get_ifd(GPS_IFD) and 271 not in served.getexif()
