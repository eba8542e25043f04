"""Figure labels are worded in the reader's language when shown, the backlog ages included."""

from django.utils import translation

from care311.analytics.performance.figures import FIGURES


def labels(language: str) -> dict[str, str]:
    with translation.override(language):
        return {figure.name: str(figure.label) for figure in FIGURES}


def test_backlog_ages_follow_the_language_they_are_read_in():
    english, spanish = labels("en"), labels("es")
    assert english["age-0"] == "open 0 to 7 days"
    assert english["age-90"] == "open over 90 days"
    assert spanish["age-0"] == "abiertas de 0 a 7 días"
    assert spanish["age-30"] == "abiertas de 30 a 90 días"
    assert spanish["age-90"] == "abiertas más de 90 días"
    assert spanish["received"] != english["received"]
