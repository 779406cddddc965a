"""Human-rights card news: written here, made as PDF and PNG and posted to the staff board."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required

from gamsa.core.board.cards import card_news_page
from gamsa.humanrights.cardnews.services import PROGRAMME


@login_required
def cardnews(request):
    return card_news_page(request, PROGRAMME)
