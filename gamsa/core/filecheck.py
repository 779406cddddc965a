"""Recognise an uploaded file by its content (never by its name), strip image metadata, and refuse bombs.

Allowed: JPEG, PNG, GIF, WebP images; PDF; HWP (OLE compound file with an HWP FileHeader stream); HWPX, XLSX
and DOCX (ZIP packages recognised by their required parts).

Bombs: a ZIP package (XLSX, HWPX, DOCX) is measured before any reader (calamine, fastexcel, openpyxl) opens it,
by `check_archive`; an image's pixels are counted before Pillow decodes it. See the section below.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

import olefile
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow refuses twice this number of pixels on its own and only warns above it; `image_pixels` refuses at it.
Image.MAX_IMAGE_PIXELS = 80_000_000

CONTENT_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "hwp": "application/x-hwp",
    "hwpx": "application/hwp+zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {
    "jpeg": "jpg",
    "png": "png",
    "gif": "gif",
    "webp": "webp",
    "pdf": "pdf",
    "hwp": "hwp",
    "hwpx": "hwpx",
    "xlsx": "xlsx",
    "docx": "docx",
}
IMAGE_KINDS = {"jpeg", "png", "gif", "webp"}
ALLOWED_LABEL = "이미지(JPG·PNG·GIF·WebP), PDF, 한글(HWP·HWPX), 엑셀(XLSX), 워드(DOCX)"


class FileRejected(ValueError):
    """The file is not acceptable; the message is Korean and safe to show."""


@dataclass
class CheckedFile:
    kind: str
    content: bytes
    metadata_stripped: bool

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def sniff(data: bytes) -> str | None:
    """The kind of the file from its bytes, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        try:
            ole = olefile.OleFileIO(io.BytesIO(data))
            try:
                if ole.exists("FileHeader") and ole.openstream("FileHeader").read(32).startswith(
                    b"HWP Document File"
                ):
                    return "hwp"
            finally:
                ole.close()
        except Exception:  # olefile raises many kinds of errors on hostile input; any of them means "not HWP"
            return None
        return None
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                if "mimetype" in names and _head(zf, "mimetype").strip() == b"application/hwp+zip":
                    return "hwpx"
                if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                    return "xlsx"
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return "docx"
        except Exception:  # bad, encrypted or oddly compressed archives are simply not an allowed kind
            return None
    return None


def _head(zf: zipfile.ZipFile, name: str, size: int = 64) -> bytes:
    """The first bytes of a package part, never more (a part may inflate to gigabytes)."""
    with zf.open(name) as part:
        return part.read(size)


def _max_pixels() -> int:
    from django.conf import settings

    return getattr(settings, "GAMSA_IMAGE_MAX_PIXELS", Image.MAX_IMAGE_PIXELS)


def image_pixels(img: Image.Image) -> int:
    """Refuse an image whose frames hold more pixels than the limit, before any of them is decoded.

    A PNG of 10,000 × 10,000 pixels of one colour is a 100 KB file that decodes to 300 MB, and an animated GIF
    multiplies its frame by the frame count; both are read from the header alone.
    """
    limit = _max_pixels()
    width, height = img.size
    pixels = width * height * max(1, getattr(img, "n_frames", 1) if img.format == "GIF" else 1)
    if pixels > limit:
        raise FileRejected(
            f"이미지가 너무 큽니다({width:,} × {height:,}화소"
            + (f", {img.n_frames:,}장면" if img.format == "GIF" and getattr(img, "n_frames", 1) > 1 else "")
            + f"). 모두 합해 {limit // 1_000_000:,}백만 화소 이하로 줄여 올리세요."
        )
    return pixels


