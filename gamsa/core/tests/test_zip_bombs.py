"""Zip bombs and oversized spreadsheets are refused before any reader opens them, on every entry path.

The files are real: a 1 GiB sheet packed into about 1 MB (written through zipfile piece by piece, so the test holds
a megabyte at a time), a million rows, a CSV of a million lines, a PNG that decodes to 100 million pixels, and a
generated year of field complaints (66,228 rows) that must still pass. Each entry path (the grievance and field
imports on their pages, in their services and on the command line; the cost review on its page, its API and its
command; the rate-table import; attachments) must answer with the Korean refusal, import nothing, and stay within
a bounded memory: tracemalloc's peak in process, the child's maximum RSS for the command line.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gamsa.core.filecheck import FileRejected, Limits, check_archive, check_upload
from gamsa.core.models import Job, User
from gamsa.core.tabular import ImportFileError, read_columns, read_table
from gamsa.core.tests.bombs import (
    CONTENT_TYPES,
    RELS,
    SHEET_HEAD,
    SHEET_TAIL,
    WORKBOOK,
    WORKBOOK_RELS,
    bomb_pieces,
    million_rows,
    write_xlsx,
    year_of_field_complaints,
)

GIB = 1 << 30
MB = 1 << 20
PEAK_LIMIT = 50 * MB  # what a refused parse may allocate in Python, the uploaded bytes not counted
CSV_PEAK_LIMIT = 64 * MB  # a CSV is read row by row up to the row limit (46 MB at 200,000 rows of 4 cells)


def _shared(tmp_path_factory, name: str, build) -> Path:
    """A file built once per test run and shared by the parallel workers (whose folders share a parent)."""
    base = tmp_path_factory.getbasetemp()
    path = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name
    if not path.exists():
        build(path)
    return path


@pytest.fixture(scope="session")
def bomb(tmp_path_factory) -> bytes:
    path = _shared(tmp_path_factory, "zip-bomb-1gib.xlsx", lambda p: write_xlsx(p, bomb_pieces()))
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        inflated = sum(info.file_size for info in zf.infolist())
    assert len(data) < 1.2 * MB and inflated > GIB  # the file is what this test says it is
    return data


@pytest.fixture(scope="session")
def million(tmp_path_factory) -> bytes:
    """The shape the report measured: a million rows in a few hundred kilobytes."""
    path = _shared(tmp_path_factory, "million-rows.xlsx", lambda p: write_xlsx(p, million_rows(False)))
    data = path.read_bytes()
    assert len(data) < 2 * MB  # under the cost sheet's upload limit too
    return data


@pytest.fixture(scope="session")
def million_plain(tmp_path_factory) -> bytes:
    path = _shared(tmp_path_factory, "million-rows-plain.xlsx", lambda p: write_xlsx(p, million_rows(True)))
    return path.read_bytes()


@pytest.fixture(scope="session")
def million_csv() -> bytes:
    return (
        "접수일시,접수경로,제목,내용\n".encode() + b"2026-03-02,x,y,z\n" * 1_000_000
    )  # 17 MB, under the upload limit


def peak_of(call) -> tuple[int, Exception | None]:
    """(peak bytes tracemalloc saw during `call`, the exception it raised)."""
    tracemalloc.start()
    try:
        call()
    except Exception as exc:  # noqa: BLE001  the caller asserts which one
        raised = exc
    else:
        raised = None
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak, raised


# --- the check itself ----------------------------------------------------------------------------------------


def test_a_gibibyte_bomb_is_refused_by_its_ratio_in_bounded_memory(bomb, settings):
    peak, raised = peak_of(lambda: check_archive(bomb))
    assert isinstance(raised, FileRejected)
    assert "압축률이 비정상적으로 높아" in str(raised)
    assert peak < PEAK_LIMIT


def test_the_same_bomb_is_refused_by_its_size_when_the_ratio_is_allowed(bomb):
    limits = Limits(rows=200_000, cells=4_000_000, uncompressed=300 * MB, ratio=1100)
    peak, raised = peak_of(lambda: check_archive(bomb, limits))
    assert isinstance(raised, FileRejected) and "압축을 푼 크기가 너무 큽니다(300MB 초과)" in str(raised)
    assert peak < PEAK_LIMIT


def small_package(sheet: bytes) -> bytes:
    """An XLSX built in memory with `sheet` as its whole sheet XML (for the small hostile shapes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def test_a_part_inflating_past_what_its_header_declares_is_refused():
    """The directory says 1,000 bytes, the stream inflates to 20 MB: a reader trusting the directory is fooled."""
    data = bytearray(
        small_package(SHEET_HEAD + b'<row r="1"><c r="A1"><v>1</v></c></row>' * 500_000 + SHEET_TAIL)
    )
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    name = info.filename.encode()
    entry = data.find(b"PK\x01\x02")
    while data[entry + 46 : entry + 46 + len(name)] != name:  # the sheet's entry in the central directory
        entry = data.find(b"PK\x01\x02", entry + 4)
    assert struct.unpack("<I", data[entry + 24 : entry + 28])[0] == info.file_size
    data[entry + 24 : entry + 28] = struct.pack("<I", 1000)
    peak, raised = peak_of(lambda: check_archive(bytes(data)))
    assert isinstance(raised, FileRejected) and "손상되었거나" in str(raised)
    assert peak < PEAK_LIMIT


@pytest.mark.parametrize("shape", ["million", "million_plain"])
def test_amillion_rows_are_refused_early_in_bounded_memory(shape, request):
    data = request.getfixturevalue(shape)
    peak, raised = peak_of(lambda: check_archive(data))
    assert isinstance(raised, FileRejected)
    assert str(raised).startswith("행이 너무 많습니다. 한 번에 200,000행까지")
    assert peak < PEAK_LIMIT


def test_a_few_cells_far_apart_are_refused_for_the_area_a_reader_would_fill(tmp_path):
    """calamine fills the rectangle from A1 to the last cell: three cells can ask for 3 billion."""
    far = b'<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>'
    far += b'<row r="150000"><c r="A150000"><v>1</v></c></row>'
    data = write_xlsx(tmp_path / "far.xlsx", [far]).read_bytes()
    with pytest.raises(FileRejected, match=r"표가 너무 큽니다\(150,000행 × 16,384열\)"):
        check_archive(data)


def test_odd_but_valid_tags_are_measured_too(tmp_path):
    """Prefixed tags, single quotes and cells without references take the exact scan and are refused alike."""
    data = write_xlsx(tmp_path / "odd.xlsx", million_rows(False, b"x:")).read_bytes()
    with pytest.raises(FileRejected, match="행이 너무 많습니다"):
        check_archive(data)
    wide = b"<row r='1'>" + b"<c><v>1</v></c>" * 30 + b"</row>" + b"<row r='140000'><c r='A140000'/></row>"
    data = write_xlsx(tmp_path / "wide.xlsx", [wide]).read_bytes()
    with pytest.raises(FileRejected, match=r"표가 너무 큽니다\(140,000행 × 30열\)"):
        check_archive(data)


def _plain_rows(first: int, last: int) -> bytes:
    return "".join(
        f'<row r="{n}"><c r="A{n}"><v>1</v></c><c r="B{n}"><v>2</v></c></row>' for n in range(first, last)
    ).encode()


@pytest.mark.parametrize(
    "odd, expected",
    [
        (b'<c r="ZZ70001"><v>1</v></c>', (100_000, 702, 200_000)),  # a new column far down the sheet
        (b'<c r="B190000"><v>1</v></c>', (190_000, 2, 200_000)),  # a cell numbered beyond every row
        (b'<c s="1" r="B70001"><v>1</v></c>', (100_000, 2, 200_000)),  # not plain (r not first)
    ],
)
def test_a_plain_sheet_measures_what_its_later_blocks_add(tmp_path, settings, odd, expected):
    """The fast scan of plain blocks learns the columns from the first block; a later block with a new column, a
    cell numbered beyond its row or a cell that is not plain is still measured exactly (checked past 1 MB)."""
    settings.GAMSA_IMPORT_MAX_CELLS = 10**9
    body = _plain_rows(1, 70_001) + b'<row r="70001"><c r="A70001"><v>1</v></c>' + odd + b"</row>"
    data = write_xlsx(tmp_path / "late.xlsx", [body, _plain_rows(70_002, 100_001)]).read_bytes()
    size = check_archive(data)
    sheet = next(p for p in size.parts if p.name == "xl/worksheets/sheet1.xml")
    assert (sheet.rows, sheet.columns, sheet.cells) == expected


def test_a_dtd_is_refused():
    sheet = SHEET_HEAD.replace(b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet', 1) + SHEET_TAIL
    with pytest.raises(FileRejected, match="DOCTYPE"):
        check_archive(small_package(sheet))


def test_a_year_of_field_complaints_passes(tmp_path, settings):
    """66,228 rows × 13 columns with Korean text, as the 응답소 export brings them, pass with the defaults."""
    from gamsa.patrols.fieldcomplaints.importing import HEADERS

    data = write_xlsx(tmp_path / "year.xlsx", year_of_field_complaints(HEADERS)).read_bytes()
    size = check_archive(data)
    sheet = next(p for p in size.parts if p.name == "xl/worksheets/sheet1.xml")
    assert (sheet.rows, sheet.columns, sheet.cells) == (66_229, 13, 66_229 * 13)
    assert size.uncompressed > 40 * MB
    columns = read_columns(data, HEADERS)  # and the real reader reads it whole
    assert len(columns) == 66_228 and columns.arrays["접수번호"][-1].as_py() == "2025-0066229"


def test_the_limits_are_the_settings(settings):
    """An operator's lower row limit refuses a file the default lets through, with the number in the message."""
    settings.GAMSA_IMPORT_MAX_ROWS = 100
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 151)).encode()
    data = small_package(SHEET_HEAD + rows + SHEET_TAIL)
    with pytest.raises(FileRejected, match="한 번에 100행까지"):
        check_archive(data)
    settings.GAMSA_IMPORT_MAX_ROWS = 200_000
    assert check_archive(data).rows == 150
    csv_rows = b"a,b\n" * 150
    settings.GAMSA_IMPORT_MAX_ROWS = 100
    with pytest.raises(ImportFileError, match="한 번에 100행까지"):
        read_table(csv_rows)


