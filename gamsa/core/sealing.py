"""Short secrets that must travel through the database but never rest there in clear (a citizen's status PIN on
its way to the notice sender, or in the session between filing and the receipt page).

`seal(text, purpose)` encrypts with XSalsa20-Poly1305 (libsodium's secretbox, PyNaCl) under a key derived from
SECRET_KEY and the purpose, so that a token sealed for one purpose does not open for another; `unseal` gives the text
back, or None when the token is damaged, was sealed for another purpose or under another SECRET_KEY.
"""

from __future__ import annotations

import base64
import hashlib

from django.conf import settings

PREFIX = "sealed:"


def _box(purpose: str):
    from nacl.secret import SecretBox

    key = hashlib.blake2b(
        settings.SECRET_KEY.encode(), digest_size=SecretBox.KEY_SIZE, person=b"gamsa-seal", salt=b"v1"
    ).digest()
    key = hashlib.blake2b(purpose.encode(), key=key, digest_size=SecretBox.KEY_SIZE).digest()
    return SecretBox(key)


def seal(text: str, purpose: str) -> str:
    token = _box(purpose).encrypt(text.encode())
    return PREFIX + base64.urlsafe_b64encode(bytes(token)).decode()


def is_sealed(value) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def unseal(token: str, purpose: str) -> str | None:
    from nacl.exceptions import CryptoError

    if not is_sealed(token):
        return None
    try:
        return _box(purpose).decrypt(base64.urlsafe_b64decode(token[len(PREFIX) :])).decode()
    except (CryptoError, ValueError):
        return None
