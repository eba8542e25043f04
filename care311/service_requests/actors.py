"""Who acts on a request: a signed-in person, or a named part of the system."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser


@dataclass(frozen=True)
class System:
    """A part of care311 acting on its own: an importer, a sweep, an API client."""

    name: str


Actor = AbstractBaseUser | System


def actor_fields(by: Actor) -> dict:
    """The history event's actor columns for `by`."""
    if isinstance(by, System):
        return {"actor": None, "actor_name": by.name}
    return {"actor": by, "actor_name": by.get_username()}
