"""Who may read, publish and follow up posts on the staff board. Outsiders get 404, read-only users 403.

- Every district official (a staff account, or anyone holding an office or department role) reads the posts
  addressed to them: all staff, or a unit they belong to (their own unit or a role's unit, and every unit above it).
- Office staff (감사담당관실) publish; the publisher and the office head withdraw a post and see its read receipts.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gamsa.core import permissions as core_perms
from gamsa.core.models import OrgUnit, Role, User, UserKind


def is_reader(user: User) -> bool:
    user = core_perms.concrete(user)
    if not user.is_authenticated or not user.is_active:
        return False
    return user.kind == UserKind.STAFF or core_perms.is_staff_member(user)


def can_publish(user: User) -> bool:
    return core_perms.is_office_staff(user)


def unit_ids_of(user: User) -> set[int]:
    """The user's own unit and their roles' units, with every unit above them (a post to 건설과 reaches its teams)."""
    user = core_perms.concrete(user)
    cached = getattr(user, "_board_units", None)
    if cached is not None:
        return cached
    own = {unit_id for _, unit_id, _ in core_perms.memberships_of(user)}
    if user.unit_id:
        own.add(user.unit_id)
    codes: set[str] = set()
    for path in OrgUnit.objects.filter(pk__in=own).values_list("path", flat=True):
        codes.update(c for c in path.strip("/").split("/") if c)
    ids = set(OrgUnit.objects.filter(code__in=codes).values_list("pk", flat=True)) if codes else set()
    user._board_units = ids
    return ids


def visible_posts(user: User, queryset: QuerySet) -> QuerySet:
    if not is_reader(user):
        return queryset.none()
    units = unit_ids_of(user)
    query = Q(audience_all=True)
    if units:
        query |= Q(
            pk__in=queryset.model.audience_units.through.objects.filter(orgunit_id__in=units).values(
                "post_id"
            )
        )
    return queryset.filter(query, withdrawn_at__isnull=True)


def can_read(user: User, post) -> bool:
    return visible_posts(user, type(post).objects.filter(pk=post.pk)).exists()


def can_manage(user: User, post) -> bool:
    """Withdraw the post and see who has read it: its publisher and the office head."""
    if not user.is_authenticated:
        return False
    return (post.published_by_id == user.pk and can_publish(user)) or core_perms.has_role(
        user, Role.OFFICE_HEAD
    )


def can_download_attachment(user: User, attachment) -> bool:
    from gamsa.core.board.models import Post

    post = Post.objects.filter(public_id=attachment.owner_id).first()
    return post is not None and (can_read(user, post) or can_manage(user, post))
