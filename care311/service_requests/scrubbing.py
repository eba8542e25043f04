"""Free text made fit to publish: email addresses and phone numbers taken out.

Descriptions, notes, closure reasons and answers are written by residents and staff, and
sometimes carry someone's contact details ("call me at (918) 555-0134"). Everything public
replaces them with a marker: open data, the portal's pages and the Open311 answers. The
patterns lean towards removing too much: a 10-digit number, or a 7-digit one (555-0134,
5550134), goes even when it was not a phone number.
"""

import re
from collections.abc import Callable

from django.utils.translation import gettext

# Open data keeps the markers in English, one spelling in every row of a dataset; pages and
# API answers show them in the reader's language (public_text).
EMAIL_REMOVED = "[email removed]"
PHONE_REMOVED = "[phone removed]"

# Letters of any script (josé@ejemplo.es), and "(at)"/"(dot)" spelled out.
EMAIL = re.compile(
    r"[\w.%+'-]+ ?(?:@|\(at\)|\[at\]) ?(?:[\w-]+(?:\.|\s?[(\[]dot[)\]]\s?))+[^\W\d_]{2,}",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"""
    (?<![\w.-])
    (?:
        (?:\+|00)\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}
      | (?:1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s./-]?)\d{3}[\s./-]?\d{4}
      | \d{3}[\s.-]\d{3}[\s.-]\d{2}[\s.-]\d{2}
      | \d{3}[\s./-]?\d{4}
    )
    (?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?
    (?![\w-])
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Cheap first looks: most text has neither an @ nor a run of digits worth a phone number. Each
# pattern runs only after its own look finds something: the email one costs ten times the
# phone one, and public texts often hold a "311" but rarely an @.
MAYBE_EMAIL = re.compile(r"@|\(at\)|\[at\]", re.IGNORECASE)
MAYBE_PHONE = re.compile(r"\d\d\d|\+\d")
MAYBE = re.compile(rf"{MAYBE_EMAIL.pattern}|{MAYBE_PHONE.pattern}", re.IGNORECASE)

# A marker, or a function of what was found giving one.
Marker = str | Callable[[re.Match[str]], str]


def scrub(text: str, *, email: Marker = EMAIL_REMOVED, phone: Marker = PHONE_REMOVED) -> str:
    """`text` with every email address and phone number replaced by a marker."""
    if not text:
        return text
    if MAYBE_EMAIL.search(text):
        text = EMAIL.sub(email, text)
    if MAYBE_PHONE.search(text):
        text = PHONE.sub(phone, text)
    return text


def public_text(text: str) -> str:
    """`text` as the public may read it: scrubbed, the markers in the active language."""
    return scrub(text, email=_email_marker, phone=_phone_marker)


# A translation costs ~10 µs, more than both first looks: looked up only for what is found.
def _email_marker(_found: re.Match[str]) -> str:
    return gettext("[email removed]")


def _phone_marker(_found: re.Match[str]) -> str:
    return gettext("[phone removed]")
