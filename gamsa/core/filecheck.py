"""Recognise an uploaded file by its content (never by its name) and strip image metadata.

Allowed: JPEG, PNG, GIF, WebP images; PDF; HWP (OLE compound file with an HWP FileHeader stream); HWPX, XLSX
and DOCX (ZIP packages recognised by their required parts).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import olefile
from PIL import Image, ImageOps, UnidentifiedImageError

Image.MAX_IMAGE_PIXELS = 80_000_000  # refuse decompression bombs

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
                if "mimetype" in names and zf.read("mimetype").strip() == b"application/hwp+zip":
                    return "hwpx"
                if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                    return "xlsx"
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return "docx"
        except Exception:  # bad, encrypted or oddly compressed archives are simply not an allowed kind
            return None
    return None


def _strip_image(data: bytes, kind: str) -> bytes:
    """Re-encode the image without EXIF, GPS, XMP or comments, keeping its visible orientation."""
    try:
        with Image.open(io.BytesIO(data)) as img:
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
    kind = sniff(data)
    if kind is None:
        raise FileRejected(f"허용되지 않는 파일 형식입니다. 올릴 수 있는 형식: {ALLOWED_LABEL}.")
    if kind in IMAGE_KINDS:
        return CheckedFile(kind=kind, content=_strip_image(data, kind), metadata_stripped=True)
    return CheckedFile(kind=kind, content=data, metadata_stripped=False)
