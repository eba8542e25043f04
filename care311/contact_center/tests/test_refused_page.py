"""A signed-in user refused a staff page gets a 403 page that says why and links to the pages
their role opens, in the staff pages' own layout: an agent opening another agent's scorecard,
department staff opening the agents' list."""

import pytest

from care311.contact_center.models import Agent

pytestmark = pytest.mark.django_db


def test_it_refuses_an_agent_another_agents_scorecard_with_a_way_back(client, cast):
    ana, ben = (Agent.objects.get(name=name).pk for name in ("ana", "ben"))
    client.force_login(cast["ana"])

    response = client.get(f"/contact-center/agents/{ben}/")
    page = response.content.decode()

    assert response.status_code == 403
    assert "<h1>Not open to your account</h1>" in page
    assert "<p>An agent sees only their own scorecard.</p>" in page
    assert '<link rel="stylesheet" href="/static/contact_center/contact_center.css">' in page
    assert '<li><a href="/desk/">Back to the desk</a></li>' in page
    assert f'<li><a href="/contact-center/agents/{ana}/">My scorecard</a></li>' in page
    assert "Your department's queues" not in page


def test_it_refuses_department_staff_the_agents_list_with_their_queues(client, cast):
    client.force_login(cast["streets"])

    response = client.get("/contact-center/agents/")
    page = response.content.decode()

    assert response.status_code == 403
    assert "<p>This page is for staff in other roles than yours.</p>" in page
    assert '<li><a href="/desk/queues/">Your department\'s queues</a></li>' in page
    assert "Back to the desk" not in page
    assert "My scorecard" not in page


def test_it_says_so_in_spanish(client, cast):
    ben = Agent.objects.get(name="ben").pk
    client.force_login(cast["ana"])
    client.cookies["django_language"] = "es"

    page = client.get(f"/contact-center/agents/{ben}/").content.decode()

    assert "<h1>No disponible para su cuenta</h1>" in page
    assert "<p>Un agente solo ve su propio desempeño.</p>" in page
    assert '<li><a href="/desk/">Volver al escritorio</a></li>' in page
