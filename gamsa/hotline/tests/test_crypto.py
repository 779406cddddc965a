"""Crypto properties (Hypothesis): round trip, any flipped byte, truncation at every chunk boundary, a blob moved to
another report or field, pinned Argon2id parameters and a known-answer vector checked against a second library."""

from __future__ import annotations

import io
import secrets

import nacl.pwhash.argon2id as nacl_argon2id
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gamsa.hotline import crypto, receipts

KEY = bytes(range(32))
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _enc(data: bytes, context="file:abc|body", key=KEY) -> bytes:
    out = io.BytesIO()
    crypto.encrypt_stream(key, context, io.BytesIO(data), out)
    return out.getvalue()


def _dec(blob: bytes, context="file:abc|body", key=KEY) -> bytes:
    out = io.BytesIO()
    crypto.decrypt_stream(key, context, io.BytesIO(blob), out)
    return out.getvalue()


@PROPS
@given(st.binary(max_size=4096), st.text(min_size=1, max_size=40))
def test_box_round_trip_and_field_binding(data, field):
    blob = crypto.seal_box(KEY, data, f"report:1|{field}")
    assert crypto.open_box(KEY, blob, f"report:1|{field}") == data
    with pytest.raises(crypto.DecryptionError):  # the same blob moved to another report
        crypto.open_box(KEY, blob, f"report:2|{field}")
    with pytest.raises(crypto.DecryptionError):  # or another field
        crypto.open_box(KEY, blob, f"report:1|{field}x")


@PROPS
@given(st.binary(min_size=1, max_size=512), st.data())
def test_box_any_flipped_byte_fails(data, draw):
    blob = bytearray(crypto.seal_box(KEY, data, "report:1|answers"))
    index = draw.draw(st.integers(0, len(blob) - 1))
    blob[index] ^= draw.draw(st.integers(1, 255))
    with pytest.raises(crypto.DecryptionError):
        crypto.open_box(KEY, bytes(blob), "report:1|answers")


@PROPS
@given(st.binary(max_size=64))
def test_sealed_key_round_trip_and_binding(secret):
    private, public = crypto.keypair()
    other_private, _ = crypto.keypair()
    blob = crypto.seal_to(public, secret, "report:1|grant:u1")
    assert crypto.open_from(private, blob, "report:1|grant:u1") == secret
    for context in ("report:2|grant:u1", "report:1|grant:u2"):
        with pytest.raises(crypto.DecryptionError):
            crypto.open_from(private, blob, context)
    with pytest.raises(crypto.DecryptionError):
        crypto.open_from(other_private, blob, "report:1|grant:u1")


@PROPS
@given(st.binary(max_size=3 * crypto.CHUNK + 100))
def test_stream_round_trip(data):
    assert _dec(_enc(data)) == data


# Sizes around chunk boundaries: empty, one byte, exactly one and two chunks, and just over.
SIZES = [0, 1, crypto.CHUNK - 1, crypto.CHUNK, crypto.CHUNK + 1, 2 * crypto.CHUNK, 3 * crypto.CHUNK + 17]


@pytest.mark.parametrize("size", SIZES)
def test_stream_truncated_at_every_chunk_boundary_fails(size):
    blob = _enc(secrets.token_bytes(size))
    header = len(crypto.STREAM_MAGIC) + 24
    block = crypto.CHUNK + 17
    cuts = {0, header - 1, header} | {header + i * block for i in range(1, len(blob) // block + 1)}
    cuts |= {len(blob) - 1, len(blob) - 17}
    for cut in sorted(c for c in cuts if 0 <= c < len(blob)):
        with pytest.raises(crypto.DecryptionError):
            _dec(blob[:cut])
    with pytest.raises(crypto.DecryptionError):  # and bytes after the final chunk
        _dec(blob + b"\0")


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_stream_any_flipped_byte_fails(draw):
    blob = bytearray(_enc(b"canary body " * 12000))  # two chunks and a bit
    index = draw.draw(st.integers(0, len(blob) - 1))
    blob[index] ^= draw.draw(st.integers(1, 255))
    with pytest.raises(crypto.DecryptionError):
        _dec(bytes(blob))


def test_stream_bound_to_its_file_and_key():
    blob = _enc(b"x" * 100, "file:aaa|body")
    with pytest.raises(crypto.DecryptionError):
        _dec(blob, "file:bbb|body")
    with pytest.raises(crypto.DecryptionError):
        _dec(blob, "file:aaa|body", key=bytes(32))


def test_stream_chunks_cannot_be_reordered():
    blob = _enc(secrets.token_bytes(3 * crypto.CHUNK + 5))
    header, block = len(crypto.STREAM_MAGIC) + 24, crypto.CHUNK + 17
    first, second = blob[header : header + block], blob[header + block : header + 2 * block]
    swapped = blob[:header] + second + first + blob[header + 2 * block :]
    with pytest.raises(crypto.DecryptionError):
        _dec(swapped)


def test_argon2_parameters_are_pinned():
    """Changing these changes what every stored receipt and passphrase needs: only with a migration."""
    assert crypto.RECEIPT_KDF == crypto.KdfParams(time_cost=2, memory_cost=65536, parallelism=1)
    assert crypto.PASSPHRASE_KDF == crypto.KdfParams(time_cost=3, memory_cost=65536, parallelism=1)
    assert crypto.RECEIPT_KDF.encode() == "argon2id:t=2,m=65536,p=1"
    assert crypto.KdfParams.decode("argon2id:t=2,m=65536,p=1") == crypto.RECEIPT_KDF
    assert crypto.LOOKUP_SALT == b"gamsa-hotline-lk"


def test_argon2id_known_answer_agrees_with_libsodium():
    expected = "47de0cb1e6aff2e06d3b810038d3b5f28a4d7c2fdfe98e99901d4322a00f909d"
    ours = crypto.argon2id(b"gamsa-hotline-kat", crypto.LOOKUP_SALT, crypto.RECEIPT_KDF).hex()
    theirs = nacl_argon2id.kdf(
        32, b"gamsa-hotline-kat", crypto.LOOKUP_SALT, opslimit=2, memlimit=65536 * 1024
    ).hex()
    assert ours == theirs == expected


def test_receipt_lookup_needs_the_pepper_and_is_domain_separated():
    params = crypto.TEST_KDF
    receipt = receipts.normalise(receipts.new_receipt())
    lookup, key = crypto.receipt_secrets(b"p" * 32, receipt, params)
    assert lookup != crypto.receipt_lookup(b"q" * 32, receipt, params)
    assert key == crypto.receipt_key(b"p" * 32, receipt, params) and lookup != key
    assert crypto.receipt_lookup(b"p" * 32, receipt + "x", params) != lookup


def test_receipts_carry_at_least_80_bits_and_normalise():
    assert receipts.bits("words") >= 80 and receipts.bits("digits") >= 80
    words = receipts.new_receipt("words")
    assert len(words.split()) == 7
    assert receipts.normalise("  " + words.replace(" ", " - ") + "\n") == words
    digits = receipts.new_receipt("digits")
    assert receipts.normalise(digits) == digits.replace("-", "") and len(digits.replace("-", "")) == 25
    for bad in ("", "1" * 24, "1" * 26, "x" * 500, "푸른고래 " * 6, "푸른고래 " * 6 + "없는말"):
        with pytest.raises(receipts.ReceiptFormatError):
            receipts.normalise(bad)


def test_escrow_halves_each_reveal_nothing_and_join():
    secret = secrets.token_bytes(32)
    a, b = crypto.split_secret(secret)
    assert a != secret and b != secret
    assert crypto.join_secret(a, b) == secret
