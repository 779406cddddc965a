"""The main menu: rendered once per menu and current page (core/templatetags/menu.py), still right per user."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from gamsa.core.models import Membership, Role, User


def _menu_links(html: str) -> dict[str, str]:
    desktop = html[html.index('<ul class="gnb-menu">') : html.index("</nav>")]
    return {
        href: ("current" if current else "")
        for href, current in re.findall(r'<a href="([^"]+)"[^>]*?( aria-current="page")?[^>]*>', desktop)
    }


@pytest.mark.django_db
def test_the_menu_marks_the_current_page_and_follows_the_users_roles(client, login):
    login("complaints")
    user = User.objects.get(username="complaints")
    desk, overdue = reverse("complaints:list"), reverse("complaints:overdue")
    on_desk = _menu_links(client.get(desk).content.decode())
    assert on_desk[desk] == "current" and on_desk[overdue] == ""
    on_overdue = _menu_links(client.get(overdue).content.decode())  # the same menu, kept: another page marked
    assert on_overdue[desk] == "" and on_overdue[overdue] == "current"
    detail_like = client.get(desk + "?q=x").content.decode()
    assert 'id="mobile-nav"' in detail_like and f'href="{desk}" class="gnb-sub-trigger"' in detail_like

    access_log = reverse("core:access_log")  # office head and administrators only
    assert access_log not in on_desk
    office_head = Membership.objects.filter(role=Role.OFFICE_HEAD).first()
    Membership.objects.create(user=user, unit=office_head.unit, role=Role.OFFICE_HEAD)
    assert access_log in _menu_links(client.get(desk).content.decode())  # a new role shows on the next page
    Membership.objects.filter(user=user, role=Role.OFFICE_HEAD).delete()
    assert access_log not in _menu_links(client.get(desk).content.decode())  # and a removed one goes at once
