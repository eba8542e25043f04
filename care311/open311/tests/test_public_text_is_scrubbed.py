"""Phone numbers and email addresses written into a request's free text (description, status
notes, public notes, text answers) never reach a GET answer, in JSON or XML: a marker in the
locale asked for stands in their place. The stored text is unchanged."""

import pytest

from care311.service_requests import actions
from care311.service_requests.models import ServiceRequest

from .conftest import SYSTEM

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "Call me at 918-555-0199, (918) 555 0199 or +1 918 555 0199, or mail jo.resident@example.org"
)
SCRUBBED = "Call me at [phone removed], [phone removed] or [phone removed], or mail [email removed]"
NOTE = "Neighbour says call 918.555.0142"
PRIVATE = ("555-0199", "555 0199", "555.0142", "jo.resident", "example.org", "crew@city")


@pytest.fixture
def posted(api, api_key, pothole):
    """A request filed by POST with contact details in its description and answers, then given
    a public note and a status note with more."""
    status, [answer] = api.post(
        "requests.json",
        {
            "api_key": api_key,
            "service_code": "0042 pothole",
            "address_string": "1 Main St",
            "description": DESCRIPTION,
            "attribute[depth]": "4",
            "attribute[seen_at]": "2026-03-02T09:30:00-06:00",
            "attribute[landmark]": "Ask crew@city.example",
            "attribute[details]": "Deep; text 918 555 0199",
            "attribute[size]": "m",
        },
    )
    assert status == 201
    request = ServiceRequest.objects.get()
    actions.add_note(request, note=NOTE, by=SYSTEM, public=True)
    actions.update_status(request, "in_progress", note="Crew on the way: 9185550199", by=SYSTEM)
    return answer["service_request_id"]


@pytest.mark.parametrize("path", ["requests.json", "requests/{id}.json"])
def test_it_answers_json_without_contact_details(client, api, posted, path):
    _, [record] = api.get(path.format(id=posted), extensions="true")

    assert record["description"] == SCRUBBED
    assert record["status_notes"] == "Crew on the way: [phone removed]"
    # As a mapping: PostgreSQL's jsonb does not keep the order the answers were given in.
    assert {answer["code"]: answer["value"] for answer in record["attributes"]} == {
        "depth": 4,
        "seen_at": "2026-03-02T09:30:00-06:00",
        "landmark": "Ask [email removed]",
        "details": "Deep; text [phone removed]",
        "size": "m",
    }
    assert [note["description"] for note in record["notes"]] == [
        None,
        "Neighbour says call [phone removed]",
        "Crew on the way: [phone removed]",
    ]
    body = client.get(f"/open311/v2/{path.format(id=posted)}?extensions=true").content.decode()
    for private in PRIVATE:
        assert private not in body


@pytest.mark.parametrize("path", ["requests.xml", "requests/{id}.xml"])
def test_it_answers_xml_without_contact_details(client, api, posted, path):
    _, root = api.xml(path.format(id=posted), data={"extensions": "true"})

    node = root.find("request")
    assert node.findtext("description") == SCRUBBED
    assert node.findtext("status_notes") == "Crew on the way: [phone removed]"
    assert [n.findtext("description") for n in node.findall("notes/note")][1:] == [
        "Neighbour says call [phone removed]",
        "Crew on the way: [phone removed]",
    ]
    body = client.get(f"/open311/v2/{path.format(id=posted)}?extensions=true").content.decode()
    for private in PRIVATE:
        assert private not in body


def test_it_lists_updates_without_contact_details(client, api, posted):
    _, updates = api.get("servicerequestupdates.json")
    _, root = api.xml("servicerequestupdates.xml")

    expected = ["Neighbour says call [phone removed]", "Crew on the way: [phone removed]"]
    assert [update["description"] for update in updates] == [None, *expected]
    assert [node.findtext("description") for node in root.findall("request_update")] == [
        "",
        *expected,
    ]
    for fmt in ("json", "xml"):
        body = client.get(f"/open311/v2/servicerequestupdates.{fmt}").content.decode()
        for private in PRIVATE:
            assert private not in body


def test_it_writes_the_marker_in_the_locale_asked(api, posted):
    _, [record] = api.get(f"requests/{posted}.json", locale="es")
    _, updates = api.get("servicerequestupdates.json", locale="es")

    assert record["description"] == (
        "Call me at [teléfono quitado], [teléfono quitado] or [teléfono quitado], "
        "or mail [correo quitado]"
    )
    assert updates[1]["description"] == "Neighbour says call [teléfono quitado]"


def test_it_keeps_the_stored_text_as_written(posted):
    request = ServiceRequest.objects.get(public_id=posted)

    assert request.description == DESCRIPTION
    assert request.status_notes == "Crew on the way: 9185550199"
    assert request.answers["landmark"] == "Ask crew@city.example"
    assert request.events.filter(note=NOTE).exists()


def test_it_leaves_ordinary_numbers_alone(api, file_request):
    request = file_request(description="Bags out by house 1200, 3 bags since 7:30")

    _, [record] = api.get(f"requests/{request.public_id}.json")
    _, root = api.xml(f"requests/{request.public_id}.xml")

    assert record["description"] == "Bags out by house 1200, 3 bags since 7:30"
    assert root.findtext("request/description") == "Bags out by house 1200, 3 bags since 7:30"