# --- the entry paths -------------------------------------------------------------------------------------------


def test_tabular_readers_refuse_before_calamine_and_fastexcel(bomb, million, million_csv):
    for data, message in (
        (bomb, "압축률"),
        (million, "행이 너무 많습니다"),
        (million_csv, "행이 너무 많습니다"),
    ):
        for reader in (lambda d=data: read_table(d), lambda d=data: read_columns(d, ["접수번호"])):
            peak, raised = peak_of(reader)
            assert isinstance(raised, ImportFileError) and message in str(raised)
            # A CSV has no archive to measure: its rows are read until the limit, 200,000 rows of 4 cells here.
            assert peak < (CSV_PEAK_LIMIT if data is million_csv else PEAK_LIMIT)


def test_grievance_import_service_and_page_refuse_and_import_nothing(bomb, million, million_csv, demo, login):
    from gamsa.complaints.io import importing
    from gamsa.complaints.models import Grievance

    before = Grievance.objects.count()
    for data in (bomb, million, million_csv):
        with pytest.raises(ImportFileError):
            importing.import_grievances(None, data)
    client = login("complaints")
    for data, name in ((bomb, "bomb.xlsx"), (million, "rows.xlsx"), (million_csv, "rows.csv")):
        upload = io.BytesIO(data)
        upload.name = name
        peak, response = None, None

        def post(upload=upload):
            nonlocal response
            response = client.post("/grievances-io/import/", {"file": upload})

        peak, _ = peak_of(post)
        html = response.content.decode()
        assert response.status_code == 400
        assert "압축률이 비정상적으로 높아" in html or "행이 너무 많습니다" in html
        assert '<input type="file"' in html  # the page is there to try again
        if name != "rows.csv":  # the test client's own copies of a 17 MB request body would count here
            assert peak < PEAK_LIMIT
    assert Grievance.objects.count() == before and not Job.objects.filter(kind__startswith="grievance_import")


