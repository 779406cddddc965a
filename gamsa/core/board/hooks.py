"""How the board plugs into core: its menu entry with the unread count, the attachment rule, event labels."""

from gamsa.core import nav, verbs
from gamsa.core import permissions as core_perms
from gamsa.core.board import permissions as perms
from gamsa.core.board.services import OWNER_TYPE


def _can_open_board(user) -> bool:
    return perms.is_reader(user) or perms.can_publish(user)


def _badge(user) -> int:
    from gamsa.core.board.views import unread_badge

    return unread_badge(user)


nav.register_section("board", "직원 게시판")
nav.register("board", "직원 게시판", "board:list", _can_open_board, order=5, badge=_badge)
core_perms.register_attachment_rule(OWNER_TYPE, perms.can_download_attachment)

verbs.register(
    {
        "board.published": "게시글 게시",
        "board.read": "게시글 읽음",
        "board.reads_imported": "읽음 확인 가져오기",
        "board.withdrawn": "게시글 내림",
    }
)
