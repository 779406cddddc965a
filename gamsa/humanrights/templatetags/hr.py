from django import template

from gamsa.humanrights import permissions as perms

register = template.Library()


@register.filter
def hr_team(user) -> bool:
    """Whether the user is on the rights team (links to pages with personal data are shown to them only)."""
    return perms.is_rights_team(user)


@register.filter
def masked(name: str) -> str:
    """'홍길동' → '홍○○' (a teammate's name on a monitor's phone screen)."""
    name = (name or "").strip()
    return f"{name[0]}{'○' * max(len(name) - 1, 1)}" if name else "○○○"


@register.filter
def hr_reader(user) -> bool:
    return perms.is_reader(user)