def test_field_import_service_and_page_refuse_and_import_nothing(
    bomb, million, demo, login, isolated_settings
):
    from gamsa.patrols.fieldcomplaints.importing import import_field_complaints
    from gamsa.patrols.models import FieldComplaint

    before = FieldComplaint.objects.count()
    for data in (bomb, million):
        with pytest.raises(ImportFileError):
            import_field_complaints(None, data)
    client = login("patrol")
    for data, message in ((bomb, "압축률이 비정상적으로 높아"), (million, "행이 너무 많습니다")):
        upload = io.BytesIO(data)
        upload.name = "응답소.xlsx"
        response = None

        def post(upload=upload):
            nonlocal response
            response = client.post(reverse("patrols:field_import"), {"file": upload})

        peak, _ = peak_of(post)
        html = response.content.decode()
        assert response.status_code == 400 and message in html and '<input type="file"' in html
        assert peak < PEAK_LIMIT
    assert FieldComplaint.objects.count() == before and not Job.objects.filter(kind="fieldcomplaint_import")


def test_cost_review_page_and_api_refuse_and_store_nothing(bomb, million, demo, login):
    from gamsa.core.services import issue_api_token
    from gamsa.costing.models import CostReview

    client = login("auditor")
    for data in (bomb, million):
        upload = io.BytesIO(data)
        upload.name = "원가계산서.xlsx"
        page = client.post("/costing/new/", {"title": "시험 심사", "file": upload, "sheet_json": ""})
        html = page.content.decode()
        assert page.status_code == 200 and (
            "압축률이 비정상적으로 높아" in html or "행이 너무 많습니다" in html
        )
        assert 'value="시험 심사"' in html  # what was typed is kept
    _, raw = issue_api_token(User.objects.get(username="auditor"), name="test")
    for data, message in (
        (bomb, "압축률이 비정상적으로 높아"),
        (million, "행이 너무 많습니다. 한 번에 5,000행까지"),
    ):
        upload = io.BytesIO(data)
        upload.name = "sheet.xlsx"
        response = None

        def post(upload=upload):
            nonlocal response
            response = client.post(
                "/api/v1/costing/reviews", {"file": upload}, HTTP_AUTHORIZATION=f"Bearer {raw}"
            )

        peak, _ = peak_of(post)
        assert response.status_code == 400
        assert message in response.json()["errors"][0]["message"]
        assert peak < PEAK_LIMIT
    assert CostReview.objects.count() == 0


