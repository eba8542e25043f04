"""Answers are checked against the service definition: type, list keys, required, shape."""

import pytest

from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(api, api_key, pothole):
    def send(**answers):
        data = {"api_key": api_key, "service_code": "0042 pothole", "address_id": "A-1"}
        return api.post("requests.json", data | answers)

    return send


REQUIRED = {"attribute[depth]": "4", "attribute[details]": "By the curb"}


def stored():
    return ServiceRequest.objects.get().answers


def test_it_stores_an_answer_of_each_datatype(post):
    status, _ = post(
        **REQUIRED,
        **{
            "attribute[seen_at]": "2026-03-02T15:00:00.250Z",
            "attribute[landmark]": "Near the bakery",
            "attribute[size]": "l",
            "attribute[hazards][]": ["cars", "walk"],
        },
    )

    assert status == 201
    assert stored() == {
        "depth": 4,
        "seen_at": "2026-03-02T09:00:00-06:00",
        "landmark": "Near the bakery",
        "details": "By the curb",
        "size": "l",
        "hazards": ["cars", "walk"],
    }


@pytest.mark.parametrize(
    ("depth", "number"), [("4", 4), ("2.5", 2.5), ("-1e2", -100), (" 7 ", 7), ("0.1", 0.1)]
)
def test_it_stores_numbers_as_numbers(post, depth, number):
    post(**REQUIRED | {"attribute[depth]": depth})

    assert stored()["depth"] == number


@pytest.mark.parametrize("field", ["attribute[depth]", "attribute[details]"])
def test_it_requires_required_answers_of_every_datatype(post, field):
    missing = {name: value for name, value in REQUIRED.items() if name != field}

    for answers in (missing, missing | {field: "   "}):
        status, body = post(**answers)
        assert (status, body) == (400, [{"code": 400, "description": f"{field} is required"}])
    assert not ServiceRequest.objects.exists()


@pytest.mark.parametrize(
    ("answers", "description"),
    [
        ({"attribute[depth]": "deep"}, "attribute[depth] must be a number, not 'deep'"),
        ({"attribute[depth]": "NaN"}, "attribute[depth] must be a number, not 'NaN'"),
        ({"attribute[depth]": "1e999"}, "attribute[depth] must be a number, not '1e999'"),
        ({"attribute[depth]": ["1", "2"]}, "attribute[depth] takes one value, not 2"),
        (
            {"attribute[seen_at]": "last tuesday"},
            "attribute[seen_at] must be an ISO-8601 date and time such as "
            "2026-03-02T15:00:00Z, not 'last tuesday'",
        ),
        (
            {"attribute[size]": "Large (a car wheel)"},
            "attribute[size]: 'Large (a car wheel)' is not one of its keys (s, m, l)",
        ),
        ({"attribute[size]": ["s", "m"]}, "attribute[size] takes one value, not 2"),
        (
            {"attribute[hazards][]": ["cars", "trucks"]},
            "attribute[hazards]: 'trucks' is not one of its keys (cars, bikes, walk)",
        ),
        ({"attribute[landmark]": "x" * 1001}, "attribute[landmark] is longer than 1000 characters"),
        (
            {"attribute[colour]": "red"},
            "attribute[colour] is not a question of service_code '0042 pothole'",
        ),
        (
            {"attribute[depthx]": "1"},
            "attribute[depthx] is not a question of service_code '0042 pothole'",
        ),
    ],
)
def test_it_refuses_a_wrong_answer_naming_the_field(post, answers, description):
    status, body = post(**REQUIRED | answers)

    assert (status, body) == (400, [{"code": 400, "description": description}])
    assert not ServiceRequest.objects.exists()


@pytest.mark.parametrize(
    "nested",
    [
        {"attribute[hazards][][]": "cars"},
        {"attribute[hazards][0][]": "cars"},
        {"attribute[hazards][]": '[["cars"]]'},
        {"attribute[hazards]": '[["cars"], ["bikes"]]'},
    ],
)
def test_it_refuses_a_nested_multivaluelist(post, nested):
    status, body = post(**REQUIRED | nested)

    assert (status, body) == (
        400,
        [
            {
                "code": 400,
                "description": "attribute[hazards] must be a flat list of keys, not a nested list",
            }
        ],
    )
    assert not ServiceRequest.objects.exists()


@pytest.mark.parametrize(
    "form",
    [
        {"attribute[hazards][]": ["cars", "bikes"]},
        {"attribute[hazards]": ["cars", "bikes"]},
        {"attribute[hazards][0]": "cars", "attribute[hazards][1]": "bikes"},
        {"attribute[hazards][]": ["cars", "bikes", "cars", ""]},
    ],
)
def test_it_takes_a_flat_multivaluelist_in_any_common_form(post, form):
    status, _ = post(**REQUIRED | form)

    assert status == 201
    assert stored()["hazards"] == ["cars", "bikes"]


def test_it_ignores_an_answer_to_an_informational_note(post):
    status, _ = post(**REQUIRED | {"attribute[note]": "ok"})

    assert status == 201
    assert "note" not in stored()
