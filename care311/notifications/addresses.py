"""Residents' addresses: one spelling per address, a hash for keys, a mask for staff."""

import hashlib

from care311.notifications.models import Channel


def normalised(channel: str, address: str) -> str:
    """Email lowercased and trimmed; a phone number as its digits, a 10-digit North American
    number with its country code 1 (so 918-555-0142 and +1 918 555 0142 are one address)."""
    if channel == Channel.EMAIL:
        return address.strip().lower()
    digits = "".join(ch for ch in address if ch.isdigit())
    return f"1{digits}" if len(digits) == 10 else digits


def hashed(address_key: str) -> str:
    """A short digest standing for an address in keys, so no key or database error message
    ever spells an address out."""
    return hashlib.sha256(address_key.encode("utf-8")).hexdigest()[:24]


def channel_of(address: str) -> str:
    return Channel.EMAIL if "@" in address else Channel.SMS


def masked(channel: str, address: str) -> str:
    """What staff see: j***@example.org, ***1234."""
    if channel == Channel.EMAIL:
        local, _, domain = address.partition("@")
        return f"{local[:1]}***@{domain}"
    digits = "".join(ch for ch in address if ch.isdigit())
    return f"***{digits[-4:]}"


def scrubbed(text: str, address: str) -> str:
    """`text` (an error message) without the address in it, in any spelling we can see."""
    for spelling in {address, address.strip(), address.strip().lower()}:
        if spelling:
            text = text.replace(spelling, "[address]")
    digits = "".join(ch for ch in address if ch.isdigit())
    if len(digits) >= 7:
        text = text.replace(digits, "[address]")
        text = text.replace(digits[-10:], "[address]")
    return text
