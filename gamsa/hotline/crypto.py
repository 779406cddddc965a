"""The hotline's cryptography: PyNaCl (libsodium) primitives with every ciphertext bound to its place.

Nothing here touches the database; the services pass bytes in and get bytes out (ADR 0023).

- `seal_box` / `open_box`: XChaCha20-Poly1305 (IETF) under a 32-byte key, with associated data naming the
  record and field (b"report:<uuid>|answers"). A blob copied to another report or field fails to open.
- `seal_to` / `open_from`: a key wrapped for a public key (X25519 SealedBox). SealedBox has no associated data,
  so the context is sealed inside with the key and compared on opening.
- `encrypt_stream` / `decrypt_stream`: file bodies in 64 KiB chunks with libsodium secretstream; the context is
  each chunk's associated data; a missing final chunk, trailing bytes, a flipped byte or a reordered chunk fails.
- `receipt_secrets`: one Argon2id run (argon2-cffi's low-level API) over an HMAC of the receipt under the server
  pepper (GAMSA_HOTLINE_PEPPER, never in the database), split by HMAC into the lookup hash and the reporter's key.
- `passphrase_key`: Argon2id over a staff member's hotline passphrase with their own salt (no pepper: losing the
  pepper must not lose every staff key).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import BinaryIO

import nacl.bindings as sodium
from argon2.low_level import Type, hash_secret_raw
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

VERSION = b"\x01"
KEY_BYTES = 32
NONCE_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES  # 24
CHUNK = 64 * 1024
STREAM_MAGIC = b"GHS1"
_SS_HEADER = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
_SS_ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
_TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
_AD_PREFIX = b"gamsa-hotline/v1|"
LOOKUP_SALT = b"gamsa-hotline-lk"  # 16 bytes; the secret part is the peppered HMAC


class DecryptionError(ValueError):
    """A ciphertext that does not open: wrong key, wrong place, tampered or truncated."""


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_cost: int  # KiB
    parallelism: int

    def encode(self) -> str:
        return f"argon2id:t={self.time_cost},m={self.memory_cost},p={self.parallelism}"

    @classmethod
    def decode(cls, text: str) -> KdfParams:
        try:
            kind, rest = text.split(":", 1)
            values = dict(part.split("=", 1) for part in rest.split(","))
            if kind != "argon2id":
                raise ValueError(kind)
            return cls(int(values["t"]), int(values["m"]), int(values["p"]))
        except (ValueError, KeyError) as exc:
            raise DecryptionError(f"unknown KDF parameters {text!r}") from exc


# Shipped parameters, pinned by a test: 64 MiB, 2 passes, 1 lane. One computation takes about 0.2 s on the
# office's 2-core server; a receipt lookup needs two (lookup, then the key), a passphrase unlock one.
RECEIPT_KDF = KdfParams(time_cost=2, memory_cost=65536, parallelism=1)
PASSPHRASE_KDF = KdfParams(time_cost=3, memory_cost=65536, parallelism=1)
# The test suite's parameters (tests only, switched on by the `fast_password_hashing` fixture).
TEST_KDF = KdfParams(time_cost=1, memory_cost=8, parallelism=1)
_fast_for_tests = False


def use_test_kdf(enabled: bool) -> None:
    global _fast_for_tests
    _fast_for_tests = enabled


def receipt_params() -> KdfParams:
    return TEST_KDF if _fast_for_tests else RECEIPT_KDF


def passphrase_params() -> KdfParams:
    return TEST_KDF if _fast_for_tests else PASSPHRASE_KDF


def argon2id(secret: bytes, salt: bytes, params: KdfParams, length: int = KEY_BYTES) -> bytes:
    return hash_secret_raw(
        secret,
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=length,
        type=Type.ID,
    )


def ad(context: str) -> bytes:
    return _AD_PREFIX + context.encode()


def random_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


# --- symmetric boxes with associated data -----------------------------------------------------------------------


def seal_box(key: bytes, plaintext: bytes, context: str) -> bytes:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return (
        VERSION
        + nonce
        + sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad(context), nonce, key)
    )


def open_box(key: bytes, blob: bytes, context: str) -> bytes:
    blob = bytes(blob or b"")
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != VERSION:
        raise DecryptionError("not a hotline box")
    try:
        return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
            blob[1 + NONCE_BYTES :], ad(context), blob[1 : 1 + NONCE_BYTES], key
        )
    except CryptoError as exc:
        raise DecryptionError("box does not open") from exc


def seal_text(key: bytes, text: str, context: str) -> bytes:
    return seal_box(key, text.encode("utf-8"), context)


def open_text(key: bytes, blob: bytes, context: str) -> str:
    return open_box(key, blob, context).decode("utf-8")


# --- key pairs and wrapping for a public key ---------------------------------------------------------------------


def keypair() -> tuple[bytes, bytes]:
    private = PrivateKey.generate()
    return bytes(private), bytes(private.public_key)


def public_of(private: bytes) -> bytes:
    return bytes(PrivateKey(private).public_key)


def seal_to(public: bytes, secret: bytes, context: str) -> bytes:
    label = ad(context)
    inner = len(label).to_bytes(2, "big") + label + secret
    return VERSION + SealedBox(PublicKey(bytes(public))).encrypt(inner)


def open_from(private: bytes, blob: bytes, context: str) -> bytes:
    blob = bytes(blob or b"")
    if len(blob) < 2 or blob[:1] != VERSION:
        raise DecryptionError("not a sealed key")
    try:
        inner = SealedBox(PrivateKey(bytes(private))).decrypt(blob[1:])
    except CryptoError as exc:
        raise DecryptionError("sealed key does not open") from exc
    size = int.from_bytes(inner[:2], "big")
    label, secret = inner[2 : 2 + size], inner[2 + size :]
    if not hmac.compare_digest(label, ad(context)):
        raise DecryptionError("sealed key belongs elsewhere")
    return secret


# --- secrets derived from things people type --------------------------------------------------------------------


def _peppered(pepper: bytes, purpose: bytes, value: str) -> bytes:
    return hmac.new(pepper, purpose + b"|" + value.encode("utf-8"), hashlib.sha256).digest()


def receipt_secrets(pepper: bytes, receipt: str, params: KdfParams | None = None) -> tuple[bytes, bytes]:
    """(lookup, key) for a receipt from ONE Argon2id run over an HMAC of the receipt under the pepper.

    The lookup hash is stored (unique) to find the report; the key wraps the report key for the reporter. Both are
    HMACs of the Argon2id output under different labels, so the stored lookup reveals nothing of the key, and a
    guess costs one Argon2id run plus knowing the pepper. One run, not two, keeps a lookup well under a second."""
    stretched = argon2id(_peppered(pepper, b"receipt", receipt), LOOKUP_SALT, params or receipt_params())
    lookup = hmac.new(stretched, b"gamsa-hotline|lookup", hashlib.sha256).digest()
    key = hmac.new(stretched, b"gamsa-hotline|reporter-key", hashlib.sha256).digest()
    return lookup, key


def receipt_lookup(pepper: bytes, receipt: str, params: KdfParams | None = None) -> bytes:
    return receipt_secrets(pepper, receipt, params)[0]


def receipt_key(pepper: bytes, receipt: str, params: KdfParams | None = None) -> bytes:
    return receipt_secrets(pepper, receipt, params)[1]


def reporter_keypair(wrap: bytes) -> tuple[bytes, bytes]:
    """The reporter's X25519 key pair, derived from the receipt's key: the public half is stored so that a new
    report key can be sealed for the reporter without the receipt (re-keying after a revoked grant)."""
    private = hmac.new(wrap, b"gamsa-hotline|reporter-x25519", hashlib.sha256).digest()
    return private, public_of(private)


def passphrase_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return argon2id(b"gamsa-hotline-passphrase|" + passphrase.encode("utf-8"), salt, params)


def keyed_tag(pepper: bytes, purpose: str, value: str) -> str:
    """A short keyed hash (HMAC-SHA256 under the pepper) for matching without keeping the value."""
    return hmac.new(pepper, f"tag|{purpose}|{value}".encode(), hashlib.sha256).hexdigest()[:32]


def derived_key(pepper: bytes, purpose: str) -> bytes:
    return hmac.new(pepper, f"key|{purpose}".encode(), hashlib.sha256).digest()


# --- split secrets (escrow) ------------------------------------------------------------------------------------


def split_secret(secret: bytes) -> tuple[bytes, bytes]:
    """Two halves that each reveal nothing: a random pad and the secret XOR the pad."""
    pad = secrets.token_bytes(len(secret))
    return pad, bytes(a ^ b for a, b in zip(secret, pad, strict=True))


def join_secret(first: bytes, second: bytes) -> bytes:
    if len(first) != len(second):
        raise DecryptionError("escrow halves do not match")
    return bytes(a ^ b for a, b in zip(first, second, strict=True))


# --- streams ---------------------------------------------------------------------------------------------------


class StreamWriter:
    """Encrypt a file body piece by piece (as an upload arrives), writing only ciphertext to `out`."""

    def __init__(self, key: bytes, context: str, out: BinaryIO):
        self._ad = ad(context)
        self._out = out
        self._state = sodium.crypto_secretstream_xchacha20poly1305_state()
        header = sodium.crypto_secretstream_xchacha20poly1305_init_push(self._state, key)
        out.write(STREAM_MAGIC + header)
        self._pending = bytearray()
        self.size = 0

    def write(self, data: bytes) -> None:
        self._pending += data
        self.size += len(data)
        # Keep at least one byte back so the final chunk is never empty unless the whole body is.
        while len(self._pending) > CHUNK:
            chunk = bytes(self._pending[:CHUNK])
            del self._pending[:CHUNK]
            self._out.write(
                sodium.crypto_secretstream_xchacha20poly1305_push(self._state, chunk, self._ad, _TAG_MESSAGE)
            )

    def close(self) -> None:
        chunk = bytes(self._pending)
        self._pending.clear()
        self._out.write(
            sodium.crypto_secretstream_xchacha20poly1305_push(self._state, chunk, self._ad, _TAG_FINAL)
        )


def encrypt_stream(key: bytes, context: str, src: BinaryIO, out: BinaryIO) -> int:
    writer = StreamWriter(key, context, out)
    while True:
        data = src.read(CHUNK)
        if not data:
            break
        writer.write(data)
    writer.close()
    return writer.size


def iter_decrypt(key: bytes, context: str, src: BinaryIO):
    """Yield the plaintext chunks; raise DecryptionError on tampering, reordering, truncation or trailing bytes."""
    label = ad(context)
    head = src.read(len(STREAM_MAGIC) + _SS_HEADER)
    if len(head) != len(STREAM_MAGIC) + _SS_HEADER or head[: len(STREAM_MAGIC)] != STREAM_MAGIC:
        raise DecryptionError("not a hotline stream")
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    try:
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, head[len(STREAM_MAGIC) :], key)
    except (CryptoError, ValueError) as exc:
        raise DecryptionError("stream header does not open") from exc
    while True:
        block = src.read(CHUNK + _SS_ABYTES)
        if not block:
            raise DecryptionError("stream truncated: no final chunk")
        try:
            message, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, block, label)
        except (CryptoError, ValueError, RuntimeError) as exc:
            raise DecryptionError("stream chunk does not open") from exc
        if tag == _TAG_FINAL:
            if src.read(1):
                raise DecryptionError("bytes after the final chunk")
            yield message
            return
        if len(block) != CHUNK + _SS_ABYTES:
            raise DecryptionError("short chunk before the final one")
        yield message


def decrypt_stream(key: bytes, context: str, src: BinaryIO, out: BinaryIO) -> int:
    """Decrypt into `out`. The caller must discard `out` on error (it may hold a verified prefix)."""
    size = 0
    for message in iter_decrypt(key, context, src):
        out.write(message)
        size += len(message)
    return size


# --- small helpers ---------------------------------------------------------------------------------------------


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode()


def unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text.encode())
    except (ValueError, TypeError) as exc:
        raise DecryptionError("bad encoding") from exc
