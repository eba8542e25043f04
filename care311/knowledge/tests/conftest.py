"""A small knowledge base: four English articles, one Spanish, one draft."""

import pytest

from care311.catalog.models import Department, ServiceType
from care311.knowledge.models import Article


@pytest.fixture
def pothole_service(db):
    streets = Department.objects.create(code="streets", name="Streets")
    return ServiceType.objects.create(
        service_code="STR-POTHOLE", name="Pothole", department=streets
    )


@pytest.fixture
def articles(pothole_service):
    def article(slug, title, body, *, language="en", keywords="", category="Streets", **more):
        defaults = {"published": True, "summary": title}
        return Article.objects.create(
            slug=slug,
            language=language,
            title=title,
            body=body,
            keywords=keywords,
            category=category,
            **(defaults | more),
        )

    made = {
        "pothole": article(
            "pothole-repair",
            "How long does a pothole repair take?",
            "Crews patch most holes within three working days.",
            keywords="pothole, pavement",
        ),
        "sidewalk": article(
            "sidewalk",
            "Who fixes broken sidewalks?",
            "Sidewalk trip hazards near a pothole are marked with paint.",
            keywords="sidewalk, curb",
        ),
        "trash": article(
            "trash-day",
            "When is my trash collected?",
            "Set the cart out by 6 a.m. on your collection day.",
            keywords="garbage, pickup schedule",
            category="Trash and recycling",
        ),
        "recycling": article(
            "recycling",
            "What goes in the recycling cart?",
            "Paper, cardboard and cans; no plastic bags.",
            keywords="recycle, blue cart",
            category="Trash and recycling",
        ),
        "bache": article(
            "pothole-repair",
            "¿Cuánto tarda la reparación de un bache?",
            "Los equipos tapan la mayoría de los baches en tres días hábiles.",
            language="es",
            keywords="bache, pavimento",
            category="Calles",
        ),
        "draft": article(
            "draft-pothole",
            "Pothole draft article",
            "Not ready.",
            published=False,
        ),
    }
    made["pothole"].services.add(pothole_service)
    made["sidewalk"].services.add(pothole_service)
    return made
