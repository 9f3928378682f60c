"""The summary pages: who may read which copy, downloads, languages, approval and the next meeting."""

import io

import docx
import pytest

from meeting.identity import hash_token
from meeting.operations import summaries
from tests.conftest import PASSWORD, csrf, sign_in

from .conftest import play_conference


@pytest.fixture
def closed(app, make_play, chair_user):
    play = make_play()
    ids = play_conference(play)
    play.close()
    # Sian's phone: the device token the join page would have set in her cookie.
    ids["sian"].token_hash = hash_token("sians-phone-token")
    ids["nia"].token_hash = hash_token("nias-phone-token")
    play.session.commit()
    return play, ids


@pytest.fixture
def chair(app, chair_user):
    client = app.test_client()
    sign_in(client, chair_user.email, PASSWORD)
    return client


def _device(app, meeting_id: int, token: str):
    client = app.test_client()
    with client.session_transaction() as cookie:
        cookie["devices"] = {str(meeting_id): token}
    return client


def test_the_chair_sees_the_draft_with_approve_and_correct(closed, chair):
    play, _ids = closed
    page = chair.get(f"/meetings/{play.meeting_id}/summary")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Approve version 1" in html and "Correct the summary" in html
    assert "Area of change 1: Home conditions and safe sleep" in html
    assert "css/print.css" in html and 'media="print"' in html


def test_the_chair_approves_through_the_page(closed, chair):
    play, _ids = closed
    token = csrf(chair)
    response = chair.post(f"/meetings/{play.meeting_id}/summary/1/approve", data={"csrf_token": token})
    assert response.status_code == 302
    play.session.expire_all()
    assert summaries.get_version(play.session, play.meeting_id, 1).status == "approved"


def test_the_chair_corrects_through_the_form(closed, chair):
    play, ids = closed
    form = chair.get(f"/meetings/{play.meeting_id}/summary/correct").get_data(as_text=True)
    assert f'name="area.{ids["home"]}.good_enough"' in form
    response = chair.post(
        f"/meetings/{play.meeting_id}/summary/correct",
        data={
            "csrf_token": csrf(chair),
            "reason": "Wording",
            f"area.{ids['home']}.good_enough": "A *clean* home.",
        },
    )
    assert response.status_code == 302
    assert "A <em>clean</em> home." in chair.get(f"/meetings/{play.meeting_id}/summary/1/full").get_data(
        as_text=True
    )


def test_a_family_device_waits_for_approval_then_reads_the_family_copy_only(app, closed, chair):
    play, _ids = closed
    phone = _device(app, play.meeting_id, "sians-phone-token")
    assert phone.get(f"/meetings/{play.meeting_id}/summary").status_code == 404
    assert phone.get(f"/meetings/{play.meeting_id}/summary/1/family").status_code == 404
    play.approve(1)
    landing = phone.get(f"/meetings/{play.meeting_id}/summary")
    assert landing.status_code == 302 and landing.location.endswith("/summary/1/family")
    # Sian chose Welsh when she joined: her copy is in Welsh unless she asks otherwise.
    page = phone.get(f"/meetings/{play.meeting_id}/summary/1/family").get_data(as_text=True)
    assert 'class="summary summary-copy-family" lang="cy"' in page
    assert "PRACTITIONERS-ONLY" not in page and "CLOSED-SESSION" not in page and "DISSENT-TEXT" not in page
    assert phone.get(f"/meetings/{play.meeting_id}/summary/1/full").status_code == 403
    assert phone.get(f"/meetings/{play.meeting_id}/summary/1/full.docx").status_code == 403
    both = phone.get(f"/meetings/{play.meeting_id}/summary/1/family?lang=both").get_data(as_text=True)
    assert 'class="summary-column" lang="cy"' in both and 'class="summary-column" lang="en"' in both


def test_downloads_are_word_and_markdown(app, closed, chair):
    play, _ids = closed
    play.approve(1)
    word = chair.get(f"/meetings/{play.meeting_id}/summary/1/full.docx")
    assert word.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "attachment" in word.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(word.data))
    assert document.paragraphs[0].style.name == "Heading 1"
    assert any("CLOSED-SESSION" in c.text for t in document.tables for r in t.rows for c in r.cells)
    family = chair.get(f"/meetings/{play.meeting_id}/summary/1/family.docx?lang=both")
    assert family.status_code == 200 and b"CLOSED-SESSION" not in family.data
    md = chair.get(f"/meetings/{play.meeting_id}/summary/1/full.md")
    assert md.mimetype == "text/markdown" and md.get_data(as_text=True).startswith(
        "# Initial child protection"
    )
    assert chair.get(f"/meetings/{play.meeting_id}/summary/1/full.pdf").status_code == 404


def test_a_practitioner_device_reads_the_full_copy(app, closed):
    play, _ids = closed
    phone = _device(app, play.meeting_id, "nias-phone-token")
    assert phone.get(f"/meetings/{play.meeting_id}/summary/1/full").status_code == 200
    assert b"Approve version" not in phone.get(f"/meetings/{play.meeting_id}/summary").data


def test_strangers_read_nothing(app, closed):
    play, _ids = closed
    stranger = app.test_client()
    assert stranger.get(f"/meetings/{play.meeting_id}/summary").status_code == 403
    assert stranger.get(f"/meetings/{play.meeting_id}/summary/1/family.docx").status_code == 403
    assert (
        _device(app, play.meeting_id, "someone-else").get(f"/meetings/{play.meeting_id}/progress").status_code
        == 403
    )


def test_the_chair_starts_the_core_group_from_the_page(closed, chair):
    play, _ids = closed
    play.approve(1)
    page = chair.get(f"/meetings/{play.meeting_id}/summary").get_data(as_text=True)
    assert "Start the core group" in page and 'value="2026-12-15"' in page
    response = chair.post(
        f"/meetings/{play.meeting_id}/next",
        data={"csrf_token": csrf(chair), "kind": "core_group", "meeting_date": "2026-12-14"},
    )
    assert response.status_code == 302 and response.location.endswith("/console")


def test_the_print_stylesheet_prints_a_document():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "print.css").read_text()
    assert "counter(page)" in css and "counter(pages)" in css
    assert ".summary-break { break-before: page" in css
    assert "nav" in css and "display: none" in css


def test_the_builder_is_pure():
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "meeting" / "summary"
    for name in ("build.py", "record.py", "chart.py"):
        tree = ast.parse((root / name).read_text())
        imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not any(
            m.split(".")[0] in ("flask", "sqlalchemy", "flask_babel") or "models" in m or "operations" in m
            for m in imported
        ), (name, imported)
