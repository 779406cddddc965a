from django.apps import AppConfig


class BoardConfig(AppConfig):
    name = "gamsa.core.board"
    label = "board"
    verbose_name = "직원 게시판"

    def ready(self):
        from gamsa.core.board import hooks  # noqa: F401  (navigation with the unread count, attachment rule, verbs)
