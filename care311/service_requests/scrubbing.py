"""Free text made fit to publish: email addresses and phone numbers taken out.

Descriptions, notes, closure reasons and answers are written by residents and staff, and
sometimes carry someone's contact details ("call me at (918) 555-0134"). Everything public
replaces them with a marker: open data, the portal's pages and the Open311 answers. The
patterns lean towards removing too much: a 10-digit number, or a 3+4-digit one with a dash or
dot, goes even when it was not a phone number.
"""

import re

from django.utils.translation import gettext

# Open data keeps the markers in English, one spelling in every row of a dataset; pages and
# API answers show them in the reader's language (public_text).
EMAIL_REMOVED = "[email removed]"
PHONE_REMOVED = "[phone removed]"

EMAIL = re.compile(
    r"[A-Za-z0-9._%+'-]+ ?(?:@|\(at\)|\[at\]) ?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"""
    (?<![\w.-])
    (?:
        (?:\+|00)\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}
      | (?:1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}
      | \d{3}[.-]\d{4}
    )
    (?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?
    (?![\w-])
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A cheap first look: most text has neither an @ nor a run of digits worth a phone number.
MAYBE = re.compile(r"@|\(at\)|\[at\]|\d{3}", re.IGNORECASE)


def scrub(text: str, *, email: str = EMAIL_REMOVED, phone: str = PHONE_REMOVED) -> str:
    """`text` with every email address and phone number replaced by a marker."""
    if not text or not MAYBE.search(text):
        return text
    text = EMAIL.sub(email, text)
    return PHONE.sub(phone, text)


def public_text(text: str) -> str:
    """`text` as the public may read it: scrubbed, the markers in the active language."""
    if not text or not MAYBE.search(text):
        return text  # most text; no translation looked up
    return scrub(text, email=gettext("[email removed]"), phone=gettext("[phone removed]"))
