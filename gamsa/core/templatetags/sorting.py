"""`{% sort_header "deadline" "처리기한" %}`: a list's column header that sorts the list (core/sorting.py).

It renders the whole `<th scope="col">`. When the view sorted the list with `sort_queryset`, the label is a link that
keeps every other query parameter (filters, search words) but the page, which starts again at 1; the sorted column
carries `aria-sort` and an arrow, and a hidden phrase says what the link will do. A view that does not sort, or a
key it does not offer, gets a plain header.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()

ARROWS = {False: "▲", True: "▼"}


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str, param: str = "sort", css: str = ""):
    request = context.get("request")
    state = getattr(request, "gamsa_sorts", {}).get(param) if request is not None else None
    css_attr = format_html(' class="{}"', css) if css else ""
    if state is None or key not in state.allowed:
        return format_html('<th scope="col"{}>{}</th>', css_attr, label)
    query = request.GET.copy()
    query.pop("page", None)
    value = state.link_value(key)
    query[param] = value
    href = "?" + query.urlencode()
    next_way = "내림차순" if value.startswith("-") else "오름차순"
    if key != state.key:
        return format_html(
            '<th scope="col"{}><a class="gamsa-sort" href="{}">{}<span class="sr-only"> ({} 정렬)</span></a></th>',
            css_attr,
            href,
            label,
            next_way,
        )
    current = "descending" if state.descending else "ascending"
    return format_html(
        '<th scope="col" aria-sort="{}"{}><a class="gamsa-sort is-sorted" href="{}">{}'
        '<span class="gamsa-sort-arrow" aria-hidden="true">{}</span>'
        '<span class="sr-only"> (누르면 {} 정렬)</span></a></th>',
        current,
        css_attr,
        href,
        label,
        ARROWS[state.descending],
        next_way,
    )
