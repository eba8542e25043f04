"""Callers' numbers in one form, so a caller's contacts and requests can be found by it.

E.164-like: a plus and 8 to 15 digits. A 10-digit number is taken as North American (the
country code 1 added), which suits a US city's 311; anything else keeps its own digits. Not a
full numbering-plan check: a phone system's caller id is trusted to be a real number.
"""

import re

NON_DIGITS = re.compile(r"\D")
DEFAULT_COUNTRY_CODE = "1"


class BadNumber(ValueError):
    """Not a phone number; the message says why."""


def normalise_number(raw: str) -> str:
    """ "+1 (918) 555-1234", "918.555.1234" and "19185551234" all give "+19185551234";
    "" stays "" (a caller who withheld their number)."""
    raw = raw.strip()
    if not raw:
        return ""
    international = raw.startswith(("+", "00"))
    digits = NON_DIGITS.sub("", raw)
    if raw.startswith("00"):
        digits = digits[2:]
    if not international and len(digits) == 10:
        digits = DEFAULT_COUNTRY_CODE + digits
    if not 8 <= len(digits) <= 15:
        raise BadNumber(f"{raw!r} is not a phone number: it has {len(digits)} digits")
    return f"+{digits}"


def number_variants(number: str) -> list[str]:
    """The ways a normalised North American number is commonly typed, for matching what
    residents typed into a form (reporter_phone is kept as typed)."""
    if not number:
        return []
    variants = {number, number[1:]}
    if number.startswith("+1") and len(number) == 12:
        area, exchange, line = number[2:5], number[5:8], number[8:]
        local = f"{area}{exchange}{line}"
        variants |= {
            local,
            f"{area}-{exchange}-{line}",
            f"({area}) {exchange}-{line}",
            f"{area}.{exchange}.{line}",
            f"{area} {exchange} {line}",
            f"1-{area}-{exchange}-{line}",
            f"+1 {area}-{exchange}-{line}",
            f"+1 ({area}) {exchange}-{line}",
        }
    return sorted(variants)
