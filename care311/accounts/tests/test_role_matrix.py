"""Every role tried against every staff page and action: the signed-out are sent to sign in,
the wrong role gets 403, and another department's request, queue or contact details are
"not found" (404), so department staff cannot even learn that they exist."""

import pytest
from django.contrib.auth import get_user_model

from care311.accounts.tests.conftest import sign_in
from care311.desk.models import Contact
from care311.desk.queue_forms import FORMS
from care311.service_requests.models import HistoryEvent, ServiceRequest

ROLES = ["anonymous", "resident", "ana", "streets", "parks", "sue", "admin"]
AGENTS = {"ana", "sue", "admin"}
SUPERVISORS = {"sue", "admin"}
STAFF = {"ana", "streets", "parks", "sue", "admin"}
SIGN_IN = "sign in"  # 302 to the staff sign-in, with the page as next
ADMIN_SIGN_IN = "admin sign-in"  # 302 to the admin's own sign-in, which sends on to ours


def allowed(ok: set[str], *, others: int = 403, **special: object) -> dict[str, object]:
    """role -> outcome: 200 for `ok`, `special` by name, `others` for the rest of staff and
    for the resident, sign-in for the signed-out."""
    table: dict[str, object] = {"anonymous": SIGN_IN}
    for role in ROLES[1:]:
        table[role] = 200 if role in ok else others
    table.update(special)
    return table


# page -> role -> outcome. {streets}/{parks} are the departments' requests, {scorecard} Ana's.
PAGES: dict[str, dict[str, object]] = {
    "/desk/": allowed(AGENTS),
    "/desk/contact/new": allowed(AGENTS),
    # The screen-pop: an agent's contact with the caller starts, and its page opens.
    "/desk/contact/new?caller=%2B19185551234&channel=phone": allowed(
        set(), **dict.fromkeys(AGENTS, 302)
    ),
    "/desk/queues/": allowed(STAFF),
    "/desk/queues/streets/": allowed(AGENTS | {"streets"}, parks=404),
    "/desk/queues/parks/": allowed(AGENTS | {"parks"}, streets=404),
    "/desk/queues/requests/{streets}/": allowed(AGENTS | {"streets"}, parks=404),
    "/desk/queues/requests/{parks}/": allowed(AGENTS | {"parks"}, streets=404),
    "/desk/queues/requests/NO-SUCH-1/": allowed(set(), **dict.fromkeys(STAFF, 404)),
    "/staff/requests/{streets}/contact/": allowed(AGENTS | {"streets"}, parks=404),
    "/staff/requests/{parks}/contact/": allowed(AGENTS | {"parks"}, streets=404),
    "/staff/two-factor/": allowed(STAFF),
    "/desk/supervisor/": allowed(SUPERVISORS),
    "/desk/notifications/": allowed(SUPERVISORS),
    "/wallboard/": allowed(SUPERVISORS),
    "/contact-center/reports/": allowed(SUPERVISORS),
    "/contact-center/agents/": allowed(SUPERVISORS),
    "/contact-center/agents/{scorecard}/": allowed(AGENTS),
    "/analytics/": allowed({"streets", "parks", "sue", "admin"}),
    "/analytics/geography/": allowed({"streets", "parks", "sue", "admin"}),
    "/admin/": allowed(STAFF, anonymous=ADMIN_SIGN_IN, resident=ADMIN_SIGN_IN),
    "/admin/service_requests/servicerequest/": allowed(
        STAFF, anonymous=ADMIN_SIGN_IN, resident=ADMIN_SIGN_IN
    ),
    "/admin/catalog/servicetype/": allowed(STAFF, anonymous=ADMIN_SIGN_IN, resident=ADMIN_SIGN_IN),
    "/admin/accounts/contactdetailview/": allowed(
        SUPERVISORS, anonymous=ADMIN_SIGN_IN, resident=ADMIN_SIGN_IN
    ),
    "/admin/auth/user/": allowed({"admin"}, anonymous=ADMIN_SIGN_IN, resident=ADMIN_SIGN_IN),
}


def fill(page: str, requests, scorecard) -> str:
    return page.format(
        streets=requests["streets"].public_id,
        parks=requests["parks"].public_id,
        scorecard=scorecard.pk,
    )


def signed_in_as(client, cast, role: str):
    if role != "anonymous":
        client.force_login(cast[role])
    return client


def assert_outcome(response, expected: object, path: str) -> None:
    if expected == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/sign-in/?next=")
    elif expected == ADMIN_SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")
    else:
        assert response.status_code == expected, path


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_each_role_opens_only_its_pages(client, cast, requests, ana_agent, page, role):
    path = fill(page, requests, ana_agent)

    response = signed_in_as(client, cast, role).get(path)

    assert_outcome(response, PAGES[page][role], path)


def test_a_screen_pop_survives_signing_in(client, cast):
    screen_pop = "/desk/contact/new?caller=%2B19185551234&channel=phone"
    asked = client.get(screen_pop)
    assert asked["Location"] == (
        "/staff/sign-in/?next=/desk/contact/new%3Fcaller%3D%252B19185551234%26channel%3Dphone"
    )

    signed_in = sign_in(client, "ana", next=screen_pop)
    assert signed_in["Location"] == screen_pop
    started = client.get(signed_in["Location"])

    contact = Contact.objects.get(agent=cast["ana"])
    assert started["Location"] == f"/desk/contact/{contact.pk}/"
    assert contact.caller_number == "+19185551234"


def test_another_agent_cannot_open_anas_scorecard(client, cast, ana_agent):
    client.force_login(cast["ben"])

    assert client.get(f"/contact-center/agents/{ana_agent.pk}/").status_code == 403


