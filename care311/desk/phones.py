"""Callers' numbers in one form, so a caller's contacts and requests can be found by it.

E.164: a plus and 8 to 15 ASCII digits, the first not 0. A 10-digit number is taken as North
American (the country code 1 added), which suits a US city's 311; anything else keeps its own
digits. Digits of other scripts (Arabic-Indic, full-width, mathematical) are read as the digits
they stand for, so a number pasted from anywhere is stored in ASCII. An extension ("x12",
"ext. 5", "#3") is dropped: it reaches a desk phone, not the caller, and glued on it would
make another country's number. Not a full numbering-plan check: a phone system's caller id is
trusted to be a real number.
"""

import re
import unicodedata

DEFAULT_COUNTRY_CODE = "1"
E164 = re.compile(r"\+[1-9][0-9]{7,14}")
# What phone systems send instead of a number when the caller withheld it.
WITHHELD = frozenset(
    {"anonymous", "restricted", "private", "unknown", "withheld", "unavailable", "blocked"}
)
EXTENSION = re.compile(r"(?:extension|ext\.?|x|#)\s*[0-9]+$", re.IGNORECASE)
# sip:user@host;params or tel:number, optionally in angle brackets as SIP headers write them.
SIP_URI = re.compile(r"<?sips?:([^@;>]*)(?:@[^;>]*)?(?:;[^>]*)?>?", re.IGNORECASE)
TEL_URI = re.compile(r"<?tel:([^;>]*)(?:;[^>]*)?>?", re.IGNORECASE)
SEPARATORS = re.compile(r"[\s().\-/]")


class BadNumber(ValueError):
    """Not a phone number; the message says why."""


def normalise_number(raw: str) -> str:
    """ "+1 (918) 555-1234", "918.555.1234 x12" and "sip:+19185551234@pbx" all give
    "+19185551234"; "" and a withheld number ("anonymous", "Restricted") give ""."""
    text = _ascii_digits(raw).strip()
    if _withheld(text):
        return ""
    text = _uri_user(text, raw)
    if _withheld(text):
        return ""

    text = SEPARATORS.sub("", EXTENSION.sub("", text.strip()))
    international = text.startswith(("+", "00"))
    digits = text[2:] if text.startswith("00") else text.removeprefix("+")
    if not digits.isascii() or not digits.isdigit():
        raise BadNumber(f"{raw!r} is not a phone number: it has letters or signs in it")
    if not international and len(digits) == 10:
        digits = DEFAULT_COUNTRY_CODE + digits
    if not 8 <= len(digits) <= 15:
        raise BadNumber(f"{raw!r} is not a phone number: it has {len(digits)} digits")
    if digits.startswith("0"):
        raise BadNumber(f"{raw!r} is not a phone number: no country code starts with 0")
    return f"+{digits}"


def is_e164(number: str) -> bool:
    """Whether `number` is a normalised number, fit to file as a reporter's or to text."""
    return bool(E164.fullmatch(number))


def _ascii_digits(raw: str) -> str:
    # Deliberately: any Unicode decimal digit becomes its ASCII digit; nothing else changes.
    return "".join(
        str(unicodedata.decimal(char)) if not char.isascii() and char.isdecimal() else char
        for char in raw
    )


def _withheld(text: str) -> bool:
    return not text or text.lower() in WITHHELD


def _uri_user(text: str, raw: str) -> str:
    """The number in a sip: or tel: URI; a SIP user that is not a full number (an internal
    extension such as sip:1001@10.0.0.5) is refused, not read as a caller's number."""
    tel = TEL_URI.fullmatch(text)
    if tel:
        return tel.group(1)
    sip = SIP_URI.fullmatch(text)
    if sip is None:
        return text
    user = sip.group(1)
    if _withheld(user) or E164.fullmatch(user) or len(SEPARATORS.sub("", user)) >= 10:
        return user
    raise BadNumber(f"{raw!r} is an internal SIP address, not a caller's number")


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
