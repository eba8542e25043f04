"""A service definition carries every question with its datatype, choices and flags."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_defines_all_six_datatypes_in_order(api, pothole):
    status, definition = api.get("services/0042%20pothole.json")

    assert status == 200
    assert definition["service_code"] == "0042 pothole"
    assert [
        (a["code"], a["datatype"], a["required"], a["order"]) for a in definition["attributes"]
    ] == [
        ("depth", "number", True, 1),
        ("seen_at", "datetime", False, 2),
        ("landmark", "string", False, 3),
        ("details", "text", True, 4),
        ("size", "singlevaluelist", False, 5),
        ("hazards", "multivaluelist", False, 6),
        ("note", "string", False, 7),
    ]


def test_it_gives_list_keys_and_names(api, pothole):
    _, definition = api.get("services/0042%20pothole.json")
    size = next(a for a in definition["attributes"] if a["code"] == "size")

    assert size == {
        "variable": True,
        "code": "size",
        "datatype": "singlevaluelist",
        "required": False,
        "datatype_description": None,
        "order": 5,
        "description": "How big is it?",
        "values": [
            {"key": "s", "name": "Small (fits under a shoe)"},
            {"key": "m", "name": "Medium"},
            {"key": "l", "name": "Large (a car wheel)"},
        ],
    }


def test_it_marks_an_informational_note_as_not_variable(api, pothole):
    _, definition = api.get("services/0042%20pothole.json")
    note = definition["attributes"][-1]

    assert (note["code"], note["variable"], note["values"]) == ("note", False, [])


def test_it_uses_the_standard_element_names_in_xml(api, pothole):
    status, root = api.xml("services/0042%20pothole.xml")

    assert status == 200
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "0042 pothole"
    hazards = root.findall("attributes/attribute")[5]
    assert hazards.findtext("code") == "hazards"
    assert [(v.findtext("key"), v.findtext("name")) for v in hazards.findall("values/value")] == [
        ("cars", "Drivers"),
        ("bikes", "Cyclists"),
        ("walk", "People walking"),
    ]


def test_it_reads_a_code_with_a_dot_up_to_the_last_dot(api, graffiti):
    status, definition = api.get("services/GR-001.v2%20graffiti.json")

    assert (status, definition) == (200, {"service_code": "GR-001.v2 graffiti", "attributes": []})


@pytest.mark.parametrize("code", ["nyc-noise", "no-such-service", "0042"])
def test_it_answers_404_for_an_unknown_or_hidden_code(api, pothole, hidden, code):
    status, errors = api.get(f"services/{code}.json")

    assert (status, errors) == (
        404,
        [{"code": 404, "description": f"no service has service_code '{code}'"}],
    )


def test_it_answers_404_in_xml(api, hidden):
    status, root = api.xml("services/nyc-noise.xml")

    assert status == 404
    assert root.tag == "errors"
    assert root.findtext("error/code") == "404"
    assert root.findtext("error/description") == "no service has service_code 'nyc-noise'"


@pytest.mark.parametrize(
    ("code", "path"),
    [
        ("007-A b", "007-A%20b"),
        ("roads/0042", "roads%2F0042"),
        ("50% off", "50%25%20off"),
        ("a.b.c", "a.b.c"),
        ("café", "caf%C3%A9"),
    ],
)
def test_it_round_trips_an_opaque_code_through_the_path(api, graffiti, file_request, code, path):
    graffiti.service_code = code
    graffiti.save()
    request = file_request(service=graffiti)

    status, definition = api.get(f"services/{path}.json")
    _, requests = api.get("requests.json", service_code=code)

    assert (status, definition["service_code"]) == (200, code)
    assert [(r["service_request_id"], r["service_code"]) for r in requests] == [
        (request.public_id, code)
    ]
