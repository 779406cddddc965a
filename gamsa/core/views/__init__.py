"""Core's pages, by area: auth (login, 2FA), desk (home, teams, org, calendar), logs, files and account."""

from gamsa.core.views.desk import csrf_failure

__all__ = ["csrf_failure"]
