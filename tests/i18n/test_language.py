"""Each device's language is honoured on its pages, in its error messages, and in dates."""

import html
from datetime import date

from flask_babel import force_locale

from meeting import db
from meeting.domain.errors import N_, InvalidCommand
from meeting.models import Meeting
from tests.conftest import csrf


def _code(app, meeting_id):
    with app.app_context():
        return db.session().get(Meeting, meeting_id).join_code


def _welsh(client):
    with client.session_transaction() as s:
        s["lang"] = "cy"


def test_joining_in_welsh_remembers_the_choice_for_the_device(app, demo_meeting):
    client = app.test_client()
    form = {"name": "Sian Hughes", "role": "parent", "language": "cy", "csrf_token": csrf(client)}
    response = client.post(f"/join/{_code(app, demo_meeting)}", data=form)
    assert response.status_code == 302
    with client.session_transaction() as s:
        assert s["lang"] == "cy"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<html lang="cy">' in page
    assert "Rydych chi'n aros i'r cadeirydd eich gadael i mewn" in page


def test_the_language_switch_changes_the_device_language(client):
    token = csrf(client)
    response = client.post("/language", data={"lang": "cy", "next": "/join", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/join")
    page = client.get("/join").get_data(as_text=True)
    assert "Ymuno â chyfarfod" in page
    client.post("/language", data={"lang": "en", "next": "/join", "csrf_token": token})
    assert "Join a meeting" in client.get("/join").get_data(as_text=True)


def test_a_domain_error_is_shown_in_the_device_language(client, demo_meeting):
    _welsh(client)
    response = client.post("/join", data={"code": "NOPE99", "csrf_token": csrf(client)})
    page = response.get_data(as_text=True)
    assert "Dydy&#39;r cod ymuno hwnnw ddim yn cyfateb i gyfarfod" in page


def test_a_form_field_is_named_in_welsh_in_its_error(app, demo_meeting):
    client = app.test_client()
    _welsh(client)
    form = {"name": "  ", "role": "parent", "language": "cy", "csrf_token": csrf(client)}
    page = client.post(f"/join/{_code(app, demo_meeting)}", data=form).get_data(as_text=True)
    assert "Rhaid llenwi &#39;Eich enw&#39;." in page


def test_an_http_error_page_is_in_the_device_language(client):
    _welsh(client)
    page = client.get("/no-such-page").get_data(as_text=True)
    assert "Does dim tudalen yn y cyfeiriad hwn" in page
    assert "Not Found" not in page


def test_domain_messages_are_english_outside_a_request_and_welsh_inside_one(app):
    error = InvalidCommand(N_("{field} cannot be empty."), field=N_("Your name"))
    assert error.message == "Your name cannot be empty." == str(error)
    with app.test_request_context(), force_locale("cy"):
        assert error.message == "Rhaid llenwi 'Eich enw'."
        assert error.as_ack()["message"] == "Rhaid llenwi 'Eich enw'."


def test_dates_are_written_in_the_page_language(app):
    render = app.jinja_env.from_string("{{ d | format_date }}")
    with app.test_request_context(), force_locale("cy"):
        assert render.render(d=date(2026, 11, 30)) == "30 Tachwedd 2026"
    with app.test_request_context(), force_locale("en"):
        assert render.render(d=date(2026, 11, 30)) == "30 November 2026"


def test_the_shared_screen_can_show_both_languages_welsh_first(app, client, demo_meeting):
    with app.app_context():
        key = db.session().get(Meeting, demo_meeting).screen_key
    page = client.get(f"/meetings/{demo_meeting}/screen?key={key}&lang=both").get_data(as_text=True)
    assert '<html lang="cy">' in page and "screen-bilingual" in page
    assert page.index('id="strings-cy"') < page.index('id="strings-en"')
    assert (
        '"private_title": "Mae\\u0027r cyfarfod yn cael trafodaeth breifat"' in page
        or "Mae\\u0027r cyfarfod yn cael trafodaeth breifat" in page
    )
    single = client.get(f"/meetings/{demo_meeting}/screen?key={key}").get_data(as_text=True)
    assert 'id="strings"' in single and "strings-cy" not in single


def test_the_live_pages_get_month_names_in_their_language(app):
    # Browsers carry no Welsh calendar, so the pages' JavaScript writes dates with these.
    with app.test_request_context(), force_locale("cy"):
        strings = html.unescape(app.jinja_env.globals["live_strings"]("cy"))
    assert '"months": ["Ionawr", "Chwefror"' in strings and '"Rhagfyr"]' in strings


def test_a_refused_command_is_explained_in_the_device_language(app, chair_client, demo_meeting):
    from tests.socket.conftest import Live

    room = Live(app, chair_client, demo_meeting)
    try:
        parent = app.test_client()
        form = {"name": "Sian Hughes", "role": "parent", "language": "cy", "csrf_token": csrf(parent)}
        assert parent.post(f"/join/{_code(app, demo_meeting)}", data=form).status_code == 302
        with app.app_context():
            from meeting.models import Participant

            person = db.session().query(Participant).filter_by(name="Sian Hughes").one()
        room.admit(person.id)
        sock = room.connect(parent)
        ack = room.send(sock, "place_position", round_id=999, value=5)
        assert ack["code"] == "not_found"
        assert ack["message"] == "Does dim rownd graddio o'r fath yn y cyfarfod hwn."
        # The chair's console is in English: the same refusal, in English.
        ack = room.send(room.chair, "reveal_scaling_round", round_id=999)
        assert ack["message"] == "No such scaling round in this meeting."
    finally:
        room.close()
