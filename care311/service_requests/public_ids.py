"""Public request ids: opaque, URL-safe, easy to read aloud, never the database key."""

import hashlib
import secrets

# Crockford's base32: no I, L, O or U, so an id read over the phone is not misheard.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12


def _format(number: int) -> str:
    chars = []
    for _ in range(LENGTH):
        number, digit = divmod(number, 32)
        chars.append(ALPHABET[digit])
    text = "".join(chars)
    return f"{text[0:4]}-{text[4:8]}-{text[8:12]}"


def new_public_id() -> str:
    return _format(secrets.randbits(5 * LENGTH))


def public_id_for_source(source: str, source_id: str) -> str:
    """The same imported record always gets the same public id, on every database."""
    digest = hashlib.blake2b(f"{source}\x00{source_id}".encode(), digest_size=8).digest()
    return _format(int.from_bytes(digest, "big") >> (64 - 5 * LENGTH))