def _strip_image(data: bytes, kind: str) -> bytes:
    """Re-encode the image without EXIF, GPS, XMP or comments, keeping its visible orientation."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            image_pixels(img)
            img.verify()
        with Image.open(io.BytesIO(data)) as img:
            if kind == "gif" and getattr(img, "is_animated", False):
                frames = []
                out = io.BytesIO()
                for i in range(img.n_frames):
                    img.seek(i)
                    frames.append(img.copy())
                frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], loop=0)
                return out.getvalue()
            oriented = ImageOps.exif_transpose(img)
            if kind == "jpeg" and oriented.mode not in ("RGB", "L"):
                oriented = oriented.convert("RGB")
            # Rebuild from raw pixels: the new image carries no info (EXIF, GPS, XMP, ICC, comments).
            clean = Image.frombytes(oriented.mode, oriented.size, oriented.tobytes())
            if oriented.mode in ("P", "PA") and oriented.getpalette():
                clean.putpalette(oriented.getpalette())
            out = io.BytesIO()
            params = {"quality": 92} if kind in ("jpeg", "webp") else {}
            clean.save(
                out, format={"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}[kind], **params
            )
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise FileRejected("이미지 파일이 손상되었거나 읽을 수 없습니다.") from exc


def check_upload(data: bytes, max_bytes: int) -> CheckedFile:
    if not data:
        raise FileRejected("빈 파일은 올릴 수 없습니다.")
    if len(data) > max_bytes:
        raise FileRejected(
            f"파일이 너무 큽니다. {max_bytes // (1024 * 1024):,}MB 이하만 올릴 수 있습니다 "
            f"(올린 파일: {len(data) / (1024 * 1024):,.1f}MB)."
        )
    if data.startswith(b"PK"):
        check_archive(data, Limits.from_settings(), label="압축 형식(HWPX·XLSX·DOCX)", scan=False)
    kind = sniff(data)
    if kind is None:
        raise FileRejected(f"허용되지 않는 파일 형식입니다. 올릴 수 있는 형식: {ALLOWED_LABEL}.")
    if kind in IMAGE_KINDS:
        return CheckedFile(kind=kind, content=_strip_image(data, kind), metadata_stripped=True)
    return CheckedFile(kind=kind, content=data, metadata_stripped=False)


# --- archives and spreadsheets: zip bombs ---------------------------------------------------------------------
# A 1 MB XLSX can inflate to 1 GiB, and a 300 KB one can hold a million rows; calamine, fastexcel and openpyxl
# would hold all of it in memory. `check_archive` measures a package before any of them opens it, with a bounded
# memory of its own (one 1 MB piece of one part at a time): the number of parts, the size every part inflates to
# (read, not believed from the header), the compression ratio, and for every XML part the rows, columns and cells
# a reader would fill (a sheet's area from A1 to its last cell, as calamine fills it) and the shared strings.
# The limits are settings (GAMSA_IMPORT_*); see docs/operations.md.

CHUNK = 1024 * 1024
MAX_PARTS = 10_000  # an XLSX has about ten parts; a workbook with many pictures a few hundred
RATIO_FLOOR = 1024 * 1024  # a part smaller than this inflates to nothing harmful, whatever its ratio
MAX_TAG = 64 * 1024  # no tag of a sheet is this long; a longer one is refused rather than buffered
_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
_ROW = re.compile(_PREFIX + rb"row(?=[\s/>])[^>]*?(?:\sr\s*=\s*[\"'](\d{1,12})|>)")
_CELL = re.compile(_PREFIX + rb"c(?=[\s/>])[^>]*?(?:\sr\s*=\s*[\"']\$?([A-Za-z]{1,8})\$?(\d{1,12})|>)")
_STRING = re.compile(_PREFIX + rb"si(?=[\s/>])")
_DIMENSION = re.compile(_PREFIX + rb"dimension\s[^>]*?ref\s*=\s*[\"']([^\"']{1,40})")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ELEMENT = re.compile(rb"<[A-Za-z_]")
_REF = re.compile(rb"\$?([A-Za-z]{1,8})\$?(\d{1,12})$")
# A block is "plain" when its row and cell tags are written as Excel, LibreOffice and openpyxl write them
# (`<row r="N"`, `<c r="XN"`, no prefix, r first and double-quoted). Plain blocks are measured with a few searches
# that make no tuple per cell (a year of field complaints has ~900,000 cells); anything else takes a Python step per
# row (slower, as exact).
_PREFIXED = re.compile(rb":(?:row|c|si)[\s/>]")
_PLAIN_ROW = re.compile(rb'<row(?: r="(\d{1,12}+)"|[\s/>])')
_NOT_PLAIN_CELL = re.compile(rb'<c(?:[\t\n\r/>]| (?!r="[A-Z]{1,8}+\d{1,12}+"))')
_PLAIN_NUMBERS = re.compile(rb'<c r="[A-Z]{1,8}+(\d{1,12}+)"')


def _new_letters_pattern(known: set[bytes]) -> re.Pattern:
    """A plain cell whose column letters are not in `known` (one pass over a block, nothing made per cell)."""
    if not known:
        return re.compile(rb'<c r="([A-Z]{1,8}+)')
    return re.compile(rb'<c r="(?!(?:' + b"|".join(sorted(known)) + rb")\d)([A-Z]{1,8}+)")


def _numbers_up_to(last: int) -> bytes:
    """A regular expression for the numbers 1..`last` as a cell reference writes them (no leading zero)."""
    digits = str(last).encode()
    width = len(digits)
    options = [rb"[1-9]\d{0,%d}" % (width - 2)] if width > 1 else []
    for i, d in enumerate(digits):
        low = ord("1") if i == 0 else ord("0")
        if d > low:
            rest = rb"\d{%d}" % (width - i - 1) if i < width - 1 else b""
            options.append(digits[:i] + b"[%c-%c]" % (low, d - 1) + rest)
    options.append(digits)
    return b"|".join(options)


def _unusual_cell_pattern(letters: set[bytes], last: int) -> re.Pattern:
    """A cell that is not plain, or has column letters not in `letters`, or a row number beyond `last`: a block
    without one holds nothing new but its count of cells and its rows."""
    known = b"|".join(sorted(letters))
    return re.compile(rb'<c(?=[\s/>])(?! r="(?:' + known + rb")(?:" + _numbers_up_to(last) + rb')")')


@dataclass(frozen=True)
class Limits:
    """How much a spreadsheet may hold: rows, cells (rows × columns from A1), inflated bytes, compression ratio."""

    rows: int
    cells: int
    uncompressed: int
    ratio: int

    @classmethod
    def from_settings(cls, **overrides) -> Limits:
        from django.conf import settings

        values = {
            "rows": settings.GAMSA_IMPORT_MAX_ROWS,
            "cells": settings.GAMSA_IMPORT_MAX_CELLS,
            "uncompressed": settings.GAMSA_IMPORT_MAX_UNCOMPRESSED_BYTES,
            "ratio": settings.GAMSA_IMPORT_MAX_RATIO,
        }
        values.update({k: min(v, values[k]) for k, v in overrides.items()})
        return cls(**values)


@dataclass
class PartSize:
    """What one XML part would fill: its last row, its last column, the cells present and shared strings."""

    name: str
    rows: int = 0
    columns: int = 0
    cells: int = 0
    strings: int = 0


@dataclass
class ArchiveSize:
    uncompressed: int = 0
    parts: list[PartSize] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """The most rows any sheet of the package fills (the header row included)."""
        return max((p.rows for p in self.parts), default=0)


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


class _Columns(dict):
    """Column letters → number, remembered (a sheet repeats the same few letters on every row)."""

    def __missing__(self, letters: bytes) -> int:
        self[letters] = value = _column_number(letters)
        return value


def _too_many_rows(limits: Limits) -> FileRejected:
    return FileRejected(
        f"행이 너무 많습니다. 한 번에 {limits.rows:,}행까지 가져올 수 있습니다. 기간을 나누어 올리세요."
    )


def _too_many_cells(limits: Limits, rows: int, columns: int) -> FileRejected:
    return FileRejected(
        f"표가 너무 큽니다({rows:,}행 × {columns:,}열). 행 × 열이 {limits.cells:,}칸 이하여야 합니다. "
        "쓰지 않는 열을 지우거나 나누어 올리세요."
    )


class _PartScanner:
    """Counts, piece by piece, the rows, columns, cells and shared strings of one XML part, and stops at a limit."""

    def __init__(self, name: str, limits: Limits):
        self.size = PartSize(name)
        self.limits = limits
        self.carry = b""
        self.row = 0  # the current row (a row without r="" follows the one before it)
        self.row_columns = 0  # the last column of the current row so far
        self.columns = _Columns()
        self.prolog = True
        self.shared_strings = False
        self.letters: set[bytes] = set()  # the column letters of the plain blocks so far
        self.new_letters = _new_letters_pattern(self.letters)

    def feed(self, piece: bytes) -> None:
        block = self.carry + piece if self.carry else piece
        cut = block.rfind(b"<")
        if cut == -1 or block.find(b">", cut) != -1:
            self.carry = b""
        else:
            self.carry, block = block[cut:], block[:cut]
            if len(self.carry) > MAX_TAG:
                raise FileRejected("파일의 XML 구조가 올바르지 않아 열지 않았습니다.")
        if self.prolog:  # a DTD (and so an entity) may only come before the first element
            if _DTD.search(block):
                raise FileRejected("파일 안에 허용되지 않는 XML 선언(DOCTYPE·ENTITY)이 있어 열지 않았습니다.")
            root = _ELEMENT.search(block)
            if root:
                self.prolog = False
                self.shared_strings = block.startswith(b"sst", root.end() - 1) or b":sst" in block[:4096]
                self._dimension(block)
        if not self._scan_plain(block):
            self._scan(block)

    def finish(self) -> PartSize:
        self._end_row()
        return self.size

    def _dimension(self, block: bytes) -> None:
        found = _DIMENSION.search(block, 0, 16384)
        if not found:
            return
        last = _REF.match(found.group(1).split(b":")[-1])
        if last:
            self._extend(int(last.group(2)), self.columns[last.group(1)])

    def _scan_plain(self, block: bytes) -> bool:
        """Measure a plain block with a few searches instead of a Python step per row; False if it is not plain.

        Nothing is made per cell. Once the first block has shown the sheet's column letters, one search finds any
        cell that is not plain, in another column, or numbered beyond the last row (Excel numbers a cell with its
        row's number); only a block holding one is measured cell by cell (letters searched, numbers read)."""
        if _PREFIXED.search(block):
            return False
        rows = _PLAIN_ROW.findall(block)
        if b"" in rows:
            return False
        last = max(self.size.rows, max(map(int, rows)) if rows else 0)
        usual = (
            bool(self.letters) and last > 0 and not _unusual_cell_pattern(self.letters, last).search(block)
        )
        if not usual and _NOT_PLAIN_CELL.search(block):
            return False
        if rows:
            self._extend(last, 0)
            self.row = int(rows[-1])
        cells = block.count(b'<c r="')
        if cells:
            self.size.cells += cells
            if self.size.cells > self.limits.cells:
                raise _too_many_cells(self.limits, self.size.rows, self.size.columns)
            if not usual:
                found = self.new_letters.search(block)
                while found:
                    self.letters.add(found.group(1))
                    self.new_letters = _new_letters_pattern(self.letters)
                    found = self.new_letters.search(block, found.start())
                last = max(last, max(map(int, _PLAIN_NUMBERS.findall(block))))
            columns = max(map(self.columns.__getitem__, self.letters))
            self.row_columns = max(self.row_columns, columns)
            self._extend(last, columns)
        self._count_strings(block)
        return True

    def _count_strings(self, block: bytes) -> None:
        if not self.shared_strings:
            return
        self.size.strings += len(_STRING.findall(block))
        if self.size.strings > self.limits.cells:
            raise FileRejected(f"글자 값이 너무 많습니다({self.limits.cells:,}개 초과). 나누어 올리세요.")

    def _scan(self, block: bytes) -> None:
        start = 0
        for found in _ROW.finditer(block):
            self._cells(block, start, found.start())
            self._end_row()
            self.row = int(found.group(1)) if found.group(1) else self.row + 1
            self._extend(self.row, 0)
            start = found.end()
        self._cells(block, start, len(block))
        self._count_strings(block)

    def _cells(self, block: bytes, start: int, end: int) -> None:
        refs = _CELL.findall(block, start, end)
        if not refs:
            return
        self.size.cells += len(refs)
        if self.size.cells > self.limits.cells:
            raise _too_many_cells(self.limits, self.size.rows, self.size.columns)
        letters = {letter for letter, _ in refs}
        unplaced = 0
        if b"" in letters:  # cells without r="" follow the cell before them
            letters.discard(b"")
            unplaced = sum(1 for letter, _ in refs if not letter)
        if letters:
            self.row_columns = max(self.row_columns, max(map(self.columns.__getitem__, letters)))
            self._extend(max(map(int, {number for _, number in refs if number})), 0)
        self.row_columns += unplaced

    def _end_row(self) -> None:
        self._extend(self.row, self.row_columns)
        self.row_columns = 0

    def _extend(self, rows: int, columns: int) -> None:
        size = self.size
        size.rows = max(size.rows, rows)
        size.columns = max(size.columns, columns)
        if size.rows > self.limits.rows:
            raise _too_many_rows(self.limits)
        if size.rows * size.columns > self.limits.cells:
            raise _too_many_cells(self.limits, size.rows, size.columns)


def _damaged(label: str) -> FileRejected:
    return FileRejected(f"{label} 파일이 손상되었거나 읽을 수 없습니다. 다시 저장해 올리세요.")


def _inflate(data: bytes, info: zipfile.ZipInfo, label: str):
    """The part's bytes, CHUNK at a time, from its compressed stream (never more than CHUNK held at once)."""
    at = info.header_offset
    if data[at : at + 4] != b"PK\x03\x04":
        raise _damaged(label)
    name_length, extra_length = struct.unpack("<HH", data[at + 26 : at + 30])
    start = at + 30 + name_length + extra_length
    raw = memoryview(data)[start : start + info.compress_size]
    if len(raw) != info.compress_size:
        raise _damaged(label)
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(raw), CHUNK):
            yield bytes(raw[at : at + CHUNK])
        return
    stream = zlib.decompressobj(-zlib.MAX_WBITS)
    at = 0
    while not stream.eof:
        if stream.unconsumed_tail:
            piece = stream.unconsumed_tail
        else:
            piece = raw[at : at + CHUNK]
            at += len(piece)
        try:
            out = stream.decompress(piece, CHUNK)
        except zlib.error:
            raise _damaged(label) from None
        if out:
            yield out
        elif not piece:
            break
    if not stream.eof:
        raise _damaged(label)


