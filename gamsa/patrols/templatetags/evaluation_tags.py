"""The department evaluation's rows, built in Python: Seoul-wide the table has 750 of them, and in template tags
they were half of the page's time."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join

from gamsa.core.templatetags.krfmt import comma, decimal

register = template.Library()


def _row(s, ranked: bool) -> tuple:
    median = f"{decimal(s.median_hours, 1)}시간" if s.median_hours is not None else "—"
    quality = f"{decimal(s.quality, 1)}점 ({s.reviews}건)" if s.quality is not None else "—"
    rank = format_html("<td>{}</td>", s.rank) if ranked else ""
    return (
        rank,
        s.name,
        comma(s.count),
        comma(s.closed),
        comma(s.closed_on_time),
        comma(s.open_overdue),
        s.on_time_percent,
        median,
        quality,
    )


@register.simple_tag
def evaluation_rows(rows, ranked=False):
    return format_html_join(
        "\n",
        '<tr>{}<th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
        (_row(s, ranked) for s in rows),
    )
