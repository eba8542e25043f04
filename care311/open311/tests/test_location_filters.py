"""lat/long/radius (metres) and bbox (min_long,min_lat,max_long,max_lat) filter by place."""

import pytest

pytestmark = pytest.mark.django_db

# Downtown Tulsa, and points about 50 m, 300 m and 5 km from it.
CENTRE = (36.1540, -95.9928)


@pytest.fixture
def places(file_request):
    return {
        name: file_request(latitude=latitude, longitude=longitude).public_id
        for name, (latitude, longitude) in {
            "centre": CENTRE,
            "50 m north": (36.15445, -95.9928),
            "300 m east": (36.1540, -95.98946),
            "5 km south": (36.1090, -95.9928),
        }.items()
    } | {"nowhere": file_request(address="Somewhere").public_id}


def names(body, places):
    by_id = {public_id: name for name, public_id in places.items()}
    return sorted(by_id[record["service_request_id"]] for record in body)


@pytest.mark.parametrize(
    ("radius", "expected"),
    [
        ("10", ["centre"]),
        ("100", ["50 m north", "centre"]),
        ("400", ["300 m east", "50 m north", "centre"]),
        ("6000", ["300 m east", "5 km south", "50 m north", "centre"]),
    ],
)
def test_it_finds_requests_within_a_radius(api, places, radius, expected):
    _, body = api.get("requests.json", lat=CENTRE[0], long=CENTRE[1], radius=radius)

    assert names(body, places) == expected


def test_it_finds_requests_in_a_box(api, places):
    _, body = api.get("requests.json", bbox="-95.9930,36.1530,-95.9890,36.1550")

    assert names(body, places) == ["300 m east", "50 m north", "centre"]


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"lat": "36.15", "long": "-95.99"}, "lat, long and radius (in metres) go together"),
        (
            {"lat": "36.15", "long": "-95.99", "radius": "0"},
            "radius must be between 1 and 100000, not 0",
        ),
        ({"lat": "x", "long": "-95.99", "radius": "10"}, "lat must be a number, not 'x'"),
        (
            {"bbox": "36.15,-95.99,36.16,-95.98"},
            "bbox must be min_long,min_lat,max_long,max_lat in degrees, "
            "not '36.15,-95.99,36.16,-95.98'",
        ),
        (
            {"bbox": "-95.99,36.15"},
            "bbox must be min_long,min_lat,max_long,max_lat in degrees, not '-95.99,36.15'",
        ),
    ],
)
def test_it_refuses_a_bad_place(api, params, description):
    assert api.get("requests.json", **params) == (
        400,
        [{"code": 400, "description": description}],
    )
