"""Every free-text field, fed the OWASP XSS filter-evasion vectors, yields no executable markup:
in the summary page (both copies, every language), the Word document and the Markdown file."""

import pytest

from meeting.operations import summaries
from meeting.summary import build, render
from meeting.summary.markup import clean_html

from .conftest import play_conference
from .factories import record_with_text
from .vectors import XSS_VECTORS, docx_problems, executable_markup, markdown_problems

IDS = [f"v{i:02d}" for i in range(len(XSS_VECTORS))]


@pytest.mark.parametrize("vector", XSS_VECTORS, ids=IDS)
def test_sanitiser_leaves_nothing_executable(vector):
    assert executable_markup(clean_html(vector)) == []


@pytest.mark.parametrize("vector", XSS_VECTORS, ids=IDS)
@pytest.mark.parametrize("copy", build.COPIES)
def test_every_field_in_every_format_is_inert(app, vector, copy):
    record = record_with_text(vector)
    edits = {build.NOTE_EVERYONE: vector, build.NOTE_PRACTITIONERS: vector}
    with app.test_request_context():
        for lang in ("en", "both"):
            html = str(render.render(record, edits, copy, "html", lang))
            assert executable_markup(html) == [], lang
        assert docx_problems(render.render(record, edits, copy, "docx", "en")) == []
        assert docx_problems(render.render(record, edits, copy, "docx", "both")) == []
        assert markdown_problems(render.render(record, edits, copy, "md", "en")) == []


def test_a_safe_link_survives_and_a_script_link_does_not(app):
    text = "[plan](https://example.org/plan) and [bad](javascript:alert(1)) and [mail](mailto:sw@example.org)"
    with app.test_request_context():
        html = str(render.render(record_with_text(text), {}, "full", "html"))
        data = render.render(record_with_text(text), {}, "full", "docx")
    assert 'href="https://example.org/plan"' in html and 'href="mailto:sw@example.org"' in html
    assert 'href="javascript' not in html.lower()
    assert docx_problems(data) == []


@pytest.mark.parametrize("vector", XSS_VECTORS[::5])
def test_vectors_typed_in_the_meeting_are_inert_on_the_pages(app, make_play, chair_user, vector):
    """Through the real operations and the real pages, as the chair and as a family device."""
    from tests.conftest import PASSWORD, sign_in

    play = make_play()
    ids = play_conference(play)
    play.cmd(play.chair, "update_area", area_id=ids["home"], agreed_wording=vector, family_words=vector)
    play.say(ids["sian"], ids["home"], "family_words", vector)
    play.say(ids["nia"], ids["home"], "worry", vector)
    play.scale(ids["alcohol"], [(ids["sian"], 5, vector), (ids["nia"], 2, vector)], 3, vector)
    version = play.close()
    summaries.correct_summary(
        play.session, play.meeting_id, play.chair, {build.NOTE_EVERYONE: vector}, vector, play.now()
    )
    play.session.commit()
    play.approve(version.number)
    client = app.test_client()
    sign_in(client, chair_user.email, PASSWORD)
    for path in ("summary", "summary/1/full", "summary/1/family?lang=both", "summary/correct", "progress"):
        page = client.get(f"/meetings/{play.meeting_id}/{path}")
        assert page.status_code == 200, path
        assert (
            executable_markup(page.get_data(as_text=True), "//article | //main//table", allow_chrome=False)
            == []
        ), path
    data = client.get(f"/meetings/{play.meeting_id}/summary/1/family.docx").data
    assert docx_problems(data) == []
