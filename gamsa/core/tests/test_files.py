"""The file box (자료함): uploads recognised by content, image metadata stripped, downloads access-logged.

Everything goes through the real views (`/files/` and `/files/<uuid>/`) with the Django test client.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook
from PIL import Image, PngImagePlugin

from gamsa.core import filecheck
from gamsa.core.models import AccessLog, Attachment, Event

pytestmark = pytest.mark.django_db

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
GPS_IFD = 0x8825


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


# --- real files of each kind ------------------------------------------------------------------------------------


def jpeg_with_exif(size=(40, 20), orientation: int | None = None) -> bytes:
    img = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[271] = "GamsaTestCam"  # Make
    exif[0x0132] = "2026:01:02 03:04:05"  # DateTime
    if orientation:
        exif[0x0112] = orientation
    exif[GPS_IFD] = {1: "N", 2: (37.0, 31.0, 12.5), 3: "E", 4: (126.0, 54.0, 3.0)}
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif, quality=90)
    return out.getvalue()


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "홍길동 010-1234-5678")
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def real_pdf() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (255, 255, 255)).save(out, format="PDF")
    return out.getvalue()


def real_xlsx() -> bytes:
    wb = Workbook()
    wb.active.append(["구분", "건수"])
    wb.active.append(["민원", 3])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def docx_shaped() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        zf.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        )
    return out.getvalue()


def hwpx_shaped(method: int = zipfile.ZIP_STORED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip", compress_type=method)
        zf.writestr("version.xml", '<?xml version="1.0"?><version/>', compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr(
            "Contents/content.hpf", '<?xml version="1.0"?><opf:package/>', compress_type=zipfile.ZIP_DEFLATED
        )
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("readme.txt", "그냥 압축 파일")
        zf.writestr("data/list.csv", "a,b\n1,2\n")
    return out.getvalue()


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def counts(settings) -> tuple[int, int, int, int]:
    return (
        Attachment.objects.count(),
        Event.objects.count(),
        AccessLog.objects.count(),
        len(media_files(settings)),
    )


def upload(client, name: str, data: bytes, content_type: str = "application/octet-stream"):
    return client.post("/files/", {"file": SimpleUploadedFile(name, data, content_type=content_type)})


# --- images ---------------------------------------------------------------------------------------------------


def test_jpeg_with_exif_and_gps_is_stored_without_any_metadata(client, login, settings):
    data = jpeg_with_exif()
    original = Image.open(io.BytesIO(data)).getexif()
    # The fixture really carries EXIF and GPS.
    assert original[271] == "GamsaTestCam" and original.get_ifd(GPS_IFD)

    login("auditor")
    response = upload(client, "현장 사진.jpeg", data, "image/jpeg")
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.content_type, attachment.metadata_stripped) == (
        "jpeg",
        "image/jpeg",
        True,
    )
    assert attachment.uploaded_by.username == "auditor"

    stored = Path(attachment.file.path).read_bytes()
    with Image.open(io.BytesIO(stored)) as img:
        assert img.format == "JPEG"
        assert img.size == (40, 20)
        exif = img.getexif()
        assert len(exif) == 0
        assert exif.get_ifd(GPS_IFD) == {}
        assert "exif" not in img.info
    assert b"GamsaTestCam" not in stored
    assert b"Exif\x00\x00" not in stored
    assert attachment.size == len(stored)


def test_stored_name_is_random_and_original_name_only_in_the_database(client, login, settings):
    login("auditor")
    assert upload(client, "민원인 홍길동 사진.jpeg", jpeg_with_exif(), "image/jpeg").status_code == 302
    attachment = Attachment.objects.get()
    stored_name = Path(attachment.file.name).name
    assert re.fullmatch(r"[0-9a-f]{32}", stored_name)
    assert attachment.file.name.startswith("attachments/")
    assert "홍길동" not in attachment.file.name
    # The extension follows the detected content, not the uploaded name.
    assert attachment.original_name == "민원인 홍길동 사진.jpg"
    [on_disk] = media_files(settings)
    assert on_disk.name == stored_name


def test_exif_orientation_is_applied_before_stripping(client, login, settings):
    login("auditor")
    assert (
        upload(client, "rotated.jpg", jpeg_with_exif(size=(40, 20), orientation=6), "image/jpeg").status_code
        == 302
    )
    with Image.open(Attachment.objects.get().file.path) as img:
        assert img.size == (20, 40)  # rotated as displayed, and no orientation tag left to rotate it again
        assert 0x0112 not in img.getexif()


def test_png_text_chunks_are_stripped(client, login, settings):
    login("volunteer")
    data = png_with_text()
    assert Image.open(io.BytesIO(data)).info.get("Author")
    assert upload(client, "scan.png", data, "image/png").status_code == 302
    attachment = Attachment.objects.get()
    stored = Path(attachment.file.path).read_bytes()
    with Image.open(io.BytesIO(stored)) as img:
        assert "Author" not in img.info
    assert "홍길동".encode() not in stored
    assert attachment.kind == "png"


# --- refused files --------------------------------------------------------------------------------------------


def test_text_renamed_to_pdf_is_refused_and_nothing_is_stored(client, login, settings):
    login("auditor")
    before = counts(settings)
    response = upload(
        client, "report.pdf", "이것은 PDF가 아닙니다.\n그냥 텍스트.".encode(), "application/pdf"
    )
    assert response.status_code == 400
    assert "허용되지 않는 파일 형식" in response.content.decode()
    assert counts(settings) == before


def test_oversized_file_is_refused_and_nothing_is_stored(client, login, settings):
    settings.GAMSA_ATTACHMENT_MAX_BYTES = 1024
    data = real_xlsx()
    assert len(data) > 1024
    login("auditor")
    before = counts(settings)
    response = upload(client, "big.xlsx", data)
    assert response.status_code == 400
    assert "너무 큽니다" in response.content.decode()
    assert counts(settings) == before


def test_oversized_file_is_refused_by_the_service_too(settings):
    with pytest.raises(filecheck.FileRejected, match="너무 큽니다"):
        filecheck.check_upload(real_pdf(), max_bytes=100)


def test_plain_zip_is_refused(client, login, settings):
    login("auditor")
    before = counts(settings)
    response = upload(client, "자료.docx", plain_zip())
    assert response.status_code == 400
    assert "허용되지 않는 파일 형식" in response.content.decode()
    assert counts(settings) == before


def test_empty_file_is_refused(client, login, settings):
    login("auditor")
    before = counts(settings)
    response = upload(client, "empty.pdf", b"")
    assert response.status_code == 400
    assert counts(settings) == before


def test_corrupt_jpeg_is_refused(client, login, settings):
    login("auditor")
    before = counts(settings)
    response = upload(client, "broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    assert response.status_code == 400
    assert "손상" in response.content.decode()
    assert counts(settings) == before


# --- accepted documents ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "kind", "stored_name"),
    [
        ("보고서.pdf", real_pdf, "pdf", "보고서.pdf"),
        ("집계표.xlsx", real_xlsx, "xlsx", "집계표.xlsx"),
        ("의견서.docx", docx_shaped, "docx", "의견서.docx"),
        ("감사결과.hwpx", hwpx_shaped, "hwpx", "감사결과.hwpx"),
        ("이름만바꾼.bin", real_pdf, "pdf", "이름만바꾼.pdf"),
    ],
)
def test_documents_are_accepted_with_the_right_kind(client, login, settings, name, make, kind, stored_name):
    data = make()
    login("liaison")
    response = upload(client, name, data)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.kind == kind
    assert attachment.content_type == filecheck.CONTENT_TYPES[kind]
    assert attachment.original_name == stored_name
    assert attachment.metadata_stripped is False
    assert Path(attachment.file.path).read_bytes() == data  # documents are stored byte for byte
    assert Event.objects.filter(verb="attachment.stored", target_id=str(attachment.public_id)).count() == 1


def test_xlsx_fixture_is_a_real_workbook():
    assert load_workbook(io.BytesIO(real_xlsx())).active["A1"].value == "구분"


def test_hwpx_needs_the_exact_mimetype():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/zip")
        zf.writestr("Contents/content.hpf", "<x/>")
    assert filecheck.sniff(out.getvalue()) is None
    assert filecheck.sniff(hwpx_shaped()) == "hwpx"


# --- sniff on hostile input -------------------------------------------------------------------------------------


def test_sniff_returns_none_for_ole_magic_without_an_ole_file():
    blob = OLE_MAGIC + random.Random(1).randbytes(512)
    assert filecheck.sniff(blob) is None


def _ole_garbage() -> bytes:
    # Random bytes after the OLE magic; with this seed olefile raises ValueError (not OSError) on the header.
    return OLE_MAGIC + random.Random(0).randbytes(512)


def _zip_with_unsupported_method() -> bytes:
    data = bytearray(hwpx_shaped())
    data[8:10] = (1).to_bytes(2, "little")  # local header of "mimetype": compression method 1 (shrink)
    central = data.find(b"PK\x01\x02")
    data[central + 10 : central + 12] = (1).to_bytes(2, "little")
    return bytes(data)


def _zip_with_corrupt_deflate() -> bytes:
    data = bytearray(hwpx_shaped(zipfile.ZIP_DEFLATED))
    start = 30 + len("mimetype")
    for i in range(start, start + 5):
        data[i] ^= 0xFF
    return bytes(data)


def _zip_with_encrypted_mimetype() -> bytes:
    data = bytearray(hwpx_shaped())
    data[6] |= 1  # general purpose flag: encrypted
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 1
    return bytes(data)


HOSTILE = [
    pytest.param(_ole_garbage, id="ole-garbage-valueerror"),
    pytest.param(_zip_with_unsupported_method, id="zip-unsupported-method"),
    pytest.param(_zip_with_corrupt_deflate, id="zip-corrupt-deflate"),
    pytest.param(_zip_with_encrypted_mimetype, id="zip-encrypted-entry"),
]


@pytest.mark.parametrize("make", HOSTILE)
def test_sniff_never_raises_on_hostile_input(make):
    assert filecheck.sniff(make()) is None


@pytest.mark.parametrize("make", HOSTILE)
def test_hostile_upload_is_refused_with_a_message_not_a_server_error(client, login, settings, make):
    login("auditor")
    before = counts(settings)
    response = upload(client, "문서.hwp", make())
    assert response.status_code == 400
    assert "허용되지 않는 파일 형식" in response.content.decode()
    assert counts(settings) == before


# --- download -----------------------------------------------------------------------------------------------


def _uploaded(client, login, settings, name="감사 결과 (최종).pdf") -> tuple[Attachment, bytes]:
    data = real_pdf()
    login("auditor")
    assert upload(client, name, data).status_code == 302
    return Attachment.objects.get(), data


def test_uploader_downloads_the_bytes_with_safe_headers(client, login, settings):
    attachment, data = _uploaded(client, login, settings)
    response = client.get(f"/files/{attachment.public_id}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=UTF-8''{quote('감사 결과 (최종).pdf')}"
    assert "%EA%B0%90%EC%82%AC" in response["Content-Disposition"]  # "감사", UTF-8 percent-encoded
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("downloader", ["auditor"])
def test_each_download_writes_one_access_log_row(client, login, settings, downloader):
    attachment, _ = _uploaded(client, login, settings)
    login(downloader)
    for n in (1, 2):
        response = client.get(f"/files/{attachment.public_id}/")
        assert response.status_code == 200
        b"".join(response.streaming_content)
        rows = AccessLog.objects.filter(action="download", target_id=str(attachment.public_id))
        assert rows.count() == n
    row = rows.first()
    assert row.user.username == downloader
    assert row.target_type == "core.attachment"
    assert row.fields == ["첨부파일"]
    assert row.path == f"/files/{attachment.public_id}/"
    assert row.ip_address == "127.0.0.1"


@pytest.mark.parametrize(
    "outsider", ["head", "leader", "investigator", "volunteer", "council", "citizen", "admin"]
)
def test_everyone_else_gets_404_and_no_log_row(client, login, settings, outsider):
    attachment, _ = _uploaded(client, login, settings)
    login(outsider)
    before = counts(settings)
    response = client.get(f"/files/{attachment.public_id}/")
    assert response.status_code == 404
    assert counts(settings) == before


def test_unknown_file_is_404(client, login, settings):
    login("admin")
    before = counts(settings)
    assert client.get("/files/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert counts(settings) == before


def test_file_list_shows_only_my_files(client, login, settings):
    attachment, _ = _uploaded(client, login, settings, name="내자료.pdf")
    page = client.get("/files/")
    assert page.status_code == 200 and "내자료.pdf" in page.content.decode()
    login("patrol")
    other = client.get("/files/")
    assert other.status_code == 200 and "내자료.pdf" not in other.content.decode()
