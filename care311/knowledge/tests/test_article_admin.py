"""Supervisors edit knowledge articles in the admin; agents read them; search follows edits."""

import pytest
from django.contrib.auth.models import Group, User

from care311.accounts.roles import ensure_roles
from care311.knowledge.search import search

pytestmark = pytest.mark.django_db


def staff(role):
    ensure_roles()
    user = User.objects.create_user(f"{role}.one", password="not-used-1", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_it_lets_a_supervisor_edit_an_article_and_search_finds_the_new_words(client, articles):
    client.force_login(staff("supervisor"))
    trash = articles["trash"]
    page = client.get(f"/admin/knowledge/article/{trash.pk}/change/")
    assert page.status_code == 200

    response = client.post(
        f"/admin/knowledge/article/{trash.pk}/change/",
        {
            "slug": trash.slug,
            "language": "en",
            "title": "Holiday trash schedule",
            "summary": "Collection moves a day after a holiday.",
            "body": "After a city holiday, collection is one day later.",
            "category": trash.category,
            "keywords": "holiday, garbage",
            "published": "on",
        },
    )

    assert response.status_code == 302
    assert [a.title for a in search("holiday", "en").articles] == ["Holiday trash schedule"]


def test_it_lets_agents_read_articles_but_not_change_them(client, articles):
    client.force_login(staff("agent"))

    assert client.get("/admin/knowledge/article/").status_code == 200
    assert client.get(f"/admin/knowledge/article/{articles['trash'].pk}/change/").status_code == 200
    response = client.post(f"/admin/knowledge/article/{articles['trash'].pk}/change/", {})
    assert response.status_code == 403
