"""Load districts (council districts, sanitation zones) from a GeoJSON FeatureCollection."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from care311.catalog.geometry import GeometryError, parse_area
from care311.catalog.models import District


class DistrictFileError(ValueError):
    """The file cannot be loaded; the message names the feature and the problem."""


@dataclass
class LoadCounts:
    created: int = 0
    updated: int = 0


@transaction.atomic
def load_districts(
    path: Path, *, kind: str, name_property: str, code_property: str = ""
) -> LoadCounts:
    """Create or update a district of `kind` per feature, matched on its code (the
    `code_property`, or the slug of its name). All or nothing: one bad feature loads none."""
    kind = kind.strip()
    if not kind:
        raise DistrictFileError("say what kind of district the file holds (--kind)")
    features = _features(path)
    counts = LoadCounts()
    seen: set[str] = set()
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        name = str(properties.get(name_property, "")).strip()
        if not name:
            raise DistrictFileError(f"feature {number} has no {name_property!r} property")
        code = str(properties.get(code_property, "")).strip() if code_property else slugify(name)
        if not code:
            raise DistrictFileError(f"feature {number} ({name}) has no {code_property!r}")
        if code in seen:
            raise DistrictFileError(f"feature {number} ({name}) repeats the code {code!r}")
        seen.add(code)
        try:
            parse_area(feature.get("geometry"))
        except GeometryError as error:
            raise DistrictFileError(f"feature {number} ({name}): {error}") from None
        _, created = District.objects.update_or_create(
            kind=kind, code=code, defaults={"name": name, "geometry": feature["geometry"]}
        )
        counts.created += created
        counts.updated += not created
    return counts


def _features(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DistrictFileError(f"cannot read {path}: {error}") from None
    except json.JSONDecodeError as error:
        raise DistrictFileError(f"{path} is not JSON: {error}") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DistrictFileError(f"{path} is not a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise DistrictFileError(f"{path} has no features")
    if not all(isinstance(feature, dict) for feature in features):
        raise DistrictFileError(f"{path} has a feature that is not an object")
    return features
