"""Old URLs that named a database id (house rule 6; issue 16 item 9). Each old route runs the same permission
check as its new one, then answers a permanent redirect to the public identifier. 308 keeps the method and the
body, so a form posted from a page opened before the change still does what it said (the new view checks again)."""

from __future__ import annotations

from django.http.response import HttpResponseRedirectBase


class PermanentRedirectKeepingMethod(HttpResponseRedirectBase):
    status_code = 308


def moved(url: str) -> PermanentRedirectKeepingMethod:
    return PermanentRedirectKeepingMethod(url)
