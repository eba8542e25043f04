"""`care311 districts load` stores a GeoJSON file's polygons, or refuses a bad one whole."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from care311.catalog.models import District
from care311.demo.routing import ZONES_FILE

pytestmark = pytest.mark.django_db


def load(path: Path, **options: str) -> None:
    call_command("districts", "load", str(path), **options)


def test_it_loads_the_demo_zones_once_however_often_it_runs(capsys):
    for _ in range(2):
        load(ZONES_FILE, kind="sanitation zone", name_property="name", code_property="zone")

    assert list(District.objects.values_list("code", flat=True)) == [
        "central-east",
        "central-west",
        "north",
        "south",
    ]
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Districts (sanitation zone): 0 created, 4 updated."
    )


def test_it_refuses_a_self_crossing_polygon_and_loads_nothing(tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    path = tmp_path / "bad.geojson"
    features = [
        {"type": "Feature", "properties": {"NAME": "Good"}, "geometry": square},
        {"type": "Feature", "properties": {"NAME": "Bowtie"}, "geometry": bowtie},
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))

    with pytest.raises(CommandError, match=r"feature 2 \(Bowtie\): .*not valid: Self-intersection"):
        load(path, kind="council district", name_property="NAME")
    assert District.objects.count() == 0


def test_it_refuses_a_point_and_a_file_that_is_not_geojson(tmp_path):
    path = tmp_path / "points.geojson"
    point = {"type": "Point", "coordinates": [0, 0]}
    feature = {"type": "Feature", "properties": {"NAME": "Spot"}, "geometry": point}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    with pytest.raises(CommandError, match="must be a Polygon or MultiPolygon, not Point"):
        load(path, kind="council district", name_property="NAME")

    path.write_text("[1, 2]")
    with pytest.raises(CommandError, match="is not a GeoJSON FeatureCollection"):
        load(path, kind="council district", name_property="NAME")


def test_it_checks_the_shape_whenever_a_district_is_saved():
    with pytest.raises(ValidationError, match=r"latitude -90\.\.90"):
        District.objects.create(
            kind="zone",
            code="x",
            name="X",
            geometry={"type": "Polygon", "coordinates": [[[0, 0], [0, 95], [1, 95], [0, 0]]]},
        )