def check_archive(
    data: bytes, limits: Limits | None = None, *, label: str = "엑셀(XLSX)", scan: bool = True
) -> ArchiveSize:
    """Measure a ZIP package (XLSX, HWPX, DOCX) before anything else opens it; FileRejected (Korean) past a limit.

    Checks, in this order, each before the next costs anything: the number of parts (from the raw bytes, before
    the central directory is parsed), the declared inflated size and ratio; then, when `scan` (a file that will be
    read, not only stored), encryption and compression method, and every part inflated piece by piece (a part
    inflating to more than it declares, or failing its CRC, is refused as damaged) with the rows, columns, cells
    and shared strings of every XML part.
    """
    limits = limits or Limits.from_settings()
    if data.count(b"PK\x01\x02") > MAX_PARTS:
        raise FileRejected(f"{label} 파일 안의 항목이 너무 많습니다({MAX_PARTS:,}개 초과).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except Exception:  # noqa: BLE001  zipfile raises many kinds on hostile input; all mean "damaged"
        if not scan:
            return ArchiveSize()  # an attachment nothing can open: `sniff` refuses it as not an allowed kind
        raise _damaged(label) from None
    too_big = FileRejected(
        f"{label} 파일의 압축을 푼 크기가 너무 큽니다({limits.uncompressed // (1024 * 1024):,}MB 초과). "
        "나누어 올리세요."
    )
    bomb = FileRejected(
        f"{label} 파일의 압축률이 비정상적으로 높아(1:{limits.ratio:,} 초과) 열지 않았습니다. "
        "원래 프로그램에서 다시 저장해 올리세요."
    )
    declared = 0
    for info in infos:
        declared += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise bomb
    if declared > limits.uncompressed:
        raise too_big
    if declared > RATIO_FLOOR and declared > limits.ratio * len(data):
        raise bomb
    size = ArchiveSize(uncompressed=declared)
    if not scan:
        return size  # an attachment is stored, not read: its declared sizes are what a reader will be told
    for info in infos:
        if info.flag_bits & 0x1:
            raise FileRejected(f"암호가 걸린 {label} 파일은 열 수 없습니다. 암호를 풀고 저장해 올리세요.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise FileRejected(f"{label} 파일의 압축 방식을 지원하지 않습니다. 다시 저장해 올리세요.")
    size.uncompressed = 0
    for info in infos:
        scanner = _PartScanner(info.filename, limits) if _is_xml(info.filename) else None
        inflated, crc = 0, 0
        for piece in _inflate(data, info, label):
            inflated += len(piece)
            size.uncompressed += len(piece)
            if inflated > info.file_size:
                raise _damaged(label)  # more than it declares: a lying header
            if size.uncompressed > limits.uncompressed:
                raise too_big
            crc = zlib.crc32(piece, crc)
            if scanner:
                scanner.feed(piece)
        if inflated != info.file_size or crc != info.CRC:
            raise _damaged(label)
        if scanner:
            size.parts.append(scanner.finish())
    return size


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))
