"""The main menu (desktop and mobile), rendered once per menu and current page, not on every request.

Every page carries the menu twice, about 40 entries with their links; rendered by the template engine it cost
about 3 ms of each request. The markup depends only on the entries the user may see (computed per request by
`nav.menu_for`, so a change of role shows at once) and on which entry is the current page, so the rendered
markup is kept per process for each such pair.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import get_template

register = template.Library()

TEMPLATES = {"desktop": "core/_menu.html", "mobile": "core/_menu_mobile.html"}


@lru_cache(maxsize=512)
def _rendered(variant: str, nav: tuple, current: str):
    return get_template(TEMPLATES[variant]).render({"nav": nav, "current": current})


@register.simple_tag
def main_menu(nav, path: str, variant: str = "desktop"):
    """`{% main_menu nav request.path "mobile" %}`: the menu's markup (`nav.menu_for`), the current page marked."""
    nav = tuple(nav or ())
    urls = {item.url for section in nav for item in section.items}
    current = path if path in urls else ""  # keeps the cache to one entry per menu page, not per URL
    if settings.DEBUG:  # templates may change while the development server runs
        _rendered.cache_clear()
    return _rendered(variant, nav, current)
