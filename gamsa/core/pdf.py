"""PDF documents from Django templates with WeasyPrint and the vendored Pretendard GOV font (ADR 0008).

A template gets `font_css` (the font's @font-face file as a file: URI) to link in its <head>; nothing is fetched
from the network.
"""

from __future__ import annotations

from pathlib import Path


def render_pdf(template: str, context: dict) -> bytes:
    import weasyprint
    from django.contrib.staticfiles import finders
    from django.template.loader import render_to_string

    css_path = finders.find("vendor/fonts/pretendard-gov/pretendard-gov.css")
    html = render_to_string(
        template, {**context, "font_css": Path(css_path).resolve().as_uri() if css_path else ""}
    )
    base = str(Path(css_path).parent) if css_path else None
    return weasyprint.HTML(string=html, base_url=base).write_pdf()