def test_rate_table_import_refuses(bomb, demo):
    from gamsa.costing.models import RateVersion

    before = RateVersion.objects.count()
    with pytest.raises(CommandError, match="압축률이 비정상적으로 높아"):
        call_command("costing", "import-rates", str(_on_disk(bomb)), "--user", "admin")
    assert RateVersion.objects.count() == before


def test_attachments_refuse_a_bomb_in_bounded_memory(bomb):
    peak, raised = peak_of(lambda: check_upload(bomb, 20 * MB))
    assert isinstance(raised, FileRejected) and "압축률이 비정상적으로 높아" in str(raised)
    assert peak < PEAK_LIMIT


def _png(width: int, height: int) -> bytes:
    """A valid 1-bit greyscale PNG of one colour, compressed row by row (100 M pixels in about 12 KB)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    stream = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    idat = b"".join(stream.compress(row) for _ in range(height)) + stream.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_a_picture_of_a_hundred_million_pixels_is_refused_before_decoding():
    """Pillow alone only warns between 80 and 160 million pixels, and would decode this one."""
    data = _png(10_000, 10_000)
    assert len(data) < 200_000
    with pytest.raises(FileRejected, match=r"이미지가 너무 큽니다\(10,000 × 10,000화소\)"):
        check_upload(data, 20 * MB)
    assert check_upload(_png(4_000, 3_000), 20 * MB).kind == "png"  # a 12 MP photo still passes


# --- the command line: a real process, its memory read by the kernel ---------------------------------------------

GAMSA = Path(sys.executable).parent / "gamsa"


def _on_disk(data: bytes) -> Path:
    import hashlib
    import tempfile

    path = Path(tempfile.gettempdir()) / f"gamsa-test-{hashlib.sha1(data).hexdigest()[:12]}.xlsx"  # noqa: S324
    if not path.exists():
        path.write_bytes(data)
    return path


def run_gamsa(tmp_path: Path, *args: str) -> tuple[int, str, int]:
    """(exit code, stderr, maximum RSS in bytes) of `gamsa args…` in a fresh installation folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GAMSA_", "DATABASE_URL", "DJANGO_"))}
    env.update(
        GAMSA_SECRET_KEY="test-secret-key-for-the-test-suite-only-0123456789",
        GAMSA_HOTLINE_PEPPER="test-hotline-pepper-for-the-test-suite-only-0123456789",
        GAMSA_HTTPS="false",
        GAMSA_VAR_DIR=str(tmp_path),
        GAMSA_TASKS_BACKEND="immediate",
    )
    err = tmp_path / "stderr.txt"
    with open(err, "wb") as stderr:
        child = subprocess.Popen([str(GAMSA), *args], env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, err.read_text(), usage.ru_maxrss * 1024


@pytest.mark.parametrize(
    "command",
    [("grievances", "import"), ("fieldcomplaints", "import"), ("costing", "review")],
    ids=["grievances", "fieldcomplaints", "costing"],
)
def test_command_line_refuses_with_the_message_in_bounded_memory(command, bomb, million, tmp_path):
    small = tmp_path / "small.csv"
    small.write_text("아무것도,아닌\n파일,입니다\n", encoding="utf-8")
    _, _, baseline = run_gamsa(tmp_path, *command, str(small))  # the same command on a harmless file
    for data, message in ((bomb, "압축률이 비정상적으로 높아"), (million, "행이 너무 많습니다")):
        code, stderr, rss = run_gamsa(tmp_path, *command, str(_on_disk(data)))
        assert code != 0 and message in stderr
        assert rss < baseline + 60 * MB, (rss, baseline)
