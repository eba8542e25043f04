"""A call answered from a knowledge article counts as a contact with its outcome."""

import time_machine

from care311.desk.models import Contact
from care311.knowledge.models import Article

from .conftest import STARTED


def _article(**fields):
    return Article.objects.create(
        slug="bulky-pickup",
        title="Bulky item pickup",
        summary="How to book a bulky pickup.",
        body="Book online or by phone.\n\nUp to five items a month.",
        category="Trash",
        keywords="couch sofa mattress",
        published=True,
        **fields,
    )


def test_the_panel_finds_articles_with_their_scripts(as_ana, contact):
    _article()

    page = as_ana.get(f"/desk/contact/{contact.pk}/", {"q": "sofa"}).content.decode()

    assert "<h3>Bulky item pickup</h3>" in page
    assert "<p>Up to five items a month.</p>" in page
    assert "Used “Bulky item pickup”" in page


def test_using_an_article_and_wrapping_up_records_information_given(as_ana, contact):
    article = _article()

    as_ana.post(f"/desk/contact/{contact.pk}/article/{article.pk}/")
    wrap_up_page = as_ana.get(f"/desk/contact/{contact.pk}/wrap-up/").content.decode()
    with time_machine.travel(STARTED.replace(minute=4), tick=False):
        response = as_ana.post(
            f"/desk/contact/{contact.pk}/wrap-up/",
            {"outcome": "information_given", "notes": "Booked for Friday"},
        )

    assert 'value="information_given" id="id_outcome_2" checked data-focus' in wrap_up_page
    assert response.status_code == 302
    row = Contact.objects.filter(pk=contact.pk).values(
        "outcome", "article_id", "notes", "ended_at", "wrapped_up_at"
    )[0]
    assert row == {
        "outcome": "information_given",
        "article_id": article.pk,
        "notes": "Booked for Friday",
        "ended_at": STARTED.replace(minute=4),
        "wrapped_up_at": STARTED.replace(minute=4),
    }
    assert contact.requests.count() == 0


def test_information_given_needs_the_article(as_ana, contact):
    response = as_ana.post(f"/desk/contact/{contact.pk}/wrap-up/", {"outcome": "information_given"})

    assert response.status_code == 400
    assert "Say which knowledge article the information came from." in response.content.decode()
    assert Contact.objects.get().wrapped_up_at is None
