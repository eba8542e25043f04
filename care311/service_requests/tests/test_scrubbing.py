"""Free text loses email addresses and phone numbers, and keeps everything else."""

import pytest
from django.utils import translation

from care311.service_requests.scrubbing import public_text, scrub

E, P = "[email removed]", "[phone removed]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me at (918) 555-0134 please", f"call me at {P} please"),
        ("918.555.0134", P),
        ("918-555-0134.", f"{P}."),
        ("+1 918 555 0134", P),
        ("+1-918-555-0134 or 1 (918) 555-0199", f"{P} or {P}"),
        ("9185550134", P),
        ("ext: 918-555-0134 x204", f"ext: {P}"),
        ("local 555-0134 only", f"local {P} only"),
        ("+44 20 7946 0958 (London)", f"{P} (London)"),
        ("name@example.org", E),
        ("Mail First.Last+311@sub.example.co.uk, thanks", f"Mail {E}, thanks"),
        ("write to jo (at) example.org", f"write to {E}"),
        ("NAME@EXAMPLE.ORG or 918 555 0134", f"{E} or {P}"),
        ("(918) 555 0199, +1 918 555 0199", f"{P}, {P}"),
        # What a tester found passing through (2026-12-04):
        ("escriba a josé@example.com", f"escriba a {E}"),
        ("or jöhn.doe@bücher.de today", f"or {E} today"),
        ("john(at)example(dot)com", E),
        ("call 5550142 or 555 0142", f"call {P} or {P}"),
        ("918/555/0142", P),
        ("918 555 01 42", P),
        ("+33 1 23 45 67 89", P),
    ],
)
def test_it_removes_emails_and_phone_numbers(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Pothole 3 ft wide at 91-33 97 STREET",
        "Seen 2018-06-26 at 10:58, case 39573567",
        "Lat 40.690092327843345, long -73.84642755940943",
        "Noise: Banging/Pounding @ night",
        "Zip 74120-1234, 311 calls",
        "Bags out by house 1200, 3 bags since 7:30",
        "Two 2018 permits, 120 ft, 2 cars",
        "Tree down @ 5th & Main, about 30 ft",
    ],
)
def test_it_leaves_text_without_contact_details_alone(text):
    assert scrub(text) == text


def test_public_text_writes_the_markers_in_the_active_language():
    text = "jo@example.org, 918-555-0199"

    with translation.override("es"):
        assert public_text(text) == "[correo quitado], [teléfono quitado]"
        assert scrub(text) == f"{E}, {P}"  # open data keeps one spelling
