"""PDF documents from Django templates with WeasyPrint and the vendored Pretendard GOV font (ADR 0008).

Every PDF the system makes goes through `render_pdf` (or `html_to_pdf` for HTML made elsewhere). The font is one
complete TrueType file per weight in `core/fonts/` (400 and 700), declared here as the family "Pretendard GOV";
templates only name that family. Nothing is fetched from the network and no system font is needed.

Why not the pages' unicode-range chunks (static/vendor/fonts/pretendard-gov/): WeasyPrint (70.0) keys a PDF font
by its family, weight and style, so every chunk of one weight became a single PDF font holding the first chunk's
glyph table. Characters drawn from the other chunks printed as whatever glyph had the same number in the first one
("공사명" as "계사명"), and spaces came out as .notdef. One file per weight has nothing to merge.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "Pretendard GOV"
FONT_FILES = {400: "PretendardGOV-Regular.ttf", 700: "PretendardGOV-Bold.ttf"}


def font_path(weight: int = 400) -> Path:
    """The complete font file for a weight (400 or 700; other weights take the nearer one)."""
    return FONT_DIR / FONT_FILES[700 if weight >= 600 else 400]


@lru_cache(maxsize=1)
def font_face_css() -> str:
    return "\n".join(
        f"@font-face{{font-family:'{FONT_FAMILY}';font-style:normal;font-weight:{weight};"
        f"src:url('{(FONT_DIR / name).as_uri()}') format('truetype')}}"
        for weight, name in FONT_FILES.items()
    )


def html_to_pdf(html: str) -> bytes:
    """HTML (with `font-family: "Pretendard GOV"`) to PDF bytes."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    fonts = CSS(string=font_face_css(), font_config=font_config)
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf(stylesheets=[fonts], font_config=font_config)


def render_pdf(template: str, context: dict) -> bytes:
    from django.template.loader import render_to_string

    return html_to_pdf(render_to_string(template, context))


def write_document_job(job_id: int, *, what: str, load, render, file_name) -> dict:
    """The body of a background task that writes one document as its job's file (ADR 0006, ADR 0008).

    `load(job)` reads the record the job names, `render(record)` makes the bytes and `file_name(record)` names the
    file; `what` ("의견서 PDF") words the progress and the failure. Apps keep their own `@task` and call this.
    """
    from gamsa.core import services
    from gamsa.core.models import Job

    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        services.job_progress(job, done=0, total=2, message="문서 내용을 모으는 중입니다.")
        record = load(job)
        services.job_progress(job, done=1, total=2, message=f"{what}를 만드는 중입니다.")
        content = render(record)
        attachment = services.store_attachment(
            job.owner, data=content, original_name=file_name(record), owner=job
        )
    except Exception as exc:
        services.fail_job(job, f"{what}를 만들지 못했습니다: {exc.__class__.__name__}")
        raise
    services.finish_job(
        job, result={"bytes": len(content)}, result_file=attachment, message=f"{what}를 만들었습니다."
    )
    return {"bytes": len(content)}


def check_font_subsetter(app_configs=None, **kwargs):
    """System check: WeasyPrint subsets the Korean font with HarfBuzz (libharfbuzz-subset0) in milliseconds; without
    the library it falls back to fontTools, about 1.3 s per PDF and weight (5,000 letters: 96 s instead of 38 s)."""
    from django.core.checks import Warning

    try:
        from weasyprint.text.ffi import harfbuzz_subset
    except (ImportError, OSError):  # WeasyPrint itself missing is reported when a PDF is made
        return []
    if harfbuzz_subset is not None:
        return []
    return [
        Warning(
            "HarfBuzz 글꼴 축소 라이브러리(libharfbuzz-subset)가 없어 PDF 만들기가 느립니다.",
            hint="Debian: apt-get install libharfbuzz-subset0",
            id="gamsa.W001",
        )
    ]
