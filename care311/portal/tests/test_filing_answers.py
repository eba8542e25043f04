"""The service's questions are checked on the server: required ones, every datatype, with a
message beside the question and nothing saved."""

import pytest

from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


def test_it_stores_an_answer_of_each_datatype(client, portal_form):
    data = portal_form(
        **{
            "attribute[depth]": "2.5",
            "attribute[seen_at]": "2026-03-02T09:30",
            "attribute[landmark]": "By the bakery",
            "attribute[hazards]": ["cars", "walk"],
        }
    )

    client.post("/report/details/", data)

    assert ServiceRequest.objects.get().answers == {
        "size": "L",
        "depth": 2.5,
        "seen_at": "2026-03-02T09:30:00-06:00",
        "landmark": "By the bakery",
        "details": "By the curb",
        "hazards": ["cars", "walk"],
    }


def test_it_requires_required_answers_beside_each_question(client, portal_form):
    data = portal_form(**{"attribute[size]": "", "attribute[details]": "  "})

    response = client.post("/report/details/", data)

    html = response.content.decode()
    assert response.status_code == 400
    assert '<p class="error" id="q-size-error">Answer this question.</p>' in html
    assert '<p class="error" id="q-details-error">Answer this question.</p>' in html
    assert 'aria-describedby="q-details-error"' in html
    assert '<a href="#q-size">Question size? Answer this question.</a>' in html
    assert not ServiceRequest.objects.exists()


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"attribute[depth]": "deep"}, "Enter a number, such as 3 or 2.5."),
        (
            {"attribute[seen_at]": "last tuesday"},
            "Enter a date and time, such as 2026-03-02 15:00.",
        ),
        ({"attribute[size]": "XL"}, "Choose one of the answers listed."),
        ({"attribute[size]": ["S", "L"]}, "Choose one answer."),
        ({"attribute[hazards]": ["cars", "trucks"]}, "Choose one of the answers listed."),
        ({"attribute[landmark]": "x" * 1001}, "Keep this answer under 1000 characters."),
    ],
)
def test_it_refuses_a_wrong_answer_with_a_message(client, portal_form, answer, message):
    response = client.post("/report/details/", portal_form(**answer))

    assert response.status_code == 400
    assert f">{message}</p>" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_it_keeps_what_was_typed_when_sending_back_errors(client, portal_form):
    data = portal_form(description="Still here", **{"attribute[depth]": "deep"})

    html = client.post("/report/details/", data).content.decode()

    assert 'value="deep"' in html
    assert "Still here</textarea>" in html
    assert 'value="L" checked' in html


def test_it_asks_the_questions_in_spanish(client, questions):
    client.cookies["django_language"] = "es"

    html = client.get(
        "/report/details/", {"service": "STR-POTHOLE", "address": "1 Main St"}
    ).content.decode()

    assert "¿Pregunta size?" in html
    assert "Cuéntenos qué pasa" in html