def test_the_signed_out_are_sent_back_to_the_page_they_asked_for(client, db):
    response = client.get("/desk/queues/?queue=none")

    assert response["Location"] == "/staff/sign-in/?next=/desk/queues/%3Fqueue%3Dnone"


# JSON endpoints answer in JSON: 401 signed out, 403 for the wrong role.
DATA = {
    "/wallboard/data.json": ("get", SUPERVISORS),
    "/desk/heartbeat/": ("post", AGENTS),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", list(DATA))
def test_each_role_gets_its_data_only(client, cast, path, role):
    method, ok = DATA[path]

    response = getattr(signed_in_as(client, cast, role), method)(path)

    if role == "anonymous":
        assert (response.status_code, response.json()) == (401, {"error": "sign in first"})
    elif role in ok:
        assert response.status_code == 200
    else:
        assert (response.status_code, response.json()) == (403, {"error": "not for this role"})


# Actions (POST) follow the same rules as the pages that offer them.
ACTIONS = {
    "/desk/presence/": ({"state": "available"}, AGENTS, 302),
    "/desk/notifications/999999/retry/": ({}, SUPERVISORS, 404),
    "/analytics/open-data/regenerate/": ({}, SUPERVISORS, 302),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", list(ACTIONS))
def test_each_role_does_only_its_actions(client, cast, path, role):
    data, ok, done = ACTIONS[path]

    response = signed_in_as(client, cast, role).post(path, data)

    if role == "anonymous":
        assert response["Location"].startswith("/staff/sign-in/?next=")
    else:
        assert response.status_code == (done if role in ok else 403)


CLAIMERS = {
    "anonymous": SIGN_IN,
    "resident": 403,
    "ana": 302,
    "streets": 302,
    "parks": 404,
    "sue": 302,
    "admin": 302,
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_claims_a_streets_request_or_not(client, cast, requests, role):
    case = requests["streets"]

    response = signed_in_as(client, cast, role).post(
        f"/desk/queues/requests/{case.public_id}/claim/", {"claim-version": case.version}
    )

    assert_outcome(response, CLAIMERS[role], "claim")
    case.refresh_from_db()
    if CLAIMERS[role] == 302:
        assert response["Location"] == f"/desk/queues/requests/{case.public_id}/"
        assert case.assigned_to == cast[role]
        assert case.events.latest("id").kind == "assigned"
    else:
        assert case.assigned_to is None
        assert case.events.count() == 1


@pytest.mark.parametrize("action", sorted(FORMS))
def test_department_staff_cannot_act_on_another_departments_request(client, cast, requests, action):
    case = requests["parks"]
    before = (case.version, HistoryEvent.objects.count())
    client.force_login(cast["streets"])
    form = {
        f"{action}-version": case.version,
        f"{action}-note": "from the wrong department",
        f"{action}-agency": "State DOT",
        f"{action}-into": requests["streets"].public_id,
        f"{action}-assignee": "streets",
        f"{action}-public": "on",
    }

    response = client.post(f"/desk/queues/requests/{case.public_id}/{action}/", form)

    assert response.status_code == 404
    assert "Walter" not in response.content.decode()
    case.refresh_from_db()
    assert (case.version, HistoryEvent.objects.count()) == before


def test_the_not_found_page_reads_the_same_as_for_a_request_that_does_not_exist(
    client, cast, requests
):
    client.force_login(cast["streets"])

    other = client.get(f"/desk/queues/requests/{requests['parks'].public_id}/")
    missing = client.get("/desk/queues/requests/NO-SUCH-1/")

    assert other.status_code == missing.status_code == 404
    assert "Walter" not in other.content.decode()
    assert "Parks problem" not in other.content.decode()


def test_department_staff_cannot_merge_into_another_departments_request(client, cast, requests):
    case, theirs = requests["streets"], requests["parks"]
    client.force_login(cast["streets"])

    response = client.post(
        f"/desk/queues/requests/{case.public_id}/merge/",
        {"merge-version": case.version, "merge-into": theirs.public_id},
    )

    assert response.status_code == 400
    assert f"no request {theirs.public_id} is open to you" in response.content.decode()
    case.refresh_from_db()
    assert case.duplicate_of is None


def test_department_staff_see_only_their_departments_queue(client, cast, requests):
    client.force_login(cast["streets"])

    listing = client.get("/desk/queues/streets/")

    shown = [row.request.public_id for row in listing.context["rows"]]
    assert shown == [requests["streets"].public_id]
    index = client.get("/desk/queues/")
    assert [department.code for department, _, _ in index.context["listing"]] == ["streets"]


def test_department_staff_without_a_department_see_no_request(client, cast, requests):
    nobody = get_user_model().objects.create_user("loose", password="x", is_staff=True)
    nobody.groups.set(cast["streets"].groups.all())
    client.force_login(nobody)

    assert client.get(f"/desk/queues/requests/{requests['streets'].public_id}/").status_code == 404
    assert client.get("/desk/queues/streets/").status_code == 404


def test_in_the_admin_department_staff_see_only_their_departments_requests(client, cast, requests):
    client.force_login(cast["streets"])

    listing = client.get("/admin/service_requests/servicerequest/")
    other = client.get(f"/admin/service_requests/servicerequest/{requests['parks'].pk}/change/")
    history = client.get("/admin/service_requests/historyevent/")

    assert [item.public_id for item in listing.context["cl"].result_list] == [
        requests["streets"].public_id
    ]
    assert other.status_code == 302
    assert other["Location"] == "/admin/"
    assert {event.request_id for event in history.context["cl"].result_list} == {
        requests["streets"].pk
    }
    assert ServiceRequest.objects.count() == 2
