"""Phone numbers and email addresses written into a request's free text never reach a public
page: the description, notes and closure show a marker in the reader's language instead.
The stored text is unchanged, and staff still read it on the case page."""

import pytest
from django.contrib.auth import get_user_model

from care311.accounts.models import StaffProfile
from care311.accounts.roles import ensure_roles
from care311.catalog.models import Department
from care311.service_requests import actions
from care311.service_requests.actors import System
from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "Call me at 918-555-0199, (918) 555 0199 or +1 918 555 0199, or mail jo.resident@example.org"
)
SCRUBBED = "Call me at [phone removed], [phone removed] or [phone removed], or mail [email removed]"
IN_SPANISH = (
    "Call me at [teléfono quitado], [teléfono quitado] or [teléfono quitado], "
    "or mail [correo quitado]"
)
PRIVATE = ("555-0199", "555 0199", "jo.resident", "example.org")
BY = System("test")


@pytest.fixture
def filed(client, portal_form):
    """A request filed on the portal with contact details in its description, then closed
    with a phone number in the closure's reason and note, after a public note with one."""
    response = client.post("/report/details/", portal_form(description=DESCRIPTION))
    assert response.status_code == 302
    request = ServiceRequest.objects.get()
    actions.add_note(request, note="Neighbour says call 918.555.0142", by=BY, public=True)
    actions.close_request(
        request, reason="Fixed, ask 918-555-0143", note="Done; crew@city.example", by=BY
    )
    return request


def test_it_shows_the_request_page_without_contact_details(client, filed):
    html = client.get(f"/requests/{filed.public_id}/").content.decode()

    assert f"<dd>{SCRUBBED}</dd>" in html
    assert '<p class="note">Neighbour says call [phone removed]</p>' in html
    assert "<p>Fixed, ask [phone removed]</p>" in html
    assert "<p>Done; [email removed]</p>" in html
    assert html.count('<p class="note">Done; [email removed]</p>') == 1
    for private in (*PRIVATE, "555.0142", "555-0143", "crew@city"):
        assert private not in html


def test_it_keeps_the_stored_text_as_written(filed):
    filed.refresh_from_db()

    assert filed.description == DESCRIPTION
    assert filed.status_notes == "Done; crew@city.example"
    assert filed.closure_reason == "Fixed, ask 918-555-0143"


def test_it_writes_the_marker_in_spanish(client, filed):
    client.cookies["django_language"] = "es"

    html = client.get(f"/requests/{filed.public_id}/").content.decode()

    assert f"<dd>{IN_SPANISH}</dd>" in html
    assert '<p class="note">Neighbour says call [teléfono quitado]</p>' in html
    assert "[phone removed]" not in html


@pytest.mark.parametrize(
    ("description", "summary"),
    [
        (DESCRIPTION, SCRUBBED),
        # Scrubbed before it is cut short, or the cut number would escape the patterns.
        ("x" * 130 + " 918-555-0199", "x" * 130 + " [phone r…"),
    ],
)
def test_it_shows_nearby_requests_without_contact_details(
    client, questions, file_request, description, summary
):
    file_request(description=description, latitude=36.1446, longitude=-95.9754)

    html = client.get(
        "/report/details/",
        {"service": "STR-POTHOLE", "latitude": "36.1446", "longitude": "-95.9754"},
    ).content.decode()

    assert f'<p class="summary">{summary}</p>' in html
    for private in (*PRIVATE, "918-555"):
        assert private not in html


def test_it_leaves_ordinary_numbers_alone(client, file_request):
    request = file_request(description="Bags out by house 1200, 3 bags since 7:30")

    html = client.get(f"/requests/{request.public_id}/").content.decode()

    assert "<dd>Bags out by house 1200, 3 bags since 7:30</dd>" in html


def test_staff_read_the_original_on_the_case_page(client, filed):
    groups = ensure_roles()
    staff = get_user_model().objects.create_user("streets", password="case-page-pw-1")
    staff.is_staff = True
    staff.save()
    staff.groups.set([groups["department staff"]])
    StaffProfile.objects.create(user=staff, department=Department.objects.get(code="streets"))
    client.force_login(staff)

    response = client.get(f"/desk/queues/requests/{filed.public_id}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert DESCRIPTION in html
    assert "Neighbour says call 918.555.0142" in html
    assert "[phone removed]" not in html
